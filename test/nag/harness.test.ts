import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledge } from '../../src/private/acknowledge';
import { testApp } from '../util';
import { ALL_PACKS, formatFindings, installedNagModules, NagFinding, nagFindings, nagMajor } from './harness';

/** A VPC without flow logs, an S3 bucket without access logging and a role with wildcard grants. */
function demoStack(app: App = testApp()): { stack: Stack; bucket: s3.Bucket; role: iam.Role } {
  const stack = new Stack(app, 'Demo');
  new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
  const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*', 'arn:aws:s3:::logs/*'] }));
  return { stack, bucket, role };
}

const ids = (findings: NagFinding[]): string[] => findings.map((f) => `${f.id} @ ${f.path}`);

const modules = installedNagModules();

describe.each(modules)('nag harness with %s', (moduleName) => {
  const major = nagMajor(moduleName);
  const run = (scope: Stack): NagFinding[] => nagFindings(scope, { module: moduleName });

  test(`detects cdk-nag ${major} and reports errors as plain data`, () => {
    const { stack } = demoStack();
    const findings = run(stack);

    expect(findings.length).toBeGreaterThan(20);
    expect(new Set(findings.map((f) => f.pack))).toEqual(new Set(ALL_PACKS));
    expect(findings).toContainEqual({
      id: 'AwsSolutions-S1',
      pack: 'AwsSolutions',
      ruleId: 'AwsSolutions-S1',
      level: 'error',
      path: 'Demo/Bucket/Resource',
      message: 'The S3 Bucket has server access logs disabled.',
    });
    expect(findings).toContainEqual(
      expect.objectContaining({ id: 'NIST.800.53.R5-VPCFlowLogsEnabled', path: 'Demo/Vpc/Resource' }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        id: 'AwsSolutions-IAM5[Resource::*]',
        ruleId: 'AwsSolutions-IAM5',
        findingId: 'Resource::*',
      }),
    );
    // Warnings too: without the restrictDefaultSecurityGroup flag the VPC's default security group is open.
    expect(findings).toContainEqual(
      expect.objectContaining({
        id: 'NIST.800.53.R5-VPCDefaultSecurityGroupClosed',
        level: 'warning',
        path: 'Demo/Vpc/Resource',
      }),
    );
  });

  test('an acknowledged rule disappears; the others remain', () => {
    const before = run(demoStack().stack);
    const { stack, bucket } = demoStack();
    acknowledge(bucket, 'AwsSolutions-S1', 'Access logging is not wanted for this demo bucket.');
    const after = run(stack);

    expect(ids(before)).toContain('AwsSolutions-S1 @ Demo/Bucket/Resource');
    expect(ids(after)).toEqual(ids(before).filter((id) => id !== 'AwsSolutions-S1 @ Demo/Bucket/Resource'));
    // The same rule in another pack is a different id and stays.
    expect(ids(after)).toContain('NIST.800.53.R5-S3BucketLoggingEnabled @ Demo/Bucket/Resource');
  });

  test('granular findings are acknowledged one by one, on an ancestor construct', () => {
    const { stack, role } = demoStack();
    // The finding is on Role/DefaultPolicy/Resource; the acknowledgement is on the Role.
    acknowledge(role, 'AwsSolutions-IAM5', 'Read access to any object is intended here.', [
      'Resource::*',
      'Resource::arn:aws:s3:::logs/*',
    ]);
    const iam5 = run(stack).filter((f) => f.ruleId === 'AwsSolutions-IAM5');
    expect(iam5).toEqual([]);
  });

  test('acknowledgements added after a first run count', () => {
    const { stack, bucket } = demoStack();
    expect(ids(run(stack))).toContain('AwsSolutions-S1 @ Demo/Bucket/Resource');
    acknowledge(bucket, 'AwsSolutions-S1', 'Access logging is not wanted for this demo bucket.');
    expect(ids(run(stack))).not.toContain('AwsSolutions-S1 @ Demo/Bucket/Resource');
  });

  test('a compliant scope has no findings', () => {
    const { stack } = demoStack();
    const empty = new Stack(stack.node.root as App, 'Empty');
    expect(formatFindings(nagFindings(empty, { module: moduleName }))).toEqual([]);
  });
});

test('both majors are installed and report the same findings', () => {
  expect(modules).toEqual(['cdk-nag', 'cdk-nag-v2']);
  const [a, b] = modules.map((m) => nagFindings(demoStack().stack, { module: m }));
  expect(a).toEqual(b);
});
