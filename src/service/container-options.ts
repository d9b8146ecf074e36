import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ContainerRestartPolicy } from './restart-policy';

/**
 * The settings every container of a `HardenedFargateService` has, the application's (on the service's props) and
 * each sidecar's (`SidecarOptions`), with the same hardened defaults.
 */
export interface HardenedContainerOptions {
  /**
   * Plain environment variables. Put secrets in `secrets`, never here: a name or value that looks like a
   * secret warns at synthesis.
   * @default - none
   */
  readonly environment?: { [name: string]: string };

  /**
   * Secrets from Secrets Manager or SSM Parameter Store, injected as environment variables at start; the
   * execution role may read them.
   * @default - none
   */
  readonly secrets?: { [name: string]: ecs.Secret };

  /**
   * Whether the container's root filesystem is read-only; give `writablePaths` for what it writes.
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;

  /**
   * Absolute paths the container may write to, each an empty task-scoped volume of its own (for example `/tmp`).
   * Fargate creates each volume owned by root with mode 0755, unless the image declares a `VOLUME` at that
   * path, whose owner, mode and content it copies: a non-root user can write only to paths that its image
   * declares as volumes it owns.
   * @default - none
   */
  readonly writablePaths?: string[];

  /**
   * The user (and group) the container runs as, as `user`, `user:group`, `uid` or `uid:gid`. Running as
   * root (`root`, `0`) is allowed for images that need it, with a synth warning.
   * @default '1000:1000'
   */
  readonly user?: string;

  /**
   * Whether the container runs without any Linux capability. Turn it off for an image that starts as root
   * and then switches user (such as the official nginx image, which needs CHOWN, SETUID and SETGID): the
   * container then has the runtime's default set. Fargate lets a container add only SYS_PTRACE.
   * @default true
   */
  readonly dropAllCapabilities?: boolean;

  /**
   * A container health check, run by ECS inside the container (the load balancer checks the application too);
   * needed to wait for the container to be HEALTHY.
   * @default - none
   */
  readonly containerHealthCheck?: ecs.HealthCheck;

  /**
   * Whether ECS restarts the container in place when it exits. Off by default: for the application, a new
   * task replaces a failed one, and the deployment circuit breaker sees the failure.
   * @default ContainerRestartPolicy.none()
   */
  readonly restartPolicy?: ContainerRestartPolicy;

  /**
   * How long ECS waits after SIGTERM before it kills the container, from 2 to 120 seconds: for the
   * application, long enough to finish the requests in flight (the load balancer stops sending new ones first).
   * @default - 30 seconds, ECS's default
   */
  readonly stopTimeout?: Duration;

  /**
   * Whether ECS resolves the image's tag to a digest when it deploys, so that every task of the deployment,
   * and every task auto scaling adds later, runs the same image even if the tag moves to a new one.
   * @default - ecs.VersionConsistency.ENABLED for an image from a registry, DISABLED for a CDK asset image (aws-cdk-lib's default)
   */
  readonly versionConsistency?: ecs.VersionConsistency;
}
