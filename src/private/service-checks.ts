import { Duration, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { validateFargateSize } from './fargate-size';
import { escaped, isKnown, knownSeconds, PropsValidator, quoted } from './validation';
import { ScalingMode } from '../scaling/service-auto-scaling';
import type { ServiceAutoScalingProps } from '../scaling/service-auto-scaling';
import type { HardenedFargateServiceProps } from '../service/hardened-fargate-service';

/** Records the problems of the service's sizing, port and container settings (the VPC's subnets are checked on use). */
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
    | 'environment'
    | 'secrets'
  >,
): void {
  const paths = props.writablePaths ?? [];
  for (const path of paths) {
    if (isKnown(path) && (!path.startsWith('/') || path === '/')) {
      v.fail(`writablePaths entry ${quoted(path)} is not an absolute path below '/'; allowed: such as '/tmp'`);
    }
  }
  const repeated = paths.filter((p, i) => paths.indexOf(p) !== i);
  if (repeated.length > 0) {
    v.fail(`writablePaths names ${repeated.map(escaped).join(', ')} more than once; allowed: distinct paths`);
  }
  // ECS refuses a container whose secret shares its name with an environment variable.
  const secretNames = new Set(Object.keys(props.secrets ?? {}));
  const both = Object.keys(props.environment ?? {}).filter((name) => isKnown(name) && secretNames.has(name));
  if (both.length > 0) {
    v.fail(
      `environment and secrets both name ${both.map(escaped).join(', ')}; allowed: each variable in one of them (a secret value in secrets only)`,
    );
  }
  v.integerInRange('ephemeralStorageGiB', props.ephemeralStorageGiB, 21, 200);
  if (props.capacity) {
    const { onDemandBase, onDemandWeight, spotWeight } = props.capacity;
    v.integerInRange('capacity.onDemandBase', onDemandBase, 0, 100000);
    v.integerInRange('capacity.onDemandWeight', onDemandWeight, 0, 1000);
    v.integerInRange('capacity.spotWeight', spotWeight, 0, 1000);
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

/**
 * Records the problems of the capacity range and targets.
 * @param prefix prepended to the names of the scaling options (`ServiceAutoScalingOptions`), as the enclosing
 * construct calls them (for example `autoScaling.`); `minCapacity` and `maxCapacity` keep their names
 */
export function checkServiceAutoScalingProps(
  v: PropsValidator,
  props: Omit<ServiceAutoScalingProps, 'service'>,
  prefix = '',
): void {
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
