/**
 * EFS volumes (`addEfsVolume`, `EfsVolume`): the new file system's settings, the access point, the mount, IAM
 * authorization and TLS, the security-group rules between the tasks and the mount targets, a file system given,
 * and the pinned logical ids. The bad inputs are catalogued in efs-volume.validation.test.ts.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as kms from 'aws-cdk-lib/aws-kms';
import { EfsVolume, EfsVolumeOptions, HardenedFargateService, HardenedFargateServiceProps } from '../../src';
import { formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { testStack } from '../util';

const APP_IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0');

/** A service with one EFS volume 'Uploads' at /srv/uploads (or `options`), in a fresh stack. */
function build(options: Partial<EfsVolumeOptions> = {}, service: Partial<HardenedFargateServiceProps> = {}) {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const block = new HardenedFargateService(stack, 'Service', { vpc, image: APP_IMAGE, ...service });
  const volume = block.addEfsVolume('Uploads', { containerPath: '/srv/uploads', ...options });
  return { stack, vpc, block, volume, template: Template.fromStack(stack) };
}

function taskDefinitionOf(template: Template): Record<string, any> {
  const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
  return task.Properties;
}

describe('addEfsVolume: a new file system', () => {
  test('encrypted, backed up, Elastic throughput, lifecycle to Infrequent Access, kept on delete', () => {
    const { template } = build();
    template.hasResource('AWS::EFS::FileSystem', {
      Properties: Match.objectLike({
        Encrypted: true,
        BackupPolicy: { Status: 'ENABLED' },
        ThroughputMode: 'elastic',
        PerformanceMode: 'generalPurpose',
        LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }, { TransitionToPrimaryStorageClass: 'AFTER_1_ACCESS' }],
        KmsKeyId: Match.absent(),
      }),
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('its policy allows nothing, and denies connections without TLS or outside an access point', () => {
    const { template } = build();
    const [fileSystem] = Object.values(template.findResources('AWS::EFS::FileSystem'));
    expect(fileSystem.Properties.FileSystemPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyWithoutTls',
          Effect: 'Deny',
          Action: '*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'DenyWithoutAccessPoint',
          Effect: 'Deny',
          Action: [
            'elasticfilesystem:ClientMount',
            'elasticfilesystem:ClientWrite',
            'elasticfilesystem:ClientRootAccess',
          ],
          Principal: { AWS: '*' },
          Condition: { Null: { 'elasticfilesystem:AccessPointArn': 'true' } },
        },
      ],
    });
  });

  test('one mount target per Availability Zone where the VPC has two private subnet groups', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'App', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'Data', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    new HardenedFargateService(stack, 'Service', { vpc, image: APP_IMAGE }).addEfsVolume('Data', {
      containerPath: '/data',
    });
    Template.fromStack(stack).resourceCountIs('AWS::EFS::MountTarget', 2);
  });

  test('mount targets in the tasks subnets, one per Availability Zone', () => {
    const { template, vpc } = build();
    template.resourceCountIs('AWS::EFS::MountTarget', vpc.privateSubnets.length);
    const subnets = Object.values(template.findResources('AWS::EFS::MountTarget')).map(
      (m) => m.Properties.SubnetId.Ref,
    );
    const stack = Stack.of(vpc);
    expect(subnets.sort()).toEqual(
      vpc.privateSubnets.map((s) => stack.getLogicalId(s.node.defaultChild as ec2.CfnSubnet)).sort(),
    );
  });

  test('an access point rooted at /<name>, writing as the container user 1000:1000', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::EFS::AccessPoint', {
      PosixUser: { Uid: '1000', Gid: '1000' },
      RootDirectory: { Path: '/Uploads', CreationInfo: { OwnerUid: '1000', OwnerGid: '1000', Permissions: '750' } },
    });
  });

  test('a numeric container user becomes the access point user', () => {
    const { template } = build({}, { user: '1500:1600' });
    template.hasResourceProperties('AWS::EFS::AccessPoint', {
      PosixUser: { Uid: '1500', Gid: '1600' },
      RootDirectory: Match.objectLike({ CreationInfo: { OwnerUid: '1500', OwnerGid: '1600', Permissions: '750' } }),
    });
  });

  test('posixUser overrides the container user', () => {
    const { template } = build({ posixUser: { uid: '2000', gid: '2000' } }, { user: '1500' });
    template.hasResourceProperties('AWS::EFS::AccessPoint', { PosixUser: { Uid: '2000', Gid: '2000' } });
  });

  test('the volume uses TLS and IAM authorization through the access point, and the app mounts it', () => {
    const { template, stack, volume } = build();
    const task = taskDefinitionOf(template);
    expect(task.Volumes).toContainEqual({
      Name: 'efs-Uploads',
      EFSVolumeConfiguration: {
        FilesystemId: { Ref: stack.getLogicalId(volume.fileSystem.node.defaultChild as efs.CfnFileSystem) },
        TransitEncryption: 'ENABLED',
        AuthorizationConfig: {
          AccessPointId: { Ref: stack.getLogicalId(volume.accessPoint.node.defaultChild as efs.CfnAccessPoint) },
          IAM: 'ENABLED',
        },
      },
    });
    const app = (task.ContainerDefinitions as Array<Record<string, any>>).find((c) => c.Name === 'App')!;
    expect(app.MountPoints).toContainEqual({
      SourceVolume: 'efs-Uploads',
      ContainerPath: '/srv/uploads',
      ReadOnly: false,
    });
  });

  test('the task role may mount and write through the access point only', () => {
    const { template, stack, volume } = build();
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
            Resource: stack.resolve(volume.fileSystem.fileSystemArn),
            Condition: {
              StringEquals: { 'elasticfilesystem:AccessPointArn': stack.resolve(volume.accessPoint.accessPointArn) },
            },
          },
        ]),
      },
      Roles: [stack.resolve((volume.node.scope as HardenedFargateService).taskDefinition.taskRole.roleName)],
    });
  });

  test('NFS from the service security group in, and out to the file system group only', () => {
    const { template, stack, block, volume } = build();
    const serviceGroup = stack.getLogicalId(block.securityGroup.node.defaultChild as ec2.CfnSecurityGroup);
    const fileSystemGroup = stack.resolve(volume.fileSystem.connections.securityGroups[0].securityGroupId);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 2049,
      ToPort: 2049,
      GroupId: fileSystemGroup,
      SourceSecurityGroupId: { 'Fn::GetAtt': [serviceGroup, 'GroupId'] },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      IpProtocol: 'tcp',
      FromPort: 2049,
      ToPort: 2049,
      GroupId: { 'Fn::GetAtt': [serviceGroup, 'GroupId'] },
      DestinationSecurityGroupId: fileSystemGroup,
    });
  });

  test('the service waits for the file system, its mount targets, the access point and both NFS rules', () => {
    const { template, stack, block, volume } = build();
    const [service] = Object.values(template.findResources('AWS::ECS::Service'));
    const dependsOn = service.DependsOn as string[];
    const ids = (type: string) => Object.keys(template.findResources(type));
    for (const id of [
      ...ids('AWS::EFS::MountTarget'),
      ...ids('AWS::EFS::AccessPoint'),
      ...ids('AWS::EC2::SecurityGroupIngress'),
      ...ids('AWS::EC2::SecurityGroupEgress'),
      stack.getLogicalId(volume.fileSystem.node.defaultChild as efs.CfnFileSystem),
    ]) {
      expect(dependsOn).toContain(id);
    }
    expect(block.service.node.dependencies).toContain(volume);
  });

  test('readOnly mounts read-only and grants no write', () => {
    const { template } = build({ readOnly: true });
    const app = (taskDefinitionOf(template).ContainerDefinitions as Array<Record<string, any>>).find(
      (c) => c.Name === 'App',
    )!;
    expect(app.MountPoints).toContainEqual({
      SourceVolume: 'efs-Uploads',
      ContainerPath: '/srv/uploads',
      ReadOnly: true,
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'elasticfilesystem:ClientMount' })]) },
    });
    expect(JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy'))).not.toContain(
      'elasticfilesystem:ClientWrite',
    );
  });

  test('automaticBackups false, an encryption key and a removal policy apply', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key');
    const block = new HardenedFargateService(stack, 'Service', { vpc: new ec2.Vpc(stack, 'Vpc'), image: APP_IMAGE });
    block.addEfsVolume('Cache', {
      containerPath: '/cache',
      automaticBackups: false,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Template.fromStack(stack).hasResource('AWS::EFS::FileSystem', {
      Properties: Match.objectLike({
        BackupPolicy: Match.absent(),
        KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
      }),
      DeletionPolicy: 'Delete',
    });
  });

  test('the logical ids of the file system and the access point are pinned', () => {
    const { stack, volume } = build();
    expect(stack.getLogicalId(volume.fileSystem.node.defaultChild as efs.CfnFileSystem)).toBe(
      'ServiceUploadsFileSystemD8F2B0BC',
    );
    expect(stack.getLogicalId(volume.accessPoint.node.defaultChild as efs.CfnAccessPoint)).toBe(
      'ServiceUploadsAccessPoint1E103241',
    );
  });

  test('mount() mounts the same volume in a sidecar', () => {
    const stack = testStack();
    const block = new HardenedFargateService(stack, 'Service', { vpc: new ec2.Vpc(stack, 'Vpc'), image: APP_IMAGE });
    const volume = block.addEfsVolume('Shared', { containerPath: '/shared' });
    const agent = block.addSidecar('agent', { image: APP_IMAGE });
    volume.mount(agent, '/data');
    const containers = taskDefinitionOf(Template.fromStack(stack)).ContainerDefinitions as Array<Record<string, any>>;
    expect(containers.find((c) => c.Name === 'agent')!.MountPoints).toContainEqual({
      SourceVolume: 'efs-Shared',
      ContainerPath: '/data',
      ReadOnly: false,
    });
  });
});

