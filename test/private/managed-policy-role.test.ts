import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ManagedPolicyRole } from '../../src/private/managed-policy-role';
import { testStack } from '../util';

describe('ManagedPolicyRole', () => {
  test('grants land in one attached customer managed policy, never an inline one', () => {
    const stack = testStack();
    const role = new ManagedPolicyRole(
      stack,
      'Role',
      { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') },
      'For tests',
    );
    expect(role.allows('s3:GetObject*')).toBe(false);
    s3.Bucket.fromBucketName(stack, 'B', 'some-bucket').grantRead(role);
    role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-west-2:1:q'] }),
    );
    expect(role.allows('sqs:SendMessage')).toBe(true);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: 'For tests',
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }],
    });
  });

  test('no policy until something is granted', () => {
    const stack = testStack();
    new ManagedPolicyRole(
      stack,
      'Role',
      { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') },
      'For tests',
    );
    Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });
});
