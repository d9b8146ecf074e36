import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { CostDrivers, CostEstimate, CostEstimateOptions } from './cost/cost-estimate';
import { CloudFrontEdge } from './edge/cloud-front-edge';
import { HttpsLoadBalancer, HttpsLoadBalancerOptions } from './edge/https-load-balancer';
import { ServiceDomain } from './edge/service-domain';
import { ServiceRoute } from './edge/service-route';
import { FirewallScope, WebApplicationFirewall, WebApplicationFirewallProps } from './edge/web-application-firewall';
import { WebServiceEnvironment } from './environment/web-service-environment';
import { NatGateways, NatStrategy } from './network/nat-gateways';
import { ServiceEndpoint } from './network/service-endpoint';
import { WebServiceNetwork, WebServiceNetworkProps } from './network/web-service-network';
import { AccountAudit, AccountAuditProps } from './observability/account-audit';
import { AlertTopics, AlertTopicsProps } from './observability/alert-topics';
import { ServiceAlarms, ServiceAlarmsOptions } from './observability/service-alarms';
import { ServiceDashboard } from './observability/service-dashboard';
import { acknowledge } from './private/acknowledge';
import { checkServiceAlarmsProps } from './private/alarm-checks';
import { checkAlertTopicsProps } from './private/alert-checks';
import { checkAccountAuditProps } from './private/audit-checks';
import { checkDeploymentHook, checkDeploymentStrategy, checkTestListener } from './private/deployment-checks';
import { privateEcrRepositoryOf } from './private/ecr-image';
import {
  checkCloudFrontEdgeProps,
  checkHttpsLoadBalancerProps,
  checkServiceDomainProps,
  checkFirewallChoice,
} from './private/edge-checks';
import { ManagedPolicyRole } from './private/managed-policy-role';
import { stackScopedName } from './private/naming';
import { checkWebServiceNetworkProps } from './private/network-checks';
import { checkHardenedFargateServiceProps, checkServiceAutoScalingProps } from './private/service-checks';
import { publicSubnetsOf, taskSubnetsOf } from './private/subnets';
import { PropsValidator, quoted } from './private/validation';
import { behindCloudFront, checkCloudFrontFirewall, protectWithWaf } from './private/waf';
import { WebServiceProfile } from './profile';
import { ServiceAutoScaling, ServiceAutoScalingOptions } from './scaling/service-auto-scaling';
import { CapacityMix } from './service/capacity-mix';
import { HardenedFargateService, HardenedFargateServiceOptions } from './service/hardened-fargate-service';

/**
 * Props for `SecureFargateWebService`: the container and service settings of `HardenedFargateServiceOptions`,
 * and the rest below.
 */
export interface SecureFargateWebServiceProps extends HardenedFargateServiceOptions {
  /** The container image to run, for example `ecs.ContainerImage.fromEcrRepository(repo, 'v1.2.3')`. */
  readonly image: ecs.ContainerImage;

  /**
   * How many tasks run, set on every deployment. Leave it out to let auto scaling own the count: the
   * first deployment starts one task and auto scaling raises it to `minCapacity` (2); later deployments
   * keep whatever count auto scaling chose (aws/aws-cdk#3919).
   * @default - none in the template: auto scaling keeps between `minCapacity` (2) and `maxCapacity` tasks
   */
  readonly desiredCount?: number;

  /**
   * The fewest tasks auto scaling keeps.
   * @default 2
   */
  readonly minCapacity?: number;

  /**
   * The most tasks auto scaling starts.
   * @default 10
   */
  readonly maxCapacity?: number;

  /**
   * The service's domain name. With `hostedZone`, an ACM certificate (unless `certificate` is given)
   * and the DNS records are created.
   * @default - no domain: give `certificate` instead
   */
  readonly domainName?: string;

  /**
   * The public hosted zone that holds `domainName`.
   * @default - none: required with `domainName`
   */
  readonly hostedZone?: route53.IHostedZone;

  /**
   * A certificate for the HTTPS listener, used as given.
   * @default - a new certificate for `domainName`, validated through DNS in `hostedZone`
   */
  readonly certificate?: acm.ICertificate;

  /**
   * A VPC to run in: its public subnets hold the load balancer, its private subnets the tasks.
   * @default - a new VPC laid out as in the spec (see `WebServiceNetwork`)
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Options for the new VPC (CIDR, Availability Zones, NAT strategy, dual-stack, flow logs, endpoints).
   * Only for a new VPC: not together with `vpc`.
   * @default - the spec's layout: 10.0.0.0/16 in 2 AZs, NAT per AZ, dual-stack, encrypted flow logs
   */
  readonly network?: WebServiceNetworkProps;

  /**
   * The path the load balancer's health check requests.
   * @default '/health'
   */
  readonly healthCheckPath?: string;

