import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { AccountAuditProps } from './observability/account-audit';
import { ServiceAlarmsOptions } from './observability/service-alarms';
import { WebServiceProfile } from './profile';
import { ServiceAutoScalingOptions } from './scaling/service-auto-scaling';
import { HardenedFargateServiceOptions } from './service/hardened-fargate-service';

/**
 * What every web service sets, on its own (`SecureFargateWebServiceProps`) or in a shared environment
 * (`EnvironmentServiceProps`): the container and service settings of `HardenedFargateServiceOptions`, its
 * task range, domain, scaling, alarms and dashboard.
 */
export interface WebServiceOptions extends HardenedFargateServiceOptions {
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
   * A certificate for the HTTPS listener (for `domainName`, in a shared environment), used as given.
   * @default - a new certificate for `domainName`, validated through DNS in `hostedZone`
   */
  readonly certificate?: acm.ICertificate;

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
   * The path the load balancer's health check requests.
   * @default '/health'
   */
  readonly healthCheckPath?: string;

  /**
   * Settings of auto scaling: target tracking or step scaling, CPU and memory thresholds, requests
   * per target, cooldowns (the task range is `minCapacity` to `maxCapacity`).
   * @default - target tracking on CPU 70% and memory 80%, 300 s cooldowns
   */
  readonly autoScaling?: ServiceAutoScalingOptions;

  /**
   * The defaults to start from: production (highly available) or development (cheaper). In a shared
   * environment a service's profile sets only its own defaults (capacity mix, log retention); the NAT gateways,
   * AWS WAF and deletion protection follow the environment's profile.
   * @default WebServiceProfile.PRODUCTION
   */
  readonly profile?: WebServiceProfile;

  /**
   * Thresholds, evaluation windows and on/off of each alarm, deployment rollback, the alarm name prefix.
   * @default - the alarms of `ServiceAlarmsOptions`, named `<stack>-<path>-<Alarm>`
   */
  readonly alarms?: ServiceAlarmsOptions;

  /**
   * The account-wide audit: a multi-Region CloudTrail trail and a GuardDuty detector with Runtime
   * Monitoring for Fargate. Both are singletons of the account (one detector per Region; one trail is free),
   * so create them here only in the one stack of an account that should own them, and in a shared environment
   * on one service at most.
   * @default - none: the account's own (or its organization's) trail and GuardDuty apply
   */
  readonly audit?: AccountAuditProps;

  /**
   * Whether a CloudWatch dashboard shows the service: requests, latency, errors, hosts, CPU, memory,
   * tasks, the alarms' states and recent errors from the logs.
   * @default true
   */
  readonly dashboard?: boolean;
}
