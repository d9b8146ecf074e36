import { Template } from 'aws-cdk-lib/assertions';
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
