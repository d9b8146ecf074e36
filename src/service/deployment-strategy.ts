import { Duration, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { PropsValidator } from '../private/validation';

/** Options of a canary deployment. */
export interface CanaryDeploymentOptions {
  /**
   * The share of production traffic the new revision gets first (0.1 to 100, in steps of 0.1).
   * @default 5
   */
  readonly percent?: number;

  /**
   * How long the canary runs before all traffic moves (0 to 1440 minutes).
   * @default Duration.minutes(10)
   */
  readonly canaryBakeTime?: Duration;

  /**
   * How long the old revision stays ready after all traffic moved, for a rollback (0 to 1440 minutes).
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
}

/** Options of a linear deployment. */
export interface LinearDeploymentOptions {
  /**
   * The share of production traffic moved in each step (3 to 100, in steps of 0.1).
   * @default 10
   */
  readonly stepPercent?: number;

  /**
   * How long each step runs before the next (0 to 1440 minutes).
   * @default Duration.minutes(6)
   */
  readonly stepInterval?: Duration;

  /**
   * How long the old revision stays ready after all traffic moved, for a rollback (0 to 1440 minutes).
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
}

/** Options of a blue/green deployment. */
export interface BlueGreenDeploymentOptions {
  /**
   * How long the old (blue) revision stays ready after all traffic moved to the new (green) one, for a
   * rollback (0 to 1440 minutes).
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
}

/**
 * How a service deploys a new revision: rolling (tasks replaced in place), or with ECS moving traffic
 * between two target groups: canary, linear or blue/green. ECS runs all four natively, without CodeDeploy.
 */
export class ServiceDeploymentStrategy {
  /**
   * Records the problems of a deployment strategy: ECS's ranges for percentages and times.
   * @internal
   */
  public static _checkProps(v: PropsValidator, strategy: ServiceDeploymentStrategy | undefined): void {
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

  /** Tasks of the new revision replace the old ones in place, within the minimum and maximum healthy percent. */
  public static rolling(): ServiceDeploymentStrategy {
    return new ServiceDeploymentStrategy(ecs.DeploymentStrategy.ROLLING);
  }

  /** The new revision gets `percent` of the traffic for `canaryBakeTime`, then all of it. */
  public static canary(options: CanaryDeploymentOptions = {}): ServiceDeploymentStrategy {
    return new ServiceDeploymentStrategy(
      ecs.DeploymentStrategy.CANARY,
      options.percent ?? 5,
      options.canaryBakeTime ?? Duration.minutes(10),
      options.bakeTime ?? Duration.minutes(10),
    );
  }

  /** Traffic moves to the new revision in steps of `stepPercent`, one every `stepInterval`. */
  public static linear(options: LinearDeploymentOptions = {}): ServiceDeploymentStrategy {
    return new ServiceDeploymentStrategy(
      ecs.DeploymentStrategy.LINEAR,
      options.stepPercent ?? 10,
      options.stepInterval ?? Duration.minutes(6),
      options.bakeTime ?? Duration.minutes(10),
    );
  }

  /** The new revision starts beside the old one and gets all traffic at once. */
  public static blueGreen(options: BlueGreenDeploymentOptions = {}): ServiceDeploymentStrategy {
    return new ServiceDeploymentStrategy(
      ecs.DeploymentStrategy.BLUE_GREEN,
      undefined,
      undefined,
      options.bakeTime ?? Duration.minutes(10),
    );
  }

  /**
   * @param strategy ECS's deployment strategy
   * @param stepPercent the canary's share, or a linear step's
   * @param stepBakeTime the canary's time, or a linear step's
   * @param bakeTime how long the old revision stays ready after the shift
   */

  private constructor(
    public readonly strategy: ecs.DeploymentStrategy,
    public readonly stepPercent?: number,
    public readonly stepBakeTime?: Duration,
    public readonly bakeTime?: Duration,
  ) {}

  /**
   * Whether ECS's deployment circuit breaker applies: ECS documents it for rolling and blue/green
   * deployments; canary and linear deployments roll back on their deployment alarms.
   */
  public get supportsCircuitBreaker(): boolean {
    return this.strategy === ecs.DeploymentStrategy.ROLLING || this.strategy === ecs.DeploymentStrategy.BLUE_GREEN;
  }

  /** Whether ECS moves traffic between two target groups (every strategy but rolling). */
  public get shiftsTraffic(): boolean {
    return this.strategy !== ecs.DeploymentStrategy.ROLLING;
  }
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
