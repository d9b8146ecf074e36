/**
 * The configurations of `SecureFargateWebService` that the security tests hold to the cdk-nag packs,
 * and the environments each is synthesized in. Shared by the nag test (zero unacknowledged findings)
 * and the inventory test (every acknowledgement, as docs/security.md lists it).
 */
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  CapacityMix,
  ContainerRestartPolicy,
  Firewall,
  LogRouting,
  ManagedRuleAction,
  NatGateways,
  ScalingMode,
  SecureFargateWebService,
  SecureFargateWebServiceProps,
  ServiceDeploymentStrategy,
  ServiceEndpoint,
  WebServiceProfile,
} from '../../src';

export type Configure = (stack: Stack) => SecureFargateWebServiceProps;

export const zone = (stack: Stack) =>
  route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });

export const CONFIGURATIONS: Array<[string, Configure]> = [
  [
    'default',
    (stack) => ({
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
      domainName: 'app.example.com',
      hostedZone: zone(stack),
    }),
  ],
  [
    'fuller: endpoints without NAT, secrets, alternative names, narrowed ingress, own certificate',
    (stack) => ({
      image: ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-west-2.amazonaws.com/app:1.0'),
      domainName: 'app.example.com',
      hostedZone: zone(stack),
      subjectAlternativeNames: ['www.example.com'],
      network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargateWithEcsExec() },
      ecsExec: true,
      // Plain configuration beside the secrets: AwsSolutions-ECS2 is acknowledged for it.
      environment: { LOG_LEVEL: 'info', DATABASE_HOST: 'db.internal' },
      secrets: {
        DB_PASSWORD: ecs.Secret.fromSecretsManager(
          secretsmanager.Secret.fromSecretNameV2(stack, 'Db', 'db'),
          'password',
        ),
      },
      httpsLoadBalancer: { allowedIngressCidrs: ['203.0.113.0/24', '2001:db8::/32'] },
      // Route 53's health checkers are not among those networks.
      domainHealthCheck: false,
      firewall: Firewall.managed({ rateLimit: 500 }),
    }),
  ],
  [
    'the development profile, without access logs, with step scaling',
    (stack) => ({
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
      certificate: acm.Certificate.fromCertificateArn(
        stack,
        'Cert',
        'arn:aws:acm:us-west-2:123456789012:certificate/abc',
      ),
      profile: WebServiceProfile.DEVELOPMENT,
      httpsLoadBalancer: { accessLogs: false },
      autoScaling: { mode: ScalingMode.STEP, requestsPerTarget: 1000 },
    }),
  ],
  [
    'fullest: domain, WAF, CloudFront, endpoints, audit, secrets, ECS Exec, every alert kind, storage key, two sidecars, tracing, log routing, EFS',
    (stack) => ({
      image: ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-west-2.amazonaws.com/app:1.0'),
      domainName: 'app.example.com',
      hostedZone: zone(stack),
      cloudFront: {
        certificate: acm.Certificate.fromCertificateArn(
          stack,
          'ViewerCert',
          'arn:aws:acm:us-east-1:123456789012:certificate/viewer',
        ),
        webAclArn: EDGE_WEB_ACL_ARN,
      },
      network: { natGateways: NatGateways.perAz(), endpoints: ServiceEndpoint.forFargateWithEcsExec() },
      ecsExec: true,
      ephemeralStorageEncryptionKey: new kms.Key(stack, 'StorageKey', { enableKeyRotation: true }),
      secrets: {
        DB_PASSWORD: ecs.Secret.fromSecretsManager(
          secretsmanager.Secret.fromSecretNameV2(stack, 'Db', 'db'),
          'password',
        ),
      },
      // The rate limit belongs to the distribution's web ACL (cloudFront.webAclArn); the load balancer's counts large uploads.
      firewall: Firewall.managed({
        ruleActionOverrides: [
          { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'SizeRestrictions_BODY', action: ManagedRuleAction.COUNT },
        ],
      }),
      capacity: CapacityMix.of({ onDemandBase: 2, onDemandWeight: 1, spotWeight: 1 }),
      alerts: {
        critical: {
          httpsUrls: ['https://events.pagerduty.com/integration/abc/enqueue'],
          emails: ['oncall@example.com'],
        },
        warning: { slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' } },
        info: { emails: ['ops@example.com'] },
      },
      alarms: { responseTime: { threshold: 1 } },
      audit: {},
      restartPolicy: ContainerRestartPolicy.none(),
      stopTimeout: Duration.seconds(60),
      versionConsistency: ecs.VersionConsistency.ENABLED,
      // Room for the two sidecars, the tracing agent and the log router next to the application.
      memoryLimitMiB: 1024,
      tracing: {},
      logRouting: LogRouting.toFirehose(firehose.DeliveryStream.fromDeliveryStreamName(stack, 'Logs', 'app-logs')),
    }),
  ],
];

