import { Annotations, AspectPriority, Aspects, Aws, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { CapacityMix } from './capacity-mix';
import { HardenedContainerOptions } from './container-options';
import { ServiceDeploymentStrategy } from './deployment-strategy';
import { EfsVolume, EfsVolumeOptions } from './efs-volume';
import { LogRouting } from './log-routing';
import {
  CLOUDWATCH_AGENT_IMAGE,
  fluentBitImage,
  grantTracing,
  LOG_ROUTER_NAME,
  OWN_SIDECAR_MEMORY_MIB,
  TRACING_AGENT_CONFIGURATION,
  TRACING_AGENT_NAME,
  TRACING_AGENT_PORTS,
  tracingEnvironment,
} from './private/observability-sidecars';
import {
  checkServiceConnect,
  connectServices,
  joinServiceConnect,
  SERVICE_CONNECT_PORT_NAME,
  SERVICE_CONNECT_PROXY_MEMORY_MIB,
} from './private/service-connect';
import { ServiceConnectEndpoint, ServiceConnectMembership, ServiceConnectOptions } from './service-connect';
import { SidecarOptions } from './sidecar';
import { TracedService, TracingOptions } from './tracing';
import { acknowledge } from '../private/acknowledge';
import { privateEcrRepositoryArn, privateEcrRepositoryOf, pullThroughCacheAccessOf } from './private/ecr-image';
import {
  addHardenedContainer,
  checkContainerHardening,
  DEFAULT_CONTAINER_USER,
  numericPosixUser,
} from './private/hardened-container';
import { APP_MINIMUM, checkSidecar, leftOf, SIDECAR_MEMORY_MIB } from './private/sidecar-checks';
import { DEFAULT_SERVICE_LOG_RETENTION, createEncryptedLogGroup } from '../private/encrypted-log-group';
import { validateFargateSize } from '../private/fargate-size';
import { createHardenedCluster, hardenedClusterSettings } from '../private/hardened-cluster';
import { ManagedPolicyRole } from '../private/managed-policy-role';
import { stackScopedName } from '../private/naming';
import { taskSubnetsOf } from '../private/subnets';
import { isKnown, PropsValidator, quoted } from '../private/validation';

/**
 * The container and service settings of a `HardenedFargateService`, which `SecureFargateWebService`
 * takes as well.
 */
export interface HardenedFargateServiceOptions extends HardenedContainerOptions {
  /**
   * The port the container listens on; the target group and security groups use it.
   * @default 3000
   */
  readonly containerPort?: number;

  /**
   * The task's CPU units (256 = 0.25 vCPU).
   * @default 256
   */
  readonly cpu?: number;

  /**
   * The task's memory in MiB; must fit `cpu` in Fargate's table.
   * @default 512
   */
  readonly memoryLimitMiB?: number;

  /**
   * How long the service's logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Whether ECS Exec (interactive commands in running tasks) is on. Sessions are encrypted with a KMS key
   * and audited to an encrypted log group (on a new cluster), and the paths its agent writes to are made
   * writable.
   * @default false
   */
  readonly ecsExec?: boolean;

  /**
   * How tasks split between on-demand Fargate and Fargate Spot.
   * @default CapacityMix.onDemand()
   */
  readonly capacity?: CapacityMix;

  /**
   * The CPU architecture of the image.
   * @default ecs.CpuArchitecture.X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;

  /**
   * The task's ephemeral storage in GiB (21 to 200).
   * @default - 20 GiB, Fargate's default
   */
  readonly ephemeralStorageGiB?: number;

  /**
   * Whether the execution role may pull the agent that Amazon GuardDuty Runtime Monitoring adds to each
   * task as a sidecar, from GuardDuty's `aws-guardduty-agent-fargate` repository in this Region. Without it,
   * tasks run unmonitored wherever the account has Runtime Monitoring for Fargate on.
   * @default true
   */
  readonly guardDutyAgent?: boolean;

  /**
   * How a new revision is deployed: rolling, or canary, linear or blue/green with ECS moving the traffic
   * between two target groups (those need a load balancer; `SecureFargateWebService` wires it).
   * @default ServiceDeploymentStrategy.rolling()
   */
  readonly deploymentStrategy?: ServiceDeploymentStrategy;

  /**
   * A Lambda function ECS calls at the `deploymentHookStages` of a canary, linear or blue/green
   * deployment, for example a smoke test of the new revision before production traffic moves; it
   * answers SUCCEEDED, FAILED (the deployment rolls back) or IN_PROGRESS (ECS calls again).
   * @default - none
   */
  readonly deploymentHook?: lambda.IFunction;

  /**
   * The deployment stages at which ECS calls `deploymentHook`.
   * @default [ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT]: after test traffic reached the new revision, before production traffic does
   */
  readonly deploymentHookStages?: ecs.DeploymentLifecycleStage[];

  /**
   * The lowest share of the desired tasks that stay running during a deployment (0 to 100).
   * @default 100
   */
  readonly minHealthyPercent?: number;

  /**
   * The highest share of the desired tasks that may run during a deployment (100 to 200).
   * @default 200
   */
  readonly maxHealthyPercent?: number;

  /**
   * OpenTelemetry tracing: the CloudWatch agent as a sidecar with Application Signals, and the `OTEL_*`
   * environment in the application container (see `TracingOptions`).
   * @default - no tracing
   */
  readonly tracing?: TracingOptions;

  /**
   * Where the containers' logs go: CloudWatch Logs, or through a FireLens log router to Amazon S3, Amazon Data
   * Firehose or Amazon OpenSearch Service.
   * @default LogRouting.cloudWatchLogs()
   */
  readonly logRouting?: LogRouting;
}

/**
 * Props for `HardenedFargateService`.
 */
export interface HardenedFargateServiceProps extends HardenedFargateServiceOptions {
  /** The VPC; tasks run in its private subnets. */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets the tasks run in.
   * @default - the VPC's private subnets with egress, or else its isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /** The container image to run. */
  readonly image: ecs.ContainerImage;

  /**
   * A cluster to run in.
   * @default - a new cluster with Container Insights and the FARGATE and FARGATE_SPOT capacity providers
   */
  readonly cluster?: ecs.ICluster;

  /**
   * A customer managed KMS key for the tasks' ephemeral storage, set on the cluster (a new one only: a
   * cluster given keeps its own, with a synth warning). The key policy of a key created in the same app
   * is extended to let Fargate use it for this account's clusters; for an imported key, add those
   * statements yourself.
   * @default - Fargate encrypts ephemeral storage with an AWS owned key
   */
  readonly ephemeralStorageEncryptionKey?: kms.IKey;

  /**
   * How many tasks run.
   * @default - 2; with `autoScaled`, none in the template (see `autoScaled`)
   */
  readonly desiredCount?: number;

  /**
   * Whether auto scaling manages the task count. The template then sets no desired count unless
   * `desiredCount` is given, so that a deployment keeps the count auto scaling chose: the first
   * deployment starts one task and auto scaling raises it to its minimum; later deployments leave the
   * running count alone. A `desiredCount` given is set on every deployment.
   * @default false
   */
  readonly autoScaled?: boolean;

  /**
   * Joins an ECS Service Connect namespace: the service calls the namespace's servers by name (`connectTo`) and,
   * unless `server` is false, serves them under its `dnsName`. The Service Connect proxy takes 64 MiB of the
   * task's memory; its logs and the access logs go to the service's log group.
   * @default - no Service Connect
   */
  readonly serviceConnect?: ServiceConnectMembership;
}

/** Where the ECS Exec (SSM) agent writes inside the container. */
const EXEC_AGENT_PATHS = ['/var/lib/amazon', '/var/log/amazon'];

/**
 * A Fargate service in private subnets without public IPs: awsvpc networking, one container logging
 * to its own log group, a security group that admits nothing until a load balancer is attached and
 * lets out only HTTPS and HTTP, rolling deployments with a circuit breaker that rolls back.
 *
 * @example
 * const vpc = new ec2.Vpc(this, 'Vpc');
 *
 * new sfws.HardenedFargateService(this, 'Worker', {
 *   vpc,
 *   image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/worker:2.1'),
 *   cpu: 512,
 *   memoryLimitMiB: 1024,
 *   writablePaths: ['/tmp'],
 * });
 */
export class HardenedFargateService extends Construct {
  /**
   * Records the problems of the service's sizing, port, container and deployment settings (the VPC's subnets
   * are checked on use).
   * @internal
   */
  public static _checkProps(
    v: PropsValidator,
    props: HardenedFargateServiceOptions & {
      readonly desiredCount?: number;
      readonly serviceConnect?: ServiceConnectOptions;
    },
  ): void {
    checkContainerHardening(v, props, '');
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
    ServiceDeploymentStrategy._checkProps(v, props.deploymentStrategy);
    checkDeploymentHook(v, props);
    props.logRouting?._checkProps(v, 'logRouting.');
    checkServiceConnect(v, props.serviceConnect);
    checkObservabilitySidecars(v, props);
  }

  /** The cluster the service runs in. */
  public readonly cluster: ecs.ICluster;

  /** The task definition. */
  public readonly taskDefinition: ecs.FargateTaskDefinition;

  /** The application container. */
  public readonly container: ecs.ContainerDefinition;

  /** The service. */
  public readonly service: ecs.FargateService;

  /** The service's security group. */
  public readonly securityGroup: ec2.SecurityGroup;

  /** The log group the container writes to. */
  public readonly logGroup: logs.LogGroup;

  /** The port the container listens on. */
  public readonly containerPort: number;

  /** The log group that audits ECS Exec sessions, when ECS Exec is on with a new cluster. */
  public readonly execLogGroup?: logs.LogGroup;

  /** The FireLens log router (Fluent Bit), when `logRouting` sends the logs elsewhere than CloudWatch Logs. */
  public readonly logRouter?: ecs.ContainerDefinition;

  /** The CloudWatch agent that receives the application's traces, with `tracing`. */
  public readonly tracingAgent?: ecs.ContainerDefinition;

  /** The names the service's traces and Application Signals metrics carry, with `tracing`. */
  public readonly tracedService?: TracedService;

  /** Where the other services of its Service Connect namespace call this one, with `serviceConnect` as a server. */
  public readonly serviceConnectEndpoint?: ServiceConnectEndpoint;

  private readonly executionRole: ManagedPolicyRole;
  private readonly taskSize: { readonly cpu: number; readonly memoryLimitMiB: number };
  private readonly sidecars = new Map<string, SidecarOptions>();
  /** The ports the task's containers listen on, by the name of the container. */
  private readonly containerPorts = new Map<number, string>();
  private readonly appHealthCheck: boolean;
  /** The memory the Service Connect proxy takes from the task, with `serviceConnect` (MiB). */
  private readonly serviceConnectProxyMiB: number;
  private readonly vpc: ec2.IVpc;
  private readonly vpcSubnets: ec2.SubnetSelection;
  private readonly appUser: string;
  /** The paths mounted in the application container (writable paths, file systems), by what mounts them. */
  private readonly appMounts = new Map<string, string>();
  /** The log driver of every container but the router: FireLens, or undefined for awslogs to the log group. */
  private readonly logDriver?: ecs.LogDriver;
  /** Whether a container has environment variables, and whether any of them look like secrets. */
  private hasEnvironment = false;
  private secretLikeEnvironment = false;

  constructor(scope: Construct, id: string, props: HardenedFargateServiceProps) {
    super(scope, id);
    const cpu = props.cpu ?? 256;
    const memoryLimitMiB = props.memoryLimitMiB ?? 512;
    const desiredCount = props.desiredCount ?? (props.autoScaled ? undefined : 2);
    this.containerPort = props.containerPort ?? 3000;

    const strategy = props.deploymentStrategy ?? ServiceDeploymentStrategy.rolling();
    const v = new PropsValidator('HardenedFargateService');
    HardenedFargateService._checkProps(v, props);
    const vpcSubnets = props.vpcSubnets ?? taskSubnetsOf(v, 'vpc', props.vpc);
    v.throwIfAny();

    if (props.cluster) {
      this.cluster = props.cluster;
      warnAboutGivenCluster(this, props.cluster, props);
      this.execLogGroup = hardenedClusterSettings(props.cluster)?.execLogGroup;
    } else {
      const created = createHardenedCluster(this, {
        vpc: props.vpc,
        ecsExec: props.ecsExec,
        ephemeralStorageEncryptionKey: props.ephemeralStorageEncryptionKey,
      });
      this.cluster = created.cluster;
      this.execLogGroup = created.execLogGroup;
    }

    this.logGroup = createEncryptedLogGroup(this, 'Logs', {
      retention: props.logRetention ?? DEFAULT_SERVICE_LOG_RETENTION,
      purpose: "the web service's container logs",
      // RETAIN even after a failed create, not RetainExceptOnCreate like the library's other log groups:
      // a first deployment fails mostly because the tasks do (the circuit breaker rolls it back), and what
      // they wrote here says why. Its key stays with it (a log group whose key is pending deletion cannot
      // be read); the name is generated, so a retry does not collide with it.
      removalPolicy: RemovalPolicy.RETAIN,
    }).logGroup;

    const tasks = new iam.ServicePrincipal('ecs-tasks.amazonaws.com');
    const executionRole = (this.executionRole = new ManagedPolicyRole(
      this,
      'ExecutionRole',
      {
        assumedBy: tasks,
        description: 'Lets ECS pull the image, write logs and read the secrets of the web service',
      },
      'What ECS needs to start the web service: image pull, log writes, secret reads',
    ));
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu,
      memoryLimitMiB,
      ephemeralStorageGiB: props.ephemeralStorageGiB,
      runtimePlatform: {
        cpuArchitecture: props.cpuArchitecture ?? ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      executionRole,
      taskRole: new ManagedPolicyRole(
        this,
        'TaskRole',
        { assumedBy: tasks, description: "The web service's application role: no permissions until granted" },
        "The web service's application permissions",
      ),
    });
    this.taskSize = { cpu, memoryLimitMiB };
    this.vpc = props.vpc;
    this.vpcSubnets = vpcSubnets;
    this.appUser = props.user ?? DEFAULT_CONTAINER_USER;
    this.appHealthCheck = props.containerHealthCheck !== undefined;
    this.serviceConnectProxyMiB = props.serviceConnect ? SERVICE_CONNECT_PROXY_MEMORY_MIB : 0;
    const writablePaths = [...(props.writablePaths ?? [])];
    if (props.ecsExec && (props.readonlyRootFilesystem ?? true)) {
      const agentPaths = EXEC_AGENT_PATHS.filter((p) => !writablePaths.includes(p));
      writablePaths.push(...agentPaths);
      if (agentPaths.length > 0) {
        Annotations.of(this).addInfo(
          `ECS Exec is on with a read-only root filesystem: its agent's paths ${agentPaths.join(', ')} are mounted writable`,
        );
      }
    }
    // The application keeps what the sidecars leave of the task: all of its memory, and no CPU reservation
    // (it shares the task's CPU), until sidecars take their shares.
    const sidecars = () => [...this.sidecars.values()];
    const reserved = () =>
      sidecars()
        .filter((s) => s.cpu !== undefined)
        .map((s) => s.cpu!);
    const firelens = props.logRouting?._firelens;
    if (firelens) {
      // Every container but the router itself logs through FireLens.
      this.logDriver = ecs.LogDrivers.firelens({ options: firelens.options(Stack.of(this).region) });
      this.logRouter = this.addOwnSidecar(
        LOG_ROUTER_NAME,
        {
          image: firelens.router.routerImage ?? fluentBitImage(this, executionRole),
          memoryLimitMiB: firelens.router.routerMemoryLimitMiB ?? OWN_SIDECAR_MEMORY_MIB,
          // Without the router the containers' logs are lost: the task stops with it.
          essential: true,
          // Relaxed, and only these two: FireLens creates the router's log socket and configuration for root (its
          // non-root mode needs a newer ECS agent than Fargate documents), and Fluent Bit writes its buffers and
          // state beside the files its image ships (a read-only root filesystem stops it starting). Every Linux
          // capability stays dropped: as root it owns what it writes, and needs none.
          user: '0',
          readonlyRootFilesystem: false,
        },
        { type: ecs.FirelensLogRouterType.FLUENTBIT, options: { enableECSLogMetadata: true } },
      );
      firelens.grant(this.taskDefinition.taskRole);
    }
    let environment = props.environment;
    if (props.tracing) {
      const traced = (this.tracedService = {
        serviceName: props.tracing.serviceName ?? stackScopedName(this),
        environmentName: props.tracing.environmentName ?? `ecs:${this.cluster.clusterName}`,
      });
      // The user's variables win, so that an application can set its own sampler; its resource attributes come
      // first, then the names the dashboard reads (the checks refuse them in the user's).
      const otel = tracingEnvironment(traced.serviceName, traced.environmentName);
      const attributes = props.environment?.OTEL_RESOURCE_ATTRIBUTES;
      environment = {
        ...otel,
        ...props.environment,
        OTEL_RESOURCE_ATTRIBUTES: [attributes, otel.OTEL_RESOURCE_ATTRIBUTES].filter((a) => a).join(','),
      };
    }
    const app = addHardenedContainer(this, this.taskDefinition, 'App', {
      ...props,
      environment,
      logDriver: this.logDriver,
      image: props.image,
      essential: true,
      memoryLimitMiB: Lazy.number({
        produce: () =>
          leftOf(memoryLimitMiB, [
            ...sidecars().map((s) => s.memoryLimitMiB ?? SIDECAR_MEMORY_MIB),
            ...(this.serviceConnectProxyMiB > 0 ? [this.serviceConnectProxyMiB] : []),
          ]),
      }),
      cpu: Lazy.number({ produce: () => (reserved().length > 0 ? leftOf(cpu, reserved()) : undefined) }),
      ports: [this.containerPort],
      namedPort: props.serviceConnect && {
        name: SERVICE_CONNECT_PORT_NAME,
        appProtocol: props.serviceConnect.appProtocol ?? ecs.AppProtocol.http,
      },
      mountedPaths: writablePaths,
      logGroup: this.logGroup,
      streamPrefix: 'app',
      volumePrefix: '',
      warningScope: this,
      subject: 'The container',
    });
    this.container = app.container;
    // The container the load balancer targets, even where the log router (essential too) came first.
    this.taskDefinition.defaultContainer = this.container;
    for (const path of writablePaths) this.appMounts.set(path, 'a writable path');
    this.containerPorts.set(this.containerPort, 'the application container');
    this.hasEnvironment ||= Object.keys(environment ?? {}).length > 0;
    this.secretLikeEnvironment ||= app.secretLike.length > 0;
    if (this.logRouter) this.waitForStart(this.container, this.logRouter);
    if (props.tracing) {
      this.tracingAgent = this.addOwnSidecar(TRACING_AGENT_NAME, {
        image: props.tracing.agentImage ?? ecs.ContainerImage.fromRegistry(CLOUDWATCH_AGENT_IMAGE),
        memoryLimitMiB: props.tracing.agentMemoryLimitMiB ?? OWN_SIDECAR_MEMORY_MIB,
        containerPorts: TRACING_AGENT_PORTS,
        environment: { CW_CONFIG_CONTENT: TRACING_AGENT_CONFIGURATION },
        // Relaxed, and only these two: the agent's image runs it as root and it writes its translated
        // configuration and pid file beside the files the image ships under /opt/aws/amazon-cloudwatch-agent, which
        // fails as any other user or on a read-only root filesystem. Every Linux capability stays dropped.
        user: '0',
        readonlyRootFilesystem: false,
      });
      // The application starts once the agent does, so that its first spans and sampling requests find it.
      this.waitForStart(this.container, this.tracingAgent);
      grantTracing(this.taskDefinition.taskRole);
    }
    // One acknowledgement for the task definition, once every container is known.
    Aspects.of(this).add(
      { visit: (node) => (node === this ? this.acknowledgePlainEnvironment() : undefined) },
      { priority: AspectPriority.MUTATING },
    );

    this.grantImagePull(props.image, this.container);
    if (props.guardDutyAgent ?? true) grantGuardDutyAgentPull(executionRole);
    this.acknowledgeEcrAuthorization();

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Service tasks: in only from the load balancer, out only HTTPS and HTTP',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to external APIs and registries');
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP to package mirrors');
    firelens?.connect(this.securityGroup);

    const rebalancing = props.maxHealthyPercent === undefined || props.maxHealthyPercent > 100;
    if (!rebalancing) {
      Annotations.of(this).addWarningV2(
        'secure-fargate:no-az-rebalancing',
        'maxHealthyPercent 100 leaves ECS no room to start a task before stopping one, so Availability Zone rebalancing is off; allowed for it: maxHealthyPercent 101-200',
      );
    }
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount,
      assignPublicIp: false,
      vpcSubnets,
      securityGroups: [this.securityGroup],
      healthCheckGracePeriod: Duration.seconds(60),
      minHealthyPercent: props.minHealthyPercent ?? 100,
      maxHealthyPercent: props.maxHealthyPercent ?? 200,
      // ECS documents the circuit breaker for rolling and blue/green deployments; canary and linear ones
      // roll back on the deployment alarms.
      circuitBreaker: strategy.supportsCircuitBreaker ? { enable: true, rollback: true } : undefined,
      platformVersion: ecs.FargatePlatformVersion.LATEST,
      capacityProviderStrategies: (props.capacity ?? CapacityMix.onDemand()).toStrategies(),
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
      enableExecuteCommand: props.ecsExec ?? false,
      // Spread tasks back across the Availability Zones after one recovers; ECS needs room above 100% for it.
      availabilityZoneRebalancing: rebalancing
        ? ecs.AvailabilityZoneRebalancing.ENABLED
        : ecs.AvailabilityZoneRebalancing.DISABLED,
      ...deploymentConfigurationOf(strategy),
    });
    if (props.serviceConnect) {
      this.serviceConnectEndpoint = joinServiceConnect(
        this,
        this.service,
        props.serviceConnect,
        this.logGroup,
        this.containerPort,
      );
    }
    if (props.deploymentHook) {
      const role = hookRole(this, props.deploymentHook);
      this.service.addLifecycleHook(
        new ecs.DeploymentLifecycleLambdaTarget(props.deploymentHook, 'DeploymentHook', {
          lifecycleStages: props.deploymentHookStages ?? [ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT],
          role,
        }),
      );
      // ECS may call the hook in the first deployment: the role's policy must be attached by then.
      this.service.node.addDependency(role);
    }
    if (strategy.strategy === ecs.DeploymentStrategy.CANARY || strategy.strategy === ecs.DeploymentStrategy.LINEAR) {
      this.node.addValidation({
        validate: () => {
          const attached = Stack.of(this).resolve((this.service.node.defaultChild as ecs.CfnService).loadBalancers);
          return Array.isArray(attached) && attached.length > 0
            ? []
            : [
                `deploymentStrategy ${strategy.strategy.toLowerCase()} shifts traffic through a load balancer, and the service has none; allowed: attach a target group (SecureFargateWebService does), or ServiceDeploymentStrategy.rolling() or blueGreen()`,
              ];
        },
      });
    }
    if (props.ecsExec) {
      const findings = ['Resource::*'];
      if (this.execLogGroup) {
        const stack = Stack.of(this);
        const logGroupId = stack.getLogicalId(this.execLogGroup.node.defaultChild as logs.CfnLogGroup);
        const known = (value: string, token: string) => (Token.isUnresolved(value) ? `<${token}>` : value);
        const region = known(stack.region, 'AWS::Region');
        const account = known(stack.account, 'AWS::AccountId');
        // The partition is a literal or a reference, depending on the app's feature flags.
        const partitions = new Set(['<AWS::Partition>']);
        if (!Token.isUnresolved(stack.region)) partitions.add(RegionInfo.get(stack.region).partition ?? 'aws');
        for (const partition of partitions) {
          findings.push(`Resource::arn:${partition}:logs:${region}:${account}:log-group:<${logGroupId}>:*`);
        }
      }
      acknowledge(
        this.taskDefinition.taskRole,
        'AwsSolutions-IAM5',
        "ECS Exec: the ssmmessages channel actions have no resource-level permissions, and session logs go to the audit log group's streams (log-group:<audit>:*).",
        findings,
      );
    }
    // The capacity providers must be associated with a new cluster before the service asks for them.
    if (!props.cluster) this.service.node.addDependency(this.cluster);
  }

  /**
   * Lets this service call `server` through Service Connect: the server's security group admits this service's
   * tasks on its port, and this service is created after it (a task reaches only the servers that existed when it
   * started; where two services call each other, a warning says which one waits for its next deployment). Both
   * must have joined the same namespace (`serviceConnect`), the server as a server.
   * @param server the service to call
   * @returns the address to call it at, `http://<dnsName>:<port>`
   */
  public connectTo(server: HardenedFargateService): string {
    return connectServices(this.service, server.service, this.node.path, server.node.path);
  }

  /**
   * Adds a sidecar: a container next to the application in every task, hardened like it (see
   * `SidecarOptions`), logging to the service's log group under the stream prefix `name`. Its CPU and memory
   * come out of the task's; the application container keeps the rest. Bad options fail at once, naming the
   * sidecar.
   * @param name the container's name, unique in the task (letters, digits, '-' and '_')
   * @returns the sidecar's container definition
   */
  public addSidecar(name: string, options: SidecarOptions): ecs.ContainerDefinition {
    const v = new PropsValidator(`sidecar '${name}' of HardenedFargateService`);
    checkSidecar(v, name, options, {
      ...this.taskSize,
      ports: this.containerPorts,
      sidecars: this.sidecars,
      appHealthCheck: this.appHealthCheck,
      proxyMemoryMiB: this.serviceConnectProxyMiB,
    });
    v.throwIfAny();
    const container = this.addSidecarContainer(name, options, false);
    if (options.appWaitsFor) this.container.addContainerDependencies({ container, condition: options.appWaitsFor });
    if (options.waitsForApp) {
      container.addContainerDependencies({ container: this.container, condition: options.waitsForApp });
    }
    return container;
  }

  /** Adds a sidecar of the library's own (the log router, the tracing agent), whose relaxations its caller explains. */
  private addOwnSidecar(
    name: string,
    options: SidecarOptions,
    firelensConfig?: ecs.FirelensConfig,
  ): ecs.ContainerDefinition {
    return this.addSidecarContainer(name, options, true, firelensConfig);
  }

  private addSidecarContainer(
    name: string,
    options: SidecarOptions,
    libraryOwned: boolean,
    firelensConfig?: ecs.FirelensConfig,
  ): ecs.ContainerDefinition {
    this.sidecars.set(name, options);
    const { container, secretLike } = addHardenedContainer(this, this.taskDefinition, name, {
      ...options,
      essential: options.essential ?? false,
      memoryLimitMiB: options.memoryLimitMiB ?? SIDECAR_MEMORY_MIB,
      ports: options.containerPorts ?? [],
      mountedPaths: options.writablePaths ?? [],
      logGroup: this.logGroup,
      streamPrefix: name,
      // The router logs to the log group itself; the other containers through it, with FireLens.
      logDriver: firelensConfig ? undefined : this.logDriver,
      firelensConfig,
      volumePrefix: `${name}-`,
      warningScope: this,
      subject: `The sidecar '${name}'`,
      libraryOwned,
    });
    for (const port of options.containerPorts ?? []) this.containerPorts.set(port, `the sidecar '${name}'`);
    this.hasEnvironment ||= Object.keys(options.environment ?? {}).length > 0;
    this.secretLikeEnvironment ||= secretLike.length > 0;
    if (this.logRouter) this.waitForStart(container, this.logRouter);
    this.grantImagePull(options.image, container);
    this.acknowledgeEcrAuthorization();
    return container;
  }

  /** Makes `container` start only once `dependency` has started. */
  private waitForStart(container: ecs.ContainerDefinition, dependency: ecs.ContainerDefinition): void {
    container.addContainerDependencies({ container: dependency, condition: ecs.ContainerDependencyCondition.START });
  }

  /**
   * Mounts an Amazon EFS file system in the application container (see `EfsVolume`): a new one, encrypted, backed
   * up daily and reachable only over TLS with IAM authorization, or the one given, through an access point. The
   * task role may mount it through that access point only; NFS is opened between the tasks and the file system.
   * @param name the volume's name and construct id (letters and digits), also the new access point's directory
   * @returns the volume, with its file system and access point
   */
  public addEfsVolume(name: string, options: EfsVolumeOptions): EfsVolume {
    const v = new PropsValidator(`EFS volume '${name}' of HardenedFargateService`);
    EfsVolume._checkProps(v, name, options);
    const taken = isKnown(options.containerPath) ? this.appMounts.get(options.containerPath) : undefined;
    if (taken !== undefined) {
      v.fail(
        `containerPath ${quoted(options.containerPath)} is already ${taken}; allowed: a path no other volume of the container mounts`,
      );
    }
    v.throwIfAny();
    this.appMounts.set(options.containerPath, `the EFS volume '${name}'`);
    return new EfsVolume(this, name, {
      posixUser: options.accessPoint ? undefined : numericPosixUser(this.appUser),
      ...options,
      vpc: this.vpc,
      vpcSubnets: this.vpcSubnets,
      taskDefinition: this.taskDefinition,
      container: this.container,
      securityGroup: this.securityGroup,
      service: this.service,
    });
  }

  /** Lets the execution role pull an image that aws-cdk-lib grants nothing for: a private ECR address, a pull-through cache. */
  private grantImagePull(image: ecs.ContainerImage, container: ecs.ContainerDefinition): void {
    grantPrivateEcrPull(container, this.executionRole);
    grantPullThroughCacheImport(image, container, this.executionRole);
  }

  private acknowledgeEcrAuthorization(): void {
    if (!this.executionRole.allows('ecr:GetAuthorizationToken')) return;
    acknowledge(
      this.executionRole,
      'AwsSolutions-IAM5',
      'ecr:GetAuthorizationToken has no resource-level permissions; image pulls themselves are scoped to the repository.',
      ['Resource::*'],
    );
  }

  /** Acknowledges plain environment variables in the task definition, unless a container's look like secrets. */
  private acknowledgePlainEnvironment(): void {
    if (this.secretLikeEnvironment || !this.hasEnvironment) return;
    acknowledge(
      this.taskDefinition,
      'AwsSolutions-ECS2',
      'The environment variables hold plain configuration, none named like a secret or holding a credential ' +
        '(synthesis warns, and acknowledges nothing, when one does); secrets reach the containers only through ' +
        'secrets, as ecs.Secret from Secrets Manager or SSM Parameter Store.',
    );
  }
}

