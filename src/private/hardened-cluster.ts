import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createEncryptedLogGroup } from './encrypted-log-group';

export interface HardenedClusterOptions {
  readonly vpc: ec2.IVpc;
  /** Whether ECS Exec sessions are encrypted and audited to a log group of the cluster's. */
  readonly ecsExec?: boolean;
  readonly ephemeralStorageEncryptionKey?: kms.IKey;
}

/** What a cluster created by this library carries, for the services that run in it. */
interface HardenedClusterSettings {
  /** The ECS Exec audit log group, when the cluster audits Exec sessions. */
  readonly execLogGroup?: logs.LogGroup;
  readonly ephemeralStorageEncryptionKey?: kms.IKey;
}

const HARDENED = new WeakMap<ecs.ICluster, HardenedClusterSettings>();

/**
 * A cluster with enhanced Container Insights, the FARGATE and FARGATE_SPOT capacity providers, and
 * optionally ECS Exec auditing (`ExecLogs` and its key under `scope`) and a customer key for ephemeral
 * storage. Creates `Cluster` under `scope`.
 */
export function createHardenedCluster(
  scope: Construct,
  options: HardenedClusterOptions,
): { cluster: ecs.Cluster; execLogGroup?: logs.LogGroup } {
  let executeCommandConfiguration: ecs.ExecuteCommandConfiguration | undefined;
  let execLogGroup: logs.LogGroup | undefined;
  if (options.ecsExec) {
    const audit = createEncryptedLogGroup(scope, 'ExecLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      purpose: 'ECS Exec sessions and their audit log',
    });
    execLogGroup = audit.logGroup;
    executeCommandConfiguration = {
      kmsKey: audit.encryptionKey,
      logging: ecs.ExecuteCommandLogging.OVERRIDE,
      logConfiguration: { cloudWatchLogGroup: audit.logGroup, cloudWatchEncryptionEnabled: true },
    };
  }
  const cluster = new ecs.Cluster(scope, 'Cluster', {
    vpc: options.vpc,
    containerInsightsV2: ecs.ContainerInsights.ENHANCED,
    enableFargateCapacityProviders: true,
    executeCommandConfiguration,
    managedStorageConfiguration: options.ephemeralStorageEncryptionKey
      ? { fargateEphemeralStorageKmsKey: options.ephemeralStorageEncryptionKey }
      : undefined,
  });
  HARDENED.set(cluster, { execLogGroup, ephemeralStorageEncryptionKey: options.ephemeralStorageEncryptionKey });
  return { cluster, execLogGroup };
}

/** The settings of a cluster this library created, or undefined for any other cluster. */
export function hardenedClusterSettings(cluster: ecs.ICluster): HardenedClusterSettings | undefined {
  return HARDENED.get(cluster);
}
