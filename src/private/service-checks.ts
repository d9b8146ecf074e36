import * as logs from 'aws-cdk-lib/aws-logs';
import { validateFargateSize } from './fargate-size';
import { isKnown, PropsValidator } from './validation';
import { ScalingMode } from '../scaling/service-auto-scaling';
import type { ServiceAutoScalingProps } from '../scaling/service-auto-scaling';
import type { HardenedFargateServiceProps } from '../service/hardened-fargate-service';

/** Records the problems of the service's sizing and port (the VPC's subnets are checked on use). */
export function checkHardenedFargateServiceProps(
  v: PropsValidator,
  props: Pick<
    HardenedFargateServiceProps,
    | 'containerPort'
    | 'cpu'
    | 'memoryLimitMiB'
    | 'desiredCount'
    | 'logRetention'
    | 'writablePaths'
    | 'minHealthyPercent'
    | 'maxHealthyPercent'
    | 'ephemeralStorageGiB'
    | 'capacity'
  >,
): void {
  const paths = props.writablePaths ?? [];
  for (const path of paths) {
    if (isKnown(path) && (!path.startsWith('/') || path === '/')) {
      v.fail(`writablePaths entry '${path}' is not an absolute path below '/'; allowed: such as '/tmp'`);
    }
  }
  const repeated = paths.filter((p, i) => paths.indexOf(p) !== i);
  if (repeated.length > 0) v.fail(`writablePaths names ${repeated.join(', ')} more than once; allowed: distinct paths`);
  v.integerInRange('ephemeralStorageGiB', props.ephemeralStorageGiB, 21, 200);
  if (props.capacity) {
    const { onDemandBase, onDemandWeight, spotWeight } = props.capacity;
    v.integerInRange('capacity onDemandBase', onDemandBase, 0, 100000);
    v.integerInRange('capacity onDemandWeight', onDemandWeight, 0, 1000);
    v.integerInRange('capacity spotWeight', spotWeight, 0, 1000);
    if (onDemandWeight === 0 && spotWeight === 0) {
      v.fail('capacity has onDemandWeight 0 and spotWeight 0; allowed: at least one weight above 0');
    }
  }
  v.integerInRange('minHealthyPercent', props.minHealthyPercent, 0, 100);
  v.integerInRange('maxHealthyPercent', props.maxHealthyPercent, 100, 200);
  if (props.logRetention === logs.RetentionDays.INFINITE) {
    v.fail('logRetention INFINITE keeps logs forever; allowed: a bounded retention such as ONE_MONTH or ONE_YEAR');
  }
  v.integerInRange('containerPort', props.containerPort, 1, 65535);
  validateFargateSize(v, props.cpu ?? 256, props.memoryLimitMiB ?? 512);
  v.integerInRange('desiredCount', props.desiredCount, 1, 5000);
}

/** Records the problems of the capacity range and targets. */
export function checkServiceAutoScalingProps(v: PropsValidator, props: Omit<ServiceAutoScalingProps, 'service'>): void {
  const minCapacity = props.minCapacity ?? 2;
  const maxCapacity = props.maxCapacity ?? 10;
  v.integerInRange('minCapacity', props.minCapacity, 1, 5000);
  v.integerInRange('maxCapacity', props.maxCapacity, 1, 5000);
  v.ordered('minCapacity', minCapacity, 'maxCapacity', maxCapacity);
  v.integerInRange('cpuTargetUtilizationPercent', props.cpuTargetUtilizationPercent, 1, 100);
  v.integerInRange('memoryTargetUtilizationPercent', props.memoryTargetUtilizationPercent, 1, 100);
  v.integerInRange('requestsPerTarget', props.requestsPerTarget, 1, 1_000_000);
  if (props.mode === ScalingMode.STEP) {
    v.integerInRange('cpuScaleInBelowPercent', props.cpuScaleInBelowPercent, 1, 100);
    v.integerInRange('memoryScaleInBelowPercent', props.memoryScaleInBelowPercent, 1, 100);
    const below = (prop: string, scaleIn: number, outProp: string, scaleOut: number) => {
      if (scaleIn >= scaleOut) {
        v.fail(
          `${prop} ${scaleIn} is not below ${outProp} ${scaleOut}; allowed: a scale-in threshold under the scale-out one`,
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
    const outSeconds = props.scaleOutCooldown?.toSeconds() ?? 300;
    const inSeconds = props.scaleInCooldown?.toSeconds() ?? 300;
    if (outSeconds !== inSeconds) {
      v.fail(
        `scaleInCooldown ${inSeconds} s differs from scaleOutCooldown ${outSeconds} s; allowed: the same cooldown in ScalingMode.STEP, whose policies take one`,
      );
    }
  } else if (props.cpuScaleInBelowPercent !== undefined || props.memoryScaleInBelowPercent !== undefined) {
    v.fail(
      'cpuScaleInBelowPercent and memoryScaleInBelowPercent apply to ScalingMode.STEP; allowed: mode STEP, or neither',
    );
  }
}
