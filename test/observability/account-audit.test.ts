import { CfnElement, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { AccountAudit, AccountAuditProps, FindingPublishingFrequency } from '../../src/observability/account-audit';
import { DENY_GRANTS_STATEMENT } from '../private/deny-grants-statement';
import { testStack } from '../util';

function build(props: AccountAuditProps = {}, stack: Stack = testStack()) {
  const audit = new AccountAudit(stack, 'Audit', props);
  return { stack, audit, template: Template.fromStack(stack) };
}

/** The logical id of the CloudFormation resource at `path` below `root`, such as `Key/Resource`. */
function idAt(root: IConstruct, path: string): string {
  const resource = path.split('/').reduce((scope: IConstruct, id) => scope.node.findChild(id), root);
  return Stack.of(root).getLogicalId(resource as CfnElement);
}

const trailArn = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':cloudtrail:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      Match.stringLikeRegexp('^:trail/Test-Audit-[A-F0-9]{8}$'),
    ],
  ],
};
const trailContext = {
  'kms:EncryptionContext:aws:cloudtrail:arn': {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:*:', { Ref: 'AWS::AccountId' }, ':trail/*']],
  },
};

describe('AccountAudit', () => {
  test('default: a trail with its key, bucket, access log bucket, log group and role, and a detector', () => {
    const { audit, template } = build();
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.resourceCountIs('AWS::GuardDuty::Detector', 1);
    template.resourceCountIs('AWS::IAM::Policy', 0); // no inline policy
    expect(audit.trail).toBeDefined();
    expect(audit.bucket).toBeDefined();
    expect(audit.accessLogBucket).toBeDefined();
    expect(audit.logGroup).toBeDefined();
    expect(audit.encryptionKey).toBeDefined();
    expect(audit.detector).toBeDefined();
  });

  test('the logical ids of the stateful resources are pinned', () => {
    const { template } = build();
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toEqual(['AuditKey2ED08D30']);
    expect(Object.keys(template.findResources('AWS::S3::Bucket')).sort()).toEqual([
      'AuditAccessLogsBucketCFC322AF',
      'AuditBucket7486E833',
    ]);
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup'))).toEqual(['AuditLogsA35F3E1F']);
    expect(Object.keys(template.findResources('AWS::CloudTrail::Trail'))).toEqual(['AuditTrail90B6CA04']);
    expect(Object.keys(template.findResources('AWS::GuardDuty::Detector'))).toEqual(['AuditDetectorF079B03F']);
  });

  test('the trail: multi-Region, global service events, log file validation, KMS, CloudWatch Logs', () => {
    const { audit, template } = build();
    const key = idAt(audit, 'Key/Resource');
    const bucket = idAt(audit, 'Bucket/Resource');
    const logGroup = idAt(audit, 'Logs/Resource');
    const role = idAt(audit, 'LogsRole/Resource');
    const policy = idAt(audit, 'LogsRole/Policy/Resource');
    template.hasResource('AWS::CloudTrail::Trail', {
      Properties: {
        TrailName: Match.stringLikeRegexp('^Test-Audit-[A-F0-9]{8}$'),
        IsLogging: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        KMSKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        S3BucketName: { Ref: bucket },
        CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [logGroup, 'Arn'] },
        CloudWatchLogsRoleArn: { 'Fn::GetAtt': [role, 'Arn'] },
      },
    });
    const [trail] = Object.values(template.findResources('AWS::CloudTrail::Trail'));
    expect(trail.DependsOn).toEqual(expect.arrayContaining([role, policy]));
  });

  test("CloudTrail's log group role has only a managed policy, for that log group", () => {
    const { audit, template } = build();
    const logGroup = idAt(audit, 'Logs/Resource');
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' } }],
      },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
          },
        ],
      },
    });
  });

  test('the key: rotated, kept except after a failed create, admits CloudTrail for this trail only, CloudWatch Logs and readers here', () => {
    const { template } = build();
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowCloudTrailToEncryptLogFiles',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceArn': trailArn }, StringLike: trailContext },
          },
          {
            Sid: 'AllowCloudTrailToDescribeKey',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:DescribeKey',
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
          },
          {
            Sid: 'AllowThisAccountToDecryptLogFiles',
            Effect: 'Allow',
            Principal: { AWS: Match.anyValue() },
            Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:CallerAccount': { Ref: 'AWS::AccountId' } }, StringLike: trailContext },
          },
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsForThisAccountsLogGroups',
            Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', Match.arrayWith([':log-group:*'])] },
              },
            },
          }),
        ]),
      },
    });
  });

  test('the bucket: KMS without a bucket key, private, owner-enforced, versioned, SSL-only, retained, access-logged', () => {
    const { audit, template } = build();
    const key = idAt(audit, 'Key/Resource');
    const bucket = idAt(audit, 'Bucket/Resource');
    const accessLogs = idAt(audit, 'AccessLogs/Bucket/Resource');
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: Match.absent(),
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [key, 'Arn'] },
              },
            },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: accessLogs } },
        ObjectLockEnabled: Match.absent(),
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
          Match.objectLike({ Action: 's3:PutObject', Principal: { Service: 'cloudtrail.amazonaws.com' } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: accessLogs },
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowS3ServerAccessLogDelivery',
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [accessLogs, 'Arn'] }, '/*']] },
            Condition: {
              ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [bucket, 'Arn'] } },
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            },
          },
        ]),
      },
    });
  });

  test('default lifecycle: Glacier Instant Retrieval after 90 days, deleted after 365, old versions after 90', () => {
    build().template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: Match.objectLike({}),
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'ArchiveThenExpire',
            Status: 'Enabled',
            Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
            ExpirationInDays: 365,
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      },
      LoggingConfiguration: Match.anyValue(),
    });
  });

  test('archiveAfter and expireAfter override the lifecycle', () => {
    build({ archiveAfter: Duration.days(30), expireAfter: Duration.days(2555) }).template.hasResourceProperties(
      'AWS::S3::Bucket',
      {
        LoggingConfiguration: Match.anyValue(),
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 30 }],
              ExpirationInDays: 2555,
            }),
          ],
        },
      },
    );
  });

  test('objectLockRetention turns on Object Lock with that default retention', () => {
    build({
      objectLockRetention: s3.ObjectLockRetention.compliance(Duration.days(365)),
    }).template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } },
      },
    });
  });

  test('the log group: encrypted with the key, kept a year by default, kept on deletion but not after a failed create', () => {
    const { audit, template } = build();
    const key = idAt(audit, 'Key/Resource');
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] }, RetentionInDays: 365 },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the new key denies grants except to AWS services (CT.KMS.PR.3); CloudTrail, S3 and CloudWatch Logs need none', () => {
    build().template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([DENY_GRANTS_STATEMENT]) },
    });
  });

  test('both buckets stay even after a failed create: CloudFormation cannot delete a bucket that holds objects', () => {
    const buckets = Object.values(build().template.findResources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) {
      expect([bucket.DeletionPolicy, bucket.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
  });

  test('cloudWatchLogsRetention overrides the retention', () => {
    build({ cloudWatchLogsRetention: logs.RetentionDays.TWO_YEARS }).template.hasResourceProperties(
      'AWS::Logs::LogGroup',
      { RetentionInDays: 731 },
    );
  });

  test('trailBucket: the trail writes there, and no bucket is created here', () => {
    const stack = testStack();
    const central = new s3.Bucket(stack, 'Central');
    const { audit, template } = build({ trailBucket: central }, stack);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    const centralId = idAt(stack, 'Central/Resource');
    template.hasResourceProperties('AWS::CloudTrail::Trail', { S3BucketName: { Ref: centralId } });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: centralId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:GetBucketAcl', Principal: { Service: 'cloudtrail.amazonaws.com' } }),
        ]),
      },
    });
    expect(audit.bucket).toBe(central);
    expect(audit.accessLogBucket).toBeUndefined();
  });

  test('encryptionKey: used for the trail and the log group, and given the key policy statements', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Shared', { enableKeyRotation: true });
    const { audit, template } = build({ encryptionKey: key }, stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    const keyId = idAt(stack, 'Shared/Resource');
    template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCloudTrailToEncryptLogFiles' })]) },
    });
    expect(audit.encryptionKey).toBe(key);
  });

  test('an imported key is used as it is', () => {
    const stack = testStack();
    const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-west-2:123456789012:key/abcd-1234');
    const { template } = build({ encryptionKey: key }, stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      KMSKeyId: 'arn:aws:kms:us-west-2:123456789012:key/abcd-1234',
    });
  });

  test('trail false: only the detector', () => {
    const { audit, template } = build({ trail: false });
    expect(Object.keys(template.toJSON().Resources)).toEqual(['AuditDetectorF079B03F']);
    expect(audit.trail).toBeUndefined();
    expect(audit.bucket).toBeUndefined();
    expect(audit.logGroup).toBeUndefined();
    expect(audit.encryptionKey).toBeUndefined();
  });

  test('guardDuty false: no detector', () => {
    const { audit, template } = build({ guardDuty: false });
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
    expect(audit.detector).toBeUndefined();
  });

  test('the detector: enabled, updates every 15 minutes, Runtime Monitoring with the Fargate agent managed', () => {
    build().template.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      Features: [
        {
          Name: 'RUNTIME_MONITORING',
          Status: 'ENABLED',
          AdditionalConfiguration: [{ Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' }],
        },
      ],
    });
  });

  test('findingPublishingFrequency and fargateRuntimeMonitoring override the detector', () => {
    build({
      findingPublishingFrequency: FindingPublishingFrequency.SIX_HOURS,
      fargateRuntimeMonitoring: false,
    }).template.hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      FindingPublishingFrequency: 'SIX_HOURS',
      Features: Match.absent(),
    });
  });

  test.each<[string, () => AccountAuditProps, string]>([
    [
      'nothing to create',
      () => ({ trail: false, guardDuty: false }),
      'trail false and guardDuty false leave nothing to create; allowed: at least one of them true',
    ],
    [
      'trail options without a trail',
      () => ({ trail: false, cloudWatchLogsRetention: logs.RetentionDays.ONE_MONTH }),
      'cloudWatchLogsRetention is set but trail is false; allowed: cloudWatchLogsRetention with trail true',
    ],
    [
      'a key without a trail',
      () => ({ trail: false, encryptionKey: kms.Key.fromKeyArn(new Stack(), 'K', 'arn:aws:kms:us-west-2:1:key/k') }),
      'encryptionKey is set but trail is false; allowed: encryptionKey with trail true',
    ],
    [
      'a lifecycle with trailBucket',
      () => ({ trailBucket: s3.Bucket.fromBucketName(new Stack(), 'B', 'central'), expireAfter: Duration.days(400) }),
      'expireAfter is set but trailBucket is given, whose own settings apply; allowed: expireAfter without trailBucket',
    ],
    [
      'Object Lock with trailBucket',
      () => ({
        trailBucket: s3.Bucket.fromBucketName(new Stack(), 'B', 'central'),
        objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(30)),
      }),
      'objectLockRetention is set but trailBucket is given, whose own settings apply; allowed: objectLockRetention without trailBucket',
    ],
    [
      'detector options without a detector',
      () => ({ guardDuty: false, findingPublishingFrequency: FindingPublishingFrequency.ONE_HOUR }),
      'findingPublishingFrequency is set but guardDuty is false; allowed: findingPublishingFrequency with guardDuty true',
    ],
    [
      'runtime monitoring without a detector',
      () => ({ guardDuty: false, fargateRuntimeMonitoring: true }),
      'fargateRuntimeMonitoring is set but guardDuty is false; allowed: fargateRuntimeMonitoring with guardDuty true',
    ],
    [
      'a fraction of a day',
      () => ({ archiveAfter: Duration.hours(36) }),
      'archiveAfter 1 day 12 hours is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'zero days',
      () => ({ expireAfter: Duration.days(0) }),
      'expireAfter 0 days is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'expiry before archiving',
      () => ({ archiveAfter: Duration.days(400) }),
      'expireAfter 365 days is not after archiveAfter 400 days; allowed: expireAfter > archiveAfter',
    ],
    [
      'expiry on the day of archiving',
      () => ({ archiveAfter: Duration.days(30), expireAfter: Duration.days(30) }),
      'expireAfter 30 days is not after archiveAfter 30 days; allowed: expireAfter > archiveAfter',
    ],
    [
      'logs kept forever',
      () => ({ cloudWatchLogsRetention: logs.RetentionDays.INFINITE }),
      'cloudWatchLogsRetention INFINITE keeps trail events forever; allowed: a bounded retention such as ONE_YEAR',
    ],
  ])('rejects %s', (_name, props, message) => {
    expect(() => build(props())).toThrow(message);
  });

  test('reports every problem at once', () => {
    expect(() =>
      build({ trail: false, guardDuty: false, archiveAfter: Duration.days(1), fargateRuntimeMonitoring: false }),
    ).toThrow(
      [
        'Invalid AccountAudit props:',
        '  - trail false and guardDuty false leave nothing to create; allowed: at least one of them true',
        '  - archiveAfter is set but trail is false; allowed: archiveAfter with trail true',
        '  - fargateRuntimeMonitoring is set but guardDuty is false; allowed: fargateRuntimeMonitoring with guardDuty true',
      ].join('\n'),
    );
  });

  test('durations known only at deploy time pass unchecked', () => {
    const days = Lazy.number({ produce: () => 400 });
    expect(() => build({ archiveAfter: Duration.days(days), expireAfter: Duration.days(1) })).not.toThrow();
  });

  test('property: whole-day lifecycles are accepted exactly when expiry comes after archiving', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3650 }), fc.integer({ min: 1, max: 3650 }), (archive, expire) => {
        const attempt = () => build({ archiveAfter: Duration.days(archive), expireAfter: Duration.days(expire) });
        if (expire > archive) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(/is not after archiveAfter/);
      }),
      { numRuns: 25 },
    );
  });
});
