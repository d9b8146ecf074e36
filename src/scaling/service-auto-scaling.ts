import { Duration, Names, Token } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { knownSeconds, PropsValidator } from '../private/validation';

/**
 * How the service scales on CPU and memory.
 */
export enum ScalingMode {
  /** Keep CPU and memory near their targets; AWS sizes each step. */
  TARGET_TRACKING = 'targetTracking',
  /** Steps: one task more above the target, one task fewer below the scale-in threshold. */
  STEP = 'step',
}

/**
 * The settings of a `ServiceAutoScaling`, also reachable from `SecureFargateWebService` as `autoScaling`.
 */
export interface ServiceAutoScalingOptions {
  /**
   * Average CPU utilization (percent) that target tracking keeps.
   * @default 70
   */
  readonly cpuTargetUtilizationPercent?: number;

  /**
   * Average memory utilization (percent) that target tracking keeps.
   * @default 80
   */
  readonly memoryTargetUtilizationPercent?: number;

  /**
   * Target tracking (AWS sizes the steps) or one-task steps.
   * @default ScalingMode.TARGET_TRACKING
   */
  readonly mode?: ScalingMode;

  /**
   * With `ScalingMode.STEP`: average CPU utilization (percent) below which one task is removed.
   * @default 50
   */
  readonly cpuScaleInBelowPercent?: number;

  /**
   * With `ScalingMode.STEP`: average memory utilization (percent) below which one task is removed.
   * @default 60
   */
  readonly memoryScaleInBelowPercent?: number;

  /**
   * Requests per target per minute that target tracking keeps, on the load balancer's
   * RequestCountPerTarget metric; needs `targetGroup`. With an alternate target group, the requests of both
   * groups over the healthy targets of both, in metric math.
   * @default - no request-count scaling
   */
  readonly requestsPerTarget?: number;

  /**
   * The wait after a scale-out before another.
   * @default Duration.seconds(300)
   */
  readonly scaleOutCooldown?: Duration;

  /**
   * The wait after a scale-in before another.
   * @default Duration.seconds(300)
   */
  readonly scaleInCooldown?: Duration;
}

/**
 * Props for `ServiceAutoScaling`.
 */
export interface ServiceAutoScalingProps extends ServiceAutoScalingOptions {
  /** The service to scale. */
  readonly service: ecs.FargateService;

  /**
   * The fewest tasks.
   * @default 2
   */
  readonly minCapacity?: number;

  /**
   * The most tasks.
   * @default 10
   */
  readonly maxCapacity?: number;

  /**
   * The target group whose requests per target drive `requestsPerTarget`.
   * @default - none
   */
  readonly targetGroup?: elbv2.IApplicationTargetGroup;

  /**
   * The service's second target group, when deployments shift traffic between two (canary, linear,
   * blue/green) and leave production on either: `requestsPerTarget` then counts the requests of both.
   * @default - one target group
   */
  readonly alternateTargetGroup?: elbv2.IApplicationTargetGroup;
}

/**
 * Auto scaling between 2 and 10 tasks, on CPU (70%) and memory (80%) by target tracking
 * or in one-task steps (in below 50% / 60%), optionally on requests per target, with
 * 300-second cooldowns.
 *
 * With two target groups (canary, linear and blue/green deployments), the requests per target are those of
 * both groups over the healthy targets of both: after a deployment, ECS leaves production traffic on either.
 *
 * @example
 * declare const service: ecs.FargateService;
 *
 * new sfws.ServiceAutoScaling(this, 'Scaling', {
 *   service,
 *   minCapacity: 2,
 *   maxCapacity: 20,
 *   cpuTargetUtilizationPercent: 60,
 * });
 */
