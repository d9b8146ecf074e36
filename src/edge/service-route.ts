import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct, IConstruct } from 'constructs';
import { ListenerAuthentication } from './listener-authentication';
import { allowOutbound, authenticationAction, checkAuthentication, checkClientSecret } from './private/authentication';
import { HEALTH_CHECK_DEFAULTS } from './private/health-check';
import { isKnown, knownSeconds, PropsValidator, quoted } from '../private/validation';

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

  /**
   * Sign-in at the load balancer before requests reach the service: `ListenerAuthentication.oidc(...)`,
   * `.cognito(...)` or `.jwt(...)`, with `publicPaths` that stay open.
   * @default - no sign-in
   */
  readonly authentication?: ListenerAuthentication;
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

/** One route's claim on a shared listener: what it matches, at which priority. */
export interface RouteClaim {
  /** The construct path of the route, as messages name it. */
  readonly owner: string;

  /** The listener rule's priority. */
  readonly priority: number;

  /** The rule's host names; empty for any host. */
  readonly hostHeaders: string[];

  /** The rule's path patterns; empty for any path. */
  readonly pathPatterns: string[];

  /** Whether the route added a certificate of its own for its host names. */
  readonly ownCertificate: boolean;

  /**
   * The priority of the route's rule for the paths that stay public without sign-in, when it has one.
   * @default - none
   */
  readonly publicPathsPriority?: number;
}

/**
 * Keeps the routes of a shared listener, so that two routes cannot claim the same priority or the same
 * traffic. `WebServiceEnvironment` is one.
 */
export interface IRouteRegistry extends IConstruct {
  /** Records a route's claim; the registry reports conflicting claims when the app is synthesized. */
  registerRoute(claim: RouteClaim): void;
}

/** Props for `ServiceRoute`. */
export interface ServiceRouteProps extends ServiceRouteOptions, ServiceRouteTarget {
  /** The VPC of the targets. */
  readonly vpc: ec2.IVpc;

  /** The listener the rule goes on, usually a shared load balancer's HTTPS listener. */
  readonly listener: elbv2.IApplicationListener;

  /**
   * Where the route registers its claim (priority, host names, paths), for example the
   * `WebServiceEnvironment` that owns `listener`: two routes claiming the same priority or traffic then fail
   * synthesis.
   * @default - no registry: nothing checks this route against the listener's others
   */
  readonly registry?: IRouteRegistry;

  /**
   * A certificate for `hostHeaders` that the listener's default certificate does not cover: the route adds it
   * to the listener (SNI).
   * @default - none: the listener's certificates must cover the host names
   */
  readonly certificate?: acm.ICertificate;
}

/**
 * One service's way in through a load balancer it shares with others: an IP target group with a health
 * check, and a listener rule that forwards the requests matching its host names and paths to it. Given a
 * `registry` (such as a `WebServiceEnvironment`), it registers its claim there.
 *
 * @example
 * declare const environment: WebServiceEnvironment;
 *
 * new ServiceRoute(this, 'Admin', {
 *   vpc: environment.vpc,
 *   listener: environment.httpsListener,
 *   registry: environment,
 *   hostHeaders: ['admin.example.com'],
 *   rulePriority: 20,
 *   targetPort: 8080,
 * });
 */
