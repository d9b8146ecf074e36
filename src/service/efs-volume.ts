import { Annotations, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledge } from '../private/acknowledge';
import { RETAINED } from '../private/retained';
import { taskSubnetsOf } from '../private/subnets';
import { isKnown, PropsValidator, quoted } from '../private/validation';

/**
 * The settings of an Amazon EFS volume of a service (`addEfsVolume`): shared files that outlive the tasks.
 */
export interface EfsVolumeOptions {
  /** The absolute path in the container where the file system is mounted, such as `/data`. */
  readonly containerPath: string;

  /**
   * A file system to mount instead of a new one. Its security group gets the rule that admits the service on NFS
   * (port 2049), where the file system's security group can be changed from this stack.
   * @default - a new file system: encrypted, with automatic backups, Elastic throughput and TLS required
   */
  readonly fileSystem?: efs.IFileSystem;

  /**
   * The access point the tasks mount through.
   * @default - a new access point on the file system, rooted at `/<name>` and owned by `posixUser`
   */
  readonly accessPoint?: efs.IAccessPoint;

  /**
   * Whether the container mounts the file system read-only (the task role is then granted no write either).
   * @default false
   */
  readonly readOnly?: boolean;

  /**
   * The POSIX user and group the new access point writes as, whatever user the container runs as.
   * @default - with `addEfsVolume`, the application container's `user` when it is numeric (`uid` or `uid:gid`); else 1000:1000
   */
  readonly posixUser?: efs.PosixUser;

  /**
   * Whether AWS Backup backs a new file system up every day, keeping each backup 35 days (EFS's automatic
   * backups; the aws-cdk-lib default is off).
   * @default true
   */
  readonly automaticBackups?: boolean;

  /**
   * The KMS key a new file system is encrypted with.
   * @default - the AWS managed key aws/elasticfilesystem
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to a new file system when it leaves the stack: by default it is kept (on stack deletion and
   * replacement), and deleted only when the stack operation that created it rolls back.
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Props for `EfsVolume`. */
export interface EfsVolumeProps extends EfsVolumeOptions {
  /** The VPC of the tasks; a new file system gets a mount target in each subnet of `vpcSubnets`. */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets of the tasks, where a new file system's mount targets go.
   * @default - the VPC's private subnets with egress, or else its isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /** The task definition that gets the volume; its task role is granted the mount. */
  readonly taskDefinition: ecs.FargateTaskDefinition;

  /** The container that mounts the volume at `containerPath`. */
  readonly container: ecs.ContainerDefinition;

  /** The tasks' security group: allowed out to the file system on NFS, and in at the file system. */
  readonly securityGroup: ec2.ISecurityGroup;

  /**
   * The service whose tasks mount the volume: it is made to wait for the file system's mount targets, the access
   * point and the NFS rules, so that the first tasks (and those of the deployment that adds the volume) can mount.
   * @default - none: make the service depend on the volume yourself
   */
  readonly service?: ecs.FargateService;
}

/** The volume name rule: ECS allows letters, digits, '-' and '_'; the name also names constructs. */
const VOLUME_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/**
 * An Amazon EFS file system mounted in a Fargate task: through an access point, with IAM authorization (the
 * task role may mount through that access point only) and TLS in transit, and NFS allowed between the tasks'
 * security group and the file system's. A new file system is encrypted at rest, backed up daily by AWS Backup,
 * uses Elastic throughput and moves files not read for 30 days to Infrequent Access; its policy refuses
 * connections without TLS or outside an access point, and allows nothing itself, so that only the identities
 * IAM allows (the task role) can mount it.
 *
 * @example
 * declare const service: sfws.HardenedFargateService;
 *
 * // The same as service.addEfsVolume('Uploads', { containerPath: '/srv/uploads' }):
 * new sfws.EfsVolume(this, 'Uploads', {
 *   vpc: service.cluster.vpc,
 *   taskDefinition: service.taskDefinition,
 *   container: service.container,
 *   securityGroup: service.securityGroup,
 *   service: service.service,
 *   containerPath: '/srv/uploads',
 * });
 */
export class EfsVolume extends Construct {
  /**
   * Records the problems of the volume's options.
   * @internal
   */
  public static _checkProps(v: PropsValidator, name: string, options: EfsVolumeOptions): void {
    if (isKnown(name) && !VOLUME_NAME.test(name)) {
      v.fail(`name ${quoted(name)} is not allowed; allowed: 1 to 64 letters and digits, starting with a letter`);
    }
    const path = options.containerPath;
    if (isKnown(path) && (!path.startsWith('/') || path === '/')) {
      v.fail(`containerPath ${quoted(path)} is not an absolute path below '/'; allowed: such as '/data'`);
    }
    if (options.accessPoint && !options.fileSystem) {
      v.fail('accessPoint given without fileSystem; allowed: the access point with its fileSystem, or neither');
    }
    if (options.fileSystem) {
      const forNew = (['automaticBackups', 'encryptionKey', 'removalPolicy'] as const).filter(
        (prop) => options[prop] !== undefined,
      );
      if (forNew.length > 0) {
        v.fail(
          `${forNew.join(', ')} apply to a new file system, and fileSystem was given; allowed: set them on that file system, or leave out fileSystem`,
        );
      }
    }
    if (options.accessPoint && options.posixUser) {
      v.fail('posixUser applies to a new access point, and accessPoint was given; allowed: one of them');
    }
    for (const [prop, id] of Object.entries({ uid: options.posixUser?.uid, gid: options.posixUser?.gid })) {
      if (isKnown(id) && !/^\d{1,10}$/.test(id)) {
        v.fail(`posixUser.${prop} ${quoted(id)} is not allowed; allowed: a numeric id such as '1000'`);
      }
    }
  }

