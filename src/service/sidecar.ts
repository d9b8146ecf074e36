import * as ecs from 'aws-cdk-lib/aws-ecs';
import { HardenedContainerOptions } from './container-options';

/**
 * The settings of a sidecar: a container next to the application in each task (`addSidecar`). It gets the
 * application container's hardening by default: a read-only root filesystem (with `writablePaths`), a
 * non-root user, no Linux capabilities, an init process, and logs in the service's log group under a
 * stream prefix of its own name.
 */
export interface SidecarOptions extends HardenedContainerOptions {
  /** The sidecar's image. */
  readonly image: ecs.ContainerImage;

  /**
   * CPU units reserved for the sidecar (1024 = 1 vCPU), taken from the task's: the application container then
   * reserves what is left. Without it, the sidecar shares the CPU the containers leave unreserved.
   * @default - none reserved
   */
  readonly cpu?: number;

  /**
   * The sidecar's memory in MiB, a hard limit taken from the task's; the application container keeps the rest.
   * @default 128
   */
  readonly memoryLimitMiB?: number;

  /**
   * Whether the task stops when the sidecar stops. A sidecar that the application cannot run without (a
   * proxy in front of it, say) should be essential.
   * @default false
   */
  readonly essential?: boolean;

  /**
   * The application container starts only once the sidecar reaches this condition: START (it started),
   * HEALTHY (its `containerHealthCheck` passed), COMPLETE or SUCCESS (it exited, with code 0 for SUCCESS; for
   * a non-essential sidecar that prepares something, such as a configuration file on a `writablePaths` volume).
   * @default - the application does not wait for it
   */
  readonly appWaitsFor?: ecs.ContainerDependencyCondition;

  /**
   * The sidecar starts only once the application container reaches this condition: START, or HEALTHY (the
   * application's `containerHealthCheck` passed). Not with `appWaitsFor`: two containers cannot wait for
   * each other.
   * @default - it does not wait for the application
   */
  readonly waitsForApp?: ecs.ContainerDependencyCondition;

  /**
   * Ports the sidecar listens on (TCP). Other containers of the task reach them on localhost; the service's
   * security group does not open them.
   * @default - none
   */
  readonly containerPorts?: number[];

  /**
   * The command, replacing the image's.
   * @default - the image's command
   */
  readonly command?: string[];
}
