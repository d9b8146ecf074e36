/**
 * The "bad input" catalogue: every validation message of the L3 and of each building block, with the
 * exact text a user reads, and proof that the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  AccessLogBucket,
  AccountAudit,
  AccountAuditProps,
  AccessLogBucketProps,
  AlertTopics,
  AlertTopicsProps,
  CapacityMix,
  CloudFrontEdge,
  CloudFrontEdgeProps,
  CostAssumptions,
  CostDrivers,
  CostEstimate,
  CostPrices,
  FindingPublishingFrequency,
  HardenedFargateService,
  HardenedFargateServiceProps,
  HttpsLoadBalancer,
  HttpsLoadBalancerProps,
  NatGateways,
  ScalingMode,
  ServiceAlarms,
  ServiceAlarmsProps,
  ServiceAutoScaling,
  ServiceAutoScalingProps,
  ServiceDashboard,
  ServiceDashboardProps,
  ServiceDomain,
  ServiceDomainProps,
  ServiceEndpoint,
  WebApplicationFirewall,
  WebApplicationFirewallProps,
  FirewallScope,
  ManagedRuleAction,
  WebServiceNetwork,
  WebServiceNetworkProps,
} from '../src';
import { EDGE_WEB_ACL_ARN } from './nag/web-service-configurations';
import { pinnedStack, testApp, testStack } from './util';
import { build, CERT_ARN, Options as WebServiceOptions } from './web-service-fixture';
import { checkServiceAlarmsProps } from '../src/private/alarm-checks';
import { checkHttpsLoadBalancerProps } from '../src/private/edge-checks';
import { checkServiceAutoScalingProps } from '../src/private/service-checks';
import { PropsValidator } from '../src/private/validation';

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

/** A row of a rejection table: what is wrong, the props, and the exact problem line (after "  - "). */
type Rejection<P> = [description: string, props: P, message: string];

/** A row of an acceptance table: the Tokens given, and the props that carry them. */
type Acceptance<P> = [description: string, props: P];

/** The problem lines of the error `attempt` throws. */
function problemsOf(attempt: () => unknown): string[] {
  try {
    attempt();
  } catch (error) {
    return (error as Error).message
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .map((line) => line.slice(4));
  }
  throw new Error('expected a validation error, and nothing was thrown');
}

/** Asserts that `attempt` reports `message`, and only it, under the header of `owner`. */
function expectOnlyProblem(owner: string, attempt: () => unknown, message: string): void {
  expect(attempt).toThrow(message);
  expect(attempt).toThrow(new Error(`Invalid ${owner} props:\n  - ${message}`));
}

/** A number known only at deploy time, that would resolve to `value`. */
const lazyNumber = (value: number) => Lazy.number({ produce: () => value });
/** A string known only at deploy time, that would resolve to `value`. */
const lazyString = (value: string) => Lazy.string({ produce: () => value });
/** A number Token that resolves to a reference, as a CloudFormation parameter's value does. */
const parameterNumber = (name: string) => Token.asNumber({ Ref: name });
/** A duration in seconds known only at deploy time. */
const lazySeconds = (value: number) => Duration.seconds(lazyNumber(value));

const ACCOUNT = '123456789012';
const ZONES_OF_US_WEST_2 = ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d'];

/** A stack pinned to us-west-2 whose app knows the Region's four Availability Zones. */
function stackWithKnownZones(): Stack {
  const app = testApp('no flags', {
    context: { [`availability-zones:account=${ACCOUNT}:region=us-west-2`]: ZONES_OF_US_WEST_2 },
  });
  return new Stack(app, 'Test', { env: { account: ACCOUNT, region: 'us-west-2' } });
}

type SubnetTier = 'public' | 'private' | 'isolated';

/** An imported VPC in two zones with subnets of the given tiers. */
function importedVpc(scope: Construct, id: string, tiers: SubnetTier[] = ['public', 'private']): ec2.IVpc {
  const subnets = (tier: SubnetTier) => (tiers.includes(tier) ? [`subnet-${tier}-a`, `subnet-${tier}-b`] : undefined);
  return ec2.Vpc.fromVpcAttributes(scope, id, {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-west-2a', 'us-west-2b'],
    publicSubnetIds: subnets('public'),
    privateSubnetIds: subnets('private'),
    isolatedSubnetIds: subnets('isolated'),
  });
}

const certificateArn = (region: string) => `arn:aws:acm:${region}:${ACCOUNT}:certificate/viewer`;
/** A web ACL for a load balancer, and one for a CloudFront distribution. */
const REGIONAL_WEB_ACL_ARN = `arn:aws:wafv2:us-west-2:${ACCOUNT}:regional/webacl/own/abc`;
const CLOUDFRONT_WEB_ACL_ARN = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge/abc`;

/**
 * References the rejection rows pass in: validation runs before anything uses them, so they live in one
 * stack of their own. (Acceptance rows build everything in their own stack.)
 */
const shared = testStack();
const given = {
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

const PUBLIC_IMAGE = 'public.ecr.aws/example/app:1.0';
const ECR_IMAGE_US_WEST_2 = `${ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com/app:1.0`;
const ECR_IMAGE_US_EAST_1 = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:1.0`;
const image = (name: string) => ecs.ContainerImage.fromRegistry(name);

/** A Fargate service behind an internet-facing load balancer, with a log group: the observability blocks' inputs. */
function serviceFixture(stack: Stack) {
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

// ---------------------------------------------------------------------------------------------------------
// Builders: one per construct, each in a fresh stack, with `props` over working defaults
// ---------------------------------------------------------------------------------------------------------

const buildWebService = (options: WebServiceOptions) => build(options);

type NetworkOptions = WebServiceNetworkProps & {
  /** Build in a stack pinned to us-west-2, whose four zones are known. */
  pinned?: boolean;
};
function buildNetwork({ pinned = false, ...props }: NetworkOptions): WebServiceNetwork {
  return new WebServiceNetwork(pinned ? stackWithKnownZones() : testStack(), 'Network', props);
}

function buildLoadBalancer(props: Partial<HttpsLoadBalancerProps>): HttpsLoadBalancer {
  const stack = testStack();
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  return new HttpsLoadBalancer(stack, 'Edge', { vpc: importedVpc(stack, 'Vpc'), certificate, ...props });
}

function buildDomain(props: Partial<ServiceDomainProps>): ServiceDomain {
  const stack = testStack();
  const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
  return new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone, ...props });
}

const buildFirewall = (props: WebApplicationFirewallProps) => new WebApplicationFirewall(testStack(), 'Waf', props);

function buildCloudFront(props: Partial<CloudFrontEdgeProps>): CloudFrontEdge {
  const stack = testStack();
  const vpc = importedVpc(stack, 'Vpc');
  const loadBalancerSecurityGroup = new ec2.SecurityGroup(stack, 'AlbSg', { vpc, allowAllOutbound: false });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
    vpc,
    internetFacing: false,
    securityGroup: loadBalancerSecurityGroup,
  });
  return new CloudFrontEdge(stack, 'Edge', { vpc, loadBalancer, loadBalancerSecurityGroup, ...props });
}

const buildAccessLogBucket = (props: AccessLogBucketProps) => new AccessLogBucket(testStack(), 'AccessLogs', props);

function buildFargateService(props: Partial<HardenedFargateServiceProps>): HardenedFargateService {
  const stack = testStack();
  return new HardenedFargateService(stack, 'Service', {
    vpc: importedVpc(stack, 'Vpc'),
    image: image(PUBLIC_IMAGE),
    ...props,
  });
}

function buildAutoScaling(props: Partial<ServiceAutoScalingProps>): ServiceAutoScaling {
  const stack = testStack();
  const { service, targetGroup } = serviceFixture(stack);
  return new ServiceAutoScaling(stack, 'Scaling', { service, targetGroup, ...props });
}

const buildAlertTopics = (props: AlertTopicsProps) => new AlertTopics(testStack(), 'Alerts', props);

function buildAlarms(props: Partial<ServiceAlarmsProps>): ServiceAlarms {
  const stack = testStack();
  const { service, loadBalancer, targetGroup } = serviceFixture(stack);
  return new ServiceAlarms(stack, 'Alarms', { service, loadBalancer, targetGroup, ...props });
}

function buildDashboard(props: Partial<ServiceDashboardProps>): ServiceDashboard {
  const stack = testStack();
  const { service, loadBalancer, targetGroup, logGroup } = serviceFixture(stack);
  return new ServiceDashboard(stack, 'Dashboard', { service, loadBalancer, targetGroup, logGroup, ...props });
}

interface CostInput {
  readonly drivers?: CostDrivers;
  readonly assumptions?: CostAssumptions;
  readonly prices?: CostPrices;
}
const estimateCost = ({ drivers = {}, assumptions, prices }: CostInput) =>
  CostEstimate.of({ drivers, assumptions, prices });