  /** The file system: the new one, or the one given. */
  public readonly fileSystem: efs.IFileSystem;

  /** The access point the tasks mount through. */
  public readonly accessPoint: efs.IAccessPoint;

  /** The name of the task definition's volume. */
  public readonly volumeName: string;

  private readonly taskRole: iam.IRole;
  private readonly readOnly: boolean;

  constructor(scope: Construct, id: string, props: EfsVolumeProps) {
    super(scope, id);
    const v = new PropsValidator('EfsVolume');
    EfsVolume._checkProps(v, id, props);
    const vpcSubnets = props.vpcSubnets ?? (props.fileSystem ? undefined : taskSubnetsOf(v, 'vpc', props.vpc));
    v.throwIfAny();
    this.readOnly = props.readOnly ?? false;
    this.taskRole = props.taskDefinition.taskRole;

    this.fileSystem = props.fileSystem ?? this.createFileSystem(props, vpcSubnets);
    this.accessPoint =
      props.accessPoint ??
      new efs.AccessPoint(this, 'AccessPoint', {
        fileSystem: this.fileSystem,
        path: `/${id}`,
        // EFS creates the directory on first mount, owned by the user the access point writes as.
        createAcl: { ownerUid: posixUserOf(props).uid, ownerGid: posixUserOf(props).gid, permissions: '750' },
        posixUser: posixUserOf(props),
      });
    // NFS from the tasks to the mount targets: an egress rule on the service's group, an ingress rule on the file system's.
    this.fileSystem.connections.allowDefaultPortFrom(props.securityGroup, `NFS from the tasks mounting ${id}`);

    this.volumeName = `efs-${id}`;
    props.taskDefinition.addVolume({
      name: this.volumeName,
      efsVolumeConfiguration: {
        fileSystemId: this.fileSystem.fileSystemId,
        transitEncryption: 'ENABLED',
        authorizationConfig: { accessPointId: this.accessPoint.accessPointId, iam: 'ENABLED' },
      },
    });
    this.mount(props.container, props.containerPath);
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: this.readOnly
          ? ['elasticfilesystem:ClientMount']
          : ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resources: [this.fileSystem.fileSystemArn],
        conditions: { StringEquals: { 'elasticfilesystem:AccessPointArn': this.accessPoint.accessPointArn } },
      }),
    );
    if (props.service) {
      props.service.node.addDependency(this, this.fileSystem.mountTargetsAvailable, props.securityGroup);
    }
    if (props.fileSystem && !Token.isUnresolved(props.fileSystem.fileSystemId)) {
      Annotations.of(this).addInfo(
        `The file system ${props.fileSystem.fileSystemId} keeps its own settings: encryption, backups and TLS enforcement are its owner's`,
      );
    }
  }

  /**
   * Mounts the volume in another container of the task as well, such as a sidecar.
   * @param container the container
   * @param containerPath where in that container
   */
  public mount(container: ecs.ContainerDefinition, containerPath: string): void {
    container.addMountPoints({ sourceVolume: this.volumeName, containerPath, readOnly: this.readOnly });
  }

  private createFileSystem(props: EfsVolumeProps, vpcSubnets: ec2.SubnetSelection | undefined): efs.FileSystem {
    const fileSystem = new efs.FileSystem(this, 'FileSystem', {
      vpc: props.vpc,
      // EFS takes one mount target per Availability Zone, whatever subnet groups the VPC has there.
      vpcSubnets: { ...vpcSubnets, onePerAz: true },
      encrypted: true,
      kmsKey: props.encryptionKey,
      enableAutomaticBackups: props.automaticBackups ?? true,
      performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
      throughputMode: efs.ThroughputMode.ELASTIC,
      lifecyclePolicy: efs.LifecyclePolicy.AFTER_30_DAYS,
      outOfInfrequentAccessPolicy: efs.OutOfInfrequentAccessPolicy.AFTER_1_ACCESS,
      // The policy below allows nothing, so that only IAM identities the file system's account allows get in (the
      // task role, through its access point); the L2's anonymous-access statement would allow any principal to
      // write as root through a mount target.
      allowAnonymousAccess: true,
      removalPolicy: props.removalPolicy ?? RETAINED,
    });
    const anyone = [new iam.AnyPrincipal()];
    fileSystem.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyWithoutTls',
        effect: iam.Effect.DENY,
        principals: anyone,
        actions: ['*'],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    fileSystem.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyWithoutAccessPoint',
        effect: iam.Effect.DENY,
        principals: anyone,
        actions: [
          'elasticfilesystem:ClientMount',
          'elasticfilesystem:ClientWrite',
          'elasticfilesystem:ClientRootAccess',
        ],
        conditions: { Null: { 'elasticfilesystem:AccessPointArn': 'true' } },
      }),
    );
    if (props.automaticBackups ?? true) {
      for (const pack of ['HIPAA.Security', 'NIST.800.53.R5']) {
        acknowledge(
          fileSystem.node.defaultChild!,
          `${pack}-EFSInBackupPlan`,
          "The file system's automatic backups are on (BackupPolicy ENABLED): AWS Backup's plan aws/efs/automatic-backup-plan backs it up daily and keeps each backup 35 days; the rule looks only for a backup selection in this stack.",
        );
      }
    }
    return fileSystem;
  }
}

/** The POSIX user a new access point writes as. */
function posixUserOf(props: EfsVolumeProps): efs.PosixUser {
  return props.posixUser ?? { uid: '1000', gid: '1000' };
}