/**
 * `ecs.ContainerImage.fromRegistry` with a private ECR address (for example a pull-through cache
 * repository) grants nothing: grant the execution role pull access to exactly that repository.
 */
function grantPrivateEcrPull(container: ecs.ContainerDefinition, role: iam.IRole): void {
  const repository = privateEcrRepositoryOf(container.imageName);
  if (!repository) return;
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: [privateEcrRepositoryArn(repository)],
    }),
  );
  Annotations.of(container).acknowledgeWarning(
    '@aws-cdk/aws-ecs:ecrImageRequiresPolicy',
    'The execution role is granted pull access to this repository',
  );
}

/**
 * Behind an ECR pull-through cache, the first pull of an image imports it from the upstream registry,
 * creating the cache repository if it does not exist yet: the puller needs `ecr:BatchImportUpstreamImage`
 * and `ecr:CreateRepository` for that repository, as the ECR user guide documents for pull-through cache.
 * Granted for exactly the image's repository (the create only where it may not exist yet); for an
 * ordinary repository neither does anything, as no pull-through cache rule matches its name.
 */
function grantPullThroughCacheImport(
  image: ecs.ContainerImage,
  container: ecs.ContainerDefinition,
  role: iam.IRole,
): void {
  const access = pullThroughCacheAccessOf(image, container.imageName);
  if (!access) return;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'AllowPullThroughCacheImport',
      actions: access.mayCreate
        ? ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository']
        : ['ecr:BatchImportUpstreamImage'],
      resources: [access.repositoryArn],
    }),
  );
}

