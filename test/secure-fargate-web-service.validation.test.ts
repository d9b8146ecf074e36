/**
 * Validation of the L3, SecureFargateWebService: the rules between blocks that it checks itself, with the exact
 * text a user reads, and proof that the same props given as Tokens pass unchecked. Each building block's checks
 * are catalogued in its own `<block>.validation.test.ts`; here one row per block proves that the L3 calls them,
 * with the prop path (such as `httpsLoadBalancer.`) in front of the block's prop names.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import {
  EnvironmentServiceProps,
  Firewall,
  LiveTargetGroup,
  ManagedRuleAction,
  NatGateways,
  ServiceDeploymentStrategy,
  ServiceEndpoint,
  WebServiceEnvironment,
} from '../src';
import {
  Acceptance,
  Rejection,
  problemsOf,
  expectOnlyProblem,
  lazyNumber,
  lazyString,
  parameterNumber,
  parameterString,
  ACCOUNT,
  certificateArn,
  REGIONAL_WEB_ACL_ARN,
  CLOUDFRONT_WEB_ACL_ARN,
  PUBLIC_IMAGE,
  image,
  givenReferences,
} from './problems';
import { testStack } from './util';
import { build, CERT_ARN, Options as WebServiceOptions } from './web-service-fixture';

const given = givenReferences();

const ECR_IMAGE_US_WEST_2 = `${ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com/app:1.0`;
const ECR_IMAGE_US_EAST_1 = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:1.0`;

const buildWebService = (options: WebServiceOptions) => build(options);

/**
 * A service named `Api` in a `WebServiceEnvironment` with a certificate of its own, in a fresh test stack,
 * synthesized (the environment checks the routes' claims at synthesis).
 */
