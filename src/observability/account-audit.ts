import { Aws, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessLogBucket } from '../edge/access-log-bucket';
import { acknowledge } from '../private/acknowledge';
import { cloudWatchLogsKeyStatement, createEncryptedLogGroup } from '../private/encrypted-log-group';
import { createKey } from '../private/kms-key';
import { ManagedPolicyRole } from '../private/managed-policy-role';
import { PropsValidator, wholeDaysOf } from '../private/validation';

/** How often GuardDuty sends updates of findings it has already reported (new findings go out within minutes). */
export enum FindingPublishingFrequency {
  /** Every 15 minutes. */
  FIFTEEN_MINUTES = 'FIFTEEN_MINUTES',
  /** Every hour. */
  ONE_HOUR = 'ONE_HOUR',
  /** Every six hours (GuardDuty's own default). */
  SIX_HOURS = 'SIX_HOURS',
}

/** Props for `AccountAudit`. */
export interface AccountAuditProps {
  /**
   * Whether to create a multi-Region CloudTrail trail.
   * @default true
   */
  readonly trail?: boolean;
  /**
   * A bucket for the trail's log files, such as a central log archive; its policy must admit CloudTrail if imported.
   * @default - a new encrypted, versioned, SSL-only bucket with server access logs and a lifecycle
   */
  readonly trailBucket?: s3.IBucket;
  /**
   * The key that encrypts the log files, the new bucket and the log group; an imported key's policy must admit them.
   * @default - a new customer managed key with yearly rotation, kept when the stack is deleted
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * When log files in the new bucket move to S3 Glacier Instant Retrieval (still readable at once, by Athena too).
   * @default Duration.days(90)
   */
  readonly archiveAfter?: Duration;
  /**
   * When log files in the new bucket are deleted.
   * @default Duration.days(365)
   */
  readonly expireAfter?: Duration;
  /**
   * S3 Object Lock for the new bucket's log files (takes effect only when the bucket is created).
   * @default - no Object Lock: log file validation detects changed or deleted log files
   */
  readonly objectLockRetention?: s3.ObjectLockRetention;
  /**
   * How long the trail's events are kept in CloudWatch Logs.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly cloudWatchLogsRetention?: logs.RetentionDays;
  /**
   * Whether to create a GuardDuty detector (one per account and Region: fails if one exists).
   * @default true
   */
  readonly guardDuty?: boolean;
  /**
   * Whether to turn on Runtime Monitoring, GuardDuty's agent as a sidecar in new Fargate tasks (false: left as is).
   * @default true
   */
  readonly fargateRuntimeMonitoring?: boolean;
  /**
   * How often GuardDuty sends updates of existing findings.
   * @default FindingPublishingFrequency.FIFTEEN_MINUTES
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
}

/**
 * Account-wide audit, CloudTrail and GuardDuty: a multi-Region trail with log
 * file validation, encrypted with a customer managed key, into an SSL-only, versioned bucket with a
 * lifecycle and server access logs, and to an encrypted CloudWatch Logs log group; and a GuardDuty
 * detector with Runtime Monitoring for ECS Fargate. Both are per account (a detector per Region), so
 * create this once per account and Region, in a stack of its own, unless the organization provides them.
 *
 * @example
 * new sfws.AccountAudit(this, 'Audit', {
 *   cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR,
 *   findingPublishingFrequency: sfws.FindingPublishingFrequency.FIFTEEN_MINUTES,
 * });
 */
export class AccountAudit extends Construct {
  /**
   * Records the problems of `AccountAuditProps`, naming each prop after `prefix`.
   * @internal
   */
  public static _checkProps(v: PropsValidator, props: AccountAuditProps, prefix = ''): void {
    const p = (name: string) => `${prefix}${name}`;
    const trail = props.trail ?? true;
    const guardDuty = props.guardDuty ?? true;
    if (!trail && !guardDuty) {
      v.fail(
        `${p('trail')} false and ${p('guardDuty')} false leave nothing to create; allowed: at least one of them true`,
      );
    }
    const newBucketOnly: Array<[string, unknown]> = [
      ['archiveAfter', props.archiveAfter],
      ['expireAfter', props.expireAfter],
      ['objectLockRetention', props.objectLockRetention],
    ];
    const trailOnly: Array<[string, unknown]> = [
      ['trailBucket', props.trailBucket],
      ['encryptionKey', props.encryptionKey],
      ...newBucketOnly,
      ['cloudWatchLogsRetention', props.cloudWatchLogsRetention],
    ];
    const detectorOnly: Array<[string, unknown]> = [
      ['fargateRuntimeMonitoring', props.fargateRuntimeMonitoring],
      ['findingPublishingFrequency', props.findingPublishingFrequency],
    ];
    for (const [name, value] of trailOnly) {
      if (!trail && value !== undefined) {
        v.fail(`${p(name)} is set but ${p('trail')} is false; allowed: ${p(name)} with ${p('trail')} true`);
      }
    }
    for (const [name, value] of newBucketOnly) {
      if (trail && props.trailBucket && value !== undefined) {
        v.fail(
          `${p(name)} is set but ${p('trailBucket')} is given, whose own settings apply; allowed: ${p(name)} without ${p('trailBucket')}`,
        );
      }
    }
    for (const [name, value] of detectorOnly) {
      if (!guardDuty && value !== undefined) {
        v.fail(`${p(name)} is set but ${p('guardDuty')} is false; allowed: ${p(name)} with ${p('guardDuty')} true`);
      }
    }
    const archive = wholeDaysOf(v, p('archiveAfter'), props.archiveAfter ?? Duration.days(90), 1);
    const expire = wholeDaysOf(v, p('expireAfter'), props.expireAfter ?? Duration.days(365), 1);
    if (archive !== undefined && expire !== undefined && expire <= archive) {
      v.fail(
        `${p('expireAfter')} ${expire} days is not after ${p('archiveAfter')} ${archive} days; allowed: ${p('expireAfter')} > ${p('archiveAfter')}`,
      );
    }
    if (props.cloudWatchLogsRetention === logs.RetentionDays.INFINITE) {
      v.fail(
        `${p('cloudWatchLogsRetention')} INFINITE keeps trail events forever; allowed: a bounded retention such as ONE_YEAR`,
      );
    }
  }

