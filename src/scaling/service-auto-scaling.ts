import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { checkServiceAutoScalingProps } from '../private/service-checks';
import { PropsValidator } from '../private/validation';

/**
 * Props for `ServiceAutoScaling`.
 */
export interface ServiceAutoScalingProps {
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
 * The spec's auto scaling: between 2 and 10 tasks, target tracking on CPU (70%) and memory (80%),
 * with 300-second cooldowns.
 */
export class ServiceAutoScaling extends Construct {
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
    checkServiceAutoScalingProps(v, props);
    v.throwIfAny();

    // Created under the service, where aws-cdk-lib keeps it; this construct holds the policies' settings.
    this.scalableTarget = props.service.autoScaleTaskCount({ minCapacity, maxCapacity });
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
  }
}