describe('addEfsVolume under cdk-nag', () => {
  test.each(installedNagModules())(
    '%s: with backups on, the backup-plan rules are acknowledged and nothing else is found',
    (nagModule) => {
      const { volume } = build();
      expect(formatFindings(nagFindings(volume, { module: nagModule }))).toEqual([]);
    },
  );

  test.each(installedNagModules())('%s: with backups off, the backup-plan rules find it', (nagModule) => {
    const { volume } = build({ automaticBackups: false });
    const ids = nagFindings(volume, { module: nagModule }).map((f) => f.ruleId);
    expect(ids.sort()).toEqual(['HIPAA.Security-EFSInBackupPlan', 'NIST.800.53.R5-EFSInBackupPlan']);
  });
});

describe('addEfsVolume: a file system given', () => {
  function withGiven(accessPoint: boolean) {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const group = ec2.SecurityGroup.fromSecurityGroupId(stack, 'FsGroup', 'sg-0123456789abcdef0');
    const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
      fileSystemId: 'fs-0123456789abcdef0',
      securityGroup: group,
    });
    const given = accessPoint
      ? efs.AccessPoint.fromAccessPointAttributes(stack, 'Ap', { accessPointId: 'fsap-0123456789abcdef0', fileSystem })
      : undefined;
    const block = new HardenedFargateService(stack, 'Service', { vpc, image: APP_IMAGE });
    const volume = block.addEfsVolume('Media', { containerPath: '/media', fileSystem, accessPoint: given });
    return { stack, block, volume, template: Template.fromStack(stack) };
  }

  test('creates no file system; mounts it through a new access point', () => {
    const { template } = withGiven(false);
    template.resourceCountIs('AWS::EFS::FileSystem', 0);
    template.resourceCountIs('AWS::EFS::MountTarget', 0);
    template.hasResourceProperties('AWS::EFS::AccessPoint', {
      FileSystemId: 'fs-0123456789abcdef0',
      RootDirectory: Match.objectLike({ Path: '/Media' }),
    });
  });

  test('an access point given is used as it is, and the service may go out to the file system group on NFS', () => {
    const { template, stack, block } = withGiven(true);
    template.resourceCountIs('AWS::EFS::AccessPoint', 0);
    const volume = taskDefinitionOf(template).Volumes.find((v: any) => v.Name === 'efs-Media');
    expect(volume.EFSVolumeConfiguration).toEqual({
      FilesystemId: 'fs-0123456789abcdef0',
      TransitEncryption: 'ENABLED',
      AuthorizationConfig: { AccessPointId: 'fsap-0123456789abcdef0', IAM: 'ENABLED' },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      FromPort: 2049,
      GroupId: {
        'Fn::GetAtt': [stack.getLogicalId(block.securityGroup.node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'],
      },
      DestinationSecurityGroupId: 'sg-0123456789abcdef0',
    });
  });
});