  /** The trail, unless `trail` is false. */
  public readonly trail?: cloudtrail.Trail;
  /** The bucket the trail writes to: the one given or the new one. */
  public readonly bucket?: s3.IBucket;
  /** The bucket that receives the new trail bucket's server access logs. */
  public readonly accessLogBucket?: s3.IBucket;
  /** The log group that receives the trail's events. */
  public readonly logGroup?: logs.LogGroup;
  /** The key that encrypts the trail's log files, the new bucket and the log group. */
  public readonly encryptionKey?: kms.IKey;
  /** The GuardDuty detector, unless `guardDuty` is false. */
  public readonly detector?: guardduty.CfnDetector;

  constructor(scope: Construct, id: string, props: AccountAuditProps = {}) {
    super(scope, id);
    const v = new PropsValidator('AccountAudit');
    AccountAudit._checkProps(v, props);
    v.throwIfAny();

    if (props.trail ?? true) {
      const trailName = Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });
      const trailArn = Stack.of(this).formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
      // Kept except after a failed create (RETAINED). The bucket is kept even then, holding the few log
      // files of that attempt, which become unreadable when the key's deletion completes: they record
      // only the minutes the failed attempt ran.
      const key =
        props.encryptionKey ??
        createKey(this, 'Key', {
          description: "Encrypts the CloudTrail trail's log files, its bucket and its CloudWatch Logs log group",
        });
      admitTrail(key, trailArn);
      this.encryptionKey = key;
      if (props.trailBucket) {
        this.bucket = props.trailBucket;
      } else {
        const accessLogs = new AccessLogBucket(this, 'AccessLogs');
        this.accessLogBucket = accessLogs.bucket;
        this.bucket = createTrailBucket(this, key, accessLogs.bucket, props);
      }
      this.logGroup = createEncryptedLogGroup(this, 'Logs', {
        retention: props.cloudWatchLogsRetention ?? logs.RetentionDays.ONE_YEAR,
        encryptionKey: key,
        purpose: "the CloudTrail trail's events",
      }).logGroup;

