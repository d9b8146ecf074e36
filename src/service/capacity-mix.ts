import { IResolveContext, Lazy, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';

/**
 * Options for `CapacityMix.of`.
 */
export interface CapacityMixOptions {
  /**
   * How many tasks always run on on-demand Fargate, before the weights share the rest.
   * @default 0
   */
  readonly onDemandBase?: number;

  /**
   * The relative share of on-demand Fargate beyond the base.
   * @default 1
   */
  readonly onDemandWeight?: number;

  /**
   * The relative share of Fargate Spot beyond the base (Spot costs about 70% less and may be reclaimed).
   * @default 0
   */
  readonly spotWeight?: number;
}

/**
 * How the service's tasks split between on-demand Fargate and Fargate Spot.
 */
export class CapacityMix {
  /** All tasks on on-demand Fargate: the production default. */
  public static onDemand(): CapacityMix {
    return new CapacityMix({ onDemandBase: 0, onDemandWeight: 1, spotWeight: 0 });
  }

  /**
   * Mostly Fargate Spot, keeping `onDemandBase` tasks on demand: the development default (one task on
   * demand, the rest three to one on Spot).
   */
  public static spotWeighted(onDemandBase: number = 1): CapacityMix {
    return new CapacityMix({ onDemandBase, onDemandWeight: 1, spotWeight: 3 });
  }

  /** Any mix. */
  public static of(options: CapacityMixOptions): CapacityMix {
    return new CapacityMix({
      onDemandBase: options.onDemandBase ?? 0,
      onDemandWeight: options.onDemandWeight ?? 1,
      spotWeight: options.spotWeight ?? 0,
    });
  }

  /** Tasks that always run on demand. */
  public readonly onDemandBase: number;

  /** The on-demand weight. */
  public readonly onDemandWeight: number;

  /** The Spot weight. */
  public readonly spotWeight: number;

  private constructor(options: Required<CapacityMixOptions>) {
    this.onDemandBase = options.onDemandBase;
    this.onDemandWeight = options.onDemandWeight;
    this.spotWeight = options.spotWeight;
  }

  /**
   * The share of `taskCount` tasks that runs on Fargate Spot, in percent: the on-demand base first, the
   * rest split by the weights. A Token when any of them is a Token (known only at deploy time).
   */
  public spotPercentOf(taskCount: number): number {
    const inputs = [taskCount, this.onDemandBase, this.onDemandWeight, this.spotWeight];
    if (!inputs.some((n) => Token.isUnresolved(n))) return spotPercent(taskCount, this);
    return Lazy.uncachedNumber({
      produce: (context: IResolveContext) => {
        const [count, onDemandBase, onDemandWeight, spotWeight] = inputs.map((n) => context.resolve(n));
        const known = [count, onDemandBase, onDemandWeight, spotWeight].every((n) => typeof n === 'number');
        return known ? spotPercent(count, { onDemandBase, onDemandWeight, spotWeight }) : undefined;
      },
    });
  }

  /**
   * The capacity provider strategy ECS takes. A weight or base that is a Token counts as above 0, so that
   * its provider stays in the strategy.
   */
  public toStrategies(): ecs.CapacityProviderStrategy[] {
    const strategies: ecs.CapacityProviderStrategy[] = [];
    if (aboveZero(this.onDemandWeight) || aboveZero(this.onDemandBase)) {
      strategies.push({ capacityProvider: 'FARGATE', base: this.onDemandBase, weight: this.onDemandWeight });
    }
    if (aboveZero(this.spotWeight)) {
      strategies.push({ capacityProvider: 'FARGATE_SPOT', weight: this.spotWeight });
    }
    return strategies;
  }
}

/** Whether a number is above 0, or a Token that may be. */
function aboveZero(value: number): boolean {
  return Token.isUnresolved(value) || value > 0;
}

/** The Spot share of `taskCount` tasks, in percent, for known numbers. */
function spotPercent(taskCount: number, mix: Required<CapacityMixOptions>): number {
  if (taskCount <= 0) return 0;
  const rest = Math.max(0, taskCount - mix.onDemandBase);
  const weights = mix.onDemandWeight + mix.spotWeight;
  const spotTasks = weights === 0 ? 0 : (rest * mix.spotWeight) / weights;
  return (spotTasks / taskCount) * 100;
}
