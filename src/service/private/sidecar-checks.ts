import { Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { PropsValidator, quoted } from '../../private/validation';
import { SidecarOptions } from '../sidecar';
import { checkContainerHardening } from './hardened-container';

/** A sidecar's memory unless its options say otherwise (MiB). */
export const SIDECAR_MEMORY_MIB = 128;

/** What the application container keeps at least, of the task's CPU units and memory, next to its sidecars. */
export const APP_MINIMUM = { cpu: 128, memoryMiB: 128 };

/** A container name: what ECS allows, and not the application container's. */
const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;

/** What a new sidecar is checked against: the task and the containers it already has. */
export interface TaskContainers {
  /** The task's CPU units and memory (MiB), either a Token. */
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  /** The ports taken, by the name of the container that listens on each. */
  readonly ports: ReadonlyMap<number, string>;
  /** The sidecars added before, with their options. */
  readonly sidecars: ReadonlyMap<string, SidecarOptions>;
  /** Whether the application container has a health check. */
  readonly appHealthCheck: boolean;
  /** The memory the Service Connect proxy takes from the task (MiB), 0 without it. */
  readonly proxyMemoryMiB: number;
}

/** The sum of known numbers, or undefined when one is a Token. */
function knownSum(values: number[]): number | undefined {
  return values.some((value) => Token.isUnresolved(value)) ? undefined : values.reduce((a, b) => a + b, 0);
}

/**
 * What the application container keeps of the task's `total` once the sidecars took `shares`: all of it
 * without shares, else undefined when a value is a Token.
 */
export function leftOf(total: number, shares: number[]): number | undefined {
  if (shares.length === 0) return total;
  const taken = knownSum(shares);
  return taken === undefined || Token.isUnresolved(total) ? undefined : total - taken;
}

/** Records the problems of a sidecar `name` with `options`, next to the task's containers. */
export function checkSidecar(v: PropsValidator, name: string, options: SidecarOptions, task: TaskContainers): void {
  if (!Token.isUnresolved(name) && (!CONTAINER_NAME.test(name) || name === 'App')) {
    v.fail(
      `name ${quoted(name)} is not allowed; allowed: 1 to 255 letters, digits, '-' and '_', starting with a letter or digit, other than 'App' (the application container)`,
    );
  }
  if (task.sidecars.has(name)) v.fail(`name ${quoted(name)} is taken by another sidecar; allowed: a name of its own`);
  checkContainerHardening(v, options, '');
  v.integerInRange('cpu', options.cpu, 0, 16384);
  v.integerInRange('memoryLimitMiB', options.memoryLimitMiB, 6, 122880);

  const sidecars = [...task.sidecars.values(), options];
  const memory = leftOf(task.memoryLimitMiB, [
    ...sidecars.map((s) => s.memoryLimitMiB ?? SIDECAR_MEMORY_MIB),
    ...(task.proxyMemoryMiB > 0 ? [task.proxyMemoryMiB] : []),
  ]);
  if (memory !== undefined && memory < APP_MINIMUM.memoryMiB) {
    v.fail(
      `memoryLimitMiB ${options.memoryLimitMiB ?? `(default) ${SIDECAR_MEMORY_MIB}`} leaves the application container ${memory} MiB of the task's ${task.memoryLimitMiB}; allowed: sidecars that leave it at least ${APP_MINIMUM.memoryMiB} MiB, or a larger task memoryLimitMiB`,
    );
  }
  const reserved = sidecars.filter((s) => s.cpu !== undefined).map((s) => s.cpu!);
  const cpu = reserved.length > 0 ? leftOf(task.cpu, reserved) : undefined;
  if (options.cpu !== undefined && cpu !== undefined && cpu < APP_MINIMUM.cpu) {
    v.fail(
      `cpu ${options.cpu} leaves the application container ${cpu} CPU units of the task's ${task.cpu}; allowed: sidecars that leave it at least ${APP_MINIMUM.cpu}, or a larger task cpu`,
    );
  }

  const ports = options.containerPorts ?? [];
  for (const port of ports) {
    v.integerInRange('containerPorts entry', port, 1, 65535);
    const owner = task.ports.get(port);
    if (owner !== undefined) {
      v.fail(
        `containerPorts entry ${port} is the port of ${owner}; allowed: a port no other container of the task uses`,
      );
    }
  }
  const repeated = ports.filter((port, i) => ports.indexOf(port) !== i);
  if (repeated.length > 0) {
    v.fail(`containerPorts names ${repeated.join(', ')} more than once; allowed: each port once`);
  }

  checkDependencies(v, options, task.appHealthCheck);
}

/** Records the problems of the start order between the sidecar and the application container. */
function checkDependencies(v: PropsValidator, options: SidecarOptions, appHealthCheck: boolean): void {
  const { appWaitsFor, waitsForApp } = options;
  const exits = [ecs.ContainerDependencyCondition.COMPLETE, ecs.ContainerDependencyCondition.SUCCESS];
  if (appWaitsFor !== undefined && waitsForApp !== undefined) {
    v.fail(
      `appWaitsFor ${appWaitsFor} and waitsForApp ${waitsForApp}: two containers cannot wait for each other; allowed: one of them`,
    );
  }
  if (appWaitsFor === ecs.ContainerDependencyCondition.HEALTHY && !options.containerHealthCheck) {
    v.fail("appWaitsFor HEALTHY needs the sidecar's containerHealthCheck; allowed: a containerHealthCheck, or START");
  }
  if (appWaitsFor !== undefined && exits.includes(appWaitsFor) && options.essential === true) {
    v.fail(
      `appWaitsFor ${appWaitsFor} waits for the sidecar to exit, and an essential sidecar that exits stops the task; allowed: essential false, or START / HEALTHY`,
    );
  }
  if (waitsForApp === ecs.ContainerDependencyCondition.HEALTHY && !appHealthCheck) {
    v.fail(
      "waitsForApp HEALTHY needs the application container's containerHealthCheck; allowed: a containerHealthCheck on the service, or START",
    );
  }
  if (waitsForApp !== undefined && exits.includes(waitsForApp)) {
    v.fail(
      `waitsForApp ${waitsForApp} waits for the application container to exit, which stops the task; allowed: START or HEALTHY`,
    );
  }
}
