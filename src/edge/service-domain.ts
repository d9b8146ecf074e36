import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { checkServiceDomainProps } from '../private/edge-checks';
import { PropsValidator } from '../private/validation';

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
 */
export class ServiceDomain extends Construct {
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
    checkServiceDomainProps(v, props);
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
}
