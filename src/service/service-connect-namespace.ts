import { Token } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { CostDrivers, CostEstimate, CostEstimateOptions } from '../cost/cost-estimate';
import { acknowledge } from '../private/acknowledge';
import { ManagedPolicyRole } from '../private/managed-policy-role';
import { stackScopedName } from '../private/naming';
import { isKnown, PropsValidator, quoted } from '../private/validation';

/** How an AWS Private CA issues certificates, which sets its monthly fee. */
export enum CertificateAuthorityUsageMode {
  /** Certificates valid for up to 7 days, as Service Connect rotates them: the lower monthly fee. */
  SHORT_LIVED_CERTIFICATE = 'SHORT_LIVED_CERTIFICATE',
  /** Certificates of any validity: the higher monthly fee. */
  GENERAL_PURPOSE = 'GENERAL_PURPOSE',
}

/** TLS between the services of a Service Connect namespace. */
export interface ServiceConnectTls {
  /**
   * The AWS Private CA that signs the services' certificates; ECS issues, rotates (every 5 days) and distributes
   * them. It must carry the tag `AmazonECSManaged: true`, which AWS's policy for Service Connect TLS requires of
   * the CAs it issues from. Every service in the namespace trusts it, so a CA of its own is the safe choice.
   */
  readonly certificateAuthority: acmpca.ICertificateAuthority;

  /**
   * How the CA issues certificates (its `UsageMode`), which sets its monthly fee in the estimate: short-lived
   * certificate mode ($50) or general-purpose ($400). Service Connect works with both.
   */
  readonly usageMode: CertificateAuthorityUsageMode;

  /**
   * A customer managed KMS key that ECS encrypts the certificates' private keys with, in AWS Secrets Manager. Its
   * key policy must let the namespace's `tlsRole` use it.
   * @default - an AWS owned key
   */
  readonly kmsKey?: kms.IKey;
}

/** Settings of a `ServiceConnectNamespace`. */
export interface ServiceConnectNamespaceOptions {
  /**
   * The AWS Cloud Map namespace's name, unique among the account's namespaces in the Region. Clients do not use
   * it: they call each server by its `dnsName`.
   * @default - `<stack name>-<construct path below the stack>`, in lower case
   */
  readonly namespaceName?: string;

  /**
   * TLS 1.3 between the services, with certificates from an AWS Private CA you give.
   * @default - none: traffic between the services stays inside the VPC, unencrypted
   */
  readonly tls?: ServiceConnectTls;
}

/** Props for `ServiceConnectNamespace`. */
export interface ServiceConnectNamespaceProps extends ServiceConnectNamespaceOptions {}

/**
 * An AWS Cloud Map namespace for ECS Service Connect, created once for several services: each service that
 * joins it (`HardenedFargateService` with `serviceConnect`, or a service of a `WebServiceEnvironment` with
 * `serviceConnect`) is a client, and a server under its `dnsName`. The namespace is an HTTP one: Service
 * Connect resolves names itself, so it needs no private hosted zone. With `tls`, ECS encrypts the traffic between
 * the services with certificates from your AWS Private CA, through the `tlsRole` it assumes.
 *
 * @example
 * declare const vpc: ec2.IVpc;
 * declare const cluster: ecs.Cluster;
 * declare const image: ecs.ContainerImage;
 *
 * const mesh = new sfws.ServiceConnectNamespace(this, 'Mesh');
 * const api = new sfws.HardenedFargateService(this, 'Api', {
 *   vpc,
 *   cluster,
 *   image,
 *   serviceConnect: { namespace: mesh, dnsName: 'api' },
 * });
 * const web = new sfws.HardenedFargateService(this, 'Web', {
 *   vpc,
 *   cluster,
 *   image,
 *   serviceConnect: { namespace: mesh, server: false },
 * });
 * const app = web.container;
 * app.addEnvironment('API_URL', web.connectTo(api));
 */
