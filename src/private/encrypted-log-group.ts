import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createKey } from './kms-key';
import { RETAINED } from './retained';

/** How long a service's container logs are kept unless its props say otherwise. */
export const DEFAULT_SERVICE_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

export interface EncryptedLogGroupOptions {
  /** How long records are kept. */
  readonly retention: logs.RetentionDays;
  /** A key to use; a new one (rotated yearly) otherwise. */
  readonly encryptionKey?: kms.IKey;
  /** What the new key protects, for its description. */
  readonly purpose: string;
  /** A fixed name for the log group. */
  readonly logGroupName?: string;
  /**
   * What happens to the log group, and to a new key, on stack deletion, on replacement and on a failed
   * create. A fixed name needs the default: a log group kept after a failed create would make the retry
   * fail with "already exists".
   * @default RETAINED (RetainExceptOnCreate)
   */
  readonly removalPolicy?: RemovalPolicy;
}

export interface EncryptedLogGroup {
  readonly logGroup: logs.LogGroup;
  readonly encryptionKey: kms.IKey;
}

/**
 * A log group kept on stack deletion (`removalPolicy`), with bounded retention, encrypted with a customer
 * managed KMS key (made by `createKey`) whose policy lets CloudWatch Logs use it for that log group only.
 * An unnamed log group's ARN is known only after it is created, and it needs the key first; but
 * CloudFormation names it `<stack name>-<logical id>-<random suffix>`, so the key admits the ARNs with
 * that prefix, which no other log group can have.
 * Creates `${id}Key` (unless a key is given) and `${id}` under `scope`.
 */
export function createEncryptedLogGroup(
  scope: Construct,
  id: string,
  options: EncryptedLogGroupOptions,
): EncryptedLogGroup {
  if (options.logGroupName !== undefined && options.removalPolicy === RemovalPolicy.RETAIN) {
    throw new Error(
      `Log group ${options.logGroupName} has a fixed name: RemovalPolicy.RETAIN would keep it after a failed create and make the retry fail; use RETAIN_ON_UPDATE_OR_DELETE`,
    );
  }
  const removalPolicy = options.removalPolicy ?? RETAINED;
  // A new key shares the log group's fate: a log group kept while its key is pending deletion is unreadable.
  const key =
    options.encryptionKey ??
    createKey(scope, `${id}Key`, { description: `Encrypts ${options.purpose}`, removalPolicy });
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: options.logGroupName,
    retention: options.retention,
    encryptionKey: key,
    removalPolicy,
  });
  if (!options.encryptionKey) {
    const logicalId = Stack.of(logGroup).getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup);
    const name = options.logGroupName ?? `${Aws.STACK_NAME}-${logicalId}-*`;
    key.addToResourcePolicy(cloudWatchLogsKeyStatement('AllowCloudWatchLogsForThisLogGroup', name));
  }
  return { logGroup, encryptionKey: key };
}

/**
 * The key policy statement that lets CloudWatch Logs of this account and Region use a key for the log groups
 * whose names match `logGroupNames` (a name, or a pattern with `*`), and for no other.
 */
export function cloudWatchLogsKeyStatement(sid: string, logGroupNames: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${logGroupNames}`,
      },
    },
  });
}
