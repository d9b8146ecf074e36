import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogBucket } from './access-log-bucket';
import { applySecurityHeaders, checkSecurityHeaders } from './private/security-headers';
import { SecurityHeadersOptions } from './security-headers';
import { ServiceRoute, ServiceRouteOptions, ServiceRouteTarget } from './service-route';
import { acknowledge } from '../private/acknowledge';
import { internalSubnetsOf, publicSubnetsOf } from '../private/subnets';
import { isCidr, isKnown, knownSeconds, PropsValidator, quoted } from '../private/validation';

/**
 * A load balancer's own settings: who reaches it, its addresses, TLS policy, protection, timeouts and access
 * logs. A `WebServiceEnvironment` takes these for its shared load balancer.
 */
export interface LoadBalancerOptions {
  /**
   * Whether the load balancer is reachable from the internet. Internal load balancers go into the
   * private subnets.
   * @default true
   */
  readonly internetFacing?: boolean;

  /**
   * Whether the load balancer has IPv6 addresses as well; the VPC's subnets must have IPv6 blocks.
   * @default false
   */
  readonly dualStack?: boolean;

  /**
   * The CIDR blocks (IPv4 or IPv6) allowed to reach ports 80 and 443.
   * @default - anywhere (0.0.0.0/0, and ::/0 when dual-stack) when internet-facing; none when internal
   */
  readonly allowedIngressCidrs?: string[];

  /**
   * The TLS policy of the HTTPS listener.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS (ELBSecurityPolicy-TLS13-1-2-2021-06: TLS 1.3 and 1.2)
   */
  readonly sslPolicy?: elbv2.SslPolicy;

  /**
   * Whether the load balancer is protected from deletion.
   * @default true
   */
  readonly deletionProtection?: boolean;

  /**
   * How long an idle connection stays open (1 to 4000 seconds).
   * @default Duration.seconds(60)
   */
  readonly idleTimeout?: Duration;

  /**
   * How the load balancer treats requests that may be HTTP desync attacks: defensive or strictest
   * (monitor is refused: it lets such requests through).
   * @default elbv2.DesyncMitigationMode.DEFENSIVE
   */
  readonly desyncMitigationMode?: elbv2.DesyncMitigationMode;

  /**
   * Whether access logs are written to S3.
   * @default true
   */
  readonly accessLogs?: boolean;

  /**
   * A bucket to write access logs to; it must use S3-managed encryption and allow log delivery.
   * @default - a new `AccessLogBucket`
   */
  readonly accessLogBucket?: s3.IBucket;

  /**
   * The key prefix of the access logs in the bucket.
   * @default 'alb'
   */
  readonly accessLogPrefix?: string;

  /**
   * The security headers the listener that serves the traffic adds to every response (and the test listener),
   * and whether it sends its `Server` header.
   * @default - `Strict-Transport-Security` for one year with subdomains, `X-Content-Type-Options: nosniff`, no `Server` header
   */
  readonly securityHeaders?: SecurityHeadersOptions;
}

/**
 * The settings of an `HttpsLoadBalancer` for one service (`SecureFargateWebService`'s `httpsLoadBalancer`): the
 * load balancer's own, the service's route (`ServiceRouteOptions`) and a test listener.
 */
export interface HttpsLoadBalancerOptions extends LoadBalancerOptions, ServiceRouteOptions {
  /**
   * A port for a test listener, for canary, linear and blue/green deployments: ECS sends it to the new
   * revision first, so that checks (for example a deployment hook) can reach the new revision before
   * production traffic does. It admits the same clients as ports 80 and 443, over HTTPS.
   * @default - no test listener
   */
  readonly testListenerPort?: number;
}

/**
 * Props for `HttpsLoadBalancer`.
 */
export interface HttpsLoadBalancerProps extends HttpsLoadBalancerOptions, ServiceRouteTarget {
  /** The VPC; the load balancer goes into its public subnets (its private subnets when internal). */
  readonly vpc: ec2.IVpc;

  /**
   * Whether this construct creates the target group and listener rule of one service. Leave it on for
   * one service; turn it off for a load balancer that several services attach to, each with a
   * `ServiceRoute` of its own.
   * @default true
   */
  readonly serviceRoute?: boolean;

  /**
   * The certificate the HTTPS listener presents. Only an internal load balancer may go without one:
   * it then serves HTTP on port 80 (for example as a CloudFront VPC origin, with TLS ending at CloudFront).
   * @default - none: internal load balancers only
   */
  readonly certificate?: acm.ICertificate;
}