/** The service's deployment configuration for `strategy` (none beyond the defaults for rolling). */
function deploymentConfigurationOf(strategy: ServiceDeploymentStrategy): Partial<ecs.FargateServiceProps> {
  if (!strategy.shiftsTraffic) return {};
  const step = { stepPercent: strategy.stepPercent, stepBakeTime: strategy.stepBakeTime };
  return {
    deploymentStrategy: strategy.strategy,
    bakeTime: strategy.bakeTime,
    canaryConfiguration: strategy.strategy === ecs.DeploymentStrategy.CANARY ? step : undefined,
    linearConfiguration: strategy.strategy === ecs.DeploymentStrategy.LINEAR ? step : undefined,
  };
}

/** The role ECS assumes to call the deployment hook: it may invoke that function and nothing else. */
function hookRole(scope: Construct, hook: lambda.IFunction): iam.IRole {
  const role = new ManagedPolicyRole(
    scope,
    'DeploymentHookRole',
    {
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
      description: "Lets ECS call the web service's deployment hook",
    },
    "ECS's call of the deployment hook",
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [hook.functionArn] }),
  );
  return role;
}

/** GuardDuty's repository of its Runtime Monitoring agent for Fargate, in every Region (its account varies by Region). */
const GUARDDUTY_AGENT_REPOSITORY = 'aws-guardduty-agent-fargate';

