import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { isKnown, PropsValidator } from '../private/validation';

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
}

/**
 * The service's name: an ACM certificate validated through DNS (or one you bring), and the alias
 * records that point the name at the load balancer.
 */
export class ServiceDomain extends Construct {
  /** The certificate the HTTPS listener presents. */
  public readonly certificate: acm.ICertificate;

  /** The service's domain name. */
  public readonly domainName: string;

  /** The hosted zone the records are written to. */
  public readonly hostedZone: route53.IHostedZone;

  private _aliasRecord?: route53.ARecord;

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
        validation: acm.CertificateValidation.fromDns(props.hostedZone),
      });
  }

  /** The IPv4 alias record, once `pointTo` has been called. */
  public get aliasRecord(): route53.ARecord | undefined {
    return this._aliasRecord;
  }

  /** Points the domain name at a load balancer with an alias record. */
  public pointTo(loadBalancer: elbv2.IApplicationLoadBalancer): route53.ARecord {
    if (this._aliasRecord) {
      throw new Error(`ServiceDomain '${this.node.path}' already points to a load balancer`);
    }
    this._aliasRecord = new route53.ARecord(this, 'AliasRecord', {
      zone: this.hostedZone,
      recordName: this.domainName,
      target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(loadBalancer)),
    });
    return this._aliasRecord;
  }
}

const DOMAIN_NAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Records the problems of the domain name and its hosted zone. */
export function checkServiceDomainProps(
  v: PropsValidator,
  props: Pick<ServiceDomainProps, 'domainName' | 'hostedZone'>,
): void {
  const domain = props.domainName;
  const zoneName = props.hostedZone.zoneName;
  if (isKnown(domain)) {
    if (domain === '') {
      v.fail("domainName is empty; allowed: a fully qualified name such as 'app.example.com'");
    } else if (!DOMAIN_NAME.test(domain)) {
      v.fail(
        `domainName '${domain}' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'`,
      );
    } else if (isKnown(zoneName)) {
      const zone = zoneName.replace(/\.$/, '').toLowerCase();
      const name = domain.toLowerCase();
      if (name !== zone && !name.endsWith(`.${zone}`)) {
        v.fail(
          `domainName '${domain}' is not in hostedZone '${zone}'; allowed: '${zone}' or a name ending in '.${zone}'`,
        );
      }
    }
  }
}