  /**
   * Settings of auto scaling: target tracking or the spec's steps, CPU and memory thresholds, requests
   * per target, cooldowns (the task range is `minCapacity` to `maxCapacity`).
   * @default - target tracking on CPU 70% and memory 80%, 300 s cooldowns
   */
  readonly autoScaling?: ServiceAutoScalingOptions;

  /**
   * Settings of the load balancer: internal or internet-facing, allowed client CIDRs, TLS policy,
   * deletion protection, idle timeout, access logs, health check timing, listener rule.
   * @default - internet-facing, dual-stack with a new VPC, TLS 1.3/1.2, deletion protection, access logs
   */
  readonly loadBalancer?: HttpsLoadBalancerOptions;

  /**
   * More names the new certificate covers (with `domainName` and `hostedZone`).
   * @default - none
   */
  readonly subjectAlternativeNames?: string[];

  /**
   * Whether Route 53 checks `https://<domainName><healthCheckPath>` (with `domainName`).
   * @default true
   */
  readonly domainHealthCheck?: boolean;

  /**
   * Whether an AWS WAF web ACL protects the load balancer.
   * @default true
   */
  readonly waf?: boolean;

  /**
   * Settings of the web ACL this construct creates: rate limit, managed rule groups, log retention.
   * @default - see `WebApplicationFirewallProps`
   */
  readonly firewall?: WebApplicationFirewallProps;

  /**
   * The ARN of a regional web ACL of your own to associate instead of creating one.
   * @default - a new web ACL (see `firewall`)
   */
  readonly webAclArn?: string;

  /**
   * Whether CloudFront serves the service, through a VPC origin to an internal load balancer that has no
   * internet ingress at all. Then neither a certificate nor a domain is required: without a domain the
   * service answers at the distribution's `*.cloudfront.net` name.
   * @default false
   */
  readonly cloudFront?: boolean;

  /**
   * A shared environment to attach to: its network, cluster, load balancer, WAF and alert topics serve
   * this service too, which adds its own route (by host names and paths, `loadBalancer.hostHeaders`,
   * `pathPatterns`, `rulePriority`), target group, security group, logs, scaling, alarms and dashboard.
   * Not together with the settings of what the environment owns (`vpc`, `network`, `waf`, `firewall`,
   * `webAclArn`, `alerts`, `cloudFront`, and the load balancer's own settings).
   * @default - none: this construct creates all of it for itself
   */
  readonly sharedEnvironment?: WebServiceEnvironment;

  /**
   * The defaults to start from: production (the spec's high availability) or development (cheaper).
   * @default WebServiceProfile.PRODUCTION
   */
  readonly profile?: WebServiceProfile;

  /**
   * Where alerts go, by severity (email, HTTPS endpoints such as PagerDuty, Slack through AWS Chatbot),
   * or topics of your own.
   * @default - three new encrypted topics, critical, warning and info, with no subscriptions yet
   */
  readonly alerts?: AlertTopicsProps;

  /**
   * Thresholds, evaluation windows and on/off of each alarm, deployment rollback, the alarm name prefix.
   * @default - the spec's alarms and more (see `ServiceAlarmsOptions`), named `<stack>-<path>-<Alarm>`
   */
  readonly alarms?: ServiceAlarmsOptions;

  /**
   * The account-wide audit: a multi-Region CloudTrail trail and a GuardDuty detector with Runtime
   * Monitoring for Fargate. Both are singletons of the account (one detector per Region; one trail is free),
   * so create them here only in the one stack of an account that should own them.
   * @default - none: the account's own (or its organization's) trail and GuardDuty apply
   */
  readonly audit?: AccountAuditProps;

  /**
   * Whether a CloudWatch dashboard shows the service: requests, latency, errors, hosts, CPU, memory,
   * tasks, the alarms' states and recent errors from the logs.
   * @default true
   */
  readonly dashboard?: boolean;

  /**
   * The viewer certificate of the distribution, in us-east-1 (CloudFront requires it); needed with
   * `cloudFront` and `domainName`.
   * @default - none: the distribution's own name only
   */
  readonly cloudFrontCertificate?: acm.ICertificate;

  /**
   * The ARN of a CLOUDFRONT-scope web ACL (created in us-east-1) for the distribution, for example a
   * `WebApplicationFirewall` with `webAclScope: FirewallScope.CLOUDFRONT` in a us-east-1 stack. Behind CloudFront
   * only this web ACL sees the clients' addresses, so it holds the per-IP rate limit and IP reputation rules.
   * @default - with AWS WAF on, a new CLOUDFRONT-scope web ACL with `firewall`'s settings when this stack is in
   * us-east-1; in any other Region one must be given
   */
  readonly cloudFrontWebAclArn?: string;
}

/**
 * A production-grade web service on ECS Fargate as the spec lays it out: a VPC with public and
 * private subnets in two Availability Zones, an HTTPS-only Application Load Balancer, a hardened
 * Fargate service in the private subnets, and auto scaling. Every part is a public building block,
 * reachable through this construct's fields.
 */
