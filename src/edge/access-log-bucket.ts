import { Aws, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { acknowledge } from '../private/acknowledge';
import { PropsValidator, wholeDaysOf } from '../private/validation';

/**
 * Props for `AccessLogBucket`.
 */
export interface AccessLogBucketProps {
  /**
   * When log objects move to S3 Glacier Flexible Retrieval (whole days, before `expireAfter`).
   * @default Duration.days(30)
   */
  readonly glacierTransitionAfter?: Duration;

  /**
   * When log objects are deleted (whole days, after `glacierTransitionAfter`).
   * @default Duration.days(365)
   */
  readonly expireAfter?: Duration;

  /**
   * Who owns the objects written: CloudFront standard logging needs ACLs (`BUCKET_OWNER_PREFERRED`).
   * @default s3.ObjectOwnership.BUCKET_OWNER_ENFORCED (ACLs disabled)
   */
  readonly objectOwnership?: s3.ObjectOwnership;
}

/**
 * An S3 bucket for access logs of a load balancer or, with ACL ownership, of a CloudFront distribution:
 * encrypted with S3-managed keys (ALB log delivery cannot use KMS keys), public access blocked, SSL
 * enforced, versioned, logs moved to Glacier and then expired, kept when the stack is deleted.
 *
 * The bucket policy grants the ELB log-delivery service principal, so it needs no Region lookup and
 * works in environment-agnostic stacks. In a stack pinned to a Region that predates that principal
 * (before August 2022), the Region's ELB account is granted too.
 *
 * @example
 * const accessLogs = new sfws.AccessLogBucket(this, 'AccessLogs');
 * new sfws.HttpsLoadBalancer(this, 'LoadBalancer', {
 *   vpc: new ec2.Vpc(this, 'Vpc'),
 *   certificate: acm.Certificate.fromCertificateArn(this, 'Cert', 'arn:aws:acm:us-west-2:123456789012:certificate/abc'),
 *   accessLogBucket: accessLogs.bucket,
 * });
 */
export class AccessLogBucket extends Construct {
  /** The bucket. */
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    const glacierTransitionAfter = props.glacierTransitionAfter ?? Duration.days(30);
    const expireAfter = props.expireAfter ?? Duration.days(365);
    validateLifecycle(glacierTransitionAfter, expireAfter);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: props.objectOwnership ?? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      // RETAIN even after a failed create, not RetainExceptOnCreate like the library's log groups, keys and
      // topics: Elastic Load Balancing writes a test object (ELBAccessLogTestFile) as soon as access logging
      // is on, and CloudFormation cannot delete a bucket that holds objects (or versions of them), so a
      // rollback that tried would end in ROLLBACK_FAILED instead of finishing. The name is generated: a
      // retry creates another bucket and does not collide with this one.
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'ArchiveThenExpire',
          transitions: [
            {
              storageClass: s3.StorageClass.GLACIER,
              transitionAfter: glacierTransitionAfter,
            },
          ],
          expiration: expireAfter,
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });

    const reasonNoKms =
      props.objectOwnership === s3.ObjectOwnership.BUCKET_OWNER_PREFERRED
        ? 'CloudFront standard logs are encrypted with S3-managed keys (SSE-S3) by choice: SSE-KMS would need a key whose policy admits CloudFront log delivery, for logs that hold no more than the access logs do.'
        : 'Elastic Load Balancing access log delivery supports only S3-managed encryption (SSE-S3), not KMS keys.';
    const reasonLogBucket =
      'This bucket holds access logs; logging or replicating it would log the logs. Versioning, SSL-only ' +
      'access and blocked public access protect it instead.';
    acknowledge(this.bucket, 'AwsSolutions-S1', reasonLogBucket);
    for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
      acknowledge(this.bucket, `${pack}-S3BucketLoggingEnabled`, reasonLogBucket);
      acknowledge(this.bucket, `${pack}-S3BucketReplicationEnabled`, reasonLogBucket);
      acknowledge(this.bucket, `${pack}-S3DefaultEncryptionKMS`, reasonNoKms);
    }
  }

  /** Lets Elastic Load Balancing write access logs under `prefix`. */
  public grantLogDelivery(prefix: string): void {
    const objects = this.bucket.arnForObjects(`${prefix ? `${prefix}/` : ''}AWSLogs/${Aws.ACCOUNT_ID}/*`);
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowElbLogDelivery',
        principals: [new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [objects],
      }),
    );
    const region = Stack.of(this).region;
    const legacyAccount = Token.isUnresolved(region) ? undefined : RegionInfo.get(region).elbv2Account;
    if (legacyAccount) {
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowElbAccountLogDelivery',
          principals: [new iam.AccountPrincipal(legacyAccount)],
          actions: ['s3:PutObject'],
          resources: [objects],
        }),
      );
    }
  }
}

/**
 * S3 lifecycle rules count whole days: a transition after 0 or more, an expiration after 1 or more and after
 * the transition. Tokens pass unchecked.
 */
function validateLifecycle(glacierTransitionAfter: Duration, expireAfter: Duration): void {
  const v = new PropsValidator('AccessLogBucket');
  const transition = wholeDaysOf(v, 'glacierTransitionAfter', glacierTransitionAfter, 0);
  const expiry = wholeDaysOf(v, 'expireAfter', expireAfter, 1);
  if (transition !== undefined && expiry !== undefined && expiry <= transition) {
    v.fail(
      `expireAfter ${expiry} days is not after glacierTransitionAfter ${transition} days; allowed: expireAfter > glacierTransitionAfter`,
    );
  }
  v.throwIfAny();
}
