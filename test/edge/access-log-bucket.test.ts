import { Duration, Lazy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccessLogBucket } from '../../src';
import { testStack } from '../util';

describe('AccessLogBucket', () => {
  test('kept even after a failed create: ELB writes a test object at once, and CloudFormation cannot delete a bucket that holds one', () => {
    const stack = testStack();
    new AccessLogBucket(stack, 'Logs');
    Template.fromStack(stack).hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ BucketName: Match.absent() }),
    });
  });

  test('by default, logs move to Glacier after 30 days and expire after 365', () => {
    const stack = testStack();
    new AccessLogBucket(stack, 'Logs');
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ ExpirationInDays: 365, Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }] }),
        ],
      },
    });
  });

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

  test('a transition after 0 days and an expiry after 1 day are the shortest allowed', () => {
    const stack = testStack();
    new AccessLogBucket(stack, 'Logs', { glacierTransitionAfter: Duration.days(0), expireAfter: Duration.hours(24) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ ExpirationInDays: 1, Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 0 }] }),
        ],
      },
    });
  });

  test.each([
    [
      'a transition after a day and a half',
      { glacierTransitionAfter: Duration.hours(36) },
      'glacierTransitionAfter 1 day 12 hours is not allowed; allowed: a whole number of days, 0 or more',
    ],
    [
      'an expiry after 0 days',
      { glacierTransitionAfter: Duration.days(0), expireAfter: Duration.days(0) },
      'expireAfter 0 days is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'an expiry before the default transition',
      { expireAfter: Duration.days(29) },
      'expireAfter 29 days is not after glacierTransitionAfter 30 days; allowed: expireAfter > glacierTransitionAfter',
    ],
    [
      'an expiry at the transition',
      { glacierTransitionAfter: Duration.days(400), expireAfter: Duration.days(400) },
      'expireAfter 400 days is not after glacierTransitionAfter 400 days; allowed: expireAfter > glacierTransitionAfter',
    ],
  ])('rejects %s', (_, props, message) => {
    expect(() => new AccessLogBucket(testStack(), 'Logs', props)).toThrow(
      new Error(`Invalid AccessLogBucket props:\n  - ${message}`),
    );
  });

  test('reports both durations at once', () => {
    const props = { glacierTransitionAfter: Duration.hours(12), expireAfter: Duration.minutes(90) };
    expect(() => new AccessLogBucket(testStack(), 'Logs', props)).toThrow(
      new Error(
        [
          'Invalid AccessLogBucket props:',
          '  - glacierTransitionAfter 12 hours is not allowed; allowed: a whole number of days, 0 or more',
          '  - expireAfter 1 hour 30 minutes is not allowed; allowed: a whole number of days, at least 1',
        ].join('\n'),
      ),
    );
  });

  test('durations that are Tokens pass unchecked, into the lifecycle rule', () => {
    const stack = testStack();
    const days = (n: number) => Duration.days(Lazy.number({ produce: () => n }));
    new AccessLogBucket(stack, 'Logs', { glacierTransitionAfter: days(400), expireAfter: days(1) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ ExpirationInDays: 1, Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 400 }] }),
        ],
      },
    });
  });
});
