/**
 * Helpers of the validation tests (`*.validation.test.ts`) and of the tests of single checks: the row types
 * of the rejection and acceptance tables, the problems of a props error and the assertions on it, Tokens that
 * stand for props known only at deploy time, and the references and fixtures several blocks' rows share.
 */
import { Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { testStack } from './util';
import { CERT_ARN } from './web-service-fixture';
import { NatGateways, SecureFargateWebService, SecureFargateWebServiceProps, ServiceEndpoint } from '../src';
import { PropsValidator } from '../src/private/validation';

// ---------------------------------------------------------------------------------------------------------
// Rows and assertions
// ---------------------------------------------------------------------------------------------------------

/** A row of a rejection table: what is wrong, the props, and the exact problem line (after "  - "). */
export type Rejection<P> = [description: string, props: P, message: string];

/** A row of an acceptance table: the Tokens given, and the props that carry them. */
export type Acceptance<P> = [description: string, props: P];

/**
 * The problem lines (without the "  - " bullet) of the props error `attempt` throws: none when it throws
 * nothing. Any other error is thrown on. With `runCheck`, the problems one check records.
 */
export function problemsOf(attempt: () => unknown): string[] {
  try {
    attempt();
  } catch (error) {
    const [header, ...lines] = (error as Error).message.split('\n');
    if (!/^Invalid \S+ props:$/.test(header)) throw error;
    return lines.map((line) => line.replace(/^ {2}- /, ''));
  }
  return [];
}

/**
 * Asserts that `attempt` reports `message`, and only it, under the header of `owner`. The attempt runs once, so
 * that it may add constructs to a scope it shares with what came before.
 */
export function expectOnlyProblem(owner: string, attempt: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    attempt();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as Error).message).toContain(message);
  expect((thrown as Error).message).toBe(`Invalid ${owner} props:\n  - ${message}`);
}

/**
 * Runs one check on a fresh validator, and throws what it recorded: for the checks' own cases, and for
 * props that aws-cdk-lib itself refuses, so that no construct can be built with them.
 */
export const runCheck = (run: (v: PropsValidator) => void) => () => {
  const v = new PropsValidator('Check');
  run(v);
  v.throwIfAny();
};

/** The problem lines one check records on a fresh validator: none when it records nothing. */
export const problemsOfCheck = (run: (v: PropsValidator) => void) => problemsOf(runCheck(run));

// ---------------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------------

/** A number known only at deploy time, that would resolve to `value`. */
export const lazyNumber = (value: number) => Lazy.number({ produce: () => value });
/** A string known only at deploy time, that would resolve to `value`. */
export const lazyString = (value: string) => Lazy.string({ produce: () => value });
/** A number Token that resolves to a reference, as a CloudFormation parameter's value does. */
export const parameterNumber = (name: string) => Token.asNumber({ Ref: name });
/** A string Token that resolves to a reference, as a CloudFormation parameter's value does. */
export const parameterString = (name: string) => Token.asString({ Ref: name });
/** A duration in seconds known only at deploy time. */
export const lazySeconds = (value: number) => Duration.seconds(lazyNumber(value));
/** A duration in minutes known only at deploy time (aws-cdk-lib refuses it where it asks for seconds). */
export const lazyMinutes = (value: number) => Duration.minutes(lazyNumber(value));

// ---------------------------------------------------------------------------------------------------------
// References and fixtures
// ---------------------------------------------------------------------------------------------------------

export const ACCOUNT = '123456789012';

export const certificateArn = (region: string) => `arn:aws:acm:${region}:${ACCOUNT}:certificate/viewer`;
/** A web ACL for a load balancer, and one for a CloudFront distribution. */
export const REGIONAL_WEB_ACL_ARN = `arn:aws:wafv2:us-west-2:${ACCOUNT}:regional/webacl/own/abc`;
export const CLOUDFRONT_WEB_ACL_ARN = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge/abc`;

export const PUBLIC_IMAGE = 'public.ecr.aws/example/app:1.0';
export const image = (name: string) => ecs.ContainerImage.fromRegistry(name);

type SubnetTier = 'public' | 'private' | 'isolated';

/** An imported VPC in two zones with subnets of the given tiers. */
export function importedVpc(scope: Construct, id: string, tiers: SubnetTier[] = ['public', 'private']): ec2.IVpc {
  const subnets = (tier: SubnetTier) => (tiers.includes(tier) ? [`subnet-${tier}-a`, `subnet-${tier}-b`] : undefined);
  return ec2.Vpc.fromVpcAttributes(scope, id, {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-west-2a', 'us-west-2b'],
    publicSubnetIds: subnets('public'),
    privateSubnetIds: subnets('private'),
    isolatedSubnetIds: subnets('isolated'),
  });
}

/**
 * References the rejection rows pass in: validation runs before anything uses them, so they live in one
 * stack of their own. (Acceptance rows build everything in their own stack.)
 */
export function givenReferences() {
  const shared = testStack();
  return {
    publicOnlyVpc: importedVpc(shared, 'PublicOnlyVpc', ['public']),
    privateOnlyVpc: importedVpc(shared, 'PrivateOnlyVpc', ['private']),
    isolatedVpc: importedVpc(shared, 'IsolatedVpc', ['public', 'isolated']),
    vpc: importedVpc(shared, 'Vpc'),
    usEast1Certificate: acm.Certificate.fromCertificateArn(shared, 'UsEast1Cert', certificateArn('us-east-1')),
    euWest1Certificate: acm.Certificate.fromCertificateArn(shared, 'EuWest1Cert', certificateArn('eu-west-1')),
    regionalCertificate: acm.Certificate.fromCertificateArn(shared, 'RegionalCert', CERT_ARN),
    bucket: s3.Bucket.fromBucketName(shared, 'Bucket', 'flow-logs'),
    key: kms.Key.fromKeyArn(shared, 'Key', `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`),
    topic: sns.Topic.fromTopicArn(shared, 'Topic', `arn:aws:sns:us-west-2:${ACCOUNT}:alerts`),
    secret: ecs.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretNameV2(shared, 'Secret', 'database')),
  };
}

/** A Fargate service behind an internet-facing load balancer, with a log group: the observability blocks' inputs. */
export function serviceFixture(stack: Stack) {
  const vpc = importedVpc(stack, 'Vpc');
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('App', { image: image(PUBLIC_IMAGE), portMappings: [{ containerPort: 3000 }] });
  const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  const targetGroup = loadBalancer.addListener('Http', { port: 80 }).addTargets('Web', {
    port: 3000,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targets: [service],
  });
  const logGroup = new logs.LogGroup(stack, 'Logs');
  return { vpc, service, loadBalancer, targetGroup, logGroup };
}

/**
 * A `SecureFargateWebService` 'Web' in us-west-2 without NAT, its image in that Region's ECR, with `endpoints`
 * (the ones Fargate needs, by default) and `props`.
 */
export function webServiceWithoutNat(
  props: Partial<SecureFargateWebServiceProps> = {},
  endpoints: ServiceEndpoint[] = ServiceEndpoint.forFargate(),
): SecureFargateWebService {
  const stack = testStack({ env: { account: ACCOUNT, region: 'us-west-2' } });
  return new SecureFargateWebService(stack, 'Web', {
    image: image(`${ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com/app:1.0`),
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', certificateArn('us-west-2')),
    network: { natGateways: NatGateways.none(), endpoints },
    ...props,
  });
}