export class ServiceAutoScaling extends Construct {
  /**
   * Records the problems of the capacity range and targets.
   * @param prefix prepended to the names of the scaling options (`ServiceAutoScalingOptions`), as the enclosing
   * construct calls them (for example `autoScaling.`); `minCapacity` and `maxCapacity` keep their names
   * @internal
   */
  public static _checkProps(v: PropsValidator, props: Omit<ServiceAutoScalingProps, 'service'>, prefix = ''): void {
    const p = (name: string) => `${prefix}${name}`;
    const minCapacity = props.minCapacity ?? 2;
    const maxCapacity = props.maxCapacity ?? 10;
    v.integerInRange('minCapacity', props.minCapacity, 1, 5000);
    v.integerInRange('maxCapacity', props.maxCapacity, 1, 5000);
    v.ordered('minCapacity', minCapacity, 'maxCapacity', maxCapacity);
    v.integerInRange(p('cpuTargetUtilizationPercent'), props.cpuTargetUtilizationPercent, 1, 100);
    v.integerInRange(p('memoryTargetUtilizationPercent'), props.memoryTargetUtilizationPercent, 1, 100);
    v.integerInRange(p('requestsPerTarget'), props.requestsPerTarget, 1, 1_000_000);
    if (props.mode === ScalingMode.STEP) {
      v.integerInRange(p('cpuScaleInBelowPercent'), props.cpuScaleInBelowPercent, 1, 100);
      v.integerInRange(p('memoryScaleInBelowPercent'), props.memoryScaleInBelowPercent, 1, 100);
      const below = (prop: string, scaleIn: number, outProp: string, scaleOut: number) => {
        if (Token.isUnresolved(scaleIn) || Token.isUnresolved(scaleOut)) return;
        if (scaleIn >= scaleOut) {
          v.fail(
            `${p(prop)} ${scaleIn} is not below ${p(outProp)} ${scaleOut}; allowed: a scale-in threshold under the scale-out one`,
          );
        }
      };
      below(
        'cpuScaleInBelowPercent',
        props.cpuScaleInBelowPercent ?? 50,
        'cpuTargetUtilizationPercent',
        props.cpuTargetUtilizationPercent ?? 70,
      );
      below(
        'memoryScaleInBelowPercent',
        props.memoryScaleInBelowPercent ?? 60,
        'memoryTargetUtilizationPercent',
        props.memoryTargetUtilizationPercent ?? 80,
      );
      // A Token cooldown (knownSeconds gives undefined) is not compared.
      const outSeconds = knownSeconds(props.scaleOutCooldown ?? Duration.seconds(300));
      const inSeconds = knownSeconds(props.scaleInCooldown ?? Duration.seconds(300));
      if (outSeconds !== undefined && inSeconds !== undefined && outSeconds !== inSeconds) {
        v.fail(
          `${p('scaleInCooldown')} ${inSeconds} s differs from ${p('scaleOutCooldown')} ${outSeconds} s; allowed: the same cooldown in ScalingMode.STEP, whose policies take one`,
        );
      }
    } else if (props.cpuScaleInBelowPercent !== undefined || props.memoryScaleInBelowPercent !== undefined) {
      v.fail(
        `${p('cpuScaleInBelowPercent')} and ${p('memoryScaleInBelowPercent')} apply to ScalingMode.STEP; allowed: ${p('mode')} STEP, or neither`,
      );
    }
  }

  /** The scalable target. */
  public readonly scalableTarget: ecs.ScalableTaskCount;

