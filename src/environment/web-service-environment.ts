import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { HttpsLoadBalancer, HttpsLoadBalancerOptions } from '../edge/https-load-balancer';
import { WebApplicationFirewall, WebApplicationFirewallProps } from '../edge/web-application-firewall';
import { NatGateways } from '../network/nat-gateways';
import { WebServiceNetwork, WebServiceNetworkProps } from '../network/web-service-network';
import { AlertTopics, AlertTopicsProps } from '../observability/alert-topics';
import { checkWebServiceEnvironmentProps, checkRoutes, RouteClaim } from '../private/environment-checks';
import { createHardenedCluster } from '../private/hardened-cluster';
import { PropsValidator } from '../private/validation';
import { protectWithWaf } from '../private/waf';
import { WebServiceProfile } from '../profile';

/** Props for `WebServiceEnvironment`. */
export interface WebServiceEnvironmentProps {
  /**
   * A VPC to use: its public subnets hold the load balancer, its private subnets the services' tasks.
   * @default - a new VPC laid out as in the spec (see `WebServiceNetwork`)
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Options for the new VPC; not together with `vpc`.
   * @default - the spec's layout
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
   * idle timeout, access logs). Each service's route takes its routing and health check settings.
   * @default - internet-facing, TLS 1.3/1.2, deletion protection, access logs
   */
  readonly loadBalancer?: HttpsLoadBalancerOptions;

  /**
   * Whether an AWS WAF web ACL protects the load balancer.
   * @default true (false in the development profile)
   */
  readonly waf?: boolean;

  /**
   * Settings of the new web ACL.
   * @default - see `WebApplicationFirewallProps`
   */
  readonly firewall?: WebApplicationFirewallProps;

  /**
   * A regional web ACL of your own to associate instead.
   * @default - a new web ACL
   */
  readonly webAclArn?: string;

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
   * The defaults to start from: production or development (one NAT gateway, no deletion protection,
   * no WAF). The services' own profiles set their capacity and log retention.
   * @default WebServiceProfile.PRODUCTION
   */
  readonly profile?: WebServiceProfile;
}

/**
 * What several web services share, created once: the network, the cluster, an HTTPS-only load
 * balancer with its listeners and certificate, AWS WAF, the access log bucket and the alert topics.
 * Each `SecureFargateWebService` given this environment attaches its own target group, listener rule
 * (by host names and paths, with a priority of its own), security group, log group, scaling, alarms
 * and dashboard. The services may live in this stack or in stacks of their own.
 */
export class WebServiceEnvironment extends Construct {
  /** The VPC. */
  public readonly vpc: ec2.IVpc;

  /** The network block, when this construct created the VPC. */
  public readonly network?: WebServiceNetwork;

  /** The shared cluster. */
  public readonly cluster: ecs.Cluster;

  /** The load balancer block, without a route of its own. */
  public readonly edge: HttpsLoadBalancer;

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

  /** The web ACL this construct created, when `waf` is on and no `webAclArn` is given. */
  public readonly firewall?: WebApplicationFirewall;

  /** The alert topics. */
  public readonly alerts: AlertTopics;

  private readonly routes: RouteClaim[] = [];

  constructor(scope: Construct, id: string, props: WebServiceEnvironmentProps = {}) {
    super(scope, id);
    const development = props.profile === WebServiceProfile.DEVELOPMENT;
    const v = new PropsValidator('WebServiceEnvironment');
    checkWebServiceEnvironmentProps(v, this, props);
    v.throwIfAny();

    if (props.vpc) {
      this.vpc = props.vpc;
    } else {
      const network = props.network ?? {};
      this.network = new WebServiceNetwork(this, 'Network', {
        ...network,
        natGateways: network.natGateways ?? (development ? NatGateways.single() : undefined),
      });
      this.vpc = this.network.vpc;
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

    this.dualStack = props.loadBalancer?.dualStack ?? this.network?.dualStack ?? false;
    this.edge = new HttpsLoadBalancer(this, 'LoadBalancer', {
      ...props.loadBalancer,
      deletionProtection: props.loadBalancer?.deletionProtection ?? !development,
      dualStack: this.dualStack,
      vpc: this.vpc,
      certificate: this.certificate,
      serviceRoute: false,
    });
    this.loadBalancer = this.edge.loadBalancer;
    this.httpsListener = this.edge.httpsListener!;
    this.httpListener = this.edge.httpListener;

    const wafOn = props.waf ?? (!development || props.webAclArn !== undefined || props.firewall !== undefined);
    this.firewall = protectWithWaf(this, this.edge, props, wafOn);

    this.alerts = new AlertTopics(this, 'Alerts', props.alerts);
    this.node.addValidation({ validate: () => checkRoutes(this.routes, this.certificateNames) });
  }

  /**
   * Records that a service routes the given host names and paths at a priority, so that the
   * environment can refuse two services claiming the same priority or the same traffic. Called by
   * `SecureFargateWebService`; call it yourself for a `ServiceRoute` you add by hand.
   * @param service the service's construct path, for messages
   * @param priority the listener rule's priority
   * @param hostHeaders the rule's host names (empty for any host)
   * @param pathPatterns the rule's path patterns (empty for any path)
   * @param coveredByOwnCertificate whether the service adds a certificate of its own for its host names
   */
  public claimRoute(
    service: string,
    priority: number,
    hostHeaders: string[],
    pathPatterns: string[],
    coveredByOwnCertificate: boolean,
  ): void {
    this.routes.push({ service, priority, hostHeaders, pathPatterns, coveredByOwnCertificate });
  }
}