export class SecureFargateWebService extends Construct {
  /** The VPC the service runs in. */
  public readonly vpc: ec2.IVpc;

  /** The network block, when this construct created the VPC. */
  public readonly network?: WebServiceNetwork;

  /** The cluster the service runs in. */
  public readonly cluster: ecs.ICluster;

  /** The ECS service. */
  public readonly service: ecs.FargateService;

  /** The task definition. */
  public readonly taskDefinition: ecs.FargateTaskDefinition;

  /** The application container. */
  public readonly container: ecs.ContainerDefinition;

  /** The log group the container writes to. */
  public readonly logGroup: logs.LogGroup;

  /** The load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  /** The HTTPS listener; absent only behind CloudFront without a domain. */
  public readonly httpsListener?: elbv2.ApplicationListener;

  /** The HTTP listener: it only redirects to HTTPS, except behind CloudFront without a domain. */
  public readonly httpListener: elbv2.ApplicationListener;

  /** The listener that carries the service's rule: HTTPS, or HTTP behind CloudFront without a domain. */
  public readonly listener: elbv2.ApplicationListener;

  /** The listener rule that forwards the service's traffic to its target group. */
  public readonly listenerRule: elbv2.ApplicationListenerRule;

  /** The target group of the service's tasks. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;

  /** The second target group, with a deployment strategy that shifts traffic (canary, linear, blue/green). */
  public readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;

  /** The test listener, with `loadBalancer.testListenerPort`. */
  public readonly testListener?: elbv2.ApplicationListener;

  /** The certificate the load balancer's HTTPS listener presents; absent only behind CloudFront without a domain. */
  public readonly certificate?: acm.ICertificate;

  /** The domain block, when `domainName` and `hostedZone` are given. */
  public readonly domain?: ServiceDomain;

  /** The load balancer block (security group, listeners, target group, listener rule, access logs), unless in an `environment`. */
  public readonly edge?: HttpsLoadBalancer;

  /** The service's route on the shared listener, in an `environment`. */
  public readonly route?: ServiceRoute;

  /** The shared environment the service attached to (`sharedEnvironment`), if any. */
  public readonly sharedEnvironment?: WebServiceEnvironment;

  /** The CloudFront block, with `cloudFront`. */
  public readonly cloudFront?: CloudFrontEdge;

  /**
   * The web ACL this construct created for the load balancer, when `waf` is on and no `webAclArn` is given
   * (none in an environment). Behind CloudFront it holds only the rules that inspect the request itself.
   */
  public readonly firewall?: WebApplicationFirewall;

  /**
   * The CLOUDFRONT-scope web ACL this construct created for the distribution: with `cloudFront` and AWS WAF
   * on, in a stack in us-east-1, when no `cloudFrontWebAclArn` is given.
   */
  public readonly cloudFrontFirewall?: WebApplicationFirewall;

  /** The auto scaling block. */
  public readonly scaling: ServiceAutoScaling;

  /** The alert topics (critical, warning, info) and their subscriptions. */
  public readonly alerts: AlertTopics;

  /** The service's alarms; the critical ones roll deployments back. */
  public readonly alarms: ServiceAlarms;

  /** The account-wide audit, with `audit`. */
  public readonly audit?: AccountAudit;

  /** The service's dashboard, unless `dashboard` is false. */
  public readonly dashboard?: ServiceDashboard;

  /**
   * The service's HTTPS address: its domain name, or else the first of `loadBalancer.hostHeaders`, or else
   * the load balancer's (or the distribution's) DNS name.
   */
  public readonly url: string;

  /** What this construct's monthly cost depends on, as its configuration sets it (see `costEstimate`). */
  public readonly costDrivers: CostDrivers;

