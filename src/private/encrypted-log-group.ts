import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
  /** A fixed name for the log group. */
  readonly logGroupName?: string;
}

export interface EncryptedLogGroup {
  readonly logGroup: logs.LogGroup;
  readonly encryptionKey: kms.IKey;
}

/**
 * A retained log group with bounded retention, encrypted with a customer managed KMS key whose
 * policy lets CloudWatch Logs use it for that log group only. An unnamed log group's ARN is known only
 * after it is created, and it needs the key first; but CloudFormation names it
 * `<stack name>-<logical id>-<random suffix>`, so the key admits the ARNs with that prefix, which no other
 * log group can have.
 * Creates `${id}Key` (unless a key is given) and `${id}` under `scope`.
 */
export function createEncryptedLogGroup(
  scope: Construct,
  id: string,
  options: EncryptedLogGroupOptions,
): EncryptedLogGroup {
  const key =
    options.encryptionKey ??
    new kms.Key(scope, `${id}Key`, {
      description: `Encrypts ${options.purpose}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: options.logGroupName,
    retention: options.retention,
    encryptionKey: key,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  if (!options.encryptionKey) {
    const logicalId = Stack.of(logGroup).getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup);
    const name = options.logGroupName ?? `${Aws.STACK_NAME}-${logicalId}-*`;
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForThisLogGroup',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${name}`,
          },
        },
      }),
    );
  }
  return { logGroup, encryptionKey: key };
}
