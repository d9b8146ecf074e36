import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct, IConstruct } from 'constructs';
import { EnvironmentServiceProps, IWebServiceEnvironment } from './environment-service';
import { checkRouteClaims } from './private/route-claims';
import { CostDrivers, CostEstimate, CostEstimateOptions } from '../cost/cost-estimate';
import { webServiceCostDrivers } from '../cost/private/service-cost-drivers';
import { Firewall } from '../edge/firewall';
import { HttpsLoadBalancer, LoadBalancerOptions } from '../edge/https-load-balancer';
import { ServiceDomain } from '../edge/service-domain';
import { RouteClaim } from '../edge/service-route';
import { WebApplicationFirewall } from '../edge/web-application-firewall';
import { WebServiceNetwork, WebServiceNetworkProps } from '../network/web-service-network';
import { AlertTopics, AlertTopicsProps } from '../observability/alert-topics';
import { createHardenedCluster } from '../private/hardened-cluster';
import { PropsValidator } from '../private/validation';
import { WebServiceProfile } from '../profile';
import { SecureFargateWebService } from '../secure-fargate-web-service';
import { ServiceConnectNamespace, ServiceConnectNamespaceOptions } from '../service/service-connect-namespace';

/** Props for `WebServiceEnvironment`. */
export interface WebServiceEnvironmentProps {
  /**
   * A VPC to use: its public subnets hold the load balancer, its private subnets the services' tasks.
   * @default - a new VPC (see `WebServiceNetwork`)
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Options for the new VPC; not together with `vpc`.
   * @default - see `WebServiceNetworkProps`
   */
  readonly network?: WebServiceNetworkProps;

  /**
   * The certificate of the shared HTTPS listener, used as given. Services with a domain of their own
   * add their certificates to the listener as well.
   * @default - a new certificate for `domainName`, validated through DNS in `hostedZone`
   */
  readonly certificate?: acm.ICertificate;

  /**
   * The name the new certificate is for, such as `*.example.com` for every service below it.
   * @default - none: give `certificate` instead
   */
  readonly domainName?: string;

  /**
   * More names the new certificate covers.
   * @default - none
   */
  readonly subjectAlternativeNames?: string[];

  /**
   * The public hosted zone that validates the new certificate.
   * @default - none: required with `domainName`
   */
  readonly hostedZone?: route53.IHostedZone;

  /**
   * The load balancer's own settings (internet-facing, allowed CIDRs, TLS policy, deletion protection,
   * idle timeout, access logs). Each service's `route` sets its routing and health check.
   * @default - internet-facing, TLS 1.3/1.2, deletion protection (none in the development profile), access logs
   */
  readonly httpsLoadBalancer?: LoadBalancerOptions;

  /**
   * Which AWS WAF web ACL protects the load balancer: `Firewall.managed({...})`, `Firewall.fromWebAclArn(arn)`
   * or `Firewall.none()`.
   * @default Firewall.managed() (Firewall.none() in the development profile)
   */
  readonly firewall?: Firewall;

  /**
   * The alert topics every attached service's alarms notify.
   * @default - three new encrypted topics without subscriptions
   */
  readonly alerts?: AlertTopicsProps;

  /**
   * Whether the shared cluster encrypts and audits ECS Exec sessions, for services that turn Exec on.
   * @default false
   */
  readonly ecsExec?: boolean;

  /**
   * A customer managed KMS key for the ephemeral storage of every task in the shared cluster.
   * @default - an AWS owned key
   */
  readonly ephemeralStorageEncryptionKey?: kms.IKey;

  /**
   * An ECS Service Connect namespace for the services: each joins it as a client, and as a server under its name,
   * so that the services call each other by name (`connectTo`), optionally over TLS with your AWS Private CA.
   * @default - none: the services reach each other only through the load balancer
   */
  readonly serviceConnect?: ServiceConnectNamespaceOptions;

  /**
   * The defaults to start from: production or development (one NAT gateway, no deletion protection,
   * no AWS WAF). The services' own profiles set their capacity and log retention.
   * @default WebServiceProfile.PRODUCTION
   */
  readonly profile?: WebServiceProfile;
}