describe('EfsVolume on its own', () => {
  test('with service, the service waits for the mount targets; without, it does not', () => {
    for (const withService of [true, false]) {
      const stack = testStack();
      const block = new HardenedFargateService(stack, 'Service', { vpc: new ec2.Vpc(stack, 'Vpc'), image: APP_IMAGE });
      new EfsVolume(stack, 'Data', {
        vpc: block.cluster.vpc,
        taskDefinition: block.taskDefinition,
        container: block.container,
        securityGroup: block.securityGroup,
        service: withService ? block.service : undefined,
        containerPath: '/data',
      });
      const template = Template.fromStack(stack);
      const [service] = Object.values(template.findResources('AWS::ECS::Service'));
      const mountTargets = Object.keys(template.findResources('AWS::EFS::MountTarget'));
      const waits = mountTargets.every((id) => ((service.DependsOn as string[]) ?? []).includes(id));
      expect(waits).toBe(withService);
    }
  });

  test('mounts into any Fargate task definition and container', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    const container = taskDefinition.addContainer('web', { image: APP_IMAGE });
    const securityGroup = new ec2.SecurityGroup(stack, 'Group', { vpc, allowAllOutbound: false });
    new EfsVolume(stack, 'Data', { vpc, taskDefinition, container, securityGroup, containerPath: '/data' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EFS::FileSystem', 1);
    template.hasResourceProperties('AWS::EFS::AccessPoint', { PosixUser: { Uid: '1000', Gid: '1000' } });
    expect(taskDefinitionOf(template).ContainerDefinitions[0].MountPoints).toEqual([
      { SourceVolume: 'efs-Data', ContainerPath: '/data', ReadOnly: false },
    ]);
  });
});