const buildAccountAudit = (props: AccountAuditProps) => new AccountAudit(testStack(), 'Audit', props);

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('SecureFargateWebService rejects', () => {
  const rows: Array<Rejection<WebServiceOptions>> = [
    // Certificate and domain
    [
      'no certificate, no domain and no CloudFront',
      { withZone: false },
      'HTTPS needs a certificate; allowed: domainName with hostedZone (a certificate is created), certificate, or cloudFront true',
    ],
    [
      'domainName without hostedZone',
      { withZone: false, domainName: 'app.example.com' },
      "domainName 'app.example.com' needs hostedZone, the public hosted zone that holds it; allowed: hostedZone with it, or certificate without domainName",
    ],
    [
      'hostedZone without domainName',
      { domainName: undefined, withCertificate: true },
      'hostedZone needs domainName, the name to create records for in it; allowed: domainName with it, or no hostedZone',
    ],
    [
      'an empty domainName',
      { domainName: '' },
      "domainName is empty; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a domainName that is not a domain name',
      { domainName: 'app..example.com' },
      "domainName 'app..example.com' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      "a domainName outside the hosted zone's name",
      { domainName: 'app.example.org' },
      "domainName 'app.example.org' is not in hostedZone 'example.com'; allowed: 'example.com' or a name ending in '.example.com'",
    ],
    [
      'a subject alternative name that is not a domain name',
      { subjectAlternativeNames: ['www..example.com'] },
      "subjectAlternativeNames entry 'www..example.com' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a subject alternative name outside the hosted zone',
      { subjectAlternativeNames: ['www.example.org'] },
      "subjectAlternativeNames entry 'www.example.org' is not in hostedZone 'example.com'; allowed: 'example.com' or a name ending in '.example.com'",
    ],
    [
      'subjectAlternativeNames with a certificate given',
      { withCertificate: true, subjectAlternativeNames: ['www.example.com'] },
      'subjectAlternativeNames apply to a new certificate, and certificate was given; allowed: one of them',
    ],
    [
      'three subject alternative names',
      { subjectAlternativeNames: ['a.example.com', 'b.example.com', 'c.example.com'] },
      'subjectAlternativeNames has 3 names; allowed: up to 2 (the listener rule routes domainName and these, and a rule condition holds 3 host names)',
    ],
    [
      'subjectAlternativeNames without domainName',
      { withZone: false, withCertificate: true, subjectAlternativeNames: ['www.example.com'] },
      'subjectAlternativeNames and domainHealthCheck need domainName with hostedZone; allowed: give those, or neither',
    ],
    [
      'domainHealthCheck without domainName',
      { withZone: false, withCertificate: true, domainHealthCheck: false },
      'subjectAlternativeNames and domainHealthCheck need domainName with hostedZone; allowed: give those, or neither',
    ],
    // CloudFront
    [
      'cloudFront with an internet-facing load balancer',
      {
        withZone: false,
        cloudFront: true,
        cloudFrontWebAclArn: EDGE_WEB_ACL_ARN,
        loadBalancer: { internetFacing: true },
      },
      'loadBalancer.internetFacing true with cloudFront; allowed: an internal load balancer behind CloudFront (leave it out)',
    ],
    [
      'cloudFront and domainName without cloudFrontCertificate',
      { cloudFront: true, cloudFrontWebAclArn: EDGE_WEB_ACL_ARN },
      "domainName 'app.example.com' with cloudFront needs cloudFrontCertificate, a certificate in us-east-1 that covers it; allowed: cloudFrontCertificate, or neither domainName nor hostedZone (the distribution's own name)",
    ],
    [
      'cloudFront with allowedIngressCidrs',
      {
        withZone: false,
        cloudFront: true,
        cloudFrontWebAclArn: EDGE_WEB_ACL_ARN,
        loadBalancer: { allowedIngressCidrs: ['203.0.113.0/24'] },
      },
      'loadBalancer.allowedIngressCidrs [203.0.113.0/24] with cloudFront; allowed: leave it out, the CloudFront VPC origin is the only ingress',
    ],
    [
      'cloudFront with a dual-stack load balancer',
      { withZone: false, cloudFront: true, cloudFrontWebAclArn: EDGE_WEB_ACL_ARN, loadBalancer: { dualStack: true } },
      'loadBalancer.dualStack true with cloudFront; allowed: leave it out (CloudFront serves IPv6; its VPC origin reaches the load balancer over IPv4)',
    ],
    [
      'cloudFront with cloudFrontCertificate and no domainName',
      {
        withZone: false,
        cloudFront: true,
        cloudFrontWebAclArn: EDGE_WEB_ACL_ARN,
        cloudFrontCertificate: given.usEast1Certificate,
      },
      'cloudFrontCertificate is for domainName, and no domainName was given; allowed: domainName with hostedZone, or no cloudFrontCertificate',
    ],
    [
      'cloudFront with a load balancer certificate and no domainName',
      { withZone: false, withCertificate: true, cloudFront: true, cloudFrontWebAclArn: EDGE_WEB_ACL_ARN },
      'certificate is for the load balancer of domainName, and with cloudFront no domainName was given; allowed: domainName with hostedZone, or no certificate',
    ],
    [
      'a cloudFrontCertificate outside us-east-1',
      { cloudFront: true, cloudFrontWebAclArn: EDGE_WEB_ACL_ARN, cloudFrontCertificate: given.euWest1Certificate },
      `cloudFrontCertificate '${certificateArn('eu-west-1')}' is in eu-west-1; allowed: a certificate in us-east-1 (CloudFront requires it)`,
    ],
    [
      'cloudFront with AWS WAF in us-west-2, without a web ACL for the distribution',
      { withZone: false, cloudFront: true, env: { account: ACCOUNT, region: 'us-west-2' } },
      "cloudFront with AWS WAF needs a CLOUDFRONT-scope web ACL for the distribution (only it sees the clients' addresses), which AWS WAF keeps in us-east-1, and the stack is in us-west-2; allowed: cloudFrontWebAclArn (for example a WebApplicationFirewall with webAclScope CLOUDFRONT in a us-east-1 stack), a stack in us-east-1 (one is created), or waf false",
    ],
    [
      "firewall settings of the distribution's web ACL with cloudFrontWebAclArn",
      {
        withZone: false,
        cloudFront: true,
        cloudFrontWebAclArn: EDGE_WEB_ACL_ARN,
        firewall: {
          rateLimit: 300,
          managedRuleGroups: ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet'],
          ruleActionOverrides: [
            {
              ruleGroup: 'AWSManagedRulesAmazonIpReputationList',
              rule: 'AWSManagedIPDDoSList',
              action: ManagedRuleAction.COUNT,
            },
          ],
        },
      },
      [
        "firewall.rateLimit 300 with cloudFrontWebAclArn belongs to the distribution's web ACL, which cloudFrontWebAclArn gives, so it would apply nowhere; allowed: set the rate limit on that web ACL and leave firewall.rateLimit out",
        "firewall.managedRuleGroups AWSManagedRulesAmazonIpReputationList with cloudFrontWebAclArn belongs to the distribution's web ACL, which cloudFrontWebAclArn gives, so it would apply nowhere; allowed: add them to that web ACL, and here only groups that inspect the request, such as AWSManagedRulesCommonRuleSet",
        "firewall.ruleActionOverrides entry for AWSManagedRulesAmazonIpReputationList with cloudFrontWebAclArn belongs to the distribution's web ACL, which cloudFrontWebAclArn gives, so it would apply nowhere; allowed: override it on that web ACL",
      ].join('\n  - '),
    ],
    [
      'cloudFrontWebAclArn with waf false',
      { withZone: false, cloudFront: true, cloudFrontWebAclArn: EDGE_WEB_ACL_ARN, waf: false },
      'cloudFrontWebAclArn given with waf false; allowed: waf true, or no cloudFrontWebAclArn',
    ],
    [
      'cloudFrontCertificate without cloudFront',
      { cloudFrontCertificate: given.usEast1Certificate },
      'cloudFrontCertificate and cloudFrontWebAclArn need cloudFront true; allowed: cloudFront true, or neither',
    ],
    [
      'a cloudFrontWebAclArn of a REGIONAL web ACL',
      { withZone: false, cloudFront: true, cloudFrontWebAclArn: REGIONAL_WEB_ACL_ARN },
      `cloudFrontWebAclArn '${REGIONAL_WEB_ACL_ARN}' is not the ARN of a CLOUDFRONT-scope web ACL; allowed: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`,
    ],
    [
      'cloudFrontWebAclArn without cloudFront',
      { cloudFrontWebAclArn: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge/abc` },
      'cloudFrontCertificate and cloudFrontWebAclArn need cloudFront true; allowed: cloudFront true, or neither',
    ],
    // AWS WAF
    [
      'waf false with webAclArn',
      { waf: false, webAclArn: `arn:aws:wafv2:us-west-2:${ACCOUNT}:regional/webacl/own/abc` },
      'webAclArn or firewall given with waf false; allowed: waf true, or neither',
    ],
    [
      'waf false with firewall settings',
      { waf: false, firewall: { rateLimit: 500 } },
      'webAclArn or firewall given with waf false; allowed: waf true, or neither',
    ],
    [
      'webAclArn with firewall settings',
      { webAclArn: `arn:aws:wafv2:us-west-2:${ACCOUNT}:regional/webacl/own/abc`, firewall: { rateLimit: 500 } },
      'firewall settings apply to a new web ACL, and webAclArn was given; allowed: one of them',
    ],
    [
      'firewall.rateLimit below 100',
      { firewall: { rateLimit: 99 } },
      'firewall.rateLimit 99 is not allowed; allowed: an integer from 100 to 2000000000',
    ],
    [
      'firewall.managedRuleGroups with a name that is not an AWS managed group',
      { firewall: { managedRuleGroups: ['SQLi'] } },
      "firewall.managedRuleGroups entry 'SQLi' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
    ],
    [
      'a webAclArn of a CLOUDFRONT-scope web ACL',
      { webAclArn: CLOUDFRONT_WEB_ACL_ARN },
      `webAclArn '${CLOUDFRONT_WEB_ACL_ARN}' is not the ARN of a REGIONAL web ACL; allowed: arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>, in the load balancer's Region`,
    ],
    [
      'firewall.managedRuleGroups naming a group twice',
      { firewall: { managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesCommonRuleSet'] } },
      'firewall.managedRuleGroups names AWSManagedRulesCommonRuleSet more than once; allowed: each rule group once',
    ],
    [
      'firewall.logRetention INFINITE',
      { firewall: { logRetention: logs.RetentionDays.INFINITE } },
      'firewall.logRetention INFINITE keeps WAF logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR',
    ],
    // Network
    [
      'vpc together with network options',
      { vpc: given.vpc, network: { maxAzs: 2 } },
      'network options apply only to a new VPC, and vpc was given; allowed: vpc or network, not both',
    ],
    [
      'a vpc without private or isolated subnets',
      { vpc: given.publicOnlyVpc },
      'vpc has no private subnets for the tasks; allowed: a VPC with PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets',
    ],
    [
      'a vpc without public subnets',
      { vpc: given.privateOnlyVpc },
      'vpc has no public subnets for the internet-facing load balancer; allowed: a VPC with PUBLIC subnets',
    ],
    [
      'network.cidr that is not a /16',
      { network: { cidr: '10.0.0.0/24' } },
      "network.cidr '10.0.0.0/24' is a /24 block; allowed: a /16 such as '10.0.0.0/16' (the spec's subnet plan needs one)",
    ],
    [
      'network.maxAzs 3 in an environment-agnostic stack',
      { network: { maxAzs: 3 } },
      'network.maxAzs 3 needs explicit Availability Zones: an environment-agnostic stack knows only 2; allowed: network.maxAzs 1 or 2, network.availabilityZones by name, or a stack with env (account and region)',
    ],
    [
      'network.maxAzs together with network.availabilityZones',
      { network: { maxAzs: 2, availabilityZones: ['us-west-2a', 'us-west-2b'] } },
      'network.maxAzs 2 and network.availabilityZones both given; allowed: one of them',
    ],
    [
      'network.natGateways none without the endpoints tasks need',
      { image: image(ECR_IMAGE_US_WEST_2), network: { natGateways: NatGateways.none() } },
      'network.natGateways none leaves private subnets without internet access, and tasks then need ServiceEndpoint.ECR_API, ServiceEndpoint.ECR_DOCKER, ServiceEndpoint.CLOUDWATCH_LOGS; allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz()',
    ],
    [
      'network.flowLogRetention INFINITE',
      { network: { flowLogRetention: logs.RetentionDays.INFINITE } },
      'network.flowLogRetention INFINITE keeps flow logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR',
    ],
    [
      'network.flowLogRetention with network.flowLogs false',
      { network: { flowLogs: false, flowLogRetention: logs.RetentionDays.ONE_YEAR } },
      'network.flowLogRetention given with network.flowLogs false; allowed: network.flowLogs true, or none of them',
    ],
    [
      'a dual-stack load balancer in an IPv4-only network',
      { network: { dualStack: false }, loadBalancer: { dualStack: true } },
      'loadBalancer.dualStack true needs IPv6 subnets, and network.dualStack is false; allowed: network.dualStack true, or loadBalancer.dualStack false',
    ],
    [
      'an image from a public registry without NAT',
      { network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() } },
      `image '${PUBLIC_IMAGE}' comes from a registry that VPC endpoints cannot reach, and network.natGateways is none; allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache rule for the public registry), or NatGateways.single() / perAz()`,
    ],
    [
      "an image in another Region's ECR without NAT",
      {
        env: { account: ACCOUNT, region: 'us-west-2' },
        image: image(ECR_IMAGE_US_EAST_1),
        network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
      },
      `image '${ECR_IMAGE_US_EAST_1}' is in ECR in us-east-1, which the endpoints in us-west-2 cannot reach, and network.natGateways is none; allowed: a repository in us-west-2 (ECR replication can copy it there), or NatGateways.single() / perAz()`,
    ],
    [
      'an image from a public registry in a vpc of isolated subnets',
      { vpc: given.isolatedVpc },
      `image '${PUBLIC_IMAGE}' comes from a registry that VPC endpoints cannot reach, and the VPC given has only isolated subnets; allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache rule for the public registry), or NatGateways.single() / perAz()`,
    ],
    [
      'ecsExec without NAT and without the SSM messages endpoint',
      {
        ecsExec: true,
        image: image(ECR_IMAGE_US_WEST_2),
        network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
      },
      'ecsExec needs the SSM messages endpoint when network.natGateways is none; allowed: network.endpoints with ServiceEndpoint.SSM_MESSAGES (ServiceEndpoint.forFargateWithEcsExec()), or ecsExec false',
    ],
    // Container and service
    [
      'containerPort 0, reported once (as containerPort, not as the target port too)',
      { containerPort: 0 },
      'containerPort 0 is not allowed; allowed: an integer from 1 to 65535',
    ],
    [
      'a variable in both environment and secrets',
      { environment: { DATABASE_URL: 'postgres://db.internal/app' }, secrets: { DATABASE_URL: given.secret } },
      'environment and secrets both name DATABASE_URL; allowed: each variable in one of them (a secret value in secrets only)',
    ],
    [
      'a cpu value Fargate does not offer',
      { cpu: 300 },
      'cpu 300 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384',
    ],
    [
      'memoryLimitMiB too large for cpu 256',
      { cpu: 256, memoryLimitMiB: 4096 },
      'cpu 256 does not allow memoryLimitMiB 4096; allowed: 512, 1024, 2048',
    ],
    [
      'memoryLimitMiB too small for cpu 1024',
      { cpu: 1024, memoryLimitMiB: 1024 },
      'cpu 1024 does not allow memoryLimitMiB 1024; allowed: 2048-8192 in steps of 1024',
    ],
    [
      'ephemeralStorageGiB below 21',
      { ephemeralStorageGiB: 20 },
      'ephemeralStorageGiB 20 is not allowed; allowed: an integer from 21 to 200',
    ],
    [
      'a relative writable path',
      { writablePaths: ['tmp'] },
      "writablePaths entry 'tmp' is not an absolute path below '/'; allowed: such as '/tmp'",
    ],
    [
      'the root as a writable path',
      { writablePaths: ['/'] },
      "writablePaths entry '/' is not an absolute path below '/'; allowed: such as '/tmp'",
    ],
    [
      'a writable path named twice',
      { writablePaths: ['/tmp', '/tmp'] },
      'writablePaths names /tmp more than once; allowed: distinct paths',
    ],
    [
      'a negative on-demand base',
      { capacity: CapacityMix.of({ onDemandBase: -1 }) },
      'capacity.onDemandBase -1 is not allowed; allowed: an integer from 0 to 100000',
    ],
    [
      'an on-demand weight above 1000',
      { capacity: CapacityMix.of({ onDemandWeight: 1001 }) },
      'capacity.onDemandWeight 1001 is not allowed; allowed: an integer from 0 to 1000',
    ],
    [
      'a fractional spot weight',
      { capacity: CapacityMix.of({ spotWeight: 1.5 }) },
      'capacity.spotWeight 1.5 is not allowed; allowed: an integer from 0 to 1000',
    ],
    [
      'both capacity weights 0',
      { capacity: CapacityMix.of({ onDemandWeight: 0, spotWeight: 0 }) },
      'capacity has onDemandWeight 0 and spotWeight 0; allowed: at least one weight above 0',
    ],
    [
      'minHealthyPercent above 100',
      { minHealthyPercent: 101 },
      'minHealthyPercent 101 is not allowed; allowed: an integer from 0 to 100',
    ],
    [
      'maxHealthyPercent below 100',
      { maxHealthyPercent: 99 },
      'maxHealthyPercent 99 is not allowed; allowed: an integer from 100 to 200',
    ],
    [
      'logRetention INFINITE',
      { logRetention: logs.RetentionDays.INFINITE },
      'logRetention INFINITE keeps logs forever; allowed: a bounded retention such as ONE_MONTH or ONE_YEAR',
    ],
    [
      'a fractional desiredCount',
      { desiredCount: 1.5, minCapacity: 1 },
      'desiredCount 1.5 is not allowed; allowed: an integer from 1 to 5000',
    ],
    [
      'desiredCount below the default minCapacity',
      { desiredCount: 1 },
      'minCapacity (default) 2 is greater than desiredCount 1; allowed: minCapacity (default) <= desiredCount',
    ],
    [
      'desiredCount above the default maxCapacity',
      { desiredCount: 11 },
      'desiredCount 11 is greater than maxCapacity (default) 10; allowed: desiredCount <= maxCapacity (default)',
    ],
    [
      'desiredCount below minCapacity',
      { desiredCount: 4, minCapacity: 5 },
      'minCapacity 5 is greater than desiredCount 4; allowed: minCapacity <= desiredCount',
    ],
    [
      'desiredCount above maxCapacity',
      { desiredCount: 6, maxCapacity: 5 },
      'desiredCount 6 is greater than maxCapacity 5; allowed: desiredCount <= maxCapacity',
    ],
    // Load balancer
    [
      'a relative healthCheckPath',
      { healthCheckPath: 'health' },
      "healthCheckPath 'health' does not start with '/'; allowed: an absolute path such as '/health'",
    ],
    [
      'loadBalancer.healthCheckInterval above 300 s',
      { loadBalancer: { healthCheckInterval: Duration.seconds(301) } },
      'loadBalancer.healthCheckInterval (seconds) 301 is not allowed; allowed: an integer from 5 to 300',
    ],
    [
      'loadBalancer.healthCheckTimeout below 2 s',
      { loadBalancer: { healthCheckTimeout: Duration.seconds(1) } },
      'loadBalancer.healthCheckTimeout (seconds) 1 is not allowed; allowed: an integer from 2 to 120',
    ],
    [
      'a health check timeout as long as the interval',
      { loadBalancer: { healthCheckInterval: Duration.seconds(30), healthCheckTimeout: Duration.seconds(30) } },
      'loadBalancer.healthCheckTimeout 30 s is not below loadBalancer.healthCheckInterval 30 s; allowed: a timeout shorter than the interval',
    ],
    [
      'loadBalancer.healthyThresholdCount 1',
      { loadBalancer: { healthyThresholdCount: 1 } },
      'loadBalancer.healthyThresholdCount 1 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'loadBalancer.unhealthyThresholdCount 11',
      { loadBalancer: { unhealthyThresholdCount: 11 } },
      'loadBalancer.unhealthyThresholdCount 11 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'loadBalancer.healthCheckSuccessCodes that are not HTTP codes',
      { loadBalancer: { healthCheckSuccessCodes: '2xx' } },
      "loadBalancer.healthCheckSuccessCodes '2xx' is not a list of HTTP codes; allowed: such as '200', '200-299' or '200,302'",
    ],
    [
      'loadBalancer.deregistrationDelay above an hour',
      { loadBalancer: { deregistrationDelay: Duration.seconds(3601) } },
      'loadBalancer.deregistrationDelay (seconds) 3601 is not allowed; allowed: an integer from 0 to 3600',
    ],
    [
      'loadBalancer.idleTimeout above 4000 s',
      { loadBalancer: { idleTimeout: Duration.seconds(4001) } },
      'loadBalancer.idleTimeout (seconds) 4001 is not allowed; allowed: an integer from 1 to 4000',
    ],
    [
      'loadBalancer.rulePriority 0',
      { loadBalancer: { rulePriority: 0 } },
      'loadBalancer.rulePriority 0 is not allowed; allowed: an integer from 1 to 50000',
    ],
    [
      'four loadBalancer.hostHeaders',
      { loadBalancer: { hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com'] } },
      'loadBalancer.hostHeaders has 4 values; allowed: up to 3 (a listener rule condition holds 3)',
    ],
    [
      'four loadBalancer.pathPatterns',
      { loadBalancer: { pathPatterns: ['/a', '/b', '/c', '/d'] } },
      'loadBalancer.pathPatterns has 4 values; allowed: up to 3 (a listener rule condition holds 3)',
    ],
    [
      'six host and path values in one rule',
      {
        loadBalancer: {
          hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'],
          pathPatterns: ['/a', '/b', '/c'],
        },
      },
      'loadBalancer.hostHeaders and loadBalancer.pathPatterns have 6 values together; allowed: up to 5 in one listener rule',
    ],
    [
      'loadBalancer.desyncMitigationMode monitor',
      { loadBalancer: { desyncMitigationMode: elbv2.DesyncMitigationMode.MONITOR } },
      "loadBalancer.desyncMitigationMode 'monitor' lets possible desync attacks through; allowed: defensive, strictest",
    ],
    [
      'an allowed ingress CIDR with a /33 prefix',
      { loadBalancer: { allowedIngressCidrs: ['10.0.0.0/33'] } },
      "loadBalancer.allowedIngressCidrs entry '10.0.0.0/33' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'",
    ],
    [
      'an empty allowedIngressCidrs',
      { loadBalancer: { allowedIngressCidrs: [] } },
      'loadBalancer.allowedIngressCidrs is empty: nothing could reach the service; allowed: at least one CIDR block, or leave it out',
    ],
    [
      "an access log prefix holding 'AWSLogs'",
      { loadBalancer: { accessLogPrefix: 'AWSLogs/alb' } },
      "loadBalancer.accessLogPrefix 'AWSLogs/alb' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'",
    ],
    [
      'an access log prefix with access logs off',
      { loadBalancer: { accessLogs: false, accessLogPrefix: 'alb' } },
      'loadBalancer.accessLogBucket or loadBalancer.accessLogPrefix given with loadBalancer.accessLogs false; allowed: loadBalancer.accessLogs true, or neither',
    ],
    // Auto scaling
    ['minCapacity 0', { minCapacity: 0 }, 'minCapacity 0 is not allowed; allowed: an integer from 1 to 5000'],
    [
      'maxCapacity above 5000',
      { maxCapacity: 5001 },
      'maxCapacity 5001 is not allowed; allowed: an integer from 1 to 5000',
    ],
    [
      'minCapacity above maxCapacity',
      { minCapacity: 5, maxCapacity: 3 },
      'minCapacity 5 is greater than maxCapacity 3; allowed: minCapacity <= maxCapacity',
    ],
    [
      'autoScaling.cpuTargetUtilizationPercent 0',
      { autoScaling: { cpuTargetUtilizationPercent: 0 } },
      'autoScaling.cpuTargetUtilizationPercent 0 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'autoScaling.memoryTargetUtilizationPercent 101',
      { autoScaling: { memoryTargetUtilizationPercent: 101 } },
      'autoScaling.memoryTargetUtilizationPercent 101 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'autoScaling.requestsPerTarget 0',
      { autoScaling: { requestsPerTarget: 0 } },
      'autoScaling.requestsPerTarget 0 is not allowed; allowed: an integer from 1 to 1000000',
    ],
    [
      'a step scale-in threshold of 0',
      { autoScaling: { mode: ScalingMode.STEP, cpuScaleInBelowPercent: 0 } },
      'autoScaling.cpuScaleInBelowPercent 0 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'a fractional memory scale-in threshold',
      { autoScaling: { mode: ScalingMode.STEP, memoryScaleInBelowPercent: 0.5 } },
      'autoScaling.memoryScaleInBelowPercent 0.5 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'a CPU scale-in threshold at the scale-out one',
      { autoScaling: { mode: ScalingMode.STEP, cpuScaleInBelowPercent: 70 } },
      'autoScaling.cpuScaleInBelowPercent 70 is not below autoScaling.cpuTargetUtilizationPercent 70; allowed: a scale-in threshold under the scale-out one',
    ],
    [
      'a memory scale-in threshold above the scale-out one',
      { autoScaling: { mode: ScalingMode.STEP, memoryScaleInBelowPercent: 90 } },
      'autoScaling.memoryScaleInBelowPercent 90 is not below autoScaling.memoryTargetUtilizationPercent 80; allowed: a scale-in threshold under the scale-out one',
    ],
    [
      'different cooldowns in step mode',
      { autoScaling: { mode: ScalingMode.STEP, scaleInCooldown: Duration.seconds(60) } },
      'autoScaling.scaleInCooldown 60 s differs from autoScaling.scaleOutCooldown 300 s; allowed: the same cooldown in ScalingMode.STEP, whose policies take one',
    ],
    [
      'a scale-in threshold with target tracking',
      { autoScaling: { cpuScaleInBelowPercent: 40 } },
      'autoScaling.cpuScaleInBelowPercent and autoScaling.memoryScaleInBelowPercent apply to ScalingMode.STEP; allowed: autoScaling.mode STEP, or neither',
    ],
    // Alerts
    [
      'alerts.critical.emails with an address missing its domain',
      { alerts: { critical: { emails: ['bob@'] } } },
      "alerts.critical.emails[0] 'bob@' is not an email address; allowed: name@domain, such as ops@example.com",
    ],
    [
      'alerts.warning.emails naming an address twice, in another case',
      { alerts: { warning: { emails: ['Ops@example.com', 'ops@example.com'] } } },
      "alerts.warning.emails[1] 'ops@example.com' repeats alerts.warning.emails[0]; allowed: each address once",
    ],
    [
      'alerts.info.httpsUrls with an HTTP URL',
      { alerts: { info: { httpsUrls: ['http://example.com/hook'] } } },
      "alerts.info.httpsUrls[0] 'http://example.com/hook' is not an HTTPS URL; allowed: https://host/path",
    ],
    [
      'alerts.critical.httpsUrls naming a URL twice',
      { alerts: { critical: { httpsUrls: ['https://example.com/hook', 'https://example.com/hook'] } } },
      "alerts.critical.httpsUrls[1] 'https://example.com/hook' repeats alerts.critical.httpsUrls[0]; allowed: each URL once",
    ],
    [
      'a lower-case Slack workspace id',
      { alerts: { critical: { slack: { workspaceId: 't0123abcd', channelId: 'C0123ABCD' } } } },
      "alerts.critical.slack.workspaceId 't0123abcd' is not a Slack workspace id; allowed: 1 to 255 upper-case letters and digits, such as T0123ABCD",
    ],
    [
      'a Slack channel name instead of its id',
      { alerts: { warning: { slack: { workspaceId: 'T0123ABCD', channelId: '#ops' } } } },
      "alerts.warning.slack.channelId '#ops' is not a Slack channel id; allowed: 1 to 255 letters and digits, such as C0123ABCD",
    ],
    [
      'alerts.encryptionKey with all three topics brought',
      {
        alerts: {
          encryptionKey: given.key,
          criticalTopic: given.topic,
          warningTopic: given.topic,
          infoTopic: given.topic,
        },
      },
      'alerts.encryptionKey is given, but alerts.criticalTopic, alerts.warningTopic and alerts.infoTopic are all brought, so no topic would use it; allowed: leave alerts.encryptionKey out, or let AlertTopics create at least one topic',
    ],
    // Alarms
    [
      'an empty alarms.alarmNamePrefix',
      { alarms: { alarmNamePrefix: '' } },
      "alarms.alarmNamePrefix '' has 0 characters; allowed: 1 to 230",
    ],
    [
      'an alarms.alarmNamePrefix of 231 characters',
      { alarms: { alarmNamePrefix: 'x'.repeat(231) } },
      `alarms.alarmNamePrefix '${'x'.repeat(231)}' has 231 characters; allowed: 1 to 230`,
    ],
    [
      'an alarms.alarmNamePrefix with a tab',
      { alarms: { alarmNamePrefix: 'Prod\tWeb' } },
      "alarms.alarmNamePrefix 'Prod\\tWeb' contains control characters; allowed: printable characters",
    ],
    [
      'alarms.highCpu.threshold above 100 %',
      { alarms: { highCpu: { threshold: 101 } } },
      'alarms.highCpu.threshold 101 is not allowed; allowed: 1 to 100',
    ],
    [
      'a negative alarms.serverErrors.threshold',
      { alarms: { serverErrors: { threshold: -1 } } },
      'alarms.serverErrors.threshold -1 is not allowed; allowed: 0 or more',
    ],
    [
      'alarms.noHealthyTargets.threshold 0',
      { alarms: { noHealthyTargets: { threshold: 0 } } },
      'alarms.noHealthyTargets.threshold 0 is not allowed; allowed: 1 or more',
    ],
    [
      'alarms.responseTime.threshold 0 seconds',
      { alarms: { responseTime: { threshold: 0 } } },
      'alarms.responseTime.threshold 0 is not allowed; allowed: 0.001 to 3600',
    ],
    [
      'alarms.domainHealthCheck.threshold above 1',
      { alarms: { domainHealthCheck: { threshold: 2 } } },
      'alarms.domainHealthCheck.threshold 2 is not allowed; allowed: 0.001 to 1',
    ],
    [
      'alarms.runningTasks.evaluationPeriods 0',
      { alarms: { runningTasks: { evaluationPeriods: 0 } } },
      'alarms.runningTasks.evaluationPeriods 0 is not allowed; allowed: an integer from 1 to 1440',
    ],
    [
      'alarms.highMemory.period of 30 seconds',
      { alarms: { highMemory: { period: Duration.seconds(30) } } },
      'alarms.highMemory.period 30 seconds is not allowed; allowed: a whole number of minutes, 1 or more',
    ],
    [
      'alarms.responseTime evaluating more than a day',
      { alarms: { responseTime: { period: Duration.hours(12) } } },
      'alarms.responseTime evaluates 3 periods of 720 minutes; allowed: at most one day (evaluationPeriods x period <= 1440 minutes)',
    ],
    [
      'alarms.unhealthyTargets.datapointsToAlarm above its evaluation periods',
      { alarms: { unhealthyTargets: { datapointsToAlarm: 3 } } },
      'alarms.unhealthyTargets.datapointsToAlarm 3 is not allowed; allowed: an integer from 1 to evaluationPeriods (2)',
    ],
    [
      'alarms.clientErrorRate.threshold above 100 %',
      { alarms: { clientErrorRate: { threshold: 101 } } },
      'alarms.clientErrorRate.threshold 101 is not allowed; allowed: 0.001 to 100',
    ],
    // Account audit
    [
      'audit with neither trail nor GuardDuty',
      { audit: { trail: false, guardDuty: false } },
      'audit.trail false and audit.guardDuty false leave nothing to create; allowed: at least one of them true',
    ],
    [
      'audit.encryptionKey without a trail',
      { audit: { trail: false, encryptionKey: given.key } },
      'audit.encryptionKey is set but audit.trail is false; allowed: audit.encryptionKey with audit.trail true',
    ],
    [
      'audit.expireAfter with a trail bucket of your own',
      { audit: { trailBucket: given.bucket, expireAfter: Duration.days(400) } },
      'audit.expireAfter is set but audit.trailBucket is given, whose own settings apply; allowed: audit.expireAfter without audit.trailBucket',
    ],
    [
      'audit.findingPublishingFrequency without GuardDuty',
      { audit: { guardDuty: false, findingPublishingFrequency: FindingPublishingFrequency.SIX_HOURS } },
      'audit.findingPublishingFrequency is set but audit.guardDuty is false; allowed: audit.findingPublishingFrequency with audit.guardDuty true',
    ],
    [
      'audit.archiveAfter of 12 hours',
      { audit: { archiveAfter: Duration.hours(12) } },
      'audit.archiveAfter 12 hours is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'audit.expireAfter before the default archiveAfter',
      { audit: { expireAfter: Duration.days(60) } },
      'audit.expireAfter 60 days is not after audit.archiveAfter 90 days; allowed: audit.expireAfter > audit.archiveAfter',
    ],
    [
      'audit.cloudWatchLogsRetention INFINITE',
      { audit: { cloudWatchLogsRetention: logs.RetentionDays.INFINITE } },
      'audit.cloudWatchLogsRetention INFINITE keeps trail events forever; allowed: a bounded retention such as ONE_YEAR',
    ],
  ];

  test.each(rows)('%s', (_, options, message) => {
    expectOnlyProblem('SecureFargateWebService', () => buildWebService(options), message);
  });

  test('one call with several bad props reports all of them at once, in one error', () => {
    const attempt = () =>
      buildWebService({
        domainName: 'app.example.org',
        waf: false,
        webAclArn: `arn:aws:wafv2:us-west-2:${ACCOUNT}:regional/webacl/own/abc`,
        network: { cidr: '10.0.0.0/24' },
        cpu: 300,
        desiredCount: 1,
        loadBalancer: { rulePriority: 0 },
        alerts: { critical: { emails: ['bob@'] } },
        alarms: { highCpu: { threshold: 101 } },
      });
    const expected = [
      "domainName 'app.example.org' is not in hostedZone 'example.com'; allowed: 'example.com' or a name ending in '.example.com'",
      'webAclArn or firewall given with waf false; allowed: waf true, or neither',
      "network.cidr '10.0.0.0/24' is a /24 block; allowed: a /16 such as '10.0.0.0/16' (the spec's subnet plan needs one)",
      'cpu 300 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384',
      'loadBalancer.rulePriority 0 is not allowed; allowed: an integer from 1 to 50000',
      'minCapacity (default) 2 is greater than desiredCount 1; allowed: minCapacity (default) <= desiredCount',
      "alerts.critical.emails[0] 'bob@' is not an email address; allowed: name@domain, such as ops@example.com",
      'alarms.highCpu.threshold 101 is not allowed; allowed: 1 to 100',
    ];
    expect(attempt).toThrow(/^Invalid SecureFargateWebService props:\n {2}- /);
    expect(problemsOf(attempt)).toHaveLength(8);
    expect(problemsOf(attempt)).toEqual(expected);
  });
});

describe('WebServiceNetwork rejects', () => {
  const rows: Array<Rejection<NetworkOptions>> = [
    [
      'a cidr that is not a CIDR block',
      { cidr: '10.0.0.0' },
      "cidr '10.0.0.0' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'",
    ],
    [
      'a cidr with an octet above 255',
      { cidr: '10.256.0.0/16' },
      "cidr '10.256.0.0/16' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'",
    ],
    [
      'a cidr with a leading zero',
      { cidr: '10.01.0.0/16' },
      "cidr '10.01.0.0/16' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'",
    ],
    [
      'an IPv6 cidr',
      { cidr: '2001:db8::/56' },
      "cidr '2001:db8::/56' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'",
    ],
    [
      'a /20 cidr',
      { cidr: '10.0.0.0/20' },
      "cidr '10.0.0.0/20' is a /20 block; allowed: a /16 such as '10.0.0.0/16' (the spec's subnet plan needs one)",
    ],
    [
      'a cidr with host bits set',
      { cidr: '10.0.1.0/16' },
      "cidr '10.0.1.0/16' has host bits set; allowed: '10.0.0.0/16'",
    ],
    [
      'cidr as a Token',
      { cidr: lazyString('10.0.0.0/16') },
      "cidr must be known at synth time (each subnet's address is derived from it); allowed: a literal /16 such as '10.0.0.0/16'",
    ],
    ['maxAzs 0', { maxAzs: 0 }, 'maxAzs 0 is not allowed; allowed: an integer from 1 to 10'],
    ['maxAzs 11', { maxAzs: 11 }, 'maxAzs 11 is not allowed; allowed: an integer from 1 to 10'],
    ['a fractional maxAzs', { maxAzs: 1.5 }, 'maxAzs 1.5 is not allowed; allowed: an integer from 1 to 10'],
    [
      'maxAzs as a Token',
      { maxAzs: lazyNumber(2) },
      'maxAzs must be known at synth time (it decides how many subnets the template holds); allowed: an integer from 1 to 10',
    ],
    [
      'maxAzs 3 in an environment-agnostic stack',
      { maxAzs: 3 },
      'maxAzs 3 needs explicit Availability Zones: an environment-agnostic stack knows only 2; allowed: maxAzs 1 or 2, availabilityZones by name, or a stack with env (account and region)',
    ],
    [
      "maxAzs above the Region's zones",
      { pinned: true, maxAzs: 5 },
      'maxAzs 5 exceeds the 4 zones of us-west-2 (us-west-2a, us-west-2b, us-west-2c, us-west-2d); allowed: 1 to 4',
    ],
    [
      'maxAzs together with availabilityZones',
      { maxAzs: 2, availabilityZones: ['us-west-2a', 'us-west-2b'] },
      'maxAzs 2 and availabilityZones both given; allowed: one of them',
    ],
    ['no availabilityZones', { availabilityZones: [] }, 'availabilityZones has 0 zones; allowed: 1 to 10'],
    [
      'eleven availabilityZones',
      { availabilityZones: Array.from({ length: 11 }, (_, i) => `zone-${i}`) },
      'availabilityZones has 11 zones; allowed: 1 to 10',
    ],
    [
      'a zone named twice',
      { availabilityZones: ['us-west-2a', 'us-west-2a'] },
      'availabilityZones names us-west-2a more than once; allowed: distinct zones',
    ],
    [
      "a zone outside the stack's Region",
      { pinned: true, availabilityZones: ['us-west-2a', 'eu-west-1a'] },
      "availabilityZones eu-west-1a not in the stack's Region us-west-2; allowed: zones such as 'us-west-2a'",
    ],
    [
      'natGateways none without endpoints',
      { natGateways: NatGateways.none() },
      'natGateways none leaves private subnets without internet access, and tasks then need ServiceEndpoint.ECR_API, ServiceEndpoint.ECR_DOCKER, ServiceEndpoint.CLOUDWATCH_LOGS; allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz()',
    ],
    [
      'natGateways none without the logs endpoint',
      { natGateways: NatGateways.none(), endpoints: [ServiceEndpoint.ECR_API, ServiceEndpoint.ECR_DOCKER] },
      'natGateways none leaves private subnets without internet access, and tasks then need ServiceEndpoint.CLOUDWATCH_LOGS; allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz()',
    ],
    [
      'natGateways none without the S3 gateway endpoint',
      { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate(), s3GatewayEndpoint: false },
      'natGateways none leaves private subnets without internet access, and tasks then need the S3 gateway endpoint (s3GatewayEndpoint); allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz()',
    ],
    [
      'flowLogRetention INFINITE',
      { flowLogRetention: logs.RetentionDays.INFINITE },
      'flowLogRetention INFINITE keeps flow logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR',
    ],
    [
      'a flow log bucket and key with flowLogs false',
      { flowLogs: false, flowLogBucket: given.bucket, flowLogEncryptionKey: given.key },
      'flowLogBucket, flowLogEncryptionKey given with flowLogs false; allowed: flowLogs true, or none of them',
    ],
    [
      'a flow log retention with a flow log bucket',
      { flowLogBucket: given.bucket, flowLogRetention: logs.RetentionDays.ONE_YEAR },
      'flowLogRetention given with flowLogBucket; allowed: these settings only for CloudWatch Logs (without flowLogBucket)',
    ],
  ];

  test.each(rows)('%s', (_, options, message) => {
    expectOnlyProblem('WebServiceNetwork', () => buildNetwork(options), message);
  });
});

describe('HttpsLoadBalancer rejects', () => {
  const rows: Array<Rejection<Partial<HttpsLoadBalancerProps>>> = [
    [
      'an internet-facing load balancer without a certificate',
      { certificate: undefined },
      'certificate is required for an internet-facing load balancer; allowed: a certificate, or internetFacing false',
    ],
    [
      'an internet-facing load balancer in a VPC without public subnets',
      { vpc: given.privateOnlyVpc },
      'vpc has no public subnets for the internet-facing load balancer; allowed: a VPC with PUBLIC subnets',
    ],
    [
      'an internal load balancer in a VPC without private subnets',
      { internetFacing: false, vpc: given.publicOnlyVpc },
      'vpc has no private subnets for the internal load balancer; allowed: a VPC with PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets',
    ],
    ['targetPort 0', { targetPort: 0 }, 'targetPort 0 is not allowed; allowed: an integer from 1 to 65535'],
    ['targetPort 65536', { targetPort: 65536 }, 'targetPort 65536 is not allowed; allowed: an integer from 1 to 65535'],
    [
      'a relative healthCheckPath',
      { healthCheckPath: 'health' },
      "healthCheckPath 'health' does not start with '/'; allowed: an absolute path such as '/health'",
    ],
    [
      'healthCheckInterval below 5 s (with a shorter timeout)',
      { healthCheckInterval: Duration.seconds(4), healthCheckTimeout: Duration.seconds(2) },
      'healthCheckInterval (seconds) 4 is not allowed; allowed: an integer from 5 to 300',
    ],
    [
      'a fractional healthCheckInterval',
      { healthCheckInterval: Duration.millis(7500) },
      'healthCheckInterval (seconds) 7.5 is not allowed; allowed: an integer from 5 to 300',
    ],
    [
      'healthCheckTimeout above 120 s (with a longer interval)',
      { healthCheckTimeout: Duration.seconds(121), healthCheckInterval: Duration.seconds(300) },
      'healthCheckTimeout (seconds) 121 is not allowed; allowed: an integer from 2 to 120',
    ],
    [
      'a timeout longer than the default interval',
      { healthCheckTimeout: Duration.seconds(60) },
      'healthCheckTimeout 60 s is not below healthCheckInterval 30 s; allowed: a timeout shorter than the interval',
    ],
    [
      'healthyThresholdCount 11',
      { healthyThresholdCount: 11 },
      'healthyThresholdCount 11 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'unhealthyThresholdCount 1',
      { unhealthyThresholdCount: 1 },
      'unhealthyThresholdCount 1 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'healthCheckSuccessCodes with spaces',
      { healthCheckSuccessCodes: '200, 302' },
      "healthCheckSuccessCodes '200, 302' is not a list of HTTP codes; allowed: such as '200', '200-299' or '200,302'",
    ],
    [
      'a fractional deregistrationDelay',
      { deregistrationDelay: Duration.millis(1500) },
      'deregistrationDelay (seconds) 1.5 is not allowed; allowed: an integer from 0 to 3600',
    ],
    [
      'idleTimeout 0',
      { idleTimeout: Duration.seconds(0) },
      'idleTimeout (seconds) 0 is not allowed; allowed: an integer from 1 to 4000',
    ],
    [
      'rulePriority 50001',
      { rulePriority: 50001 },
      'rulePriority 50001 is not allowed; allowed: an integer from 1 to 50000',
    ],
    [
      'four hostHeaders',
      { hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com'] },
      'hostHeaders has 4 values; allowed: up to 3 (a listener rule condition holds 3)',
    ],
    [
      'four pathPatterns',
      { pathPatterns: ['/a', '/b', '/c', '/d'] },
      'pathPatterns has 4 values; allowed: up to 3 (a listener rule condition holds 3)',
    ],
    [
      'six host and path values in one rule',
      { hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'], pathPatterns: ['/a', '/b', '/c'] },
      'hostHeaders and pathPatterns have 6 values together; allowed: up to 5 in one listener rule',
    ],
    [
      'desyncMitigationMode monitor',
      { desyncMitigationMode: elbv2.DesyncMitigationMode.MONITOR },
      "desyncMitigationMode 'monitor' lets possible desync attacks through; allowed: defensive, strictest",
    ],
    [
      'an allowed ingress CIDR with an octet above 255',
      { allowedIngressCidrs: ['203.0.113.256/24'] },
      "allowedIngressCidrs entry '203.0.113.256/24' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'",
    ],
    [
      'an allowed ingress IPv6 CIDR with a /129 prefix',
      { allowedIngressCidrs: ['2001:db8::/129'] },
      "allowedIngressCidrs entry '2001:db8::/129' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'",
    ],
    [
      'an allowed ingress address without a prefix',
      { allowedIngressCidrs: ['203.0.113.7'] },
      "allowedIngressCidrs entry '203.0.113.7' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'",
    ],
    [
      'an empty allowedIngressCidrs on an internet-facing load balancer',
      { allowedIngressCidrs: [] },
      'allowedIngressCidrs is empty: nothing could reach the service; allowed: at least one CIDR block, or leave it out',
    ],
    [
      'an empty accessLogPrefix',
      { accessLogPrefix: '' },
      "accessLogPrefix '' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'",
    ],
    [
      "an accessLogPrefix with a leading '/'",
      { accessLogPrefix: '/alb' },
      "accessLogPrefix '/alb' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'",
    ],
    [
      "an accessLogPrefix with a trailing '/'",
      { accessLogPrefix: 'alb/' },
      "accessLogPrefix 'alb/' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'",
    ],
    [
      "an accessLogPrefix with '//'",
      { accessLogPrefix: 'alb//web' },
      "accessLogPrefix 'alb//web' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'",
    ],
    [
      'an accessLogBucket with access logs off',
      { accessLogs: false, accessLogBucket: given.bucket },
      'accessLogBucket or accessLogPrefix given with accessLogs false; allowed: accessLogs true, or neither',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('HttpsLoadBalancer', () => buildLoadBalancer(props), message);
  });
});

describe('ServiceDomain rejects', () => {
  const rows: Array<Rejection<Partial<ServiceDomainProps>>> = [
    [
      'an empty domainName',
      { domainName: '' },
      "domainName is empty; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a domainName with a space',
      { domainName: 'my app.example.com' },
      "domainName 'my app.example.com' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a domainName without a top-level domain',
      { domainName: 'localhost' },
      "domainName 'localhost' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a domainName that only ends like the zone',
      { domainName: 'badexample.com' },
      "domainName 'badexample.com' is not in hostedZone 'example.com'; allowed: 'example.com' or a name ending in '.example.com'",
    ],
    [
      'a subject alternative name with a label starting in a hyphen',
      { subjectAlternativeNames: ['-www.example.com'] },
      "subjectAlternativeNames entry '-www.example.com' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a subject alternative name in another zone',
      { subjectAlternativeNames: ['www.example.net'] },
      "subjectAlternativeNames entry 'www.example.net' is not in hostedZone 'example.com'; allowed: 'example.com' or a name ending in '.example.com'",
    ],
    [
      'subjectAlternativeNames with a certificate given',
      { certificate: given.regionalCertificate, subjectAlternativeNames: ['www.example.com'] },
      'subjectAlternativeNames apply to a new certificate, and certificate was given; allowed: one of them',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('ServiceDomain', () => buildDomain(props), message);
  });
});

describe('WebApplicationFirewall rejects', () => {
  const rows: Array<Rejection<WebApplicationFirewallProps>> = [
    ['rateLimit 99', { rateLimit: 99 }, 'rateLimit 99 is not allowed; allowed: an integer from 100 to 2000000000'],
    [
      'rateLimit above two billion',
      { rateLimit: 2_000_000_001 },
      'rateLimit 2000000001 is not allowed; allowed: an integer from 100 to 2000000000',
    ],
    [
      'a fractional rateLimit',
      { rateLimit: 150.5 },
      'rateLimit 150.5 is not allowed; allowed: an integer from 100 to 2000000000',
    ],
    [
      'a managed rule group without its AWSManagedRules prefix',
      { managedRuleGroups: ['CommonRuleSet'] },
      "managedRuleGroups entry 'CommonRuleSet' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
    ],
    [
      'the bare AWSManagedRules prefix',
      { managedRuleGroups: ['AWSManagedRules'] },
      "managedRuleGroups entry 'AWSManagedRules' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
    ],
    [
      'a managed rule group with a hyphen',
      { managedRuleGroups: ['AWSManagedRules-SQLi'] },
      "managedRuleGroups entry 'AWSManagedRules-SQLi' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
    ],
    [
      'two managed rule groups named more than once',
      {
        managedRuleGroups: [
          'AWSManagedRulesCommonRuleSet',
          'AWSManagedRulesSQLiRuleSet',
          'AWSManagedRulesCommonRuleSet',
          'AWSManagedRulesSQLiRuleSet',
          'AWSManagedRulesSQLiRuleSet',
        ],
      },
      'managedRuleGroups names AWSManagedRulesCommonRuleSet, AWSManagedRulesSQLiRuleSet more than once; allowed: each rule group once',
    ],
    [
      'logRetention INFINITE',
      { logRetention: logs.RetentionDays.INFINITE },
      'logRetention INFINITE keeps WAF logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR',
    ],
    [
      'a rateLimit behind CloudFront',
      { behindCloudFront: true, rateLimit: 1000 },
      "rateLimit 1000 with behindCloudFront would limit CloudFront's addresses, not clients'; allowed: leave it out (set it on the distribution's CLOUDFRONT-scope web ACL)",
    ],
    [
      'IP-based rule groups behind CloudFront',
      {
        behindCloudFront: true,
        managedRuleGroups: ['AWSManagedRulesAnonymousIpList', 'AWSManagedRulesCommonRuleSet'],
      },
      "managedRuleGroups AWSManagedRulesAnonymousIpList with behindCloudFront would judge CloudFront's addresses; allowed: groups that inspect the request, such as AWSManagedRulesCommonRuleSet",
    ],
    [
      'behindCloudFront for a CLOUDFRONT-scope web ACL',
      { behindCloudFront: true, webAclScope: FirewallScope.CLOUDFRONT },
      'behindCloudFront true with webAclScope CLOUDFRONT; allowed: behindCloudFront for a REGIONAL web ACL only',
    ],
    [
      'an override of a rule group the web ACL does not have',
      {
        ruleActionOverrides: [
          { ruleGroup: 'AWSManagedRulesSQLiRuleSet', rule: 'SQLi_BODY', action: ManagedRuleAction.COUNT },
        ],
      },
      "ruleActionOverrides[0].ruleGroup 'AWSManagedRulesSQLiRuleSet' is not one of the web ACL's managed rule groups; allowed: AWSManagedRulesAmazonIpReputationList, AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet",
    ],
    [
      'an override of a rule with a space in its name',
      {
        ruleActionOverrides: [
          { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'Size Restrictions', action: ManagedRuleAction.COUNT },
        ],
      },
      "ruleActionOverrides[0].rule 'Size Restrictions' is not a rule name; allowed: 1 to 128 letters, digits, '_' and '-'",
    ],
    [
      'two overrides of one rule',
      {
        ruleActionOverrides: [
          { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'SizeRestrictions_BODY', action: ManagedRuleAction.COUNT },
          { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'SizeRestrictions_BODY', action: ManagedRuleAction.ALLOW },
        ],
      },
      'ruleActionOverrides[1] overrides AWSManagedRulesCommonRuleSet/SizeRestrictions_BODY again; allowed: one override per rule',
    ],
    [
      'an override whose rule group is a Token, which could match no group',
      {
        ruleActionOverrides: [
          {
            ruleGroup: Lazy.string({ produce: () => 'AWSManagedRulesCommonRuleSet' }),
            rule: 'SizeRestrictions_BODY',
            action: ManagedRuleAction.COUNT,
          },
        ],
      },
      "ruleActionOverrides[0].ruleGroup is not known at synthesis; allowed: the name of one of the web ACL's managed rule groups, as a string",
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('WebApplicationFirewall', () => buildFirewall(props), message);
  });

  test('webAclScope CLOUDFRONT in a stack outside us-east-1', () => {
    expectOnlyProblem(
      'WebApplicationFirewall',
      () => new WebApplicationFirewall(pinnedStack(), 'Waf', { webAclScope: FirewallScope.CLOUDFRONT }),
      'webAclScope CLOUDFRONT in a stack in us-west-2; allowed: a stack in us-east-1, where AWS WAF keeps the web ACLs of CloudFront distributions',
    );
  });
});

describe('CloudFrontEdge rejects', () => {
  const rows: Array<Rejection<Partial<CloudFrontEdgeProps>>> = [
    [
      'domainNames without a certificate',
      { domainNames: ['app.example.com', 'www.example.com'] },
      'domainNames [app.example.com, www.example.com] need a viewer certificate; allowed: certificate in us-east-1 that covers them',
    ],
    [
      'a certificate in eu-west-1',
      { domainNames: ['app.example.com'], certificate: given.euWest1Certificate },
      `certificate '${certificateArn('eu-west-1')}' is in eu-west-1; allowed: a certificate in us-east-1 (CloudFront requires it)`,
    ],
    [
      "the load balancer's regional certificate",
      { certificate: given.regionalCertificate },
      `certificate '${CERT_ARN}' is in us-west-2; allowed: a certificate in us-east-1 (CloudFront requires it)`,
    ],
    [
      'the web ACL of a load balancer',
      { webAclArn: REGIONAL_WEB_ACL_ARN },
      `webAclArn '${REGIONAL_WEB_ACL_ARN}' is not the ARN of a CLOUDFRONT-scope web ACL; allowed: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`,
    ],
    [
      'the ARN of an AWS WAF Classic web ACL',
      { webAclArn: `arn:aws:waf::${ACCOUNT}:webacl/abc` },
      `webAclArn 'arn:aws:waf::${ACCOUNT}:webacl/abc' is not the ARN of a CLOUDFRONT-scope web ACL; allowed: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`,
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('CloudFrontEdge', () => buildCloudFront(props), message);
  });
});

describe('AccessLogBucket rejects', () => {
  const rows: Array<Rejection<AccessLogBucketProps>> = [
    [
      'glacierTransitionAfter of a day and a half',
      { glacierTransitionAfter: Duration.hours(36) },
      'glacierTransitionAfter 1 day 12 hours is not allowed; allowed: a whole number of days, 0 or more',
    ],
    [
      'expireAfter of 12 hours',
      { expireAfter: Duration.hours(12) },
      'expireAfter 12 hours is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'expireAfter of 0 days',
      { glacierTransitionAfter: Duration.days(0), expireAfter: Duration.days(0) },
      'expireAfter 0 days is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'expireAfter before the default glacierTransitionAfter',
      { expireAfter: Duration.days(20) },
      'expireAfter 20 days is not after glacierTransitionAfter 30 days; allowed: expireAfter > glacierTransitionAfter',
    ],
    [
      'expireAfter at glacierTransitionAfter',
      { glacierTransitionAfter: Duration.days(90), expireAfter: Duration.days(90) },
      'expireAfter 90 days is not after glacierTransitionAfter 90 days; allowed: expireAfter > glacierTransitionAfter',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('AccessLogBucket', () => buildAccessLogBucket(props), message);
  });
});

describe('HardenedFargateService rejects', () => {
  const rows: Array<Rejection<Partial<HardenedFargateServiceProps>>> = [
    [
      'a VPC without private or isolated subnets',
      { vpc: given.publicOnlyVpc },
      'vpc has no private subnets for the tasks; allowed: a VPC with PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets',
    ],
    ['containerPort 0', { containerPort: 0 }, 'containerPort 0 is not allowed; allowed: an integer from 1 to 65535'],
    [
      'containerPort 70000',
      { containerPort: 70000 },
      'containerPort 70000 is not allowed; allowed: an integer from 1 to 65535',
    ],
    ['cpu 128', { cpu: 128 }, 'cpu 128 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384'],
    [
      'memoryLimitMiB 512 with cpu 512',
      { cpu: 512, memoryLimitMiB: 512 },
      'cpu 512 does not allow memoryLimitMiB 512; allowed: 1024-4096 in steps of 1024',
    ],
    [
      'memoryLimitMiB off the 4 GiB steps of cpu 8192',
      { cpu: 8192, memoryLimitMiB: 17408 },
      'cpu 8192 does not allow memoryLimitMiB 17408; allowed: 16384-61440 in steps of 4096',
    ],
    [
      'memoryLimitMiB 3072 with the default cpu 256',
      { memoryLimitMiB: 3072 },
      'cpu 256 does not allow memoryLimitMiB 3072; allowed: 512, 1024, 2048',
    ],
    ['desiredCount 0', { desiredCount: 0 }, 'desiredCount 0 is not allowed; allowed: an integer from 1 to 5000'],
    [
      'ephemeralStorageGiB 201',
      { ephemeralStorageGiB: 201 },
      'ephemeralStorageGiB 201 is not allowed; allowed: an integer from 21 to 200',
    ],
    [
      'a relative writable path',
      { writablePaths: ['var/cache'] },
      "writablePaths entry 'var/cache' is not an absolute path below '/'; allowed: such as '/tmp'",
    ],
    [
      'a writable path named twice',
      { writablePaths: ['/tmp', '/cache', '/tmp'] },
      'writablePaths names /tmp more than once; allowed: distinct paths',
    ],
    [
      'an on-demand base above 100000',
      { capacity: CapacityMix.of({ onDemandBase: 100_001 }) },
      'capacity.onDemandBase 100001 is not allowed; allowed: an integer from 0 to 100000',
    ],
    [
      'a negative on-demand weight',
      { capacity: CapacityMix.of({ onDemandWeight: -1, spotWeight: 1 }) },
      'capacity.onDemandWeight -1 is not allowed; allowed: an integer from 0 to 1000',
    ],
    [
      'a spot weight above 1000',
      { capacity: CapacityMix.of({ spotWeight: 1001 }) },
      'capacity.spotWeight 1001 is not allowed; allowed: an integer from 0 to 1000',
    ],
    [
      'both capacity weights 0',
      { capacity: CapacityMix.of({ onDemandBase: 2, onDemandWeight: 0, spotWeight: 0 }) },
      'capacity has onDemandWeight 0 and spotWeight 0; allowed: at least one weight above 0',
    ],
    [
      'a negative minHealthyPercent',
      { minHealthyPercent: -1 },
      'minHealthyPercent -1 is not allowed; allowed: an integer from 0 to 100',
    ],
    [
      'maxHealthyPercent above 200',
      { maxHealthyPercent: 201 },
      'maxHealthyPercent 201 is not allowed; allowed: an integer from 100 to 200',
    ],
    [
      'logRetention INFINITE',
      { logRetention: logs.RetentionDays.INFINITE },
      'logRetention INFINITE keeps logs forever; allowed: a bounded retention such as ONE_MONTH or ONE_YEAR',
    ],
    [
      'two variables in both environment and secrets',
      {
        environment: { API_URL: 'https://api.internal', DATABASE_URL: 'postgres://db.internal/app', MODE: 'web' },
        secrets: { DATABASE_URL: given.secret, API_URL: given.secret },
      },
      'environment and secrets both name API_URL, DATABASE_URL; allowed: each variable in one of them (a secret value in secrets only)',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('HardenedFargateService', () => buildFargateService(props), message);
  });
});

describe('ServiceAutoScaling rejects', () => {
  const rows: Array<Rejection<Partial<ServiceAutoScalingProps>>> = [
    [
      'requestsPerTarget without a target group',
      { targetGroup: undefined, requestsPerTarget: 100 },
      'requestsPerTarget 100 needs targetGroup, whose requests it counts; allowed: targetGroup with it, or no requestsPerTarget',
    ],
    [
      'requestsPerTarget above a million',
      { requestsPerTarget: 1_000_001 },
      'requestsPerTarget 1000001 is not allowed; allowed: an integer from 1 to 1000000',
    ],
    [
      'an alternateTargetGroup without a target group',
      {
        targetGroup: undefined,
        alternateTargetGroup: elbv2.ApplicationTargetGroup.fromTargetGroupAttributes(shared, 'GreenTargetGroup', {
          targetGroupArn: `arn:aws:elasticloadbalancing:us-west-2:${ACCOUNT}:targetgroup/green/0123456789abcdef`,
        }),
      },
      'alternateTargetGroup is given without targetGroup, the group it alternates with; allowed: targetGroup with it, or no alternateTargetGroup',
    ],
    [
      'a fractional minCapacity',
      { minCapacity: 1.5 },
      'minCapacity 1.5 is not allowed; allowed: an integer from 1 to 5000',
    ],
    [
      'maxCapacity above 5000',
      { maxCapacity: 5001 },
      'maxCapacity 5001 is not allowed; allowed: an integer from 1 to 5000',
    ],
    [
      'maxCapacity below the default minCapacity',
      { maxCapacity: 1 },
      'minCapacity 2 is greater than maxCapacity 1; allowed: minCapacity <= maxCapacity',
    ],
    [
      'minCapacity above the default maxCapacity',
      { minCapacity: 11 },
      'minCapacity 11 is greater than maxCapacity 10; allowed: minCapacity <= maxCapacity',
    ],
    [
      'cpuTargetUtilizationPercent 101',
      { cpuTargetUtilizationPercent: 101 },
      'cpuTargetUtilizationPercent 101 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'memoryTargetUtilizationPercent 0',
      { memoryTargetUtilizationPercent: 0 },
      'memoryTargetUtilizationPercent 0 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'a fractional step CPU scale-in threshold',
      { mode: ScalingMode.STEP, cpuScaleInBelowPercent: 1.5 },
      'cpuScaleInBelowPercent 1.5 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'a step memory scale-in threshold of 0',
      { mode: ScalingMode.STEP, memoryScaleInBelowPercent: 0 },
      'memoryScaleInBelowPercent 0 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'the default CPU scale-in threshold above a lower scale-out one',
      { mode: ScalingMode.STEP, cpuTargetUtilizationPercent: 40 },
      'cpuScaleInBelowPercent 50 is not below cpuTargetUtilizationPercent 40; allowed: a scale-in threshold under the scale-out one',
    ],
    [
      'a memory scale-in threshold at the scale-out one',
      { mode: ScalingMode.STEP, memoryScaleInBelowPercent: 75, memoryTargetUtilizationPercent: 75 },
      'memoryScaleInBelowPercent 75 is not below memoryTargetUtilizationPercent 75; allowed: a scale-in threshold under the scale-out one',
    ],
    [
      'a shorter scale-out cooldown in step mode',
      { mode: ScalingMode.STEP, scaleOutCooldown: Duration.minutes(1) },
      'scaleInCooldown 300 s differs from scaleOutCooldown 60 s; allowed: the same cooldown in ScalingMode.STEP, whose policies take one',
    ],
    [
      'a memory scale-in threshold with target tracking',
      { mode: ScalingMode.TARGET_TRACKING, memoryScaleInBelowPercent: 40 },
      'cpuScaleInBelowPercent and memoryScaleInBelowPercent apply to ScalingMode.STEP; allowed: mode STEP, or neither',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('ServiceAutoScaling', () => buildAutoScaling(props), message);
  });
});

describe('AlertTopics rejects', () => {
  const rows: Array<Rejection<AlertTopicsProps>> = [
    [
      'an email address without an @',
      { critical: { emails: ['ops.example.com'] } },
      "critical.emails[0] 'ops.example.com' is not an email address; allowed: name@domain, such as ops@example.com",
    ],
    [
      'an email address with a space',
      { warning: { emails: ['ops team@example.com'] } },
      "warning.emails[0] 'ops team@example.com' is not an email address; allowed: name@domain, such as ops@example.com",
    ],
    [
      'an email address named twice',
      { info: { emails: ['ops@example.com', 'dev@example.com', 'OPS@example.com'] } },
      "info.emails[2] 'OPS@example.com' repeats info.emails[0]; allowed: each address once",
    ],
    [
      'a URL that is not a URL',
      { critical: { httpsUrls: ['events.pagerduty.com'] } },
      "critical.httpsUrls[0] 'events.pagerduty.com' is not an HTTPS URL; allowed: https://host/path",
    ],
    [
      'an HTTPS URL with a space',
      { warning: { httpsUrls: ['https://example.com/a hook'] } },
      "warning.httpsUrls[0] 'https://example.com/a hook' is not an HTTPS URL; allowed: https://host/path",
    ],
    [
      'an HTTPS URL named twice',
      { info: { httpsUrls: ['https://example.com/hook', 'https://example.com/hook'] } },
      "info.httpsUrls[1] 'https://example.com/hook' repeats info.httpsUrls[0]; allowed: each URL once",
    ],
    [
      'an empty Slack workspace id',
      { critical: { slack: { workspaceId: '', channelId: 'C0123ABCD' } } },
      "critical.slack.workspaceId '' is not a Slack workspace id; allowed: 1 to 255 upper-case letters and digits, such as T0123ABCD",
    ],
    [
      'a Slack channel id with a hyphen',
      { info: { slack: { workspaceId: 'T0123ABCD', channelId: 'C0123-ABCD' } } },
      "info.slack.channelId 'C0123-ABCD' is not a Slack channel id; allowed: 1 to 255 letters and digits, such as C0123ABCD",
    ],
    [
      'an encryption key no created topic would use',
      { encryptionKey: given.key, criticalTopic: given.topic, warningTopic: given.topic, infoTopic: given.topic },
      'encryptionKey is given, but criticalTopic, warningTopic and infoTopic are all brought, so no topic would use it; allowed: leave encryptionKey out, or let AlertTopics create at least one topic',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('AlertTopics', () => buildAlertTopics(props), message);
  });
});

describe('ServiceAlarms rejects', () => {
  const rows: Array<Rejection<Partial<ServiceAlarmsProps>>> = [
    [
      'minimumTaskCount 0',
      { minimumTaskCount: 0 },
      'minimumTaskCount 0 is not allowed; allowed: an integer from 1 to 5000',
    ],
    [
      'minimumTaskCount above 5000',
      { minimumTaskCount: 5001 },
      'minimumTaskCount 5001 is not allowed; allowed: an integer from 1 to 5000',
    ],
    ['an empty alarmNamePrefix', { alarmNamePrefix: '' }, "alarmNamePrefix '' has 0 characters; allowed: 1 to 230"],
    [
      'an alarmNamePrefix with a bell character',
      { alarmNamePrefix: 'Prod\u0007Web' },
      "alarmNamePrefix 'Prod\\u0007Web' contains control characters; allowed: printable characters",
    ],
    [
      'an alarmNamePrefix with a line break, shown escaped on one line',
      { alarmNamePrefix: 'Prod\nWeb' },
      "alarmNamePrefix 'Prod\\nWeb' contains control characters; allowed: printable characters",
    ],
    ['highCpu.threshold 0', { highCpu: { threshold: 0 } }, 'highCpu.threshold 0 is not allowed; allowed: 1 to 100'],
    [
      'highMemory.threshold above 100',
      { highMemory: { threshold: 100.5 } },
      'highMemory.threshold 100.5 is not allowed; allowed: 1 to 100',
    ],
    [
      'a threshold that is not a number',
      { serverErrors: { threshold: NaN } },
      'serverErrors.threshold NaN is not allowed; allowed: 0 or more',
    ],
    [
      'a negative unhealthyTargets.threshold',
      { unhealthyTargets: { threshold: -1 } },
      'unhealthyTargets.threshold -1 is not allowed; allowed: 0 or more',
    ],
    [
      'runningTasks.threshold above 5000',
      { runningTasks: { threshold: 5001 } },
      'runningTasks.threshold 5001 is not allowed; allowed: 1 to 5000',
    ],
    [
      'noHealthyTargets.threshold below 1',
      { noHealthyTargets: { threshold: 0.5 } },
      'noHealthyTargets.threshold 0.5 is not allowed; allowed: 1 or more',
    ],
    [
      'responseTime.threshold above an hour',
      { responseTime: { threshold: 3601 } },
      'responseTime.threshold 3601 is not allowed; allowed: 0.001 to 3600',
    ],
    [
      'a negative domainHealthCheck.threshold',
      { domainHealthCheck: { threshold: -0.5 } },
      'domainHealthCheck.threshold -0.5 is not allowed; allowed: 0.001 to 1',
    ],
    [
      'clientErrorRate.threshold 0',
      { clientErrorRate: { threshold: 0 } },
      'clientErrorRate.threshold 0 is not allowed; allowed: 0.001 to 100',
    ],
    [
      'clientErrorRate.threshold above 100',
      { clientErrorRate: { threshold: 100.5 } },
      'clientErrorRate.threshold 100.5 is not allowed; allowed: 0.001 to 100',
    ],
    [
      'errorRate.threshold above 100',
      { errorRate: { threshold: 150 } },
      'errorRate.threshold 150 is not allowed; allowed: 0.001 to 100',
    ],
    [
      'a fractional evaluationPeriods',
      { highCpu: { evaluationPeriods: 2.5 } },
      'highCpu.evaluationPeriods 2.5 is not allowed; allowed: an integer from 1 to 1440',
    ],
    [
      'a period of 90 seconds',
      { serverErrors: { period: Duration.seconds(90) } },
      'serverErrors.period 1 minute 30 seconds is not allowed; allowed: a whole number of minutes, 1 or more',
    ],
    [
      'evaluating 25 hours',
      { runningTasks: { evaluationPeriods: 25, period: Duration.hours(1) } },
      'runningTasks evaluates 25 periods of 60 minutes; allowed: at most one day (evaluationPeriods x period <= 1440 minutes)',
    ],
    [
      'datapointsToAlarm 0',
      { noHealthyTargets: { datapointsToAlarm: 0 } },
      'noHealthyTargets.datapointsToAlarm 0 is not allowed; allowed: an integer from 1 to evaluationPeriods (2)',
    ],
    [
      'datapointsToAlarm above an explicit evaluationPeriods',
      { highMemory: { evaluationPeriods: 3, datapointsToAlarm: 4 } },
      'highMemory.datapointsToAlarm 4 is not allowed; allowed: an integer from 1 to evaluationPeriods (3)',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('ServiceAlarms', () => buildAlarms(props), message);
  });
});

describe('ServiceDashboard rejects', () => {
  const rows: Array<Rejection<Partial<ServiceDashboardProps>>> = [
    [
      'a dashboardName with a space',
      { dashboardName: 'web service' },
      "dashboardName 'web service' is not a dashboard name; allowed: 1 to 255 letters, digits, '-' and '_'",
    ],
    [
      'an empty dashboardName',
      { dashboardName: '' },
      "dashboardName '' is not a dashboard name; allowed: 1 to 255 letters, digits, '-' and '_'",
    ],
    [
      'a dashboardName of 256 characters',
      { dashboardName: 'd'.repeat(256) },
      `dashboardName '${'d'.repeat(256)}' is not a dashboard name; allowed: 1 to 255 letters, digits, '-' and '_'`,
    ],
    [
      'a period of 0 seconds',
      { period: Duration.seconds(0) },
      'period 0 s is not allowed; allowed: a whole number of minutes (load balancer and ECS metrics have 1-minute resolution)',
    ],
    [
      'a period of 90 seconds',
      { period: Duration.seconds(90) },
      'period 90 s is not allowed; allowed: a whole number of minutes (load balancer and ECS metrics have 1-minute resolution)',
    ],
    ['a blank errorQuery', { errorQuery: '   ' }, "errorQuery '   ' is empty; allowed: a Logs Insights query"],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('ServiceDashboard', () => buildDashboard(props), message);
  });
});

describe('CostEstimate rejects', () => {
  const rows: Array<Rejection<CostInput>> = [
    [
      'a negative NAT gateway count',
      { drivers: { natGateways: -1 } },
      'natGateways -1 is not allowed; allowed: a whole number, 0 or more',
    ],
    [
      'a fractional task count',
      { drivers: { taskCount: 1.5 } },
      'taskCount 1.5 is not allowed; allowed: a whole number, 0 or more',
    ],
    [
      'spotPercent above 100',
      { drivers: { spotPercent: 101 } },
      'spotPercent 101 is not allowed; allowed: a number from 0 to 100',
    ],
    [
      'a logRetention that is no RetentionDays value',
      { drivers: { logRetention: 0 as logs.RetentionDays } },
      'logRetention 0 is not allowed; allowed: a logs.RetentionDays value',
    ],
    [
      'a cpu value Fargate does not offer',
      { drivers: { cpu: 3000 } },
      'cpu 3000 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384',
    ],
    [
      'memory the cpu does not allow',
      { drivers: { cpu: 2048, memoryLimitMiB: 2048 } },
      'cpu 2048 does not allow memoryLimitMiB 2048; allowed: 4096-16384 in steps of 1024',
    ],
    [
      'interface endpoints without availability zones',
      { drivers: { interfaceEndpoints: 6 } },
      'interfaceEndpoints 6 needs availabilityZones; allowed: 1 or more AZs',
    ],
    [
      'a driver as a Token',
      { drivers: { taskCount: lazyNumber(2) } },
      'taskCount is a Token; allowed: a number known at synth time',
    ],
    [
      'a negative assumption',
      { assumptions: { dataTransferOutGigabytes: -5 } },
      'dataTransferOutGigabytes -5 is not allowed; allowed: a finite number, 0 or more',
    ],
    [
      'an infinite assumption',
      { assumptions: { requestsMillions: Infinity } },
      'requestsMillions Infinity is not allowed; allowed: a finite number, 0 or more',
    ],
    [
      'a price that is not a number',
      { prices: { natGatewayUsdPerHour: NaN } },
      'natGatewayUsdPerHour NaN is not allowed; allowed: a finite number, 0 or more',
    ],
    [
      'a Spot discount above 100 %',
      { prices: { fargateSpotDiscountPercent: 120 } },
      'fargateSpotDiscountPercent 120 is not allowed; allowed: a number from 0 to 100',
    ],
    [
      'a price as a Token',
      { prices: { kmsKeyUsdPerMonth: parameterNumber('KmsPrice') } },
      'kmsKeyUsdPerMonth is a Token; allowed: a number known at synth time',
    ],
  ];

  test.each(rows)('%s', (_, input, message) => {
    expectOnlyProblem('CostEstimate', () => estimateCost(input), message);
  });
});

describe('AccountAudit rejects', () => {
  const rows: Array<Rejection<AccountAuditProps>> = [
    [
      'neither trail nor GuardDuty',
      { trail: false, guardDuty: false },
      'trail false and guardDuty false leave nothing to create; allowed: at least one of them true',
    ],
    [
      'trailBucket without a trail',
      { trail: false, trailBucket: given.bucket },
      'trailBucket is set but trail is false; allowed: trailBucket with trail true',
    ],
    [
      'encryptionKey without a trail',
      { trail: false, encryptionKey: given.key },
      'encryptionKey is set but trail is false; allowed: encryptionKey with trail true',
    ],
    [
      'objectLockRetention without a trail',
      { trail: false, objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(30)) },
      'objectLockRetention is set but trail is false; allowed: objectLockRetention with trail true',
    ],
    [
      'cloudWatchLogsRetention without a trail',
      { trail: false, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR },
      'cloudWatchLogsRetention is set but trail is false; allowed: cloudWatchLogsRetention with trail true',
    ],
    [
      'archiveAfter with a trail bucket of your own',
      { trailBucket: given.bucket, archiveAfter: Duration.days(30) },
      'archiveAfter is set but trailBucket is given, whose own settings apply; allowed: archiveAfter without trailBucket',
    ],
    [
      'expireAfter with a trail bucket of your own',
      { trailBucket: given.bucket, expireAfter: Duration.days(400) },
      'expireAfter is set but trailBucket is given, whose own settings apply; allowed: expireAfter without trailBucket',
    ],
    [
      'fargateRuntimeMonitoring without GuardDuty',
      { guardDuty: false, fargateRuntimeMonitoring: true },
      'fargateRuntimeMonitoring is set but guardDuty is false; allowed: fargateRuntimeMonitoring with guardDuty true',
    ],
    [
      'findingPublishingFrequency without GuardDuty',
      { guardDuty: false, findingPublishingFrequency: FindingPublishingFrequency.ONE_HOUR },
      'findingPublishingFrequency is set but guardDuty is false; allowed: findingPublishingFrequency with guardDuty true',
    ],
    [
      'archiveAfter of a day and a half',
      { archiveAfter: Duration.hours(36) },
      'archiveAfter 1 day 12 hours is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'expireAfter of 0 days',
      { expireAfter: Duration.days(0) },
      'expireAfter 0 days is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'expireAfter at archiveAfter',
      { archiveAfter: Duration.days(90), expireAfter: Duration.days(90) },
      'expireAfter 90 days is not after archiveAfter 90 days; allowed: expireAfter > archiveAfter',
    ],
    [
      'expireAfter before the default archiveAfter',
      { expireAfter: Duration.days(30) },
      'expireAfter 30 days is not after archiveAfter 90 days; allowed: expireAfter > archiveAfter',
    ],
    [
      'cloudWatchLogsRetention INFINITE',
      { cloudWatchLogsRetention: logs.RetentionDays.INFINITE },
      'cloudWatchLogsRetention INFINITE keeps trail events forever; allowed: a bounded retention such as ONE_YEAR',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('AccountAudit', () => buildAccountAudit(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  // Synthesized too (build() reads the template). Durations are left to the blocks below: aws-cdk-lib
  // converts the health check and idle timeout durations itself at synth, which a Token cannot survive.
  const webService: Array<Acceptance<WebServiceOptions>> = [
    ['desiredCount', { desiredCount: lazyNumber(0) }],
    ['minCapacity and maxCapacity', { minCapacity: lazyNumber(9), maxCapacity: lazyNumber(3) }],
    ['maxCapacity from a parameter', { maxCapacity: parameterNumber('MaxTasks') }],
    ['cpu', { cpu: lazyNumber(300) }],
    ['memoryLimitMiB', { memoryLimitMiB: lazyNumber(100) }],
    ['containerPort', { containerPort: lazyNumber(0) }],
    ['ephemeralStorageGiB', { ephemeralStorageGiB: lazyNumber(5) }],
    ['minHealthyPercent', { minHealthyPercent: lazyNumber(150) }],
    ['writablePaths entries', { writablePaths: [lazyString('relative')] }],
    ['healthCheckPath', { healthCheckPath: lazyString('health') }],
    ['domainName', { domainName: lazyString('app.example.org') }],
    ['subjectAlternativeNames entries', { subjectAlternativeNames: [lazyString('www.example.org')] }],
    ['firewall.rateLimit', { firewall: { rateLimit: lazyNumber(1) } }],
    ['firewall.managedRuleGroups entries', { firewall: { managedRuleGroups: [lazyString('SQLi')] } }],
    ['webAclArn', { webAclArn: lazyString(CLOUDFRONT_WEB_ACL_ARN) }],
    [
      'cloudFrontWebAclArn',
      { withZone: false, cloudFront: true, cloudFrontWebAclArn: lazyString(REGIONAL_WEB_ACL_ARN) },
    ],
    ['capacity weights', { capacity: CapacityMix.of({ onDemandWeight: lazyNumber(0), spotWeight: lazyNumber(0) }) }],
    [
      'loadBalancer numbers and strings',
      {
        loadBalancer: {
          healthyThresholdCount: lazyNumber(1),
          unhealthyThresholdCount: lazyNumber(99),
          healthCheckSuccessCodes: lazyString('2xx'),
          rulePriority: lazyNumber(0),
          allowedIngressCidrs: [lazyString('not a cidr')],
          accessLogPrefix: lazyString('/AWSLogs/'),
        },
      },
    ],
    [
      'autoScaling cooldowns in step mode',
      { autoScaling: { mode: ScalingMode.STEP, scaleInCooldown: lazySeconds(60), scaleOutCooldown: lazySeconds(300) } },
    ],
    [
      'autoScaling targets with target tracking',
      {
        autoScaling: {
          cpuTargetUtilizationPercent: lazyNumber(0),
          memoryTargetUtilizationPercent: lazyNumber(500),
          requestsPerTarget: lazyNumber(0),
        },
      },
    ],
    ['alerts.*.emails entries', { alerts: { critical: { emails: [lazyString('bob@')] } } }],
    ['alerts.*.httpsUrls entries', { alerts: { warning: { httpsUrls: [lazyString('http://example.com')] } } }],
    [
      'alerts.*.slack ids',
      { alerts: { info: { slack: { workspaceId: lazyString('t-1'), channelId: lazyString('#ops') } } } },
    ],
    ['alarms.alarmNamePrefix', { alarms: { alarmNamePrefix: lazyString('') } }],
    [
      'alarms.* thresholds and counts',
      {
        alarms: {
          highCpu: { threshold: lazyNumber(500), datapointsToAlarm: lazyNumber(99) },
          runningTasks: { evaluationPeriods: lazyNumber(0) },
        },
      },
    ],
    [
      'audit.archiveAfter and audit.expireAfter',
      { audit: { archiveAfter: Duration.days(lazyNumber(400)), expireAfter: Duration.days(lazyNumber(1)) } },
    ],
  ];
  test.each(webService)('SecureFargateWebService: %s', (_, options) => {
    expect(() => buildWebService(options)).not.toThrow();
  });

  const network: Array<Acceptance<NetworkOptions>> = [
    ['availabilityZones entries', { availabilityZones: [lazyString('us-west-2a'), lazyString('us-west-2a')] }],
    ['availabilityZones entries in a pinned stack', { pinned: true, availabilityZones: [lazyString('eu-west-1a')] }],
  ];
  test.each(network)('WebServiceNetwork: %s', (_, options) => {
    expect(() => buildNetwork(options)).not.toThrow();
  });

  const loadBalancer: Array<Acceptance<Partial<HttpsLoadBalancerProps>>> = [
    ['targetPort', { targetPort: lazyNumber(0) }],
    ['healthCheckPath', { healthCheckPath: lazyString('health') }],
    [
      'healthCheckInterval and healthCheckTimeout',
      { healthCheckInterval: lazySeconds(1), healthCheckTimeout: lazySeconds(999) },
    ],
    ['healthyThresholdCount', { healthyThresholdCount: parameterNumber('Healthy') }],
    ['unhealthyThresholdCount', { unhealthyThresholdCount: lazyNumber(0) }],
    ['healthCheckSuccessCodes', { healthCheckSuccessCodes: lazyString('ok') }],
    ['a health check interval in minutes', { healthCheckInterval: Duration.minutes(lazyNumber(1)) }],
    ['deregistrationDelay', { deregistrationDelay: lazySeconds(99999) }],
    ['rulePriority', { rulePriority: lazyNumber(0) }],
    ['allowedIngressCidrs entries', { allowedIngressCidrs: [lazyString('10.0.0.0/33')] }],
    ['accessLogPrefix', { accessLogPrefix: lazyString('AWSLogs') }],
  ];
  test.each(loadBalancer)('HttpsLoadBalancer: %s', (_, props) => {
    expect(() => buildLoadBalancer(props)).not.toThrow();
  });

  const domain: Array<Acceptance<Partial<ServiceDomainProps>>> = [
    ['domainName', { domainName: lazyString('not a domain') }],
    ['subjectAlternativeNames entries', { subjectAlternativeNames: [lazyString('www.example.org')] }],
  ];
  test.each(domain)('ServiceDomain: %s', (_, props) => {
    expect(() => buildDomain(props)).not.toThrow();
  });

  test('ServiceDomain: the hosted zone name', () => {
    const stack = testStack();
    const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
      hostedZoneId: 'Z0123456789EXAMPLE',
      zoneName: lazyString('example.org'),
    });
    expect(() => new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone })).not.toThrow();
  });

  const firewall: Array<Acceptance<WebApplicationFirewallProps>> = [
    ['rateLimit', { rateLimit: lazyNumber(1) }],
    ['managedRuleGroups entries', { managedRuleGroups: [lazyString('SQLi')] }],
    [
      'managedRuleGroups entries that would name one group twice',
      {
        managedRuleGroups: [lazyString('AWSManagedRulesCommonRuleSet'), lazyString('AWSManagedRulesCommonRuleSet')],
      },
    ],
  ];
  firewall.push(
    ['webAclScope CLOUDFRONT in an environment-agnostic stack', { webAclScope: FirewallScope.CLOUDFRONT }],
    [
      'an override whose rule is a Token',
      {
        ruleActionOverrides: [
          {
            ruleGroup: 'AWSManagedRulesCommonRuleSet',
            rule: lazyString('a b'),
            action: ManagedRuleAction.COUNT,
          },
        ],
      },
    ],
  );
  test.each(firewall)('WebApplicationFirewall: %s', (_, props) => {
    expect(() => buildFirewall(props)).not.toThrow();
  });

  test('CloudFrontEdge: the certificate ARN', () => {
    const stack = testStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Viewer', lazyString(certificateArn('eu-west-1')));
    expect(() => buildCloudFront({ domainNames: ['app.example.com'], certificate })).not.toThrow();
  });

  test('CloudFrontEdge: the web ACL ARN', () => {
    expect(() => buildCloudFront({ webAclArn: lazyString(REGIONAL_WEB_ACL_ARN) })).not.toThrow();
  });

  const accessLogBucket: Array<Acceptance<AccessLogBucketProps>> = [
    [
      'glacierTransitionAfter and expireAfter',
      { glacierTransitionAfter: Duration.days(lazyNumber(400)), expireAfter: Duration.days(lazyNumber(1)) },
    ],
  ];
  test.each(accessLogBucket)('AccessLogBucket: %s', (_, props) => {
    expect(() => buildAccessLogBucket(props)).not.toThrow();
  });

  const fargateService: Array<Acceptance<Partial<HardenedFargateServiceProps>>> = [
    ['containerPort', { containerPort: lazyNumber(0) }],
    ['cpu', { cpu: lazyNumber(300) }],
    ['memoryLimitMiB', { memoryLimitMiB: lazyNumber(100) }],
    ['desiredCount', { desiredCount: lazyNumber(0) }],
    ['ephemeralStorageGiB', { ephemeralStorageGiB: parameterNumber('Storage') }],
    ['writablePaths entries', { writablePaths: [lazyString('tmp')] }],
    ['capacity.onDemandBase', { capacity: CapacityMix.of({ onDemandBase: lazyNumber(-1) }) }],
    ['capacity weights', { capacity: CapacityMix.of({ onDemandWeight: lazyNumber(0), spotWeight: lazyNumber(0) }) }],
    ['minHealthyPercent', { minHealthyPercent: lazyNumber(500) }],
    ['maxHealthyPercent', { maxHealthyPercent: lazyNumber(50) }],
  ];
  test.each(fargateService)('HardenedFargateService: %s', (_, props) => {
    expect(() => buildFargateService(props)).not.toThrow();
  });

  const autoScaling: Array<Acceptance<Partial<ServiceAutoScalingProps>>> = [
    ['minCapacity', { minCapacity: lazyNumber(0) }],
    ['maxCapacity', { maxCapacity: lazyNumber(0) }],
    ['cpuTargetUtilizationPercent', { cpuTargetUtilizationPercent: lazyNumber(0) }],
    ['memoryTargetUtilizationPercent', { memoryTargetUtilizationPercent: lazyNumber(101) }],
    ['requestsPerTarget', { requestsPerTarget: lazyNumber(0) }],
    [
      'step scale-in thresholds',
      { mode: ScalingMode.STEP, cpuScaleInBelowPercent: lazyNumber(0), memoryScaleInBelowPercent: lazyNumber(101) },
    ],
    ['a cooldown in step mode', { mode: ScalingMode.STEP, scaleOutCooldown: lazySeconds(300) }],
  ];
  test.each(autoScaling)('ServiceAutoScaling: %s', (_, props) => {
    expect(() => buildAutoScaling(props)).not.toThrow();
  });

  const alertTopics: Array<Acceptance<AlertTopicsProps>> = [
    ['emails entries, even the same Token twice', { critical: { emails: [lazyString('bob@'), lazyString('bob@')] } }],
    ['httpsUrls entries', { warning: { httpsUrls: [lazyString('http://example.com')] } }],
    ['slack ids', { info: { slack: { workspaceId: lazyString('t-1'), channelId: lazyString('#ops') } } }],
  ];
  test.each(alertTopics)('AlertTopics: %s', (_, props) => {
    expect(() => buildAlertTopics(props)).not.toThrow();
  });

  const alarms: Array<Acceptance<Partial<ServiceAlarmsProps>>> = [
    ['minimumTaskCount', { minimumTaskCount: lazyNumber(0) }],
    ['alarmNamePrefix', { alarmNamePrefix: lazyString('') }],
    ['threshold', { highCpu: { threshold: lazyNumber(101) } }],
    ['evaluationPeriods', { serverErrors: { evaluationPeriods: lazyNumber(99999) } }],
    ['datapointsToAlarm', { noHealthyTargets: { datapointsToAlarm: parameterNumber('Datapoints') } }],
    ['clientErrorRate.threshold', { clientErrorRate: { threshold: lazyNumber(0) } }],
  ];
  test.each(alarms)('ServiceAlarms: %s', (_, props) => {
    expect(() => buildAlarms(props)).not.toThrow();
  });

  const dashboard: Array<Acceptance<Partial<ServiceDashboardProps>>> = [
    ['dashboardName', { dashboardName: lazyString('web service') }],
    ['errorQuery', { errorQuery: lazyString(' ') }],
  ];
  test.each(dashboard)('ServiceDashboard: %s', (_, props) => {
    expect(() => buildDashboard(props)).not.toThrow();
  });

  const accountAudit: Array<Acceptance<AccountAuditProps>> = [
    [
      'archiveAfter and expireAfter',
      { archiveAfter: Duration.days(lazyNumber(400)), expireAfter: Duration.days(lazyNumber(1)) },
    ],
    ['expireAfter in hours', { expireAfter: Duration.hours(lazyNumber(1)) }],
  ];
  test.each(accountAudit)('AccountAudit: %s', (_, props) => {
    expect(() => buildAccountAudit(props)).not.toThrow();
  });
});

describe('Tokens that must be known at synth time are refused', () => {
  const webService: Array<Rejection<WebServiceOptions>> = [
    [
      'network.cidr',
      { network: { cidr: lazyString('10.0.0.0/16') } },
      "network.cidr must be known at synth time (each subnet's address is derived from it); allowed: a literal /16 such as '10.0.0.0/16'",
    ],
    [
      'network.maxAzs',
      { network: { maxAzs: parameterNumber('Zones') } },
      'network.maxAzs must be known at synth time (it decides how many subnets the template holds); allowed: an integer from 1 to 10',
    ],
  ];
  test.each(webService)('SecureFargateWebService: %s', (_, options, message) => {
    expectOnlyProblem('SecureFargateWebService', () => buildWebService(options), message);
  });

  test('CostEstimate: every driver, assumption and price', () => {
    const attempt = () =>
      estimateCost({
        drivers: { cpu: lazyNumber(256), alarms: lazyNumber(3) },
        assumptions: { natProcessedGigabytes: lazyNumber(1) },
        prices: { alarmUsdPerMonth: lazyNumber(0.1) },
      });
    expect(problemsOf(attempt)).toEqual([
      'alarms is a Token; allowed: a number known at synth time',
      'cpu is a Token; allowed: a number known at synth time',
      'natProcessedGigabytes is a Token; allowed: a number known at synth time',
      'alarmUsdPerMonth is a Token; allowed: a number known at synth time',
    ]);
  });
});

/**
 * Token values that aws-cdk-lib itself refuses (durations in minutes, where it asks for Duration.seconds;
 * periods of alarms; step scale-out thresholds): no construct can be built with them, so these rows run
 * the checks alone, to show that the checks neither convert nor compare them.
 */
describe('Tokens aws-cdk-lib refuses itself pass the checks', () => {
  /** Runs one check on a fresh validator, and throws what it recorded. */
  const check = (run: (v: PropsValidator) => void) => () => {
    const v = new PropsValidator('Check');
    run(v);
    v.throwIfAny();
  };
  const minutes = (value: number) => Duration.minutes(lazyNumber(value));

  test('HttpsLoadBalancer: durations in minutes', () => {
    const props = {
      healthCheckInterval: minutes(1),
      healthCheckTimeout: minutes(2),
      deregistrationDelay: minutes(1),
      idleTimeout: minutes(1),
    };
    expect(check((v) => checkHttpsLoadBalancerProps(v, props))).not.toThrow();
  });

  test('ServiceAlarms: a period in minutes, with evaluation periods that a long period would refuse', () => {
    const props = { highCpu: { period: minutes(60), evaluationPeriods: 1440 } };
    expect(check((v) => checkServiceAlarmsProps(v, props))).not.toThrow();
  });

  test('ServiceAutoScaling: step scale-out thresholds below the default scale-in ones', () => {
    const props = {
      mode: ScalingMode.STEP,
      cpuTargetUtilizationPercent: lazyNumber(40),
      memoryTargetUtilizationPercent: parameterNumber('MemoryTarget'),
    };
    expect(check((v) => checkServiceAutoScalingProps(v, props))).not.toThrow();
  });

  test('ServiceAutoScaling: a step cooldown in minutes', () => {
    const props = { mode: ScalingMode.STEP, scaleInCooldown: minutes(5) };
    expect(check((v) => checkServiceAutoScalingProps(v, props))).not.toThrow();
  });
});
