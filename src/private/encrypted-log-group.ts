import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface EncryptedLogGroupOptions {
  /** How long records are kept. */
  readonly retention: logs.RetentionDays;
  /** A key to use; a new one (rotated yearly) otherwise. */
  readonly encryptionKey?: kms.IKey;
  /** What the new key protects, for its description. */
  readonly purpose: string;
  /** A fixed name; the new key then admits CloudWatch Logs for that log group only. */
  readonly logGroupName?: string;
}

export interface EncryptedLogGroup {
  readonly logGroup: logs.LogGroup;
  readonly encryptionKey: kms.IKey;
}

/**
 * A retained log group with bounded retention, encrypted with a customer managed KMS key whose
 * policy lets CloudWatch Logs use it only for that log group when it has a fixed name, or else only
 * for log groups of this account and Region (an unnamed log group's ARN is known only after it is
 * created, and the log group needs the key first).
 * Creates `${id}Key` (unless a key is given) and `${id}` under `scope`.
 */
export function createEncryptedLogGroup(
  scope: Construct,
  id: string,
  options: EncryptedLogGroupOptions,
): EncryptedLogGroup {
  let encryptionKey = options.encryptionKey;
  if (!encryptionKey) {
    const key = new kms.Key(scope, `${id}Key`, {
      description: `Encrypts ${options.purpose}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: options.logGroupName
          ? 'AllowCloudWatchLogsForThisLogGroup'
          : 'AllowCloudWatchLogsForThisAccountsLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${options.logGroupName ?? '*'}`,
          },
        },
      }),
    );
    encryptionKey = key;
  }
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: options.logGroupName,
    retention: options.retention,
    encryptionKey,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  return { logGroup, encryptionKey };
}
