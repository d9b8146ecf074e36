import { Duration, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { PropsValidator } from './validation';
import type { ServiceDeploymentStrategy } from '../service/deployment-strategy';
import type { HardenedFargateServiceOptions } from '../service/hardened-fargate-service';

/** Records the problems of a deployment strategy: ECS's ranges for percentages and times. */
export function checkDeploymentStrategy(v: PropsValidator, strategy: ServiceDeploymentStrategy | undefined): void {
  if (!strategy) return;
  const percent = strategy.stepPercent;
  if (percent !== undefined && !Token.isUnresolved(percent)) {
    const [prop, min] =
      strategy.strategy === ecs.DeploymentStrategy.CANARY ? ['canary percent', 0.1] : ['linear stepPercent', 3];
    if (
      !Number.isFinite(percent) ||
      percent < min ||
      percent > 100 ||
      Math.abs(percent * 10 - Math.round(percent * 10)) > 1e-9
    ) {
      v.fail(`deploymentStrategy ${prop} ${percent} is not allowed; allowed: ${min} to 100 in steps of 0.1`);
    }
  }
  const name = strategy.strategy === ecs.DeploymentStrategy.CANARY ? 'canaryBakeTime' : 'stepInterval';
  const step = checkMinutes(v, `deploymentStrategy ${name}`, strategy.stepBakeTime);
  const bake = checkMinutes(v, 'deploymentStrategy bakeTime', strategy.bakeTime);
  checkTotalTime(v, strategy, step, bake);
}

/** CloudFormation refuses canary and linear deployments whose steps and bake time exceed 33 hours. */
const MAX_DEPLOYMENT_MINUTES = 33 * 60;

function checkTotalTime(
  v: PropsValidator,
  strategy: ServiceDeploymentStrategy,
  step: number | undefined,
  bake: number | undefined,
): void {
  const percent = strategy.stepPercent;
  if (step === undefined || bake === undefined || percent === undefined || Token.isUnresolved(percent)) return;
  let steps: number;
  if (strategy.strategy === ecs.DeploymentStrategy.CANARY) {
    steps = 1;
  } else if (strategy.strategy === ecs.DeploymentStrategy.LINEAR) {
    // CloudFormation's count: 100/step - 1 steps when the step divides 100, else floor(100/step).
    const exact = Math.abs(100 / percent - Math.round(100 / percent)) < 1e-9;
    steps = exact ? Math.round(100 / percent) - 1 : Math.floor(100 / percent);
  } else {
    return;
  }
  const total = bake + step * steps;
  if (total > MAX_DEPLOYMENT_MINUTES) {
    v.fail(
      `deploymentStrategy takes ${total} minutes (bakeTime ${bake} + ${steps} x ${step}); allowed: at most ${MAX_DEPLOYMENT_MINUTES} minutes (33 hours) in all`,
    );
  }
}

/** A whole number of minutes from 0 to 1440 (ECS's range for bake times and steps); returns it when valid. */
function checkMinutes(v: PropsValidator, prop: string, value: Duration | undefined): number | undefined {
  if (value === undefined || value.isUnresolved()) return undefined;
  const minutes = value.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    v.fail(`${prop} ${value.toHumanString()} is not allowed; allowed: a whole number of minutes from 0 to 1440`);
    return undefined;
  }
  return minutes;
}

/** Records the problems of the deployment hook: it needs a strategy with lifecycle stages. */
export function checkDeploymentHook(v: PropsValidator, props: HardenedFargateServiceOptions): void {
  const shifts = props.deploymentStrategy?.shiftsTraffic ?? false;
  if (!shifts && (props.deploymentHook || props.deploymentHookStages)) {
    v.fail(
      'deploymentHook and deploymentHookStages apply to canary, linear and blue/green deployments; allowed: deploymentStrategy canary(), linear() or blueGreen(), or no hook',
    );
  }
  if (props.deploymentHookStages && !props.deploymentHook) {
    v.fail('deploymentHookStages given without deploymentHook; allowed: deploymentHook with them, or neither');
  }
  if (props.deploymentHookStages?.length === 0) {
    v.fail('deploymentHookStages is empty; allowed: at least one stage, or leave it out for POST_TEST_TRAFFIC_SHIFT');
  }
}

/** Records the problems of a test listener port: a free port, and a second target group to test. */
export function checkTestListener(
  v: PropsValidator,
  testListenerPort: number | undefined,
  alternateTargetGroup: boolean | undefined,
  prefix = '',
): void {
  if (testListenerPort === undefined) return;
  v.integerInRange(`${prefix}testListenerPort`, testListenerPort, 1, 65535);
  if (testListenerPort === 80 || testListenerPort === 443) {
    v.fail(
      `${prefix}testListenerPort ${testListenerPort} is taken by the production listeners; allowed: another port, such as 8443`,
    );
  }
  if (!alternateTargetGroup) {
    v.fail(
      `${prefix}testListenerPort serves deployments that shift traffic; allowed: deploymentStrategy canary(), linear() or blueGreen() with it, or no testListenerPort`,
    );
  }
}
