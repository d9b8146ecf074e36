import { Duration } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { HEALTH_CHECK_DEFAULTS } from './edge-checks';
import type { ServiceRouteOptions, ServiceRouteProps } from '../edge/service-route';

export interface ServiceRouteResources {
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly listenerRule: elbv2.ApplicationListenerRule;
  readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
}

/** Creates `TargetGroup` and `ServiceRule` under `scope`: the ids `HttpsLoadBalancer` has always used. */
export function createServiceRoute(scope: Construct, props: ServiceRouteProps): ServiceRouteResources {
  const targetGroup = createTargetGroup(scope, 'TargetGroup', props);
  const alternateTargetGroup = props.alternateTargetGroup
    ? createTargetGroup(scope, 'AlternateTargetGroup', props)
    : undefined;
  const listenerRule = new elbv2.ApplicationListenerRule(scope, 'ServiceRule', {
    listener: props.listener,
    priority: props.rulePriority ?? 100,
    conditions: conditionsOf(props),
    action: forwardTo(targetGroup, alternateTargetGroup, String(props.liveTargetGroup) === 'ALTERNATE'),
  });
  return { targetGroup, listenerRule, alternateTargetGroup };
}

/**
 * Forwards to the target group, or with a second one, to both weighted 100 and 0 (or 0 and 100 when the
 * alternate is live): ECS shifts the weights during a deployment. CloudFormation writes the template's weights
 * whenever the rule changes (aws/aws-cdk#36649), so nothing in the rule depends on the task definition, and
 * `liveTargetGroup` lets a route change state where production is.
 */
export function forwardTo(
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

/** An IP target group with the spec's health check, or the route's own settings. */
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