/**
 * An Application Load Balancer that serves only HTTPS: port 80 answers with a permanent redirect to
 * 443, port 443 terminates TLS 1.3/1.2 and routes through a listener rule to an IP target group with
 * a health check on `/health`; anything no rule matches gets a fixed 404. Invalid header fields are
 * dropped, desync mitigation is on, deletion protection is on, and access logs go to S3.
 *
 * @example
 * declare const vpc: ec2.IVpc;
 * declare const certificate: acm.ICertificate;
 *
 * const edge = new sfws.HttpsLoadBalancer(this, 'LoadBalancer', {
 *   vpc,
 *   certificate,
 *   targetPort: 8080,
 *   healthCheckPath: '/ready',
 *   allowedIngressCidrs: ['203.0.113.0/24'],
 * });
 * // Register targets in edge.targetGroup, for example a Fargate service's tasks.
 */
export class HttpsLoadBalancer extends Construct {
  /**
   * Records the problems of the load balancer's props (the VPC's subnets are checked on use).
   * @param prefix prepended to the names of the load balancer's options (`HttpsLoadBalancerOptions`), as the
   * enclosing construct calls them (for example `httpsLoadBalancer.`); see `ServiceRoute._checkProps`
   * @internal
   */
  public static _checkProps(
    v: PropsValidator,
    props: HttpsLoadBalancerOptions & ServiceRouteTarget & { readonly serviceRoute?: boolean },
    prefix = '',
  ): void {
    const p = (name: string) => `${prefix}${name}`;
    if (props.serviceRoute === false) {
      checkWithoutRoute(v, props, prefix);
    } else {
      ServiceRoute._checkProps(v, props, prefix);
      checkTestListener(v, props.testListenerPort, props.alternateTargetGroup, prefix);
    }
    v.integerInRange(`${p('idleTimeout')} (seconds)`, knownSeconds(props.idleTimeout), 1, 4000);
    if (props.desyncMitigationMode === elbv2.DesyncMitigationMode.MONITOR) {
      v.fail(
        `${p('desyncMitigationMode')} 'monitor' lets possible desync attacks through; allowed: defensive, strictest`,
      );
    }
    for (const cidr of props.allowedIngressCidrs ?? []) {
      if (isKnown(cidr) && !isCidr(cidr)) {
        v.fail(
          `${p('allowedIngressCidrs')} entry ${quoted(cidr)} is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'`,
        );
      }
    }
    if (
      props.allowedIngressCidrs !== undefined &&
      props.allowedIngressCidrs.length === 0 &&
      props.internetFacing !== false
    ) {
      v.fail(
        `${p('allowedIngressCidrs')} is empty: nothing could reach the service; allowed: at least one CIDR block, or leave it out`,
      );
    }
    const logPrefix = props.accessLogPrefix;
    if (
      isKnown(logPrefix) &&
      (logPrefix === '' ||
        logPrefix.startsWith('/') ||
        logPrefix.endsWith('/') ||
        logPrefix.includes('//') ||
        /AWSLogs/i.test(logPrefix))
    ) {
      v.fail(
        `${p('accessLogPrefix')} ${quoted(logPrefix)} is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'`,
      );
    }
    checkSecurityHeaders(v, props.securityHeaders, p('securityHeaders.'));
    if (props.accessLogs === false && (props.accessLogBucket || props.accessLogPrefix !== undefined)) {
      v.fail(
        `${p('accessLogBucket')} or ${p('accessLogPrefix')} given with ${p('accessLogs')} false; allowed: ${p('accessLogs')} true, or neither`,
      );
    }
  }

  /** The load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  /** The load balancer's security group. */
  public readonly securityGroup: ec2.SecurityGroup;

  /** The HTTPS listener on port 443, when there is a certificate. */
  public readonly httpsListener?: elbv2.ApplicationListener;

  /** The HTTP listener on port 80: it only redirects to HTTPS, unless there is no certificate. */
  public readonly httpListener: elbv2.ApplicationListener;

  /** The listener that carries the service's rule: HTTPS, or HTTP without a certificate. */
  public readonly serviceListener: elbv2.ApplicationListener;

  /** The target group the service registers its tasks in, unless `serviceRoute` is false. */
  public readonly targetGroup?: elbv2.ApplicationTargetGroup;

  /** The service listener's rule that forwards to the target group, unless `serviceRoute` is false. */
  public readonly listenerRule?: elbv2.ApplicationListenerRule;

  /** The second target group, for deployments that shift traffic (`alternateTargetGroup`). */
  public readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;

  /** The test listener, with `testListenerPort`. */
  public readonly testListener?: elbv2.ApplicationListener;

  /** The test listener's rule, which ECS points at the new revision during a deployment. */
  public readonly testListenerRule?: elbv2.ApplicationListenerRule;

