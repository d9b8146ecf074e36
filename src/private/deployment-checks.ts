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
  checkMinutes(v, `deploymentStrategy ${name}`, strategy.stepBakeTime);
  checkMinutes(v, 'deploymentStrategy bakeTime', strategy.bakeTime);
}

/** A whole number of minutes from 0 to 1440 (ECS's range for bake times and steps). */
function checkMinutes(v: PropsValidator, prop: string, value: Duration | undefined): void {
  if (value === undefined || value.isUnresolved()) return;
  const minutes = value.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    v.fail(`${prop} ${value.toHumanString()} is not allowed; allowed: a whole number of minutes from 0 to 1440`);
  }
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