      this.trail = new cloudtrail.Trail(this, 'Trail', {
        trailName,
        bucket: this.bucket,
        encryptionKey: key,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableFileValidation: true,
      });
      // The L2's own CloudWatch Logs role has an inline policy; this one has a managed policy.
      const logsRole = new ManagedPolicyRole(
        this,
        'LogsRole',
        {
          assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
          description: "Lets CloudTrail deliver the trail's events to its log group",
        },
        "CloudTrail's writes to the trail's log group",
      );
      logsRole.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      );
      const cfnTrail = this.trail.node.defaultChild as cloudtrail.CfnTrail;
      cfnTrail.cloudWatchLogsLogGroupArn = this.logGroup.logGroupArn;
      cfnTrail.cloudWatchLogsRoleArn = logsRole.roleArn;
      cfnTrail.node.addDependency(logsRole);
    }

    if (props.guardDuty ?? true) {
      this.detector = new guardduty.CfnDetector(this, 'Detector', {
        enable: true,
        findingPublishingFrequency: props.findingPublishingFrequency ?? FindingPublishingFrequency.FIFTEEN_MINUTES,
        features:
          (props.fargateRuntimeMonitoring ?? true)
            ? [
                {
                  name: 'RUNTIME_MONITORING',
                  status: 'ENABLED',
                  additionalConfiguration: [{ name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' }],
                },
              ]
            : undefined,
      });
    }
  }
}

/**
 * The trail's bucket: KMS-encrypted, SSL-only, versioned, public access blocked, log files moved to
 * Glacier Instant Retrieval and then expired, server access logs to `accessLogs`, kept when the stack is deleted.
 */
function createTrailBucket(
  scope: Construct,
  key: kms.IKey,
  accessLogs: s3.Bucket,
  props: AccountAuditProps,
): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'Bucket', {
    encryption: s3.BucketEncryption.KMS,
    // No S3 Bucket Key: it would change the encryption context that the key policy admits CloudTrail by,
    // and CloudTrail's own key use is free of charge.
    encryptionKey: key,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectLockDefaultRetention: props.objectLockRetention,
    // RETAIN, not RetainExceptOnCreate: CloudTrail writes log files within minutes of the trail's creation,
    // and CloudFormation cannot delete a bucket that holds objects (versions, under Object Lock perhaps), so
    // a rollback that tried would fail (ROLLBACK_FAILED) instead of finishing. Its name is generated: a
    // retry does not collide with it.
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [
      {
        id: 'ArchiveThenExpire',
        transitions: [
          {
            storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
            transitionAfter: props.archiveAfter ?? Duration.days(90),
          },
        ],
        expiration: props.expireAfter ?? Duration.days(365),
        // A log file deleted or overwritten stays recoverable this long.
        noncurrentVersionExpiration: Duration.days(90),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  });
  // Server access logging through the bucket policy (the L2's serverAccessLogsBucket grants ACLs
  // instead unless a feature flag is set, which the access log bucket's enforced ownership refuses).
  accessLogs.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowS3ServerAccessLogDelivery',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [accessLogs.arnForObjects('*')],
      conditions: {
        ArnLike: { 'aws:SourceArn': bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      },
    }),
  );
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  cfnBucket.loggingConfiguration = { destinationBucketName: accessLogs.bucketName };

  const reason =
    "The trail's bucket is not replicated: the multi-Region trail gathers every Region into it, log file " +
    'validation detects a lost or changed log file, and CloudWatch Logs holds a second copy of the events. ' +
    "A copy in another account belongs to the organization's log archive (pass it as trailBucket).";
  for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
    acknowledge(cfnBucket, `${pack}-S3BucketReplicationEnabled`, reason);
  }
  return bucket;
}

/** Lets CloudTrail encrypt the trail's log files, and this account's principals, given IAM permission, decrypt them. */
function admitTrail(key: kms.IKey, trailArn: string): void {
  const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const trailContext = {
    'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*`,
  };
  const statements = [
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToEncryptLogFiles',
      principals: [cloudTrail],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn }, StringLike: trailContext },
    }),
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToDescribeKey',
      principals: [cloudTrail],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
    new iam.PolicyStatement({
      sid: 'AllowThisAccountToDecryptLogFiles',
      principals: [new iam.AccountRootPrincipal()],
      actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID }, StringLike: trailContext },
    }),
    cloudWatchLogsKeyStatement('AllowCloudWatchLogsForThisAccountsLogGroups', '*'),
  ];
  // An imported key is left unchanged (its policy is not ours to edit).
  for (const statement of statements) key.addToResourcePolicy(statement);
}