const FULLEST = CONFIGURATIONS[3][0];

/**
 * Completes a configuration's service after construction: the fullest one gets two sidecars, an essential proxy
 * the application waits for, and an agent from a private repository with configuration, a secret, a writable
 * path and a restart policy; and an EFS volume.
 */
export function completeConfiguration(name: string, web: SecureFargateWebService): void {
  if (name !== FULLEST) return;
  web.addSidecar('proxy', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/proxy:3.1'),
    cpu: 128,
    memoryLimitMiB: 256,
    essential: true,
    containerPorts: [9901],
    containerHealthCheck: { command: ['CMD', '/proxy', 'ready'] },
    appWaitsFor: ecs.ContainerDependencyCondition.HEALTHY,
  });
  const stack = Stack.of(web);
  web.addSidecar('agent', {
    image: ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-west-2.amazonaws.com/agent:2.0'),
    environment: { AGENT_MODE: 'sidecar' },
    secrets: {
      AGENT_KEY: ecs.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretNameV2(stack, 'AgentKey', 'agent-key')),
    },
    writablePaths: ['/var/run/agent'],
    restartPolicy: ContainerRestartPolicy.restartOnExit({ ignoredExitCodes: [0] }),
    stopTimeout: Duration.seconds(10),
    waitsForApp: ecs.ContainerDependencyCondition.START,
  });
  web.addEfsVolume('Uploads', { containerPath: '/srv/uploads' });
}

CONFIGURATIONS.push(
  [
    'CloudFront in front, no domain',
    () => ({
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
      cloudFront: { webAclArn: EDGE_WEB_ACL_ARN },
    }),
  ],
  [
    'CloudFront in front of a domain, without NAT',
    (stack) => ({
      image: ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-west-2.amazonaws.com/app:1.0'),
      domainName: 'app.example.com',
      hostedZone: zone(stack),
      cloudFront: {
        certificate: acm.Certificate.fromCertificateArn(
          stack,
          'ViewerCert',
          'arn:aws:acm:us-east-1:123456789012:certificate/viewer',
        ),
        webAclArn: EDGE_WEB_ACL_ARN,
      },
      network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
    }),
  ],
  [
    'progressive: a canary with a test listener and a deployment hook',
    (stack) => ({
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
      domainName: 'app.example.com',
      hostedZone: zone(stack),
      deploymentStrategy: ServiceDeploymentStrategy.canary(),
      httpsLoadBalancer: { testListenerPort: 8443 },
      deploymentHook: lambda.Function.fromFunctionArn(
        stack,
        'Hook',
        'arn:aws:lambda:us-west-2:123456789012:function:smoke-test',
      ),
    }),
  ],
);

/** A CLOUDFRONT-scope web ACL made in a us-east-1 stack, as a stack in another Region refers to it. */
export const EDGE_WEB_ACL_ARN =
  'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0123abcd-0123-4567-89ab-0123456789ab';

/** A CloudFront configuration in a us-east-1 stack, where the service creates the distribution's web ACL. */
export const US_EAST_1_CLOUDFRONT: [string, StackProps, (stack: Stack) => SecureFargateWebServiceProps] = [
  'CloudFront in us-east-1, with the web ACL of the distribution created in the stack',
  { env: { account: '123456789012', region: 'us-east-1' } },
  () => ({ image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'), cloudFront: {} }),
];

export const ENVIRONMENTS: Array<[string, StackProps]> = [
  ['environment-agnostic', {}],
  ['pinned to us-west-2', { env: { account: '123456789012', region: 'us-west-2' } }],
];

/** The short name of each configuration, as the acknowledgements table in docs/security.md names it. */
export const CONFIGURATION_LABELS: Readonly<Record<string, string>> = {
  default: 'default',
  'fuller: endpoints without NAT, secrets, alternative names, narrowed ingress, own certificate': 'fuller',
  'the development profile, without access logs, with step scaling': 'development',
  'fullest: domain, WAF, CloudFront, endpoints, audit, secrets, ECS Exec, every alert kind, storage key, two sidecars, tracing, log routing, EFS':
    'fullest',
  'CloudFront in front, no domain': 'cloudfront',
  'CloudFront in front of a domain, without NAT': 'cloudfront-domain',
  'progressive: a canary with a test listener and a deployment hook': 'progressive',
};
