import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DENY_GRANTS_STATEMENT } from './deny-grants-statement';
import { createKey } from '../../src/private/kms-key';
import { testStack } from '../util';

describe('createKey', () => {
  test('a rotated key with its description, kept except after a failed create', () => {
    // GIVEN a stack WHEN a key is created with the defaults
    const stack = testStack();
    createKey(stack, 'Key', { description: 'Encrypts tests' });
    // THEN it rotates, and CloudFormation deletes it only when the create that made it rolls back
    Template.fromStack(stack).hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, Description: 'Encrypts tests' },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('removalPolicy overrides the policy', () => {
    const stack = testStack();
    createKey(stack, 'Key', { description: 'Encrypts tests', removalPolicy: RemovalPolicy.RETAIN });
    Template.fromStack(stack).hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('the key policy denies grants to anyone but AWS services and services acting for a user (CT.KMS.PR.3)', () => {
    const stack = testStack();
    createKey(stack, 'Key', { description: 'Encrypts tests' });
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([DENY_GRANTS_STATEMENT]) },
    });
  });
});