  constructor(scope: Construct, id: string, given: SecureFargateWebServiceProps) {
    super(scope, id);
    const props = withProfileDefaults(given);
    const desiredCount = validateWebServiceProps(this, props);

    const environment = props.sharedEnvironment;
    this.sharedEnvironment = environment;
    if (environment) {
      this.vpc = environment.vpc;
    } else if (props.vpc) {
      this.vpc = props.vpc;
    } else {
      this.network = new WebServiceNetwork(this, 'Network', props.network);
      this.vpc = this.network.vpc;
    }

    if (props.domainName !== undefined && props.hostedZone) {
      this.domain = new ServiceDomain(this, 'Domain', {
        domainName: props.domainName,
        hostedZone: props.hostedZone,
        certificate: props.certificate,
        subjectAlternativeNames: props.subjectAlternativeNames,
        healthCheck: props.domainHealthCheck,
        healthCheckPath: props.healthCheckPath,
      });
    }
    this.certificate = this.domain?.certificate ?? props.certificate;
    const cloudFront = props.cloudFront ?? false;

    // The container and service settings (HardenedFargateServiceOptions) pass through as given.
    const compute = new HardenedFargateService(this, 'Service', {
      ...props,
      vpc: this.vpc,
      vpcSubnets: (environment?.network ?? this.network)?.taskSubnets,
      cluster: environment?.cluster,
      desiredCount,
      autoScaled: true,
    });
    this.cluster = compute.cluster;
    this.service = compute.service;
    this.taskDefinition = compute.taskDefinition;
    this.container = compute.container;
    this.logGroup = compute.logGroup;
    const shiftsTraffic = props.deploymentStrategy?.shiftsTraffic ?? false;
    const hostHeaders =
      props.loadBalancer?.hostHeaders ??
      (props.domainName !== undefined ? [props.domainName, ...(props.subjectAlternativeNames ?? [])] : undefined);

    let dualStack: boolean;
    if (environment) {
      // A route of its own on the shared HTTPS listener; the domain's certificate joins the listener's.
      const route = new ServiceRoute(this, 'Route', {
        ...props.loadBalancer,
        hostHeaders,
        vpc: this.vpc,
        listener: environment.httpsListener,
        targetPort: compute.containerPort,
        healthCheckPath: props.healthCheckPath,
        alternateTargetGroup: shiftsTraffic,
      });
      if (this.certificate) {
        new elbv2.ApplicationListenerCertificate(this, 'ListenerCertificate', {
          listener: environment.httpsListener,
          certificates: [elbv2.ListenerCertificate.fromCertificateManager(this.certificate)],
        });
      }
      environment.claimRoute(
        this.node.path,
        props.loadBalancer?.rulePriority ?? 100,
        hostHeaders ?? [],
        props.loadBalancer?.pathPatterns ?? [],
        this.certificate !== undefined,
      );
      this.route = route;
      this.loadBalancer = environment.loadBalancer;
      this.httpsListener = environment.httpsListener;
      this.httpListener = environment.httpListener;
      this.listener = environment.httpsListener;
      this.targetGroup = route.targetGroup;
      this.listenerRule = route.listenerRule;
      this.alternateTargetGroup = route.alternateTargetGroup;
      dualStack = environment.dualStack;
    } else {
      // Behind CloudFront the load balancer is internal (VPC origins reach IPv4 addresses); CloudFront serves IPv6.
      dualStack = cloudFront ? false : (props.loadBalancer?.dualStack ?? this.network?.dualStack ?? false);
      const edge = new HttpsLoadBalancer(this, 'LoadBalancer', {
        hostHeaders,
        ...props.loadBalancer,
        internetFacing: cloudFront ? false : props.loadBalancer?.internetFacing,
        dualStack,
        vpc: this.vpc,
        certificate: this.certificate,
        targetPort: compute.containerPort,
        healthCheckPath: props.healthCheckPath,
        alternateTargetGroup: shiftsTraffic,
      });
      this.edge = edge;
      this.alternateTargetGroup = edge.alternateTargetGroup;
      this.testListener = edge.testListener;
      this.loadBalancer = edge.loadBalancer;
      this.httpsListener = edge.httpsListener;
      this.httpListener = edge.httpListener;
      this.listener = edge.serviceListener;
      this.targetGroup = edge.targetGroup!;
      this.listenerRule = edge.listenerRule!;
      this.warnIfHealthCheckUnreachable(props, cloudFront);
      // Behind CloudFront the load balancer sees the VPC origin's addresses: the distribution's web ACL judges clients.
      const firewall = cloudFront ? behindCloudFront(props.firewall) : props.firewall;
      this.firewall = protectWithWaf(this, edge, { ...props, firewall }, props.waf ?? true);
    }
    if (this.alternateTargetGroup) {
      const testRule = this.edge?.testListenerRule;
      const role = trafficShiftRole(this, this.targetGroup, this.alternateTargetGroup, [
        this.listenerRule,
        ...(testRule ? [testRule] : []),
      ]);
      // ECS registers each new revision in the target group the production rule does not weight, then
      // shifts the rule's weights to it (and the test listener's, first).
      this.targetGroup.addTarget(
        this.service.loadBalancerTarget({
          containerName: this.container.containerName,
          containerPort: compute.containerPort,
          alternateTarget: new ecs.AlternateTarget('AlternateTarget', {
            alternateTargetGroup: this.alternateTargetGroup,
            productionListener: ecs.ListenerRuleConfiguration.applicationListenerRule(this.listenerRule),
            testListener: testRule ? ecs.ListenerRuleConfiguration.applicationListenerRule(testRule) : undefined,
            role,
          }),
        }),
      );
      // ECS acts through the role from the first deployment on: its policy must be attached by then.
      this.service.node.addDependency(role);
    } else {
      this.service.attachToApplicationTargetGroup(this.targetGroup);
    }

    if (cloudFront && this.edge) {
      if ((props.waf ?? true) && props.cloudFrontWebAclArn === undefined) {
        // Only in us-east-1 (validated): AWS WAF keeps the web ACLs of distributions there.
        this.cloudFrontFirewall = new WebApplicationFirewall(this, 'CloudFrontFirewall', {
          ...props.firewall,
          webAclScope: FirewallScope.CLOUDFRONT,
        });
      }
      this.cloudFront = new CloudFrontEdge(this, 'CloudFront', {
        vpc: this.vpc,
        loadBalancer: this.loadBalancer,
        loadBalancerSecurityGroup: this.edge.securityGroup,
        originDomainName: props.domainName,
        domainNames: props.domainName !== undefined ? [props.domainName] : undefined,
        certificate: props.cloudFrontCertificate,
        webAclArn: props.cloudFrontWebAclArn ?? this.cloudFrontFirewall?.webAclArn,
      });
      this.domain?.pointTo(new targets.CloudFrontTarget(this.cloudFront.distribution), { ipv6: true });
    } else {
      this.domain?.pointTo(new targets.LoadBalancerTarget(this.loadBalancer), { ipv6: dualStack });
    }

    this.scaling = new ServiceAutoScaling(this, 'Scaling', {
      ...props.autoScaling,
      service: this.service,
      targetGroup: this.targetGroup,
      alternateTargetGroup: this.alternateTargetGroup,
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
    });

    this.alerts = environment?.alerts ?? new AlertTopics(this, 'Alerts', props.alerts);
    this.alarms = new ServiceAlarms(this, 'Alarms', {
      ...props.alarms,
      alarmNamePrefix: props.alarms?.alarmNamePrefix ?? stackScopedName(this),
      service: this.service,
      loadBalancer: this.loadBalancer,
      targetGroup: this.targetGroup,
      topics: this.alerts,
      minimumTaskCount: props.minCapacity ?? 2,
      domain: this.domain,
      // A shared load balancer's own 5XX belong to every service behind it.
      loadBalancerErrors: environment === undefined,
      alternateTargetGroup: this.alternateTargetGroup,
    });

    if (props.audit) this.audit = new AccountAudit(this, 'Audit', props.audit);

    if (props.dashboard ?? true) {
      this.dashboard = new ServiceDashboard(this, 'Dashboard', {
        service: this.service,
        loadBalancer: this.loadBalancer,
        targetGroup: this.targetGroup,
        alternateTargetGroup: this.alternateTargetGroup,
        logGroup: this.logGroup,
        alarms: this.alarms.alarms,
      });
    }

    const host = this.cloudFront?.distribution.distributionDomainName ?? this.loadBalancer.loadBalancerDnsName;
    // A service routed by host name answers only at that name.
    this.url = `https://${props.domainName ?? props.loadBalancer?.hostHeaders?.[0] ?? host}`;
    this.costDrivers = this.driversOfCost(props, cloudFront);
  }