/**
 * Lets the execution role pull GuardDuty's Runtime Monitoring agent: the repository by name, in this
 * Region, in whichever account GuardDuty keeps it there.
 */
function grantGuardDutyAgentPull(role: ManagedPolicyRole): void {
  const repositoryArn = `arn:${Aws.PARTITION}:ecr:${Aws.REGION}:*:repository/${GUARDDUTY_AGENT_REPOSITORY}`;
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: [repositoryArn],
    }),
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5',
    "GuardDuty's Fargate agent repository has the same name in every Region, in an account of GuardDuty's that differs by Region; the pull is limited to that repository name in this Region.",
    [`Resource::arn:<AWS::Partition>:ecr:<AWS::Region>:*:repository/${GUARDDUTY_AGENT_REPOSITORY}`],
  );
}

/**
 * Warns about what a cluster given does not carry: all of it for a cluster of the user's; for one this
 * library created (a shared environment's), only what the service asks beyond its settings.
 */
function warnAboutGivenCluster(scope: Construct, cluster: ecs.ICluster, props: HardenedFargateServiceProps): void {
  const settings = hardenedClusterSettings(cluster);
  const exec =
    'configure ECS Exec logging and encryption on it (this construct audits Exec only on a cluster it creates)';
  const key = "set ephemeralStorageEncryptionKey in the cluster's managed storage configuration";
  if (!settings) {
    const more = [props.ecsExec ? exec : '', props.ephemeralStorageEncryptionKey ? key : ''].filter((m) => m !== '');
    Annotations.of(scope).addWarningV2(
      'secure-fargate:cluster-given',
      'A cluster given keeps its own settings: turn on Container Insights (the running-task alarm reads it) and associate the FARGATE and FARGATE_SPOT capacity providers on it yourself' +
        more.map((m) => `, and ${m}`).join(''),
    );
    return;
  }
  const missing = [
    props.ecsExec && !settings.execLogGroup
      ? 'ecsExec: the shared cluster does not audit ECS Exec sessions (set ecsExec on the environment)'
      : '',
    props.ephemeralStorageEncryptionKey &&
    props.ephemeralStorageEncryptionKey !== settings.ephemeralStorageEncryptionKey
      ? 'ephemeralStorageEncryptionKey: the shared cluster keeps its own (set it on the environment)'
      : '',
  ].filter((m) => m !== '');
  if (missing.length > 0) {
    Annotations.of(scope).addWarningV2(
      'secure-fargate:cluster-given',
      `Not applied on the shared cluster: ${missing.join('; ')}`,
    );
  }
}

