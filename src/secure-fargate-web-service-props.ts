import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CloudFrontOptions } from './edge/cloud-front-edge';
import { Firewall } from './edge/firewall';
import { HttpsLoadBalancerOptions } from './edge/https-load-balancer';
import { WebServiceNetworkProps } from './network/web-service-network';
import { AlertTopicsProps } from './observability/alert-topics';
import { WebServiceOptions } from './web-service-options';

/**
 * Props for `SecureFargateWebService` on its own: the settings of every web service (`WebServiceOptions`), and
 * of what a service on its own creates for itself: the network, the load balancer, AWS WAF, CloudFront and the
 * alert topics.
 */
export interface SecureFargateWebServiceProps extends WebServiceOptions {
  /**
   * A VPC to run in: its public subnets hold the load balancer, its private subnets the tasks.
   * @default - a new VPC (see `WebServiceNetwork`)
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Options for the new VPC (CIDR, Availability Zones, NAT strategy, dual-stack, flow logs, endpoints).
   * Only for a new VPC: not together with `vpc`.
   * @default - 10.0.0.0/16 in 2 AZs, NAT per AZ, dual-stack, encrypted flow logs
   */
  readonly network?: WebServiceNetworkProps;

  /**
   * Settings of the load balancer (`HttpsLoadBalancer`): internal or internet-facing, allowed client CIDRs, TLS
   * policy, deletion protection, idle timeout, access logs, the service's route (host names, paths, priority,
   * health check timing) and a test listener.
   * @default - internet-facing, dual-stack with a new VPC, TLS 1.3/1.2, deletion protection, access logs
   */
  readonly httpsLoadBalancer?: HttpsLoadBalancerOptions;

  /**
   * Which AWS WAF web ACL protects the load balancer: `Firewall.managed({...})` (a new one, with settings),
   * `Firewall.fromWebAclArn(arn)` (one of your own) or `Firewall.none()`. Behind CloudFront, a new one also
   * protects the distribution (see `cloudFront`).
   * @default Firewall.managed() (Firewall.none() in the development profile)
   */
  readonly firewall?: Firewall;

  /**
   * Serves the service through CloudFront, with these settings: a VPC origin reaches an internal load balancer
   * that has no internet ingress at all. Then neither a certificate nor a domain is required: without a domain
   * the service answers at the distribution's `*.cloudfront.net` name; with `domainName`, give the viewer
   * certificate (in us-east-1) as `certificate`. Behind CloudFront only the distribution's web ACL sees the
   * clients' addresses: give one as `webAclArn`, or let the `firewall` (unless `Firewall.none()`) create one, in a
   * us-east-1 stack.
   * @default - no CloudFront: the load balancer faces the clients
   */
  readonly cloudFront?: CloudFrontOptions;

  /**
   * A customer managed KMS key for the tasks' ephemeral storage, set on the new cluster. The key policy of a key
   * created in the same app is extended to let Fargate use it; for an imported key, add those statements yourself.
   * @default - Fargate encrypts ephemeral storage with an AWS owned key
   */
  readonly ephemeralStorageEncryptionKey?: kms.IKey;

  /**
   * Where alerts go, by severity (email, HTTPS endpoints such as PagerDuty, Slack through AWS Chatbot),
   * or topics of your own.
   * @default - three new encrypted topics, critical, warning and info, with no subscriptions yet
   */
  readonly alerts?: AlertTopicsProps;
}