  /** Warns when the Route 53 health checkers cannot reach the load balancer. */
  private warnIfHealthCheckUnreachable(props: SecureFargateWebServiceProps, cloudFront: boolean): void {
    if (!this.domain?.healthCheck || cloudFront) return;
    const cidrs = props.loadBalancer?.allowedIngressCidrs;
    if (props.loadBalancer?.internetFacing === false) {
      Annotations.of(this).addWarningV2(
        'secure-fargate:health-check-unreachable',
        'The Route 53 health checkers, outside the VPC, cannot reach an internal load balancer: set domainHealthCheck false',
      );
    } else if (cidrs !== undefined && !cidrs.includes('0.0.0.0/0')) {
      Annotations.of(this).addWarningV2(
        'secure-fargate:health-check-unreachable',
        'The Route 53 health checkers cannot reach the service: the load balancer admits only allowedIngressCidrs; ' +
          "add Route 53's health checker ranges to them, or set domainHealthCheck false",
      );
    }
  }

  /**
   * The estimated monthly cost of what this construct creates, one line per component (NAT gateways,
   * public IPv4 addresses, Fargate, load balancer, data transfer, logs, KMS keys, alarms, dashboard, WAF,
   * interface endpoints), from its configuration (`costDrivers`) and the given traffic assumptions and
   * prices (us-west-2 list prices by default).
   * @param options traffic assumptions and unit prices instead of the defaults
   */
  public costEstimate(options: CostEstimateOptions = {}): CostEstimate {
    return CostEstimate.of({ ...options, drivers: this.costDrivers });
  }