  constructor(scope: Construct, id: string, props: ServiceAutoScalingProps) {
    super(scope, id);
    const minCapacity = props.minCapacity ?? 2;
    const maxCapacity = props.maxCapacity ?? 10;
    const cpuTarget = props.cpuTargetUtilizationPercent ?? 70;
    const memoryTarget = props.memoryTargetUtilizationPercent ?? 80;
    const scaleOutCooldown = props.scaleOutCooldown ?? Duration.seconds(300);
    const scaleInCooldown = props.scaleInCooldown ?? Duration.seconds(300);

    const v = new PropsValidator('ServiceAutoScaling');
    ServiceAutoScaling._checkProps(v, props);
    if (props.requestsPerTarget !== undefined && !props.targetGroup) {
      v.fail(
        `requestsPerTarget ${props.requestsPerTarget} needs targetGroup, whose requests it counts; allowed: targetGroup with it, or no requestsPerTarget`,
      );
    }
    if (props.alternateTargetGroup && !props.targetGroup) {
      v.fail(
        'alternateTargetGroup is given without targetGroup, the group it alternates with; allowed: targetGroup with it, or no alternateTargetGroup',
      );
    }
    v.throwIfAny();

    // Created under the service, where aws-cdk-lib keeps it; this construct holds the policies' settings.
    this.scalableTarget = props.service.autoScaleTaskCount({ minCapacity, maxCapacity });
    if ((props.mode ?? ScalingMode.TARGET_TRACKING) === ScalingMode.TARGET_TRACKING) {
      this.scalableTarget.scaleOnCpuUtilization('Cpu', {
        targetUtilizationPercent: cpuTarget,
        scaleOutCooldown,
        scaleInCooldown,
      });
      this.scalableTarget.scaleOnMemoryUtilization('Memory', {
        targetUtilizationPercent: memoryTarget,
        scaleOutCooldown,
        scaleInCooldown,
      });
    } else {
      const steps = (scaleInBelow: number, scaleOutAbove: number): appscaling.ScalingInterval[] => [
        { upper: scaleInBelow, change: -1 },
        { lower: scaleOutAbove, change: +1 },
      ];
      this.scalableTarget.scaleOnMetric('CpuSteps', {
        metric: props.service.metricCpuUtilization({ period: Duration.minutes(1) }),
        scalingSteps: steps(props.cpuScaleInBelowPercent ?? 50, cpuTarget),
        adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
        cooldown: scaleOutCooldown,
      });
      this.scalableTarget.scaleOnMetric('MemorySteps', {
        metric: props.service.metricMemoryUtilization({ period: Duration.minutes(1) }),
        scalingSteps: steps(props.memoryScaleInBelowPercent ?? 60, memoryTarget),
        adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
        cooldown: scaleOutCooldown,
      });
    }
    if (props.requestsPerTarget !== undefined && props.targetGroup && props.alternateTargetGroup) {
      // The predefined ALBRequestCountPerTarget reads one target group, and aws-cdk-lib's target tracking takes
      // a custom metric only as a single metric, not a MathExpression: the L1 policy carries the metric math.
      // It sits where aws-cdk-lib's scaleOnRequestCount puts its policy (the scalable target's Requests/Resource),
      // with the same name: a service that gains a second target group updates its policy in place. Under another
      // logical id CloudFormation would create the new policy under the old one's name, then delete that name,
      // and with it the new policy. A test compares both with aws-cdk-lib's.
      const requests = new Construct(this.scalableTarget.node.findChild('Target'), 'Requests');
      new appscaling.CfnScalingPolicy(requests, 'Resource', {
        policyName: Names.uniqueId(requests),
        policyType: 'TargetTrackingScaling',
        scalingTargetId: this.scalableTarget.scalableTargetRef.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: props.requestsPerTarget,
          customizedMetricSpecification: {
            metrics: requestsPerHealthyTarget([props.targetGroup, props.alternateTargetGroup]),
          },
          scaleOutCooldown: scaleOutCooldown.toSeconds(),
          scaleInCooldown: scaleInCooldown.toSeconds(),
        },
      });
    } else if (props.requestsPerTarget !== undefined && props.targetGroup) {
      this.scalableTarget.scaleOnRequestCount('Requests', {
        requestsPerTarget: props.requestsPerTarget,
        targetGroup: props.targetGroup as elbv2.ApplicationTargetGroup,
        scaleOutCooldown,
        scaleInCooldown,
      });
    }
  }
}

/**
 * The requests of `targetGroups` per minute over their healthy targets, as the metric queries of a target
 * tracking policy: `r<i>` each group's RequestCount (sum), `h<i>` its HealthyHostCount (average), and the
 * expression `requestsPerTarget` that returns the value. A group without traffic has no datapoints: `FILL`
 * counts them as 0. With no healthy target anywhere the division has no value, and the policy waits, as
 * with the load balancer's own RequestCountPerTarget.
 */
function requestsPerHealthyTarget(
  targetGroups: elbv2.IApplicationTargetGroup[],
): appscaling.CfnScalingPolicy.TargetTrackingMetricDataQueryProperty[] {
  const query = (id: string, metric: cloudwatch.IMetric) => {
    const stat = metric.toMetricConfig().metricStat!;
    return {
      id,
      metricStat: {
        metric: {
          namespace: stat.namespace,
          metricName: stat.metricName,
          dimensions: (stat.dimensions ?? []).map((d) => ({ name: d.name, value: d.value as string })),
        },
        stat: stat.statistic,
      },
      returnData: false,
    };
  };
  const metrics = targetGroups.flatMap((tg, i) => [
    query(`r${i}`, tg.metrics.requestCount({ statistic: cloudwatch.Stats.SUM })),
    query(`h${i}`, tg.metrics.healthyHostCount({ statistic: cloudwatch.Stats.AVERAGE })),
  ]);
  const fill = (key: string) => targetGroups.map((_, i) => `FILL(${key}${i}, 0)`).join(' + ');
  return [
    {
      id: 'requestsPerTarget',
      expression: `(${fill('r')}) / (${fill('h')})`,
      label: 'Requests per healthy target',
      returnData: true,
    },
    ...metrics,
  ];
}