export class ServiceRoute extends Construct {
  /**
   * Records the problems of a service route's props: its target, health check and listener rule. A target
   * port left out is not checked (the enclosing construct may check it as its own prop, such as containerPort).
   * @param prefix prepended to the names of the route's options (`ServiceRouteOptions`), as the enclosing
   * construct calls them (for example `route.`); `targetPort` and `healthCheckPath` keep their names
   * @internal
   */
  public static _checkProps(v: PropsValidator, props: ServiceRouteOptions & ServiceRouteTarget, prefix = ''): void {
    const p = (name: string) => `${prefix}${name}`;
    v.integerInRange('targetPort', props.targetPort, 1, 65535);
    const path = props.healthCheckPath;
    if (isKnown(path) && !path.startsWith('/')) {
      v.fail(`healthCheckPath ${quoted(path)} does not start with '/'; allowed: an absolute path such as '/health'`);
    }
    const interval = knownSeconds(props.healthCheckInterval);
    const timeout = knownSeconds(props.healthCheckTimeout);
    v.integerInRange(`${p('healthCheckInterval')} (seconds)`, interval, 5, 300);
    v.integerInRange(`${p('healthCheckTimeout')} (seconds)`, timeout, 2, 120);
    // A Token duration is left out of the comparison (knownSeconds gives undefined), not replaced by the default.
    const effectiveTimeout = props.healthCheckTimeout ? timeout : HEALTH_CHECK_DEFAULTS.timeoutSeconds;
    const effectiveInterval = props.healthCheckInterval ? interval : HEALTH_CHECK_DEFAULTS.intervalSeconds;
    if (effectiveTimeout !== undefined && effectiveInterval !== undefined && effectiveTimeout >= effectiveInterval) {
      v.fail(
        `${p('healthCheckTimeout')} ${effectiveTimeout} s is not below ${p('healthCheckInterval')} ${effectiveInterval} s; allowed: a timeout shorter than the interval`,
      );
    }
    v.integerInRange(p('healthyThresholdCount'), props.healthyThresholdCount, 2, 10);
    v.integerInRange(p('unhealthyThresholdCount'), props.unhealthyThresholdCount, 2, 10);
    const codes = props.healthCheckSuccessCodes;
    if (isKnown(codes) && !SUCCESS_CODES.test(codes)) {
      v.fail(
        `${p('healthCheckSuccessCodes')} ${quoted(codes)} is not a list of HTTP codes; allowed: such as '200', '200-299' or '200,302'`,
      );
    }
    v.integerInRange(`${p('deregistrationDelay')} (seconds)`, knownSeconds(props.deregistrationDelay), 0, 3600);
    v.integerInRange(p('rulePriority'), props.rulePriority, 1, 50000);
    if (String(props.liveTargetGroup) === 'ALTERNATE' && !props.alternateTargetGroup) {
      v.fail(
        `${p('liveTargetGroup')} ALTERNATE needs a second target group; allowed: PRIMARY, or a deploymentStrategy that shifts traffic (canary(), linear() or blueGreen())`,
      );
    }
    // AWS: at most 3 match values per condition and 5 per rule.
    const hosts = props.hostHeaders?.length ?? 0;
    const paths = props.pathPatterns?.length ?? 0;
    if (hosts > 3) {
      v.fail(`${p('hostHeaders')} has ${hosts} values; allowed: up to 3 (a listener rule condition holds 3)`);
    }
    if (paths > 3) {
      v.fail(`${p('pathPatterns')} has ${paths} values; allowed: up to 3 (a listener rule condition holds 3)`);
    }
    if (hosts + paths > 5) {
      v.fail(
        `${p('hostHeaders')} and ${p('pathPatterns')} have ${hosts + paths} values together; allowed: up to 5 in one listener rule`,
      );
    }
    checkAuthentication(v, props.authentication, props, p('authentication.'));
  }

  /**
   * Creates a route's target groups and listener rule under `scope`, with the ids `HttpsLoadBalancer` has
   * always used (`TargetGroup`, `AlternateTargetGroup`, `ServiceRule`).
   * @internal
   */
  public static _createResources(scope: Construct, props: ServiceRouteProps): ServiceRouteResources {
    return createServiceRoute(scope, props);
  }

  /**
   * The forward action of a route's rule (see `forwardTo`).
   * @internal
   */
  public static _forwardTo(
    targetGroup: elbv2.IApplicationTargetGroup,
    alternate: elbv2.IApplicationTargetGroup | undefined,
  ): elbv2.ListenerAction {
    return forwardTo(targetGroup, alternate);
  }

  /** The target group the service registers its tasks in. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;

  /** The listener rule that forwards to the target group. */
  public readonly listenerRule: elbv2.ApplicationListenerRule;

  /** The second target group, with `alternateTargetGroup`. */
  public readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: ServiceRouteProps) {
    super(scope, id);
    const v = new PropsValidator('ServiceRoute');
    ServiceRoute._checkProps(v, props);
    v.throwIfAny();
    const route = createServiceRoute(this, props);
    if (props.certificate) {
      // A route moved here from its service keeps its attachment: ELB removes a replaced attachment by its own
      // id, not by certificate, so the new one stays (aws/aws-cdk#13437).
      new elbv2.ApplicationListenerCertificate(this, 'ListenerCertificate', {
        listener: props.listener,
        certificates: [elbv2.ListenerCertificate.fromCertificateManager(props.certificate)],
      });
    }
    props.registry?.registerRoute({
      owner: this.node.path,
      priority: props.rulePriority ?? 100,
      hostHeaders: props.hostHeaders ?? [],
      pathPatterns: props.pathPatterns ?? [],
      ownCertificate: props.certificate !== undefined,
      publicPathsPriority: route.publicRule ? (props.rulePriority ?? 100) - 1 : undefined,
    });
    this.targetGroup = route.targetGroup;
    this.listenerRule = route.listenerRule;
    this.alternateTargetGroup = route.alternateTargetGroup;
  }
}