  private driversOfCost(props: SecureFargateWebServiceProps, cloudFront: boolean): CostDrivers {
    const count = (type: new (...args: never[]) => object) =>
      this.node.findAll().filter((c) => c instanceof type).length;
    const availabilityZones = this.vpc.availabilityZones.length;
    const natGateways = this.network ? this.network.natGateways.countFor(availabilityZones) : 0;
    // The tasks that run most of the time: a fixed count, or auto scaling's minimum.
    const taskCount = props.desiredCount ?? props.minCapacity ?? 2;
    // A shared environment's network, load balancer and web ACL are the environment's cost, not the service's.
    const ownLoadBalancer = this.edge !== undefined;
    const internetFacing = ownLoadBalancer && !cloudFront && (props.loadBalancer?.internetFacing ?? true);
    const firewalls = [this.firewall, this.cloudFrontFirewall].filter((f) => f !== undefined);
    return {
      natGateways,
      // Each NAT gateway's Elastic IP, and the internet-facing load balancer's address in each zone.
      publicIpv4Addresses: natGateways + (internetFacing ? availabilityZones : 0),
      taskCount,
      cpu: props.cpu ?? 256,
      memoryLimitMiB: props.memoryLimitMiB ?? 512,
      cpuArchitecture: props.cpuArchitecture,
      spotPercent: (props.capacity ?? CapacityMix.onDemand()).spotPercentOf(taskCount),
      loadBalancers: ownLoadBalancer ? 1 : 0,
      webAcls: firewalls.length,
      webAclRules: firewalls.reduce((sum, f) => sum + ((f.webAcl.rules as unknown[] | undefined)?.length ?? 0), 0),
      cloudFront,
      kmsKeys: count(kms.Key),
      alarms: this.alarms.alarms.length,
      dashboards: this.dashboard ? 1 : 0,
      interfaceEndpoints: count(ec2.InterfaceVpcEndpoint),
      availabilityZones,
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    };
  }
}

/**
 * Checks the props of this construct and of every block it will build, on one validator, so that a
 * user sees all problems at once. Returns the desired count to set, if any.
 */
