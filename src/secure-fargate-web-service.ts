import { Annotations, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { CostDrivers, CostEstimate, CostEstimateOptions } from './cost/cost-estimate';
import { CostedSettings, webServiceCostDrivers } from './cost/private/service-cost-drivers';
import { CloudFrontEdge } from './edge/cloud-front-edge';
import { HttpsLoadBalancer } from './edge/https-load-balancer';
import { ServiceDomain } from './edge/service-domain';
import { ServiceRoute, ServiceRouteOptions } from './edge/service-route';
import { WebApplicationFirewall } from './edge/web-application-firewall';
import { EnvironmentServiceProps, IWebServiceEnvironment } from './environment/environment-service';
import { WebServiceNetwork } from './network/web-service-network';
import { AccountAudit } from './observability/account-audit';
import { AlertTopics } from './observability/alert-topics';
import { ServiceAlarms } from './observability/service-alarms';
import { ServiceDashboard } from './observability/service-dashboard';
import { stackScopedName } from './private/naming';
import { PropsValidator } from './private/validation';
import { WebServiceProfile } from './profile';
import { ServiceAutoScaling } from './scaling/service-auto-scaling';
import { checkWebServiceProps } from './secure-fargate-web-service-checks';
import { SecureFargateWebServiceProps } from './secure-fargate-web-service-props';
import { EfsVolume, EfsVolumeOptions } from './service/efs-volume';
import { HardenedFargateService } from './service/hardened-fargate-service';
import { checkImageReachable } from './service/private/image-reachability';
import { connectServices, defaultDnsName } from './service/private/service-connect';
import { attachToTargetGroups } from './service/private/traffic-shift';
import { ServiceConnectEndpoint } from './service/service-connect';
import { SidecarOptions } from './service/sidecar';

/** The environment of each service `inEnvironment` is constructing, by its props object. */
const ATTACHING = new WeakMap<object, IWebServiceEnvironment>();

/**
 * A production-grade web service on ECS Fargate: a VPC with public and private subnets in two Availability
 * Zones, an HTTPS-only Application Load Balancer with AWS WAF, a hardened Fargate service in the private
 * subnets, auto scaling, alarms and a dashboard. Every part is a public building block, reachable through this
 * construct's fields. Several services can share one network and load balancer: see `WebServiceEnvironment`.
 *
 * @example
 * declare const hostedZone: route53.IHostedZone;
 *
 * const web = new SecureFargateWebService(this, 'Web', {
 *   image: ecs.ContainerImage.fromRegistry('traefik/whoami:v1.11.0'),
 *   containerPort: 8080,
 *   environment: { WHOAMI_PORT_NUMBER: '8080' },
 *   domainName: 'app.example.com',
 *   hostedZone,
 *   alerts: { critical: { emails: ['oncall@example.com'] } },
 * });
 * new cdk.CfnOutput(this, 'Url', { value: web.url });
 */
export class SecureFargateWebService extends Construct {
  /**
   * A web service attached to a shared environment, in `scope`: this stack, or a stack of its own. The
   * environment's network, cluster, load balancer, AWS WAF and alert topics serve it; it adds its own route
   * (registered with the environment), target group, security group, logs, scaling, alarms and dashboard.
   * `WebServiceEnvironment.addService` does the same in the environment's own scope.
   * @param scope where the service's resources go
   * @param id the service's construct id
   * @param sharedEnvironment the environment to attach to
   * @param props the service's settings
   */
  public static inEnvironment(
    scope: Construct,
    id: string,
    sharedEnvironment: IWebServiceEnvironment,
    props: EnvironmentServiceProps,
  ): SecureFargateWebService {
    const own: EnvironmentServiceProps = { ...props };
    ATTACHING.set(own, sharedEnvironment);
    return new SecureFargateWebService(scope, id, own);
  }

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

  /** The service's log group: the containers' logs, or with `logRouting` elsewhere, the log router's own. */
  public readonly logGroup: logs.LogGroup;

  /** The FireLens log router, when `logRouting` sends the logs elsewhere than CloudWatch Logs. */
  public readonly logRouter?: ecs.ContainerDefinition;

  /** The CloudWatch agent that receives the application's traces, with `tracing`. */
  public readonly tracingAgent?: ecs.ContainerDefinition;

  /** The load balancer: the service's own, or the shared environment's (even for a service without a route). */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  /** The HTTPS listener; absent only behind CloudFront without a domain. */
  public readonly httpsListener?: elbv2.ApplicationListener;

  /** The HTTP listener: it only redirects to HTTPS, except behind CloudFront without a domain. */
  public readonly httpListener: elbv2.ApplicationListener;

  /**
   * The listener that carries the service's rule: HTTPS, or HTTP behind CloudFront without a domain. Absent only
   * for a service of a shared environment with `loadBalanced: false`.
   */
  public readonly listener?: elbv2.ApplicationListener;

  /**
   * The listener rule that forwards the service's traffic to its target group. Absent only for a service of a
   * shared environment with `loadBalanced: false`.
   */
  public readonly listenerRule?: elbv2.ApplicationListenerRule;

  /**
   * The target group of the service's tasks. Absent only for a service of a shared environment with
   * `loadBalanced: false`.
   */
  public readonly targetGroup?: elbv2.ApplicationTargetGroup;

  /** The second target group, with a deployment strategy that shifts traffic (canary, linear, blue/green). */
  public readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;

  /** The test listener, with `httpsLoadBalancer.testListenerPort`. */
  public readonly testListener?: elbv2.ApplicationListener;

  /** The certificate the load balancer's HTTPS listener presents; absent only behind CloudFront without a domain. */
  public readonly certificate?: acm.ICertificate;

  /** The domain block, when `domainName` and `hostedZone` are given. */
  public readonly domain?: ServiceDomain;

  /** The load balancer block (`httpsLoadBalancer`), unless the service is in a shared environment. */
  public readonly httpsLoadBalancer?: HttpsLoadBalancer;

  /** The service's route on the shared listener (`route`), in a shared environment. */
  public readonly route?: ServiceRoute;

  /** The shared environment the service is attached to, if any (see `inEnvironment`). */
  public readonly sharedEnvironment?: IWebServiceEnvironment;

  /** The CloudFront block, with `cloudFront`. */
  public readonly cloudFront?: CloudFrontEdge;

  /**
   * The web ACL this construct created for the load balancer, with `Firewall.managed()` (none in a shared
   * environment). Behind CloudFront it holds only the rules that inspect the request itself.
   */
  public readonly firewall?: WebApplicationFirewall;

  /**
   * The CLOUDFRONT-scope web ACL this construct created for the distribution: with `cloudFront` and AWS WAF on
   * (a `firewall` other than `Firewall.none()`), in a stack in us-east-1, when `cloudFront.webAclArn` is not given.
   * It takes the settings of `Firewall.managed(...)`, or the defaults with `Firewall.fromWebAclArn(...)`.
   */
  public readonly cloudFrontFirewall?: WebApplicationFirewall;

  /**
   * Where the other services of the shared environment's Service Connect namespace call this one, when it serves
   * them (see `EnvironmentServiceProps.serviceConnect`).
   */
  public readonly serviceConnectEndpoint?: ServiceConnectEndpoint;

  /** The auto scaling block (`autoScaling`). */
  public readonly autoScaling: ServiceAutoScaling;

  /** The alert topics (critical, warning, info) and their subscriptions (`alerts`). */
  public readonly alerts: AlertTopics;

  /** The service's alarms (`alarms`); the critical ones roll deployments back. */
  public readonly alarms: ServiceAlarms;

  /** The account-wide audit, with `audit`. */
  public readonly audit?: AccountAudit;

  /** The service's dashboard, unless `dashboard` is false. */
  public readonly dashboard?: ServiceDashboard;

  /**
   * The service's HTTPS address: its domain name, or else the first of the route's host names, or else the
   * load balancer's (or the distribution's) DNS name. For a service without a route (`loadBalanced: false`), its
   * Service Connect address, `http://<dnsName>:<port>`, which only the namespace's services reach.
   */
  public readonly url: string;

  private readonly compute: HardenedFargateService;
  private readonly costSettings: CostedSettings;
  /** Why the tasks have no route to the internet, if they have none: a sidecar's image must come from ECR then. */
  private readonly withoutInternet?: string;

  constructor(scope: Construct, id: string, props: SecureFargateWebServiceProps) {
    super(scope, id);
    const environment = ATTACHING.get(props);
    this.sharedEnvironment = environment;
    const environmentProps: Partial<EnvironmentServiceProps> = environment ? props : {};
    const routeOptions: ServiceRouteOptions | undefined = environment
      ? environmentProps.route
      : props.httpsLoadBalancer;
    const loadBalanced = environmentProps.loadBalanced ?? true;
    const namespace = environment?.serviceConnect;
    const profile = props.profile ?? WebServiceProfile.PRODUCTION;
    const firewall = profile._firewall(props.firewall);
    const settings = {
      ...props,
      capacity: profile._capacity(props.capacity),
      logRetention: profile._logRetention(props.logRetention),
      minCapacity: profile._minCapacity(props.minCapacity),
    };
    // With a VPC (or an environment), network options are an error the checks report, not defaults to fill in.
    const network =
      props.vpc || environment
        ? props.network
        : { ...props.network, natGateways: profile._natGateways(props.network?.natGateways) };
    checkWebServiceProps(
      this,
      { ...props, network, minCapacity: settings.minCapacity },
      environment,
      routeOptions,
      firewall,
    );
    this.withoutInternet = environment ? undefined : WebServiceNetwork._withoutInternet(props.vpc, network);

    if (!environment && !props.vpc) this.network = new WebServiceNetwork(this, 'Network', network);
    this.vpc = environment?.vpc ?? props.vpc ?? this.network!.vpc;

    const { domainName, hostedZone } = props;
    if (domainName !== undefined && hostedZone) {
      this.domain = new ServiceDomain(this, 'Domain', {
        ...props,
        domainName,
        hostedZone,
        healthCheck: props.domainHealthCheck,
      });
    }
    this.certificate = this.domain?.certificate ?? props.certificate;

    // The container and service settings (HardenedFargateServiceOptions) pass through as given.
    const compute = (this.compute = new HardenedFargateService(this, 'Service', {
      ...settings,
      tracing: props.tracing && { ...props.tracing, serviceName: props.tracing.serviceName ?? stackScopedName(this) },
      vpc: this.vpc,
      vpcSubnets: environment ? environment.taskSubnets : this.network?.taskSubnets,
      cluster: environment?.cluster,
      autoScaled: true,
      serviceConnect: namespace && {
        ...environmentProps.serviceConnect,
        // The client alias of the L3's own id, not of its 'Service' block.
        dnsName:
          environmentProps.serviceConnect?.server === false
            ? undefined
            : (environmentProps.serviceConnect?.dnsName ?? defaultDnsName(this)),
        namespace,
      },
    }));
    this.serviceConnectEndpoint = compute.serviceConnectEndpoint;
    this.cluster = compute.cluster;
    this.service = compute.service;
    this.taskDefinition = compute.taskDefinition;
    this.container = compute.container;
    this.logGroup = compute.logGroup;
    this.logRouter = compute.logRouter;
    this.tracingAgent = compute.tracingAgent;
    const hostHeaders =
      routeOptions?.hostHeaders ??
      (props.domainName !== undefined ? [props.domainName, ...(props.subjectAlternativeNames ?? [])] : undefined);
    const target = {
      targetPort: compute.containerPort,
      healthCheckPath: props.healthCheckPath,
      alternateTargetGroup: props.deploymentStrategy?.shiftsTraffic ?? false,
    };

    let dualStack: boolean;
    if (environment && !loadBalanced) {
      // Served only through Service Connect: the environment's load balancer does not route to it.
      if (!props.containerHealthCheck) {
        Annotations.of(this).addWarningV2(
          'secure-fargate:no-health-check',
          'loadBalanced false and no containerHealthCheck: no load balancer checks the tasks, so ECS counts a task healthy as soon as it runs, even one that does not answer; allowed: containerHealthCheck',
        );
      }
      this.loadBalancer = environment.loadBalancer;
      this.httpsListener = environment.httpsListener;
      this.httpListener = environment.httpListener;
      dualStack = environment.dualStack;
    } else if (environment) {
      // A route of its own on the shared HTTPS listener, with the domain's certificate added to the listener.
      this.route = new ServiceRoute(this, 'Route', {
        ...routeOptions,
        ...target,
        hostHeaders,
        vpc: this.vpc,
        listener: environment.httpsListener,
        registry: environment,
        certificate: this.certificate,
      });
      this.loadBalancer = environment.loadBalancer;
      this.httpsListener = environment.httpsListener;
      this.httpListener = environment.httpListener;
      this.listener = environment.httpsListener;
      this.targetGroup = this.route.targetGroup;
      this.listenerRule = this.route.listenerRule;
      this.alternateTargetGroup = this.route.alternateTargetGroup;
      dualStack = environment.dualStack;
    } else {
      const options = props.httpsLoadBalancer;
      // Behind CloudFront the load balancer is internal (VPC origins reach IPv4 addresses); CloudFront serves IPv6.
      dualStack = props.cloudFront ? false : (options?.dualStack ?? this.network?.dualStack ?? false);
      const edge = new HttpsLoadBalancer(this, 'LoadBalancer', {
        hostHeaders,
        ...options,
        ...target,
        deletionProtection: profile._deletionProtection(options?.deletionProtection),
        internetFacing: props.cloudFront ? false : options?.internetFacing,
        dualStack,
        vpc: this.vpc,
        certificate: this.certificate,
      });
      this.httpsLoadBalancer = edge;
      this.alternateTargetGroup = edge.alternateTargetGroup;
      this.testListener = edge.testListener;
      this.loadBalancer = edge.loadBalancer;
      this.httpsListener = edge.httpsListener;
      this.httpListener = edge.httpListener;
      this.listener = edge.serviceListener;
      this.targetGroup = edge.targetGroup!;
      this.listenerRule = edge.listenerRule!;
      if (!props.cloudFront) this.domain?._warnIfHealthCheckUnreachable(options);
      // Behind CloudFront the load balancer sees the VPC origin's addresses: the distribution's web ACL judges clients.
      this.firewall = firewall._protect(this, edge, props.cloudFront !== undefined);
    }
    if (this.targetGroup && this.listenerRule) {
      attachToTargetGroups(this, {
        service: this.service,
        container: this.container,
        containerPort: compute.containerPort,
        targetGroup: this.targetGroup,
        alternateTargetGroup: this.alternateTargetGroup,
        listenerRule: this.listenerRule,
        testListenerRule: this.httpsLoadBalancer?.testListenerRule,
      });
    }

    if (props.cloudFront && this.httpsLoadBalancer) {
      // Only in us-east-1 (validated): AWS WAF keeps the web ACLs of distributions there.
      this.cloudFrontFirewall = firewall._protectDistribution(this, props.cloudFront.webAclArn);
      this.cloudFront = new CloudFrontEdge(this, 'CloudFront', {
        ...props.cloudFront,
        vpc: this.vpc,
        loadBalancer: this.loadBalancer,
        loadBalancerSecurityGroup: this.httpsLoadBalancer.securityGroup,
        originDomainName: props.domainName,
        domainNames: props.domainName !== undefined ? [props.domainName] : undefined,
        webAclArn: props.cloudFront.webAclArn ?? this.cloudFrontFirewall?.webAclArn,
      });
      this.domain?.pointTo(new targets.CloudFrontTarget(this.cloudFront.distribution), { ipv6: true });
    } else {
      this.domain?.pointTo(new targets.LoadBalancerTarget(this.loadBalancer), { ipv6: dualStack });
    }

    this.autoScaling = new ServiceAutoScaling(this, 'Scaling', {
      ...props.autoScaling,
      service: this.service,
      targetGroup: this.targetGroup,
      alternateTargetGroup: this.alternateTargetGroup,
      minCapacity: settings.minCapacity,
      maxCapacity: props.maxCapacity,
    });

    this.alerts = environment?.alerts ?? new AlertTopics(this, 'Alerts', props.alerts);
    this.alarms = new ServiceAlarms(this, 'Alarms', {
      ...props.alarms,
      alarmNamePrefix: props.alarms?.alarmNamePrefix ?? stackScopedName(this),
      service: this.service,
      loadBalancer: this.targetGroup && this.loadBalancer,
      targetGroup: this.targetGroup,
      serviceConnectEndpoint: this.targetGroup ? undefined : this.serviceConnectEndpoint,
      topics: this.alerts,
      minimumTaskCount: settings.minCapacity ?? 2,
      domain: this.domain,
      // A shared load balancer's own 5XX belong to every service behind it.
      loadBalancerErrors: environment === undefined,
      alternateTargetGroup: this.alternateTargetGroup,
    });

    if (props.audit) this.audit = new AccountAudit(this, 'Audit', props.audit);

    if (props.dashboard ?? true) {
      this.dashboard = new ServiceDashboard(this, 'Dashboard', {
        service: this.service,
        loadBalancer: this.targetGroup && this.loadBalancer,
        targetGroup: this.targetGroup,
        serviceConnectEndpoint: this.serviceConnectEndpoint,
        alternateTargetGroup: this.alternateTargetGroup,
        logGroup: this.logGroup,
        alarms: this.alarms.all,
        tracedService: compute.tracedService,
      });
    }

    const host = this.cloudFront?.distribution.distributionDomainName ?? this.loadBalancer.loadBalancerDnsName;
    // A service routed by host name answers only at that name.
    this.url =
      !loadBalanced && this.serviceConnectEndpoint
        ? this.serviceConnectEndpoint.url
        : `https://${props.domainName ?? routeOptions?.hostHeaders?.[0] ?? host}`;
    this.costSettings = settings;
  }

  /**
   * What this construct's monthly cost depends on, as its configuration sets it, EFS volumes added since
   * included (see `costEstimate`).
   */
  public get costDrivers(): CostDrivers {
    return webServiceCostDrivers(this, this.costSettings);
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

  /**
   * Adds a sidecar to every task: a container next to the application, hardened like it, with its own share of
   * the task's CPU and memory (see `HardenedFargateService.addSidecar`). Without NAT its image must come from
   * Amazon ECR in the stack's Region, as the application's must.
   * @param name the container's name, unique in the task
   * @returns the sidecar's container definition
   */
  public addSidecar(name: string, options: SidecarOptions): ecs.ContainerDefinition {
    const v = new PropsValidator(`sidecar '${name}' of SecureFargateWebService`);
    checkImageReachable(v, options.image, Stack.of(this).region, this.withoutInternet);
    v.throwIfAny();
    return this.compute.addSidecar(name, options);
  }

  /**
   * Lets this service call `server`, another service of the shared environment, through Service Connect: the
   * server's security group admits this service's tasks on its port, and this service is created after it (a task
   * reaches only the servers that existed when it started; where two services call each other, a warning says which
   * one waits for its next deployment). Both must be in an environment with `serviceConnect`, the server serving.
   * @param server the service to call
   * @returns the address to call it at, `http://<dnsName>:<port>`, for the application's configuration
   */
  public connectTo(server: SecureFargateWebService): string {
    return connectServices(this.service, server.service, this.node.path, server.node.path);
  }

  /**
   * Mounts an Amazon EFS file system in the application container: a new one (encrypted, backed up daily, TLS and
   * IAM authorization required) or the one given, through an access point (see `HardenedFargateService.addEfsVolume`).
   * @param name the volume's name and construct id (letters and digits)
   * @returns the volume, with its file system and access point
   */
  public addEfsVolume(name: string, options: EfsVolumeOptions): EfsVolume {
    return this.compute.addEfsVolume(name, options);
  }
}