  /** The access log bucket, when this construct created it. */
  public readonly accessLogBucket?: AccessLogBucket;

  constructor(scope: Construct, id: string, props: HttpsLoadBalancerProps) {
    super(scope, id);
    const internetFacing = props.internetFacing ?? true;
    const dualStack = props.dualStack ?? false;
    const v = new PropsValidator('HttpsLoadBalancer');
    HttpsLoadBalancer._checkProps(v, props);
    if (props.testListenerPort !== undefined && !props.certificate) {
      v.fail(
        'testListenerPort serves HTTPS and needs certificate; allowed: certificate with it, or no testListenerPort',
      );
    }
    if (props.authentication && !props.certificate) {
      v.fail(
        'authentication needs an HTTPS listener, and there is no certificate; allowed: a certificate, or no authentication',
      );
    }
    if (!props.certificate && internetFacing) {
      v.fail(
        'certificate is required for an internet-facing load balancer; allowed: a certificate, or internetFacing false',
      );
    }
    const vpcSubnets = internetFacing ? publicSubnetsOf(v, 'vpc', props.vpc) : internalSubnetsOf(v, 'vpc', props.vpc);
    v.throwIfAny();

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Load balancer: HTTP and HTTPS in, only the service port out',
      allowAllOutbound: false,
    });
    const anywhere = props.allowedIngressCidrs === undefined && internetFacing;
    const everywhere = dualStack ? ['0.0.0.0/0', '::/0'] : ['0.0.0.0/0'];
    const cidrs = props.allowedIngressCidrs ?? (internetFacing ? everywhere : []);
    for (const cidr of cidrs) {
      const peer = cidr.includes(':') ? ec2.Peer.ipv6(cidr) : ec2.Peer.ipv4(cidr);
      if (props.testListenerPort !== undefined) {
        this.securityGroup.addIngressRule(
          peer,
          ec2.Port.tcp(props.testListenerPort),
          `Test traffic of deployments from ${cidr}`,
        );
      }
      if (props.certificate) {
        this.securityGroup.addIngressRule(peer, ec2.Port.tcp(443), `HTTPS from ${cidr}`);
        this.securityGroup.addIngressRule(peer, ec2.Port.tcp(80), `HTTP from ${cidr}, redirected to HTTPS`);
      } else {
        this.securityGroup.addIngressRule(peer, ec2.Port.tcp(80), `HTTP from ${cidr}`);
      }
    }
    if (anywhere) {
      acknowledge(
        this.securityGroup,
        'AwsSolutions-EC23',
        'The public entry point of a web service: ports 80 (redirect only) and 443 are open to the internet by ' +
          'design; allowedIngressCidrs narrows them.',
      );
    }

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing,
      vpcSubnets,
      securityGroup: this.securityGroup,
      ipAddressType: dualStack ? elbv2.IpAddressType.DUAL_STACK : elbv2.IpAddressType.IPV4,
      dropInvalidHeaderFields: true,
      http2Enabled: true,
      desyncMitigationMode: props.desyncMitigationMode ?? elbv2.DesyncMitigationMode.DEFENSIVE,
      deletionProtection: props.deletionProtection ?? true,
      idleTimeout: props.idleTimeout ?? Duration.seconds(60),
    });
    if (props.deletionProtection === false) {
      for (const pack of ['NIST.800.53.R5', 'HIPAA.Security']) {
        acknowledge(
          this.loadBalancer,
          `${pack}-ELBDeletionProtectionEnabled`,
          'Deletion protection was turned off by configuration (deletionProtection: false), as for a development environment.',
        );
      }
    }

    if (props.accessLogs ?? true) {
      const prefix = props.accessLogPrefix ?? 'alb';
      let bucket = props.accessLogBucket;
      if (!bucket) {
        this.accessLogBucket = new AccessLogBucket(this, 'AccessLogs');
        this.accessLogBucket.grantLogDelivery(prefix);
        bucket = this.accessLogBucket.bucket;
      }
      this.loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
      this.loadBalancer.setAttribute('access_logs.s3.bucket', bucket.bucketName);
      this.loadBalancer.setAttribute('access_logs.s3.prefix', prefix);
      // The load balancer checks that it may write to the bucket when the attribute is set.
      this.loadBalancer.node.addDependency(bucket);
    } else {
      for (const rule of [
        'AwsSolutions-ELB2',
        'NIST.800.53.R5-ELBLoggingEnabled',
        'HIPAA.Security-ELBLoggingEnabled',
        'PCI.DSS.321-ELBLoggingEnabled',
      ]) {
        acknowledge(this.loadBalancer, rule, 'Access logs were turned off by configuration (accessLogs: false).');
      }
    }

    const notFound = elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not Found' });
    if (props.certificate) {
      this.httpListener = this.loadBalancer.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
        acknowledge(
          this.httpListener,
          `${pack}-ELBv2ACMCertificateRequired`,
          'Port 80 serves nothing: it only answers with a permanent redirect to HTTPS on port 443.',
        );
      }
      this.httpsListener = this.loadBalancer.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        open: false,
        certificates: [props.certificate],
        sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultAction: notFound,
      });
      this.serviceListener = this.httpsListener;
    } else {
      this.httpListener = this.loadBalancer.addListener('Http', {
        port: 80,
        protocol: elbv2.ApplicationProtocol.HTTP,
        open: false,
        defaultAction: notFound,
      });
      this.serviceListener = this.httpListener;
      const reason =
        'An internal load balancer without a certificate: reachable only from inside the VPC through its security ' +
        'group (as a CloudFront VPC origin, TLS ends at CloudFront).';
      for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
        acknowledge(this.httpListener, `${pack}-ELBv2ACMCertificateRequired`, reason);
        acknowledge(this.httpListener, `${pack}-ALBHttpToHttpsRedirection`, reason);
      }
    }

    applySecurityHeaders(this.serviceListener, props.securityHeaders);
    if (this.serviceListener !== this.httpListener) {
      // The redirect answers over plain HTTP: no security header means anything there, but the Server header goes.
      this.httpListener.setAttribute(
        'routing.http.response.server.enabled',
        String(props.securityHeaders?.serverHeader ?? false),
      );
    }

    if (props.serviceRoute ?? true) {
      const route = ServiceRoute._createResources(this, { ...props, listener: this.serviceListener });
      this.targetGroup = route.targetGroup;
      this.listenerRule = route.listenerRule;
      this.alternateTargetGroup = route.alternateTargetGroup;
      if (props.testListenerPort !== undefined && props.certificate) {
        this.testListener = this.loadBalancer.addListener('TestListener', {
          port: props.testListenerPort,
          protocol: elbv2.ApplicationProtocol.HTTPS,
          open: false,
          certificates: [props.certificate],
          sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
          defaultAction: notFound,
        });
        applySecurityHeaders(this.testListener, props.securityHeaders);
        this.testListenerRule = new elbv2.ApplicationListenerRule(this, 'TestRule', {
          listener: this.testListener,
          priority: 1,
          conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
          action: ServiceRoute._forwardTo(route.targetGroup, route.alternateTargetGroup),
        });
      }
    }
  }
}