function validateWebServiceProps(scope: Construct, props: SecureFargateWebServiceProps): number | undefined {
  const v = new PropsValidator('SecureFargateWebService');
  const { domainName, hostedZone } = props;
  if (props.sharedEnvironment) checkSharedEnvironmentUse(v, props);
  if (!props.certificate && domainName === undefined && !props.cloudFront && !props.sharedEnvironment) {
    v.fail(
      'HTTPS needs a certificate; allowed: domainName with hostedZone (a certificate is created), certificate, or cloudFront true',
    );
  }
  if (props.cloudFront) {
    if (props.loadBalancer?.internetFacing === true) {
      v.fail(
        'loadBalancer.internetFacing true with cloudFront; allowed: an internal load balancer behind CloudFront (leave it out)',
      );
    }
    if (domainName !== undefined && !props.cloudFrontCertificate) {
      v.fail(
        `domainName ${quoted(domainName)} with cloudFront needs cloudFrontCertificate, a certificate in us-east-1 that covers it; ` +
          "allowed: cloudFrontCertificate, or neither domainName nor hostedZone (the distribution's own name)",
      );
    }
    if (props.loadBalancer?.allowedIngressCidrs !== undefined) {
      v.fail(
        `loadBalancer.allowedIngressCidrs [${props.loadBalancer.allowedIngressCidrs.join(', ')}] with cloudFront; allowed: leave it out, the CloudFront VPC origin is the only ingress`,
      );
    }
    if (props.loadBalancer?.dualStack === true) {
      v.fail(
        'loadBalancer.dualStack true with cloudFront; allowed: leave it out (CloudFront serves IPv6; its VPC origin reaches the load balancer over IPv4)',
      );
    }
    if (props.cloudFrontCertificate && domainName === undefined) {
      v.fail(
        'cloudFrontCertificate is for domainName, and no domainName was given; allowed: domainName with hostedZone, or no cloudFrontCertificate',
      );
    }
    if (props.certificate && domainName === undefined) {
      v.fail(
        'certificate is for the load balancer of domainName, and with cloudFront no domainName was given; allowed: domainName with hostedZone, or no certificate',
      );
    }
    checkCloudFrontEdgeProps(
      v,
      { certificate: props.cloudFrontCertificate, webAclArn: props.cloudFrontWebAclArn },
      'cloudFrontCertificate',
      'cloudFrontWebAclArn',
    );
    checkCloudFrontFirewall(v, props, Stack.of(scope).region);
  } else if (props.cloudFrontCertificate || props.cloudFrontWebAclArn !== undefined) {
    v.fail('cloudFrontCertificate and cloudFrontWebAclArn need cloudFront true; allowed: cloudFront true, or neither');
  }
  if (domainName !== undefined && !hostedZone) {
    v.fail(
      `domainName ${quoted(domainName)} needs hostedZone, the public hosted zone that holds it; allowed: hostedZone with it, or certificate without domainName`,
    );
  }
  if (hostedZone && domainName === undefined) {
    v.fail(
      'hostedZone needs domainName, the name to create records for in it; allowed: domainName with it, or no hostedZone',
    );
  }
  if (domainName !== undefined && hostedZone) {
    checkServiceDomainProps(v, {
      domainName,
      hostedZone,
      certificate: props.certificate,
      subjectAlternativeNames: props.subjectAlternativeNames,
    });
  }

  checkFirewallChoice(v, props);
  if (props.domainName === undefined && (props.subjectAlternativeNames || props.domainHealthCheck !== undefined)) {
    v.fail(
      'subjectAlternativeNames and domainHealthCheck need domainName with hostedZone; allowed: give those, or neither',
    );
  }

  if (!props.vpc && props.network?.dualStack === false && props.loadBalancer?.dualStack === true) {
    v.fail(
      'loadBalancer.dualStack true needs IPv6 subnets, and network.dualStack is false; allowed: network.dualStack true, or loadBalancer.dualStack false',
    );
  }
  if ((props.subjectAlternativeNames?.length ?? 0) > 2) {
    v.fail(
      `subjectAlternativeNames has ${props.subjectAlternativeNames!.length} names; allowed: up to 2 (the listener rule routes domainName and these, and a rule condition holds 3 host names)`,
    );
  }

  if (props.sharedEnvironment) {
    // The environment checked its own network.
  } else if (props.vpc) {
    if (props.network) {
      v.fail('network options apply only to a new VPC, and vpc was given; allowed: vpc or network, not both');
    }
    taskSubnetsOf(v, 'vpc', props.vpc);
    // Only an internet-facing load balancer goes into public subnets; an internal one shares the tasks'.
    if (!props.cloudFront && props.loadBalancer?.internetFacing !== false) publicSubnetsOf(v, 'vpc', props.vpc);
  } else {
    checkWebServiceNetworkProps(v, scope, props.network ?? {}, 'network.');
  }

  // Auto scaling manages the count: a desired count goes into the template only when given.
  const desiredCount = props.desiredCount;
  checkHardenedFargateServiceProps(v, props);
  checkImageReachable(v, scope, props);
  if (props.ecsExec && !props.vpc && props.network?.natGateways?.strategy === NatStrategy.NONE) {
    if (!(props.network.endpoints ?? []).some((e) => e.id === ServiceEndpoint.SSM_MESSAGES.id)) {
      v.fail(
        'ecsExec needs the SSM messages endpoint when network.natGateways is none; allowed: network.endpoints with ServiceEndpoint.SSM_MESSAGES (ServiceEndpoint.forFargateWithEcsExec()), or ecsExec false',
      );
    }
  }
  // No targetPort: the container port is checked once, as containerPort (checkHardenedFargateServiceProps).
  checkHttpsLoadBalancerProps(
    v,
    {
      ...props.loadBalancer,
      healthCheckPath: props.healthCheckPath,
      alternateTargetGroup: props.deploymentStrategy?.shiftsTraffic,
    },
    'loadBalancer.',
  );
  checkDeploymentStrategy(v, props.deploymentStrategy);
  checkDeploymentHook(v, props);
  checkTestListener(v, props.loadBalancer?.testListenerPort, props.deploymentStrategy?.shiftsTraffic);
  if (props.loadBalancer?.testListenerPort !== undefined && (props.cloudFront || props.sharedEnvironment)) {
    v.fail(
      "loadBalancer.testListenerPort needs a load balancer of the service's own with a certificate; allowed: no testListenerPort with cloudFront or sharedEnvironment",
    );
  }
  checkServiceAutoScalingProps(
    v,
    { ...props.autoScaling, minCapacity: props.minCapacity, maxCapacity: props.maxCapacity },
    'autoScaling.',
  );
  const label = (prop: string, value: number | undefined) => (value === undefined ? `${prop} (default)` : prop);
  v.ordered(label('minCapacity', props.minCapacity), props.minCapacity ?? 2, 'desiredCount', desiredCount);
  v.ordered('desiredCount', desiredCount, label('maxCapacity', props.maxCapacity), props.maxCapacity ?? 10);
  if (props.alerts) checkAlertTopicsProps(v, props.alerts, 'alerts.');
  if (props.alarms) checkServiceAlarmsProps(v, props.alarms, 'alarms.');
  if (props.audit) checkAccountAuditProps(v, props.audit, 'audit.');
  v.throwIfAny();
  return desiredCount;
}

/**
 * The role ECS assumes to move traffic between the target groups: it may read the load balancer's
 * configuration and change only the service's listener rules and its two target groups' registrations,
 * instead of AWS's managed policy for all load balancers.
 */
function trafficShiftRole(
  scope: Construct,
  targetGroup: elbv2.IApplicationTargetGroup,
  alternate: elbv2.IApplicationTargetGroup,
  rules: elbv2.ApplicationListenerRule[],
): iam.IRole {
  const role = new ManagedPolicyRole(
    scope,
    'TrafficShiftRole',
    {
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
      description: "Lets ECS shift the web service's traffic between its two target groups during deployments",
    },
    "ECS's traffic shifting for the web service's deployments",
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetHealth',
      ],
      resources: ['*'],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['elasticloadbalancing:ModifyRule'],
      resources: rules.map((rule) => rule.listenerRuleArn),
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
      resources: [targetGroup.targetGroupArn, alternate.targetGroupArn],
    }),
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5',
    "Elastic Load Balancing's Describe actions have no resource-level permissions; the rule changes and target registrations are limited to this service's rules and target groups.",
    ['Resource::*'],
  );
  return role;
}

