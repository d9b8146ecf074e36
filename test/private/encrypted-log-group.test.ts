import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { DENY_GRANTS_STATEMENT } from './deny-grants-statement';
import { createEncryptedLogGroup } from '../../src/private/encrypted-log-group';
import { testStack } from '../util';

describe('createEncryptedLogGroup', () => {
  test('a log group and a rotated key, kept on deletion and replacement, not after a failed create', () => {
    const stack = testStack();
    const { encryptionKey } = createEncryptedLogGroup(stack, 'Logs', {
      retention: logs.RetentionDays.ONE_WEEK,
      purpose: 'tests',
    });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        RetentionInDays: 7,
        KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(encryptionKey.node.defaultChild as kms.CfnKey), 'Arn'] },
      },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, Description: 'Encrypts tests' },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('a fixed name (such as aws-waf-logs-...) is deleted when its create rolls back, so a retry can take it again', () => {
    // GIVEN a log group with a fixed name, with a new key and with a key given
    for (const given of [false, true]) {
      const stack = testStack();
      const encryptionKey = given
        ? kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-west-2:123456789012:key/abc')
        : undefined;
      createEncryptedLogGroup(stack, 'Logs', {
        retention: logs.RetentionDays.ONE_WEEK,
        purpose: 'tests',
        logGroupName: 'aws-waf-logs-test',
        encryptionKey,
      });
      // THEN CloudFormation keeps it on deletion and replacement, but not after a failed create
      Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
        Properties: Match.objectLike({ LogGroupName: 'aws-waf-logs-test' }),
        DeletionPolicy: 'RetainExceptOnCreate',
        UpdateReplacePolicy: 'Retain',
      });
    }
  });

  test('removalPolicy RETAIN keeps the log group and its new key even after a failed create', () => {
    const stack = testStack();
    createEncryptedLogGroup(stack, 'Logs', {
      retention: logs.RetentionDays.ONE_WEEK,
      purpose: 'tests',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('a fixed name with removalPolicy RETAIN is refused: the retry after a failed create would collide with it', () => {
    const stack = testStack();
    expect(() =>
      createEncryptedLogGroup(stack, 'Logs', {
        retention: logs.RetentionDays.ONE_WEEK,
        purpose: 'tests',
        logGroupName: 'aws-waf-logs-test',
        removalPolicy: RemovalPolicy.RETAIN,
      }),
    ).toThrow(
      'Log group aws-waf-logs-test has a fixed name: RemovalPolicy.RETAIN would keep it after a failed create and make the retry fail; use RETAIN_ON_UPDATE_OR_DELETE',
    );
  });

  test('the new key denies grants except to AWS services (CT.KMS.PR.3)', () => {
    const stack = testStack();
    createEncryptedLogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_WEEK, purpose: 'tests' });
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([DENY_GRANTS_STATEMENT]) },
    });
  });

  test.each([
    ['an unnamed log group: the name CloudFormation gives it, <stack>-<logical id>-<suffix>', undefined],
    ['a named log group: its name', '/app/named'],
  ])('the new key admits CloudWatch Logs for that one log group only: %s', (_name, logGroupName) => {
    const stack = testStack();
    const { logGroup } = createEncryptedLogGroup(stack, 'Logs', {
      retention: logs.RetentionDays.ONE_WEEK,
      purpose: 'tests',
      logGroupName,
    });
    const logicalId = stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup);
    const name = logGroupName
      ? [`:log-group:${logGroupName}`]
      : [':log-group:', { Ref: 'AWS::StackName' }, `-${logicalId}-*`];
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowCloudWatchLogsForThisLogGroup',
            Effect: 'Allow',
            Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':logs:',
                      { Ref: 'AWS::Region' },
                      ':',
                      { Ref: 'AWS::AccountId' },
                      ...name,
                    ],
                  ],
                },
              },
            },
          },
        ]),
      },
    });
  });

  test('a key given is used, none created', () => {
    const stack = testStack();
    const key = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-west-2:123456789012:key/abc');
    createEncryptedLogGroup(stack, 'Logs', {
      retention: logs.RetentionDays.ONE_WEEK,
      purpose: 'tests',
      encryptionKey: key,
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: 'arn:aws:kms:us-west-2:123456789012:key/abc' });
  });
});
