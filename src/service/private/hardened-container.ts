import { Annotations, Size, Stack, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { escaped, isKnown, knownSeconds, PropsValidator, quoted } from '../../private/validation';
import { HardenedContainerOptions } from '../container-options';

/** A container to add with `addHardenedContainer`. */
export interface HardenedContainerProps extends HardenedContainerOptions {
  readonly image: ecs.ContainerImage;
  readonly essential: boolean;
  /** A number, or a Lazy the task's other containers decide. */
  readonly memoryLimitMiB?: number;
  readonly cpu?: number;
  readonly ports: number[];
  /** A name and protocol for the first port's mapping, which Service Connect serves. */
  readonly namedPort?: { readonly name: string; readonly appProtocol: ecs.AppProtocol };
  readonly command?: string[];
  /** The writable paths, those the container needs beyond `writablePaths` included. */
  readonly mountedPaths: string[];
  readonly logGroup: logs.ILogGroup;
  readonly streamPrefix: string;
  /** The log driver, when not awslogs to `logGroup` (FireLens routes the logs elsewhere). */
  readonly logDriver?: ecs.LogDriver;
  /** Makes the container the task's FireLens log router, logging to `logGroup` itself. */
  readonly firelensConfig?: ecs.FirelensConfig;
  /**
   * Set when the library itself relaxes the container's hardening (a root user, a writable root filesystem),
   * with the reason in its code: no warnings then.
   */
  readonly libraryOwned?: boolean;
  /** Names the container's volumes: `${volumePrefix}writable-<i>`. */
  readonly volumePrefix: string;
  /** Where the warnings about the container go. */
  readonly warningScope: Construct;
  /** How the warnings name the container: 'The container', "The sidecar 'proxy'". */
  readonly subject: string;
}

/** Environment variable names that look like secrets: they belong in `secrets`. */
const SECRET_LIKE_NAME = /PASSWORD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;

/** The non-root user every container runs as unless its props say otherwise. */
export const DEFAULT_CONTAINER_USER = '1000:1000';

/** The POSIX user of a container's `user` when it is numeric (`uid` or `uid:gid`). */
export function numericPosixUser(user: string): { uid: string; gid: string } | undefined {
  const numeric = isKnown(user) ? /^(\d+)(?::(\d+))?$/.exec(user) : null;
  return numeric ? { uid: numeric[1], gid: numeric[2] ?? numeric[1] } : undefined;
}

const isRoot = (user: string) => /^(root|0)(:|$)/.test(user);

/**
 * Records the problems of one container's hardening settings, each prop named after `prefix` (empty for the
 * application container's props at the top level).
 */
export function checkContainerHardening(v: PropsValidator, props: HardenedContainerOptions, prefix: string): void {
  const paths = props.writablePaths ?? [];
  for (const path of paths) {
    if (isKnown(path) && (!path.startsWith('/') || path === '/')) {
      v.fail(`${prefix}writablePaths entry ${quoted(path)} is not an absolute path below '/'; allowed: such as '/tmp'`);
    }
  }
  const repeated = paths.filter((p, i) => paths.indexOf(p) !== i);
  if (repeated.length > 0) {
    v.fail(`${prefix}writablePaths names ${repeated.map(escaped).join(', ')} more than once; allowed: distinct paths`);
  }
  // ECS refuses a container whose secret shares its name with an environment variable.
  const secretNames = new Set(Object.keys(props.secrets ?? {}));
  const both = Object.keys(props.environment ?? {}).filter((name) => isKnown(name) && secretNames.has(name));
  if (both.length > 0) {
    v.fail(
      `${prefix}environment and ${prefix}secrets both name ${both.map(escaped).join(', ')}; allowed: each variable in one of them (a secret value in secrets only)`,
    );
  }
  props.restartPolicy?._checkProps(v, `${prefix}restartPolicy`);
  const stop = knownSeconds(props.stopTimeout);
  if (stop !== undefined && (!Number.isInteger(stop) || stop < 2 || stop > 120)) {
    v.fail(
      `${prefix}stopTimeout ${props.stopTimeout!.toHumanString()} is not allowed; allowed: a whole number of seconds from 2 to 120 (Fargate's range)`,
    );
  }
}

/**
 * Adds a container to `taskDefinition` with the library's hardening: a read-only root filesystem with an empty
 * volume per writable path, a non-root user, no Linux capabilities, an init process, no privileges, and
 * non-blocking logs to `logGroup`. Warns about a root user and about environment variables that look like
 * secrets, and returns those variables' names with the container.
 */
export function addHardenedContainer(
  scope: Construct,
  taskDefinition: ecs.FargateTaskDefinition,
  id: string,
  props: HardenedContainerProps,
): { container: ecs.ContainerDefinition; secretLike: string[] } {
  const user = props.user ?? DEFAULT_CONTAINER_USER;
  const linuxParameters = new ecs.LinuxParameters(scope, id === 'App' ? 'LinuxParameters' : `${id}LinuxParameters`, {
    initProcessEnabled: true,
  });
  // No Linux capabilities: a web server running as a non-root user on a high port needs none.
  const dropAll = props.dropAllCapabilities ?? true;
  if (dropAll) linuxParameters.dropCapabilities(ecs.Capability.ALL);
  const options: ecs.ContainerDefinitionOptions = {
    image: props.image,
    essential: props.essential,
    cpu: props.cpu,
    memoryLimitMiB: props.memoryLimitMiB,
    readonlyRootFilesystem: props.readonlyRootFilesystem ?? true,
    user,
    privileged: false,
    linuxParameters,
    command: props.command,
    healthCheck: props.containerHealthCheck,
    portMappings: props.ports.map((containerPort, i) => ({
      containerPort,
      protocol: ecs.Protocol.TCP,
      ...(i === 0 ? props.namedPort : {}),
    })),
    environment: props.environment,
    secrets: props.secrets,
    stopTimeout: props.stopTimeout,
    versionConsistency: props.versionConsistency,
    ...props.restartPolicy?._containerOptions(),
    logging:
      props.logDriver ??
      ecs.LogDrivers.awsLogs({
        logGroup: props.logGroup,
        streamPrefix: props.streamPrefix,
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
        maxBufferSize: Size.mebibytes(25),
      }),
  };
  const container = props.firelensConfig
    ? taskDefinition.addFirelensLogRouter(id, { ...options, firelensConfig: props.firelensConfig })
    : taskDefinition.addContainer(id, options);
  props.mountedPaths.forEach((containerPath, i) => {
    const name = `${props.volumePrefix}writable-${i}`;
    taskDefinition.addVolume({ name });
    container.addMountPoints({ sourceVolume: name, containerPath, readOnly: false });
  });

  const warn = (warning: string, message: string) => Annotations.of(props.warningScope).addWarningV2(warning, message);
  if (isRoot(user) && !props.libraryOwned) {
    warn(
      'secure-fargate:root-user',
      `${props.subject} runs as root (user '${user}'): give a non-root user unless the image needs root`,
    );
    if (dropAll) {
      warn(
        'secure-fargate:root-without-capabilities',
        `${props.subject} runs as root with every Linux capability dropped: an image that switches to another user at start needs CHOWN, SETUID and SETGID; set dropAllCapabilities false for it`,
      );
    }
  }
  const stack = Stack.of(scope);
  const secretLike = Object.entries(props.environment ?? {})
    .filter(([name, value]) => SECRET_LIKE_NAME.test(name) || holdsCredential(stack, value))
    .map(([name]) => name);
  if (secretLike.length > 0) {
    const of = props.subject === 'The container' ? '' : ` of ${props.subject.replace(/^The /, 'the ')}`;
    warn(
      'secure-fargate:secret-in-environment',
      `Environment variables ${secretLike.join(', ')}${of} look like secrets: plain environment values are visible in the task definition; put them in secrets (ecs.Secret.fromSecretsManager or fromSsmParameter)`,
    );
  }
  return { container, secretLike };
}

/**
 * Values that are credentials whatever the variable's name: a private key, an AWS access key id, a URL
 * with a password in it, or a secret resolved into the template (`SecretValue.unsafeUnwrap()`, a
 * `{{resolve:secretsmanager:...}}` or `{{resolve:ssm-secure:...}}` reference), which puts the plain
 * secret in the task definition.
 */
const CREDENTIAL_VALUE = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/,
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i,
  /\{\{resolve:(?:secretsmanager|ssm-secure):/,
];

function holdsCredential(stack: Stack, value: string): boolean {
  let text = value;
  if (Token.isUnresolved(value)) {
    try {
      text = JSON.stringify(stack.resolve(value));
    } catch {
      return false; // known only at synthesis: a check that warns must not fail it
    }
  }
  return CREDENTIAL_VALUE.some((pattern) => pattern.test(text));
}