/** The props that belong to what a shared environment owns, refused next to `sharedEnvironment`. */
const OWNED_BY_ENVIRONMENT: Array<keyof SecureFargateWebServiceProps> = [
  'vpc',
  'network',
  'waf',
  'firewall',
  'webAclArn',
  'alerts',
  'cloudFront',
  'cloudFrontCertificate',
  'cloudFrontWebAclArn',
];

/** The load balancer settings that belong to the shared load balancer, not to a service's route. */
const LOAD_BALANCER_OWN: Array<keyof HttpsLoadBalancerOptions> = [
  'internetFacing',
  'dualStack',
  'allowedIngressCidrs',
  'sslPolicy',
  'deletionProtection',
  'idleTimeout',
  'desyncMitigationMode',
  'accessLogs',
  'accessLogBucket',
  'accessLogPrefix',
];

/** Records the props that a service in a shared environment cannot set, since the environment owns them. */
function checkSharedEnvironmentUse(v: PropsValidator, props: SecureFargateWebServiceProps): void {
  const owned = OWNED_BY_ENVIRONMENT.filter((prop) => props[prop] !== undefined);
  const lb = props.loadBalancer ?? {};
  owned.push(...LOAD_BALANCER_OWN.filter((prop) => lb[prop] !== undefined).map((p) => `loadBalancer.${p}` as never));
  if (owned.length > 0) {
    v.fail(
      `${owned.join(', ')} given with sharedEnvironment, which owns them; allowed: set them on the WebServiceEnvironment, or leave sharedEnvironment out`,
    );
  }
}

/**
 * The image's name when it comes from a registry by name (`ecs.ContainerImage.fromRegistry`); ECR
 * repository and asset images are known only at deploy time, and live in ECR.
 */
function registryImageName(image: ecs.ContainerImage): string | undefined {
  // aws-cdk-lib keeps the name in a private field; the L3 tests fail if that ever changes.
  return image instanceof ecs.RepositoryImage ? (image as unknown as { imageName?: string }).imageName : undefined;
}

/** Whether the tasks will run in subnets without any internet route (NAT none, or a VPC of isolated subnets). */
function tasksWithoutInternet(props: SecureFargateWebServiceProps): boolean {
  if (props.vpc) return props.vpc.privateSubnets.length === 0 && props.vpc.isolatedSubnets.length > 0;
  return props.network?.natGateways?.strategy === NatStrategy.NONE;
}

/** Records a problem when the tasks cannot pull the image: no internet route, and not ECR of this Region. */
function checkImageReachable(v: PropsValidator, scope: Construct, props: SecureFargateWebServiceProps): void {
  const name = registryImageName(props.image);
  if (name === undefined || Token.isUnresolved(name) || !tasksWithoutInternet(props)) return;
  const repository = privateEcrRepositoryOf(name);
  const region = Stack.of(scope).region;
  const where = props.vpc ? 'the VPC given has only isolated subnets' : 'network.natGateways is none';
  if (!repository) {
    v.fail(
      `image '${name}' comes from a registry that VPC endpoints cannot reach, and ${where}; ` +
        'allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache ' +
        'rule for the public registry), or NatGateways.single() / perAz()',
    );
  } else if (!Token.isUnresolved(region) && repository.region !== region) {
    v.fail(
      `image '${name}' is in ECR in ${repository.region}, which the endpoints in ${region} cannot reach, and ${where}; ` +
        `allowed: a repository in ${region} (ECR replication can copy it there), or NatGateways.single() / perAz()`,
    );
  }
}

/**
 * The props with the profile's defaults filled in where a prop is not given. The production profile's
 * defaults are the blocks' own.
 */
function withProfileDefaults(props: SecureFargateWebServiceProps): SecureFargateWebServiceProps {
  if ((props.profile ?? WebServiceProfile.PRODUCTION) === WebServiceProfile.PRODUCTION) return props;
  const own = {
    capacity: props.capacity ?? CapacityMix.spotWeighted(),
    logRetention: props.logRetention ?? logs.RetentionDays.ONE_WEEK,
  };
  // In a shared environment the network, the load balancer and WAF are the environment's (and its profile's).
  if (props.sharedEnvironment) return { ...props, ...own };
  return {
    ...props,
    ...own,
    network: props.vpc
      ? props.network
      : { ...props.network, natGateways: props.network?.natGateways ?? NatGateways.single() },
    loadBalancer: { ...props.loadBalancer, deletionProtection: props.loadBalancer?.deletionProtection ?? false },
    waf:
      props.waf ??
      (props.webAclArn !== undefined || props.firewall !== undefined || props.cloudFrontWebAclArn !== undefined),
  };
}
