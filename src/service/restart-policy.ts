import { Duration, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { knownSeconds, PropsValidator } from '../private/validation';

/** How a container restarts in place after it exits (`ContainerRestartPolicy.restartOnExit`). */
export interface RestartOnExitOptions {
  /**
   * Exit codes after which the container stays stopped (up to 50, each 0 to 255): for example 0, so that a
   * container that finished its work is not started again.
   * @default - none: every exit restarts the container
   */
  readonly ignoredExitCodes?: number[];

  /**
   * How long a container must have run before ECS restarts it again: a container that exits sooner is not
   * restarted, so a crash loop ends (an essential container then stops the task, and the service replaces it).
   * From 60 seconds to 30 minutes.
   * @default Duration.seconds(300)
   */
  readonly attemptPeriod?: Duration;
}

/**
 * Whether ECS restarts a container in place when it exits, without replacing the task: `restartOnExit()`
 * or `none()`, ECS's default. A restart keeps the task's other containers and its ephemeral storage, and is
 * faster than a new task; it also hides a crash from the deployment circuit breaker, which counts failed
 * tasks. So it suits sidecars and apps that exit on purpose to reload, less a web server whose crash a new
 * task would best recover.
 *
 * @example
 * declare const service: sfws.HardenedFargateService;
 *
 * service.addSidecar('Agent', {
 *   image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/agent:1.4'),
 *   restartPolicy: sfws.ContainerRestartPolicy.restartOnExit({
 *     ignoredExitCodes: [0],
 *     attemptPeriod: Duration.minutes(2),
 *   }),
 * });
 */
export class ContainerRestartPolicy {
  /** ECS restarts the container when it exits, except with `ignoredExitCodes`, at most once per `attemptPeriod`. */
  public static restartOnExit(options: RestartOnExitOptions = {}): ContainerRestartPolicy {
    return new ContainerRestartPolicy(true, options);
  }

  /** No restart in place: when an essential container exits the task stops and the service replaces it. */
  public static none(): ContainerRestartPolicy {
    return new ContainerRestartPolicy(false, {});
  }

  /** Whether ECS restarts the container in place. */
  public readonly enabled: boolean;

  /** The exit codes that do not restart the container, when `enabled`. */
  public readonly ignoredExitCodes?: number[];

  /** How long the container must run between two restarts, when `enabled`. */
  public readonly attemptPeriod?: Duration;

  private constructor(enabled: boolean, options: RestartOnExitOptions) {
    this.enabled = enabled;
    this.ignoredExitCodes = options.ignoredExitCodes;
    this.attemptPeriod = options.attemptPeriod;
  }

  /**
   * Records the problems of the policy's exit codes and attempt period, named under `prop`.
   * @internal
   */
  public _checkProps(v: PropsValidator, prop: string): void {
    const codes = this.ignoredExitCodes ?? [];
    if (codes.length > 50) {
      v.fail(`${prop}.ignoredExitCodes has ${codes.length} codes; allowed: up to 50 (ECS's limit)`);
    }
    for (const code of codes) v.integerInRange(`${prop}.ignoredExitCodes entry`, code, 0, 255);
    const seconds = knownSeconds(this.attemptPeriod);
    if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 60 || seconds > 1800)) {
      v.fail(
        `${prop}.attemptPeriod ${this.attemptPeriod!.toHumanString()} is not allowed; allowed: a whole number of seconds from 60 (1 minute) to 1800 (30 minutes)`,
      );
    }
    const repeated = codes.filter((code, i) => !Token.isUnresolved(code) && codes.indexOf(code) !== i);
    if (repeated.length > 0) {
      v.fail(
        `${prop}.ignoredExitCodes names ${[...new Set(repeated)].join(', ')} more than once; allowed: each code once`,
      );
    }
  }

  /**
   * The container definition options that carry the policy.
   * @internal
   */
  public _containerOptions(): Pick<
    ecs.ContainerDefinitionOptions,
    'enableRestartPolicy' | 'restartIgnoredExitCodes' | 'restartAttemptPeriod'
  > {
    if (!this.enabled) return { enableRestartPolicy: false };
    return {
      enableRestartPolicy: true,
      restartIgnoredExitCodes: this.ignoredExitCodes,
      restartAttemptPeriod: this.attemptPeriod ?? Duration.seconds(300),
    };
  }
}