/** Records the problems of the deployment hook: it needs a strategy with lifecycle stages. */
function checkDeploymentHook(v: PropsValidator, props: HardenedFargateServiceOptions): void {
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

/** Records the problems of the library's own sidecars: their memory, and the tracing agent's ports and names. */
function checkObservabilitySidecars(
  v: PropsValidator,
  props: HardenedFargateServiceOptions & { readonly serviceConnect?: ServiceConnectOptions },
): void {
  const { tracing } = props;
  const router = props.logRouting?._firelens?.router;
  v.integerInRange('tracing.agentMemoryLimitMiB', tracing?.agentMemoryLimitMiB, 6, 122880);
  const port = props.containerPort ?? 3000;
  if (tracing && !Token.isUnresolved(port) && TRACING_AGENT_PORTS.includes(port)) {
    v.fail(
      `containerPort ${port} is a port of the tracing agent (4316 OTLP over HTTP, 2000 X-Ray sampling); allowed: another port, or no tracing`,
    );
  }
  for (const prop of ['serviceName', 'environmentName'] as const) {
    const value = tracing?.[prop];
    if (isKnown(value) && (value.trim() === '' || /[,=\s]/.test(value))) {
      v.fail(
        `tracing.${prop} ${quoted(value)} is not allowed; allowed: a non-empty name without ',', '=' or white space (it goes into OTEL_RESOURCE_ATTRIBUTES)`,
      );
    }
  }
  const environment = props.environment ?? {};
  if (tracing && environment.OTEL_SERVICE_NAME !== undefined) {
    v.fail(
      `environment OTEL_SERVICE_NAME ${quoted(environment.OTEL_SERVICE_NAME)} would hide the name the dashboard reads; allowed: tracing.serviceName instead`,
    );
  }
  const attributes = environment.OTEL_RESOURCE_ATTRIBUTES;
  if (tracing && isKnown(attributes) && /(^|,)\s*(service\.name|deployment\.environment)\s*=/.test(attributes)) {
    v.fail(
      `environment OTEL_RESOURCE_ATTRIBUTES ${quoted(attributes)} sets service.name or deployment.environment, which the dashboard reads; allowed: other attributes, with tracing.serviceName and tracing.environmentName for those`,
    );
  }
  const proxy = props.serviceConnect !== undefined;
  const shares = [
    ...(tracing ? [tracing.agentMemoryLimitMiB ?? OWN_SIDECAR_MEMORY_MIB] : []),
    ...(router ? [router.routerMemoryLimitMiB ?? OWN_SIDECAR_MEMORY_MIB] : []),
    ...(proxy ? [SERVICE_CONNECT_PROXY_MEMORY_MIB] : []),
  ];
  const memory = props.memoryLimitMiB ?? 512;
  const left = shares.length > 0 ? leftOf(memory, shares) : undefined;
  if (left !== undefined && left < APP_MINIMUM.memoryMiB) {
    const named = [
      tracing ? `tracing agent ${tracing.agentMemoryLimitMiB ?? `(default) ${OWN_SIDECAR_MEMORY_MIB}`}` : '',
      router ? `log router ${router.routerMemoryLimitMiB ?? `(default) ${OWN_SIDECAR_MEMORY_MIB}`}` : '',
      proxy ? `Service Connect proxy ${SERVICE_CONNECT_PROXY_MEMORY_MIB}` : '',
    ].filter((n) => n !== '');
    v.fail(
      `the ${named.join(' and ')} MiB leave the application container ${left} MiB of the task's memoryLimitMiB ${memory}; allowed: at least ${APP_MINIMUM.memoryMiB} MiB left, with a larger memoryLimitMiB or less for them`,
    );
  }
}