const SUCCESS_CODES = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/** What a route creates. */
interface ServiceRouteResources {
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly listenerRule: elbv2.ApplicationListenerRule;
  readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
  /** The rule that forwards the public paths without sign-in. */
  readonly publicRule?: elbv2.ApplicationListenerRule;
}

/** Creates `TargetGroup` and `ServiceRule` under `scope`: the ids `HttpsLoadBalancer` has always used. */
function createServiceRoute(scope: Construct, props: ServiceRouteProps): ServiceRouteResources {
  const targetGroup = createTargetGroup(scope, 'TargetGroup', props);
  const alternateTargetGroup = props.alternateTargetGroup
    ? createTargetGroup(scope, 'AlternateTargetGroup', props)
    : undefined;
  const forward = () => forwardTo(targetGroup, alternateTargetGroup, String(props.liveTargetGroup) === 'ALTERNATE');
  const auth = props.authentication;
  const v = new PropsValidator('ServiceRoute');
  checkClientSecret(v, scope, auth, 'authentication.');
  v.throwIfAny();
  const priority = props.rulePriority ?? 100;
  const listenerRule = new elbv2.ApplicationListenerRule(scope, 'ServiceRule', {
    listener: props.listener,
    priority,
    conditions: conditionsOf(props),
    action: auth ? authenticationAction(auth, forward()) : forward(),
  });
  let publicRule: elbv2.ApplicationListenerRule | undefined;
  if (auth) {
    allowOutbound(props.listener, auth);
    const publicPaths = auth.options.publicPaths ?? [];
    if (publicPaths.length > 0) {
      publicRule = new elbv2.ApplicationListenerRule(scope, 'PublicRule', {
        listener: props.listener,
        priority: priority - 1,
        conditions: conditionsOf({ hostHeaders: props.hostHeaders, pathPatterns: publicPaths }),
        action: forward(),
      });
    }
  }
  return { targetGroup, listenerRule, alternateTargetGroup, publicRule };
}

/**
 * Forwards to the target group, or with a second one, to both weighted 100 and 0 (or 0 and 100 when the
 * alternate is live): ECS shifts the weights during a deployment. CloudFormation writes the template's weights
 * whenever the rule changes (aws/aws-cdk#36649), so nothing in the rule depends on the task definition, and
 * `liveTargetGroup` lets a route change state where production is.
 */
function forwardTo(
  targetGroup: elbv2.IApplicationTargetGroup,
  alternate: elbv2.IApplicationTargetGroup | undefined,
  alternateLive = false,
): elbv2.ListenerAction {
  if (!alternate) return elbv2.ListenerAction.forward([targetGroup]);
  return elbv2.ListenerAction.weightedForward([
    { targetGroup, weight: alternateLive ? 0 : 100 },
    { targetGroup: alternate, weight: alternateLive ? 100 : 0 },
  ]);
}

/** The rule's conditions: its host names and paths, or every path. */
function conditionsOf(props: ServiceRouteOptions): elbv2.ListenerCondition[] {
  const conditions: elbv2.ListenerCondition[] = [];
  if (props.hostHeaders?.length) conditions.push(elbv2.ListenerCondition.hostHeaders(props.hostHeaders));
  if (props.pathPatterns?.length) conditions.push(elbv2.ListenerCondition.pathPatterns(props.pathPatterns));
  if (conditions.length === 0) conditions.push(elbv2.ListenerCondition.pathPatterns(['/*']));
  return conditions;
}

/** An IP target group with the default health check, or the route's own settings. */
function createTargetGroup(
  scope: Construct,
  id: string,
  props: Omit<ServiceRouteProps, 'listener'>,
): elbv2.ApplicationTargetGroup {
  return new elbv2.ApplicationTargetGroup(scope, id, {
    vpc: props.vpc,
    targetType: elbv2.TargetType.IP,
    protocol: elbv2.ApplicationProtocol.HTTP,
    port: props.targetPort ?? 3000,
    deregistrationDelay: props.deregistrationDelay ?? Duration.seconds(30),
    healthCheck: {
      path: props.healthCheckPath ?? HEALTH_CHECK_DEFAULTS.path,
      interval: props.healthCheckInterval ?? Duration.seconds(HEALTH_CHECK_DEFAULTS.intervalSeconds),
      timeout: props.healthCheckTimeout ?? Duration.seconds(HEALTH_CHECK_DEFAULTS.timeoutSeconds),
      healthyThresholdCount: props.healthyThresholdCount ?? HEALTH_CHECK_DEFAULTS.healthy,
      unhealthyThresholdCount: props.unhealthyThresholdCount ?? HEALTH_CHECK_DEFAULTS.unhealthy,
      healthyHttpCodes: props.healthCheckSuccessCodes ?? '200',
    },
  });
}
