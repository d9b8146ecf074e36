import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { createEncryptedLogGroup } from '../../src/private/encrypted-log-group';
import { testStack } from '../util';

describe('createEncryptedLogGroup', () => {
  test('a retained log group and a rotated, retained key', () => {
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
      DeletionPolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, Description: 'Encrypts tests' },
      DeletionPolicy: 'Retain',
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
