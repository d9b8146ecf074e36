import { Annotations, Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { LoadBalancerOptions } from './https-load-balancer';
import { isKnown, PropsValidator, quoted } from '../private/validation';

/**
 * Props for `ServiceDomain`.
 */
export interface ServiceDomainProps {
  /** The service's fully qualified domain name, for example `app.example.com`. */
  readonly domainName: string;

  /** The public hosted zone that holds `domainName`. */
  readonly hostedZone: route53.IHostedZone;

  /**
   * A certificate to use instead of a new one.
   * @default - a new ACM certificate for `domainName`, validated through DNS in `hostedZone`
   */
  readonly certificate?: acm.ICertificate;

  /**
   * More names the new certificate covers, for example `www.example.com` or `*.example.com`; all in `hostedZone`.
   * @default - none
   */
  readonly subjectAlternativeNames?: string[];

  /**
   * Whether a Route 53 health check requests `https://<domainName><healthCheckPath>` every 30 seconds.
   * @default true
   */
  readonly healthCheck?: boolean;

  /**
   * The path the Route 53 health check requests (the target group's health check path).
   * @default '/health'
   */
  readonly healthCheckPath?: string;
}

/**
 * Options for `ServiceDomain.pointTo`.
 */
export interface PointToOptions {
  /**
   * Whether to add an AAAA (IPv6) alias record; the target must serve IPv6 (a dual-stack load balancer, a distribution).
   * @default false
   */
  readonly ipv6?: boolean;
}

/**
 * The service's name: an ACM certificate validated through DNS (or one you bring), the alias records
 * that point the name at the load balancer (A, and AAAA when dual-stack), and a Route 53 health check
 * of the service's health path.
 *
 * @example
 * declare const loadBalancer: elbv2.IApplicationLoadBalancer;
 *
 * const domain = new sfws.ServiceDomain(this, 'Domain', {
 *   domainName: 'app.example.com',
 *   hostedZone: route53.HostedZone.fromLookup(this, 'Zone', { domainName: 'example.com' }),
 * });
 * domain.pointTo(new targets.LoadBalancerTarget(loadBalancer), { ipv6: true });
 */
export class ServiceDomain extends Construct {
  /**
   * Records the problems of the domain name, its alternative names and its hosted zone.
   * @internal
   */
  public static _checkProps(
    v: PropsValidator,
    props: Pick<ServiceDomainProps, 'domainName' | 'hostedZone' | 'subjectAlternativeNames' | 'certificate'>,
  ): void {
    const zoneName = props.hostedZone.zoneName;
    checkName(v, 'domainName', props.domainName, zoneName);
    for (const name of props.subjectAlternativeNames ?? []) {
      checkName(v, 'subjectAlternativeNames entry', name, zoneName);
    }
    if (props.certificate && props.subjectAlternativeNames?.length) {
      v.fail('subjectAlternativeNames apply to a new certificate, and certificate was given; allowed: one of them');
    }
  }

  /**
   * Records the problems of an enclosing construct's optional domain: `domainName` and `hostedZone` come
   * together, and then as `_checkProps` checks them.
   * @internal
   */
  public static _checkOptional(
    v: PropsValidator,
    props: Partial<Pick<ServiceDomainProps, 'domainName' | 'hostedZone' | 'subjectAlternativeNames' | 'certificate'>>,
  ): void {
    const { domainName, hostedZone } = props;
    if (domainName !== undefined && !hostedZone) {
      v.fail(
        `domainName ${quoted(domainName)} needs hostedZone, the public hosted zone that holds it; allowed: hostedZone with it, or certificate without domainName`,
      );
    } else if (hostedZone && domainName === undefined) {
      v.fail(
        'hostedZone needs domainName, the name to create records for in it; allowed: domainName with it, or no hostedZone',
      );
    } else if (domainName !== undefined && hostedZone) {
      ServiceDomain._checkProps(v, { ...props, domainName, hostedZone });
    }
  }

  /** The certificate the HTTPS listener presents. */
  public readonly certificate: acm.ICertificate;

  /** The service's domain name. */
  public readonly domainName: string;

  /** The hosted zone the records are written to. */
  public readonly hostedZone: route53.IHostedZone;

  /**
   * The Route 53 health check, unless turned off. Its metric exists only in us-east-1: see `healthCheckMetric()`.
   */
  public readonly healthCheck?: route53.HealthCheck;

  private _aliasRecord?: route53.ARecord;
  private _ipv6AliasRecord?: route53.AaaaRecord;

  constructor(scope: Construct, id: string, props: ServiceDomainProps) {
    super(scope, id);
    const v = new PropsValidator('ServiceDomain');
    ServiceDomain._checkProps(v, props);
    v.throwIfAny();
    this.domainName = props.domainName;
    this.hostedZone = props.hostedZone;
    this.certificate =
      props.certificate ??
      new acm.Certificate(this, 'Certificate', {
        domainName: props.domainName,
        subjectAlternativeNames: props.subjectAlternativeNames,
        validation: acm.CertificateValidation.fromDns(props.hostedZone),
      });

    if (props.healthCheck ?? true) {
      this.healthCheck = new route53.HealthCheck(this, 'HealthCheck', {
        type: route53.HealthCheckType.HTTPS,
        fqdn: props.domainName,
        port: 443,
        resourcePath: props.healthCheckPath ?? '/health',
        enableSNI: true,
        requestInterval: Duration.seconds(30),
        failureThreshold: 3,
      });
    }
  }

  /** The IPv4 alias record, once `pointTo` has been called. */
  public get aliasRecord(): route53.ARecord | undefined {
    return this._aliasRecord;
  }

  /** The IPv6 alias record, once `pointTo` has been called with `ipv6`. */
  public get ipv6AliasRecord(): route53.AaaaRecord | undefined {
    return this._ipv6AliasRecord;
  }

  /**
   * Points the domain name at a load balancer or distribution with alias records, for example
   * `new targets.LoadBalancerTarget(alb)` or `new targets.CloudFrontTarget(distribution)`.
   */
  public pointTo(aliasTarget: route53.IAliasRecordTarget, options: PointToOptions = {}): route53.ARecord {
    if (this._aliasRecord) {
      throw new Error(`ServiceDomain '${this.node.path}' already has alias records`);
    }
    const target = route53.RecordTarget.fromAlias(aliasTarget);
    this._aliasRecord = new route53.ARecord(this, 'AliasRecord', {
      zone: this.hostedZone,
      recordName: this.domainName,
      target,
    });
    if (options.ipv6) {
      this._ipv6AliasRecord = new route53.AaaaRecord(this, 'Ipv6AliasRecord', {
        zone: this.hostedZone,
        recordName: this.domainName,
        target,
      });
    }
    return this._aliasRecord;
  }

  /**
   * The health check's status (1 healthy, 0 unhealthy; minimum per minute). Route 53 publishes it only
   * in us-east-1, so an alarm on it works only in a us-east-1 stack.
   */
  public healthCheckMetric(): cloudwatch.Metric {
    if (!this.healthCheck) {
      throw new Error(`ServiceDomain '${this.node.path}' has no health check (healthCheck: false)`);
    }
    return new cloudwatch.Metric({
      namespace: 'AWS/Route53',
      metricName: 'HealthCheckStatus',
      dimensionsMap: { HealthCheckId: this.healthCheck.healthCheckId },
      statistic: cloudwatch.Stats.MINIMUM,
      period: Duration.minutes(1),
      region: 'us-east-1',
    });
  }

  /**
   * Warns when the Route 53 health checkers, on the internet, cannot reach the load balancer the domain
   * points to: an internal one, or one that admits only some addresses.
   * @param loadBalancer the load balancer's settings
   * @internal
   */
  public _warnIfHealthCheckUnreachable(loadBalancer: LoadBalancerOptions = {}): void {
    if (!this.healthCheck) return;
    const cidrs = loadBalancer.allowedIngressCidrs;
    if (loadBalancer.internetFacing === false) {
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
}

const DOMAIN_NAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function checkName(v: PropsValidator, prop: string, name: string, zoneName: string): void {
  if (!isKnown(name)) return;
  if (name === '') {
    v.fail(`${prop} is empty; allowed: a fully qualified name such as 'app.example.com'`);
  } else if (!DOMAIN_NAME.test(name)) {
    v.fail(
      `${prop} ${quoted(name)} is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'`,
    );
  } else if (isKnown(zoneName)) {
    const zone = zoneName.replace(/\.$/, '').toLowerCase();
    const lower = name.toLowerCase().replace(/^\*\./, '');
    if (lower !== zone && !lower.endsWith(`.${zone}`)) {
      v.fail(
        `${prop} ${quoted(name)} is not in hostedZone ${quoted(zone)}; allowed: ${quoted(zone)} or a name ending in ${quoted(`.${zone}`)}`,
      );
    }
  }
}