/**
 * What several web services share, created once: the network, the cluster, an HTTPS-only load
 * balancer with its listeners and certificate, AWS WAF, the access log bucket and the alert topics.
 * Each service (`addService`, or `SecureFargateWebService.inEnvironment` for a service in a stack of its own)
 * attaches its own target group, listener rule (by host names and paths, with a priority of its own),
 * security group, log group, scaling, alarms and dashboard. The environment refuses two routes that claim the
 * same priority or traffic.
 *
 * @example
 * declare const hostedZone: route53.IHostedZone;
 * declare const image: ecs.ContainerImage;
 *
 * const environment = new WebServiceEnvironment(this, 'Shared', {
 *   domainName: '*.example.com',
 *   hostedZone,
 * });
 * environment.addService('Shop', {
 *   image,
 *   route: { hostHeaders: ['shop.example.com'], rulePriority: 10 },
 * });
 * environment.addService('Api', {
 *   image,
 *   route: { hostHeaders: ['api.example.com'], rulePriority: 20 },
 * });
 */
export class WebServiceEnvironment extends Construct implements IWebServiceEnvironment {
  /**
   * Records the problems of the environment's props.
   * @internal
   */
  public static _checkProps(
    v: PropsValidator,
    scope: Construct,
    props: WebServiceEnvironmentProps,
    firewall: Firewall,
  ): void {
    const { domainName, hostedZone, certificate } = props;
    WebServiceNetwork._checkChoice(v, scope, props.vpc, props.network, {
      publicSubnets: props.httpsLoadBalancer?.internetFacing !== false,
      dualStack: props.httpsLoadBalancer?.dualStack,
      serviceConnect: props.serviceConnect !== undefined,
    });
    if (!certificate && domainName === undefined) {
      v.fail(
        'HTTPS needs a certificate; allowed: certificate, or domainName with hostedZone (a certificate is created)',
      );
    }
    if (certificate && (domainName !== undefined || props.subjectAlternativeNames)) {
      v.fail(
        'domainName and subjectAlternativeNames are for a new certificate, and certificate was given; allowed: one of them',
      );
    }
    ServiceDomain._checkOptional(v, { domainName, hostedZone, subjectAlternativeNames: props.subjectAlternativeNames });
    HttpsLoadBalancer._checkProps(v, { ...props.httpsLoadBalancer, serviceRoute: false }, 'httpsLoadBalancer.');
    firewall._checkProps(v, 'firewall');
    if (props.alerts) AlertTopics._checkProps(v, props.alerts, 'alerts.');
    if (props.serviceConnect) ServiceConnectNamespace._checkProps(v, props.serviceConnect, 'serviceConnect.');
  }

  /** The VPC. */
  public readonly vpc: ec2.IVpc;

  /** The network block, when this construct created the VPC. */
  public readonly network?: WebServiceNetwork;

  /** The subnets the services' tasks run in, when this construct created the network. */
  public readonly taskSubnets?: ec2.SubnetSelection;

  /** The shared cluster. */
  public readonly cluster: ecs.Cluster;

  /** The load balancer block (`httpsLoadBalancer`), without a route of its own. */
  public readonly httpsLoadBalancer: HttpsLoadBalancer;

  /** The shared load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  /** The shared HTTPS listener; services add their rules to it. */
  public readonly httpsListener: elbv2.ApplicationListener;

  /** The HTTP listener: it only redirects to HTTPS. */
  public readonly httpListener: elbv2.ApplicationListener;

  /** Whether the load balancer has IPv6 addresses as well. */
  public readonly dualStack: boolean;

  /** The certificate of the HTTPS listener. */
  public readonly certificate: acm.ICertificate;

  /** The names the new certificate covers, when this construct created it (to check the services' hosts). */
  public readonly certificateNames?: string[];

  /** The web ACL this construct created, with `Firewall.managed()`. */
  public readonly firewall?: WebApplicationFirewall;

  /** The alert topics. */
  public readonly alerts: AlertTopics;

  /** The ECS Service Connect namespace, with `serviceConnect`. */
  public readonly serviceConnect?: ServiceConnectNamespace;

  private readonly routes: RouteClaim[] = [];
  private readonly loadBalancerOptions?: LoadBalancerOptions;

