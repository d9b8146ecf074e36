import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccessLogBucket } from '../../src';
import { testStack } from '../util';

describe('AccessLogBucket', () => {
  test('glacierTransitionAfter and expireAfter override the lifecycle', () => {
    const stack = testStack();
    new AccessLogBucket(stack, 'Logs', { glacierTransitionAfter: Duration.days(90), expireAfter: Duration.days(400) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ ExpirationInDays: 400, Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }] }),
        ],
      },
    });
  });

  test('grantLogDelivery scopes the grant to the prefix and this account', () => {
    const stack = testStack();
    const logs = new AccessLogBucket(stack, 'Logs');
    logs.grantLogDelivery('web');
    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowElbLogDelivery',
            Resource: {
              'Fn::Join': [
                '',
                [
                  { 'Fn::GetAtt': [Match.stringLikeRegexp('LogsBucket'), 'Arn'] },
                  '/web/AWSLogs/',
                  { Ref: 'AWS::AccountId' },
                  '/*',
                ],
              ],
            },
          }),
        ]),
      },
    });
  });
});
