import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { checkServiceRouteProps } from '../private/edge-checks';
import { createServiceRoute } from '../private/route';
import { PropsValidator } from '../private/validation';

/** How a service's traffic is matched and checked: its listener rule and its target group's health check. */
export interface ServiceRouteOptions {
  /**
   * The time between health checks (5 to 300 seconds).
   * @default Duration.seconds(30)
   */
  readonly healthCheckInterval?: Duration;

  /**
   * How long a health check may take (2 to 120 seconds, below the interval).
   * @default Duration.seconds(5)
   */
  readonly healthCheckTimeout?: Duration;

  /**
   * Consecutive successes before a target counts as healthy (2 to 10).
   * @default 2
   */
  readonly healthyThresholdCount?: number;

  /**
   * Consecutive failures before a target counts as unhealthy (2 to 10).
   * @default 3
   */
  readonly unhealthyThresholdCount?: number;

  /**
   * The HTTP codes a healthy target answers with, for example '200' or '200-299'.
   * @default '200'
   */
  readonly healthCheckSuccessCodes?: string;

  /**
   * How long the load balancer lets in-flight requests finish before a target is removed (0 to 3600 seconds).
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;

  /**
   * Host names the service's listener rule matches.
   * With a deployment that shifts traffic, changing it rewrites the rule's weights: see `liveTargetGroup`.
   * @default - any host
   */
  readonly hostHeaders?: string[];

  /**
   * Path patterns the service's listener rule matches.
   * With a deployment that shifts traffic, changing it rewrites the rule's weights: see `liveTargetGroup`.
   * @default - every path ('/*') when no host header is given either
   */
  readonly pathPatterns?: string[];

  /**
   * The priority of the service's listener rule (1 to 50000; lower wins).
   * With a deployment that shifts traffic, changing it rewrites the rule's weights: see `liveTargetGroup`.
   * @default 100
   */
  readonly rulePriority?: number;

  /**
   * With a second target group (deployments that shift traffic): the target group the listener rule weights
   * 100 in the template. ECS moves the weights at every deployment, and CloudFormation writes the template's
   * weights back whenever the rule changes (its host names, paths or priority). Before such a change, read which
   * group holds production (`aws elbv2 describe-rules --rule-arns <listenerRule ARN>`) and set it here, in
   * the same deployment: the rule then changes without moving any traffic.
   * @default LiveTargetGroup.PRIMARY
   */
  readonly liveTargetGroup?: LiveTargetGroup;
}

/** Which of a route's two target groups holds production traffic, as the template states it. */
export enum LiveTargetGroup {
  /** The first target group (`targetGroup`), where the first deployment puts production. */
  PRIMARY = 'PRIMARY',
  /** The second target group (`alternateTargetGroup`), where every other traffic-shifting deployment leaves it. */
  ALTERNATE = 'ALTERNATE',
}

/** What a route forwards to: the service's port and health check path, and a second target group when deployments shift traffic. */
export interface ServiceRouteTarget {
  /**
   * The port the targets listen on.
   * @default 3000
   */
  readonly targetPort?: number;

  /**
   * The path the target group's health check requests.
   * @default '/health'
   */
  readonly healthCheckPath?: string;

  /**
   * Whether the route has a second target group with the same health check, for deployments that shift
   * traffic (blue/green, linear, canary): the listener rule then forwards to both, weighted 100 and 0, and
   * ECS moves the weights.
   * @default false
   */
  readonly alternateTargetGroup?: boolean;
}

/** Props for `ServiceRoute`. */
export interface ServiceRouteProps extends ServiceRouteOptions, ServiceRouteTarget {
  /** The VPC of the targets. */
  readonly vpc: ec2.IVpc;

  /** The listener the rule goes on, usually a shared load balancer's HTTPS listener. */
  readonly listener: elbv2.IApplicationListener;
}

/**
 * One service's way in through a load balancer it shares with others: an IP target group with the
 * spec's health check, and a listener rule that forwards the requests matching its host names and
 * paths to it.
 */
export class ServiceRoute extends Construct {
  /** The target group the service registers its tasks in. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;

  /** The listener rule that forwards to the target group. */
  public readonly listenerRule: elbv2.ApplicationListenerRule;

  /** The second target group, with `alternateTargetGroup`. */
  public readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: ServiceRouteProps) {
    super(scope, id);
    const v = new PropsValidator('ServiceRoute');
    checkServiceRouteProps(v, props);
    v.throwIfAny();
    const route = createServiceRoute(this, props);
    this.targetGroup = route.targetGroup;
    this.listenerRule = route.listenerRule;
    this.alternateTargetGroup = route.alternateTargetGroup;
  }
}
