import { CfnResource, Fn, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, resourceFinding } from '../../src/private/acknowledge';
import { testStack } from '../util';

const REASON = 'A reason of ten or more characters.';
const acknowledged = (c: Construct) =>
  c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data);

describe('acknowledge', () => {
  test('records the cdk-nag 3 acknowledgement and merges cdk-nag 2 metadata into the resource', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    const cfn = bucket.node.defaultChild as CfnResource;
    cfn.addMetadata('cdk_nag', {
      rules_to_suppress: [{ id: 'AwsSolutions-S10', reason: 'set elsewhere before' }],
      other: 1,
    });

    acknowledge(bucket, 'AwsSolutions-S1', REASON);
    acknowledge(bucket, 'AwsSolutions-S1', REASON); // idempotent

    expect(acknowledged(bucket)).toContainEqual({ 'annotation::AwsSolutions-S1': REASON });
    expect(cfn.getMetadata('cdk_nag')).toEqual({
      other: 1,
      rules_to_suppress: [
        { id: 'AwsSolutions-S10', reason: 'set elsewhere before' },
        { id: 'AwsSolutions-S1', reason: REASON },
      ],
    });
  });

  test('granular findings: one cdk-nag 3 id each, cdk-nag 2 applies_to on every resource below', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));

    acknowledge(role, 'AwsSolutions-IAM5', REASON, ['Resource::*', 'Resource::arn:aws:s3:::logs/*']);

    const ids = acknowledged(role).flatMap((data) => Object.keys(data as object));
    expect(ids).toEqual(
      expect.arrayContaining(['AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::arn:aws:s3:::logs/*]']),
    );
    const expected = {
      rules_to_suppress: [
        { id: 'AwsSolutions-IAM5', reason: REASON, applies_to: ['Resource::*', 'Resource::arn:aws:s3:::logs/*'] },
      ],
    };
    expect((role.node.defaultChild as CfnResource).getMetadata('cdk_nag')).toEqual(expected);
    expect((role.node.findChild('DefaultPolicy').node.defaultChild as CfnResource).getMetadata('cdk_nag')).toEqual(
      expected,
    );
  });

  test.each([
    ['a finding in the rule id', 'AwsSolutions-IAM5[Resource::*]', REASON, undefined, /expected 'Pack-Rule'/],
    ['a short reason', 'AwsSolutions-S1', 'too short', undefined, /at least 10 characters/],
    ['an empty appliesTo', 'AwsSolutions-IAM5', REASON, [], /appliesTo for AwsSolutions-IAM5 is empty/],
  ])('rejects %s', (_name, ruleId, reason, appliesTo, error) => {
    const bucket = new s3.Bucket(testStack(), 'Bucket');
    expect(() => acknowledge(bucket, ruleId, reason, appliesTo)).toThrow(error);
  });

  test('rejects a construct without CloudFormation resources', () => {
    const empty = new Construct(testStack(), 'Empty');
    expect(() => acknowledge(empty, 'AwsSolutions-S1', REASON)).toThrow(/has no CloudFormation resources/);
  });
});

describe('resourceFinding', () => {
  test.each<[string, () => string, string]>([
    ['a literal', () => 'arn:aws:s3:::logs/*', 'Resource::arn:aws:s3:::logs/*'],
    ['a reference', () => `${Token.asString({ Ref: 'Bucket' })}/*`, 'Resource::<Bucket>/*'],
    [
      'an attribute joined with pseudo parameters',
      () => `${Token.asString({ 'Fn::GetAtt': ['Bucket', 'Arn'] })}/logs/*`,
      'Resource::<Bucket.Arn>/logs/*',
    ],
    ['an import', () => `${Fn.importValue('Data:BucketArn')}/*`, 'Resource::Data:BucketArn/*'],
    ['a substitution', () => Fn.sub('arn:${AWS::Partition}:s3:::logs/*'), 'Resource::arn:<AWS::Partition>:s3:::logs/*'],
    [
      'anything else, as JSON',
      () => Token.asString({ 'Fn::Select': [0, ['a']] }),
      'Resource::{"Fn::Select":[0,["a"]]}',
    ],
  ])('%s, as cdk-nag flattens it', (_, resource, finding) => {
    const stack = new Stack();
    expect(resourceFinding(stack, resource())).toBe(finding);
  });
});