export class ServiceConnectNamespace extends Construct {
  /**
   * Records the problems of a namespace's settings.
   * @internal
   */
  public static _checkProps(v: PropsValidator, props: ServiceConnectNamespaceOptions, prefix = ''): void {
    const name = props.namespaceName;
    if (isKnown(name) && !NAMESPACE_NAME.test(name)) {
      v.fail(
        `${prefix}namespaceName ${quoted(name)} is not an HTTP namespace name; allowed: 1 to 1024 printable ASCII characters without spaces`,
      );
    }
  }

  /** The AWS Cloud Map namespace. */
  public readonly namespace: servicediscovery.HttpNamespace;

  /** The TLS settings, with `tls`. */
  public readonly tls?: ServiceConnectTls;

  /**
   * The role ECS assumes to issue the services' certificates from the CA and keep them in AWS Secrets Manager,
   * with `tls`.
   */
  public readonly tlsRole?: iam.Role;

  /** The client aliases taken so far, by the service that took each. */
  private readonly dnsNames = new Map<string, string>();

  constructor(scope: Construct, id: string, props: ServiceConnectNamespaceProps = {}) {
    super(scope, id);
    const v = new PropsValidator('ServiceConnectNamespace');
    ServiceConnectNamespace._checkProps(v, props);
    v.throwIfAny();

    this.namespace = new servicediscovery.HttpNamespace(this, 'Namespace', {
      name: props.namespaceName ?? stackScopedName(this).toLowerCase(),
      description: 'ECS Service Connect: the services call each other by name',
    });
    if (props.tls) {
      this.tls = props.tls;
      this.tlsRole = new ManagedPolicyRole(
        this,
        'TlsRole',
        {
          assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
          description: "Lets ECS issue the Service Connect services' certificates from the private CA and rotate them",
          managedPolicies: [
            iam.ManagedPolicy.fromAwsManagedPolicyName(
              'service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
            ),
          ],
        },
        "What ECS needs beyond AWS's policy for Service Connect TLS: the certificates' KMS key",
      );
      acknowledge(
        this.tlsRole,
        'AwsSolutions-IAM4',
        "AWS's own policy for Service Connect TLS, kept current by AWS: it lets ECS issue certificates from Private CA and keep them only in Secrets Manager secrets named ecs-sc!* that ECS tags as its own",
        [
          'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
        ],
      );
      // The key policy AWS documents for Service Connect TLS: ECS encrypts each certificate's private key with it.
      props.tls.kmsKey?.grant(
        this.tlsRole,
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyPair',
        'kms:DescribeKey',
      );
    }
  }

  /**
   * What this namespace's monthly cost depends on: the CA's fee with `tls` (the namespace itself is free).
   */
  public get costDrivers(): CostDrivers {
    const mode = this.tls?.usageMode;
    return {
      shortLivedCertificateAuthorities:
        this.tls && mode === CertificateAuthorityUsageMode.SHORT_LIVED_CERTIFICATE ? 1 : 0,
      generalPurposeCertificateAuthorities: this.tls && mode === CertificateAuthorityUsageMode.GENERAL_PURPOSE ? 1 : 0,
    };
  }

  /**
   * The estimated monthly cost of the namespace: the CA's fee with `tls`, once however many services use it. The
   * services' traffic is in their own estimates, so this one assumes none unless `options` says otherwise.
   * @param options unit prices instead of the defaults
   */
  public costEstimate(options: CostEstimateOptions = {}): CostEstimate {
    return CostEstimate.of({
      ...options,
      assumptions: { dataTransferOutGigabytes: 0, logIngestionGigabytes: 0, ...options.assumptions },
      drivers: this.costDrivers,
    });
  }

  /**
   * Takes a client alias for `owner`; the namespace refuses a name another service took.
   * @internal
   */
  public _claim(dnsName: string, owner: string): void {
    if (Token.isUnresolved(dnsName)) return;
    const other = this.dnsNames.get(dnsName);
    if (other !== undefined) {
      throw new Error(
        `serviceConnect.dnsName '${dnsName}' of '${owner}' is taken by '${other}' in the namespace '${this.node.path}'; allowed: a dnsName of its own for each service`,
      );
    }
    this.dnsNames.set(dnsName, owner);
  }
}

/** HTTP namespace names: printable ASCII, no spaces. */
const NAMESPACE_NAME = /^[!-~]{1,1024}$/;