  constructor(scope: Construct, id: string, props: WebServiceEnvironmentProps = {}) {
    super(scope, id);
    const profile = props.profile ?? WebServiceProfile.PRODUCTION;
    const firewall = profile._firewall(props.firewall);
    this.loadBalancerOptions = props.httpsLoadBalancer;
    const v = new PropsValidator('WebServiceEnvironment');
    WebServiceEnvironment._checkProps(v, this, props, firewall);
    v.throwIfAny();

    if (props.vpc) {
      this.vpc = props.vpc;
    } else {
      this.network = new WebServiceNetwork(this, 'Network', {
        ...props.network,
        natGateways: profile._natGateways(props.network?.natGateways),
      });
      this.vpc = this.network.vpc;
      this.taskSubnets = this.network.taskSubnets;
    }
    this.cluster = createHardenedCluster(this, {
      vpc: this.vpc,
      ecsExec: props.ecsExec,
      ephemeralStorageEncryptionKey: props.ephemeralStorageEncryptionKey,
    }).cluster;

    if (props.certificate) {
      this.certificate = props.certificate;
    } else {
      this.certificateNames = [props.domainName!, ...(props.subjectAlternativeNames ?? [])];
      this.certificate = new acm.Certificate(this, 'Certificate', {
        domainName: props.domainName!,
        subjectAlternativeNames: props.subjectAlternativeNames,
        validation: acm.CertificateValidation.fromDns(props.hostedZone),
      });
    }

    this.dualStack = props.httpsLoadBalancer?.dualStack ?? this.network?.dualStack ?? false;
    this.httpsLoadBalancer = new HttpsLoadBalancer(this, 'LoadBalancer', {
      ...props.httpsLoadBalancer,
      deletionProtection: profile._deletionProtection(props.httpsLoadBalancer?.deletionProtection),
      dualStack: this.dualStack,
      vpc: this.vpc,
      certificate: this.certificate,
      serviceRoute: false,
    });
    this.loadBalancer = this.httpsLoadBalancer.loadBalancer;
    this.httpsListener = this.httpsLoadBalancer.httpsListener!;
    this.httpListener = this.httpsLoadBalancer.httpListener;
    this.firewall = firewall._protect(this, this.httpsLoadBalancer, false);

    this.alerts = new AlertTopics(this, 'Alerts', props.alerts);
    if (props.serviceConnect) {
      this.serviceConnect = new ServiceConnectNamespace(this, 'ServiceConnect', props.serviceConnect);
    }
    this.node.addValidation({ validate: () => checkRouteClaims(this.routes, this.certificateNames) });
  }

  /**
   * What the environment's own monthly cost depends on: its network (NAT gateways or instances, public addresses,
   * interface endpoints), the load balancer, AWS WAF, its KMS keys, and the Service Connect CA with TLS. The services
   * attached to it are not included: each one's `costDrivers` holds what it adds.
   */
  public get costDrivers(): CostDrivers {
    const services = (c: IConstruct) => c instanceof SecureFargateWebService;
    const own = (c: IConstruct) => !c.node.scopes.some(services);
    const environment = {
      node: this.node,
      vpc: this.vpc,
      network: this.network,
      httpsLoadBalancer: this.httpsLoadBalancer,
      firewall: this.firewall,
      alarms: { all: [] },
    };
    const drivers = webServiceCostDrivers(
      environment as typeof environment & IConstruct,
      { desiredCount: 0, httpsLoadBalancer: this.loadBalancerOptions },
      own,
    );
    return { ...drivers, dashboards: 0, ...this.serviceConnect?.costDrivers };
  }

  /**
   * The estimated monthly cost of what the environment creates for its services to share (see `costDrivers`). Its
   * traffic assumptions default to no data out to the internet and no logs, which each service's own estimate
   * counts; add `SecureFargateWebService.costEstimate()` of each attached service for the whole.
   * @param options traffic assumptions and unit prices instead of the defaults
   */
  public costEstimate(options: CostEstimateOptions = {}): CostEstimate {
    return CostEstimate.of({
      ...options,
      assumptions: { dataTransferOutGigabytes: 0, logIngestionGigabytes: 0, ...options.assumptions },
      drivers: this.costDrivers,
    });
  }

  /**
   * Attaches a new web service to this environment, in this environment's scope. For a service in a stack
   * of its own, use `SecureFargateWebService.inEnvironment(scope, id, environment, props)`.
   * @param id the service's construct id
   * @param props the service's settings
   */
  public addService(id: string, props: EnvironmentServiceProps): SecureFargateWebService {
    return SecureFargateWebService.inEnvironment(this, id, this, props);
  }

  /**
   * Records a route's claim on the shared listener (`ServiceRoute` calls it with its `registry`); at
   * synthesis the environment refuses two routes claiming the same priority or traffic, a catch-all route
   * next to others, and host names its certificate does not cover.
   */
  public registerRoute(claim: RouteClaim): void {
    this.routes.push(claim);
  }
}