/** Records the problems of a test listener port: a free port, and a second target group to test. */
function checkTestListener(
  v: PropsValidator,
  testListenerPort: number | undefined,
  alternateTargetGroup: boolean | undefined,
  prefix = '',
): void {
  if (testListenerPort === undefined) return;
  v.integerInRange(`${prefix}testListenerPort`, testListenerPort, 1, 65535);
  if (testListenerPort === 80 || testListenerPort === 443) {
    v.fail(
      `${prefix}testListenerPort ${testListenerPort} is taken by the production listeners; allowed: another port, such as 8443`,
    );
  }
  if (!alternateTargetGroup) {
    v.fail(
      `${prefix}testListenerPort serves deployments that shift traffic; allowed: deploymentStrategy canary(), linear() or blueGreen() with it, or no testListenerPort`,
    );
  }
}

/** The settings of a service's route, which a load balancer without one (`serviceRoute: false`) would ignore. */
const ROUTE_SETTINGS: ReadonlyArray<keyof HttpsLoadBalancerOptions | keyof ServiceRouteTarget> = [
  'hostHeaders',
  'pathPatterns',
  'rulePriority',
  'liveTargetGroup',
  'healthCheckInterval',
  'healthCheckTimeout',
  'healthyThresholdCount',
  'unhealthyThresholdCount',
  'healthCheckSuccessCodes',
  'deregistrationDelay',
  'targetPort',
  'healthCheckPath',
  'alternateTargetGroup',
  'testListenerPort',
  'authentication',
];

/** Refuses route settings on a load balancer without a route of its own, instead of ignoring them. */
function checkWithoutRoute(v: PropsValidator, props: HttpsLoadBalancerOptions & ServiceRouteTarget, prefix: string) {
  const given = ROUTE_SETTINGS.filter((name) => props[name] !== undefined);
  if (given.length > 0) {
    v.fail(
      `${given.map((name) => `${prefix}${name}`).join(', ')} given to a load balancer without a route of its own (serviceRoute false); allowed: set them on each service's ServiceRoute (a shared environment's services: route)`,
    );
  }
}