function buildEnvironmentService(props: Partial<EnvironmentServiceProps>) {
  const stack = testStack();
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  const environment = new WebServiceEnvironment(stack, 'Env', { certificate });
  const web = environment.addService('Api', { image: image(PUBLIC_IMAGE), ...props });
  return { stack, web, template: Template.fromStack(stack) };
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('SecureFargateWebService rejects', () => {
  const rows: Array<Rejection<WebServiceOptions>> = [
    // Certificate and domain
    [
      'no certificate, no domain and no CloudFront',
      { withZone: false },
      'HTTPS needs a certificate; allowed: domainName with hostedZone (a certificate is created), certificate, or cloudFront',
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
        cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN },
        httpsLoadBalancer: { internetFacing: true },
      },
      'with cloudFront, httpsLoadBalancer.internetFacing true; allowed: an internal load balancer (leave it out)',
    ],
    [
      'cloudFront and domainName without cloudFront.certificate',
      { cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN } },
      'domainName [app.example.com] has no viewer certificate; allowed: cloudFront.certificate, a certificate in us-east-1 that covers it',
    ],
    [
      'cloudFront with allowedIngressCidrs',
      {
        withZone: false,
        cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN },
        httpsLoadBalancer: { allowedIngressCidrs: ['203.0.113.0/24'] },
      },
      'with cloudFront, httpsLoadBalancer.allowedIngressCidrs [203.0.113.0/24]; allowed: leave it out, the VPC origin is the only ingress',
    ],
    [
      'cloudFront with a dual-stack load balancer',
      { withZone: false, cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN }, httpsLoadBalancer: { dualStack: true } },
      'with cloudFront, httpsLoadBalancer.dualStack true; allowed: leave it out (CloudFront serves IPv6; its VPC origin reaches the load balancer over IPv4)',
    ],
    [
      'cloudFront with a test listener, which needs a load balancer that faces the clients',
      {
        withZone: false,
        cloudFront: {},
        firewall: Firewall.none(),
        deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
        httpsLoadBalancer: { testListenerPort: 8443 },
      },
      'with cloudFront, httpsLoadBalancer.testListenerPort 8443; allowed: leave it out (it needs a load balancer that faces the clients)',
    ],
    [
      'cloudFront.certificate and no domainName',
      {
        withZone: false,
        cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN, certificate: given.usEast1Certificate },
      },
      'cloudFront.certificate is for domainName, and none was given; allowed: domainName with it, or no cloudFront.certificate',
    ],
    [
      'cloudFront with a load balancer certificate and no domainName',
      { withZone: false, withCertificate: true, cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN } },
      'with cloudFront, certificate is for the load balancer of domainName, and no domainName was given; allowed: domainName with hostedZone, or no certificate',
    ],
    [
      'a cloudFront.certificate outside us-east-1',
      { cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN, certificate: given.euWest1Certificate } },
      `cloudFront.certificate '${certificateArn('eu-west-1')}' is in eu-west-1; allowed: a certificate in us-east-1 (CloudFront requires it)`,
    ],
    [
      'cloudFront with AWS WAF in us-west-2, without a web ACL for the distribution',
      { withZone: false, cloudFront: {}, env: { account: ACCOUNT, region: 'us-west-2' } },
      "cloudFront with AWS WAF needs a CLOUDFRONT-scope web ACL for the distribution (only it sees the clients' addresses), which AWS WAF keeps in us-east-1, and the stack is in us-west-2; allowed: cloudFront.webAclArn (for example a WebApplicationFirewall with webAclScope CLOUDFRONT in a us-east-1 stack), a stack in us-east-1 (one is created), or firewall Firewall.none()",
    ],
    [
      'cloudFront with AWS WAF in an environment-agnostic stack, without a web ACL for the distribution',
      { withZone: false, cloudFront: {} },
      "cloudFront with AWS WAF needs a CLOUDFRONT-scope web ACL for the distribution (only it sees the clients' addresses), which AWS WAF keeps in us-east-1, and the stack's Region is not known at synth time (an environment-agnostic stack); allowed: cloudFront.webAclArn (for example a WebApplicationFirewall with webAclScope CLOUDFRONT in a us-east-1 stack), a stack in us-east-1 (one is created), or firewall Firewall.none()",
    ],
    [
      "firewall settings of the distribution's web ACL with cloudFront.webAclArn",
      {
        withZone: false,
        cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN },
        firewall: Firewall.managed({
          rateLimit: 300,
          managedRuleGroups: ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet'],
          ruleActionOverrides: [
            {
              ruleGroup: 'AWSManagedRulesAmazonIpReputationList',
              rule: 'AWSManagedIPDDoSList',
              action: ManagedRuleAction.COUNT,
            },
          ],
        }),
      },
      [
        "firewall.rateLimit 300 with cloudFront.webAclArn belongs to the distribution's web ACL, which cloudFront.webAclArn gives, so it would apply nowhere; allowed: set the rate limit on that web ACL and leave firewall.rateLimit out",
        "firewall.managedRuleGroups AWSManagedRulesAmazonIpReputationList with cloudFront.webAclArn belongs to the distribution's web ACL, which cloudFront.webAclArn gives, so it would apply nowhere; allowed: add them to that web ACL, and here only groups that inspect the request, such as AWSManagedRulesCommonRuleSet",
        "firewall.ruleActionOverrides entry for AWSManagedRulesAmazonIpReputationList with cloudFront.webAclArn belongs to the distribution's web ACL, which cloudFront.webAclArn gives, so it would apply nowhere; allowed: override it on that web ACL",
      ].join('\n  - '),
    ],
    // AWS WAF
    [
      'Firewall.managed with rateLimit below 100',
      { firewall: Firewall.managed({ rateLimit: 99 }) },
      'firewall.rateLimit 99 is not allowed; allowed: an integer from 100 to 2000000000',
    ],
    [
      'Firewall.fromWebAclArn with the ARN of a CLOUDFRONT-scope web ACL',
      { firewall: Firewall.fromWebAclArn(CLOUDFRONT_WEB_ACL_ARN) },
      `firewall.webAclArn '${CLOUDFRONT_WEB_ACL_ARN}' is not the ARN of a REGIONAL web ACL; allowed: arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>, in the load balancer's Region`,
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
      'network.cidr that is not a /16',
      { network: { cidr: '10.0.0.0/24' } },
      "network.cidr '10.0.0.0/24' is a /24 block; allowed: a /16 such as '10.0.0.0/16' (the subnet plan needs one)",
    ],
    [
      'a dual-stack load balancer in an IPv4-only network',
      { network: { dualStack: false }, httpsLoadBalancer: { dualStack: true } },
      'httpsLoadBalancer.dualStack true needs IPv6 subnets, and network.dualStack is false; allowed: network.dualStack true, or httpsLoadBalancer.dualStack false',
    ],
    [
      'an image from a public registry without NAT',
      { network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() } },
      `image '${PUBLIC_IMAGE}' comes from a registry that VPC endpoints cannot reach, and network.natGateways is none; allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache rule for the public registry), or NatGateways.single() / perAz() / instance()`,
    ],
    [
      "an image in another Region's ECR without NAT",
      {
        env: { account: ACCOUNT, region: 'us-west-2' },
        image: image(ECR_IMAGE_US_EAST_1),
        network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
      },
      `image '${ECR_IMAGE_US_EAST_1}' is in ECR in us-east-1, which the endpoints in us-west-2 cannot reach, and network.natGateways is none; allowed: a repository in us-west-2 (ECR replication can copy it there), or NatGateways.single() / perAz() / instance()`,
    ],
    [
      'an image from a public registry in a vpc of isolated subnets',
      { vpc: given.isolatedVpc },
      `image '${PUBLIC_IMAGE}' comes from a registry that VPC endpoints cannot reach, and the VPC given has only isolated subnets; allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache rule for the public registry), or NatGateways.single() / perAz() / instance()`,
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
      'httpsLoadBalancer.rulePriority 0',
      { httpsLoadBalancer: { rulePriority: 0 } },
      'httpsLoadBalancer.rulePriority 0 is not allowed; allowed: an integer from 1 to 50000',
    ],
    // Auto scaling
    [
      'autoScaling.cpuTargetUtilizationPercent 0',
      { autoScaling: { cpuTargetUtilizationPercent: 0 } },
      'autoScaling.cpuTargetUtilizationPercent 0 is not allowed; allowed: an integer from 1 to 100',
    ],
    // Alerts
    [
      'alerts.critical.emails with an address missing its domain',
      { alerts: { critical: { emails: ['bob@'] } } },
      "alerts.critical.emails[0] 'bob@' is not an email address; allowed: name@domain, such as ops@example.com",
    ],
    // Alarms
    [
      'alarms.highMemory.period of 30 seconds',
      { alarms: { highMemory: { period: Duration.seconds(30) } } },
      'alarms.highMemory.period 30 seconds is not allowed; allowed: a whole number of minutes, 1 or more',
    ],
    // Account audit
    [
      'audit with neither trail nor GuardDuty',
      { audit: { trail: false, guardDuty: false } },
      'audit.trail false and audit.guardDuty false leave nothing to create; allowed: at least one of them true',
    ],
  ];

  test.each(rows)('%s', (_, options, message) => {
    expectOnlyProblem('SecureFargateWebService', () => buildWebService(options), message);
  });

  test('one call with several bad props reports all of them at once, in one error', () => {
    const attempt = () =>
      buildWebService({
        domainName: 'app.example.org',
        firewall: Firewall.fromWebAclArn(CLOUDFRONT_WEB_ACL_ARN),
        network: { cidr: '10.0.0.0/24' },
        cpu: 300,
        desiredCount: 1,
        httpsLoadBalancer: { rulePriority: 0 },
        alerts: { critical: { emails: ['bob@'] } },
        alarms: { highCpu: { threshold: 101 } },
      });
    const expected = [
      "domainName 'app.example.org' is not in hostedZone 'example.com'; allowed: 'example.com' or a name ending in '.example.com'",
      `firewall.webAclArn '${CLOUDFRONT_WEB_ACL_ARN}' is not the ARN of a REGIONAL web ACL; allowed: arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>, in the load balancer's Region`,
      "network.cidr '10.0.0.0/24' is a /24 block; allowed: a /16 such as '10.0.0.0/16' (the subnet plan needs one)",
      'cpu 300 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384',
      'httpsLoadBalancer.rulePriority 0 is not allowed; allowed: an integer from 1 to 50000',
      'minCapacity (default) 2 is greater than desiredCount 1; allowed: minCapacity (default) <= desiredCount',
      "alerts.critical.emails[0] 'bob@' is not an email address; allowed: name@domain, such as ops@example.com",
      'alarms.highCpu.threshold 101 is not allowed; allowed: 1 to 100',
    ];
    expect(attempt).toThrow(/^Invalid SecureFargateWebService props:\n {2}- /);
    expect(problemsOf(attempt)).toHaveLength(8);
    expect(problemsOf(attempt)).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------
// A service in a shared environment: its route's options are named `route.`
// ---------------------------------------------------------------------------------------------------------

describe('SecureFargateWebService in a WebServiceEnvironment rejects', () => {
  const rows: Array<Rejection<Partial<EnvironmentServiceProps>>> = [
    [
      'domainName without hostedZone',
      { domainName: 'api.example.com' },
      "domainName 'api.example.com' needs hostedZone, the public hosted zone that holds it; allowed: hostedZone with it, or certificate without domainName",
    ],
    [
      'route.rulePriority 0',
      { route: { rulePriority: 0 } },
      'route.rulePriority 0 is not allowed; allowed: an integer from 1 to 50000',
    ],
    [
      'route.liveTargetGroup ALTERNATE without a strategy that shifts traffic',
      { route: { liveTargetGroup: LiveTargetGroup.ALTERNATE } },
      'route.liveTargetGroup ALTERNATE needs a second target group; allowed: PRIMARY, or a deploymentStrategy that shifts traffic (canary(), linear() or blueGreen())',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('SecureFargateWebService', () => buildEnvironmentService(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The cloudFront and firewall choices that combine
// ---------------------------------------------------------------------------------------------------------

describe('SecureFargateWebService accepts', () => {
  const combinations: Array<Acceptance<WebServiceOptions>> = [
    [
      'cloudFront {} with Firewall.none(), without a domain',
      { withZone: false, cloudFront: {}, firewall: Firewall.none() },
    ],
    [
      'cloudFront {} with a managed firewall in a us-east-1 stack (the distribution gets a web ACL of its own)',
      { withZone: false, cloudFront: {}, env: { account: ACCOUNT, region: 'us-east-1' } },
    ],
    [
      'Firewall.none() with cloudFront.webAclArn (the distribution gets the given web ACL, the load balancer none)',
      { withZone: false, cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN }, firewall: Firewall.none() },
    ],
    [
      'cloudFront with domainName and cloudFront.certificate',
      { cloudFront: { webAclArn: CLOUDFRONT_WEB_ACL_ARN, certificate: given.usEast1Certificate } },
    ],
  ];
  test.each(combinations)('%s', (_, options) => {
    expect(() => buildWebService(options)).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  // Synthesized too (build() reads the template). Durations are left to the blocks' own validation tests:
  // aws-cdk-lib converts the health check and idle timeout durations itself at synth, which a Token cannot
  // survive.
  const webService: Array<Acceptance<WebServiceOptions>> = [
    ['desiredCount', { desiredCount: lazyNumber(0) }],
    ['minCapacity and maxCapacity', { minCapacity: lazyNumber(9), maxCapacity: lazyNumber(3) }],
    ['maxCapacity from a parameter', { maxCapacity: parameterNumber('MaxTasks') }],
    ['containerPort', { containerPort: lazyNumber(0) }],
    ['domainName', { domainName: lazyString('app.example.org') }],
    ['subjectAlternativeNames entries', { subjectAlternativeNames: [lazyString('www.example.org')] }],
    ['firewall Firewall.fromWebAclArn', { firewall: Firewall.fromWebAclArn(lazyString(CLOUDFRONT_WEB_ACL_ARN)) }],
    [
      'firewall Firewall.fromWebAclArn from a parameter',
      { firewall: Firewall.fromWebAclArn(parameterString('WebAclArn')) },
    ],
    ['cloudFront.webAclArn', { withZone: false, cloudFront: { webAclArn: lazyString(REGIONAL_WEB_ACL_ARN) } }],
    [
      'cloudFront.webAclArn from a parameter',
      { withZone: false, cloudFront: { webAclArn: parameterString('EdgeWebAclArn') } },
    ],
  ];
  test.each(webService)('SecureFargateWebService: %s', (_, options) => {
    expect(() => buildWebService(options)).not.toThrow();
  });

  const environmentService: Array<Acceptance<Partial<EnvironmentServiceProps>>> = [
    [
      'route numbers and strings',
      {
        route: {
          healthyThresholdCount: lazyNumber(1),
          unhealthyThresholdCount: lazyNumber(99),
          healthCheckSuccessCodes: lazyString('2xx'),
          rulePriority: lazyNumber(0),
          hostHeaders: [lazyString('a b')],
        },
      },
    ],
  ];
  test.each(environmentService)('SecureFargateWebService in a WebServiceEnvironment: %s', (_, props) => {
    expect(() => buildEnvironmentService(props)).not.toThrow();
  });
});
