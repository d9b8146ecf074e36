import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { RETAINED } from './retained';

export interface KeyOptions {
  /** What the key protects, as its description says it: `Encrypts ...`. */
  readonly description: string;
  /**
   * What happens to the key on stack deletion, on replacement and on a failed create.
   * @default RETAINED (RetainExceptOnCreate)
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The statement id of the grant restriction, so that tests and reviewers can find it. */
export const DENY_GRANTS_SID = 'DenyGrantsExceptForAwsServices';

/**
 * Every KMS key the library creates: a customer managed key, rotated yearly, kept as `removalPolicy`
 * says, whose policy limits the creation of grants to AWS services (AWS Control Tower's proactive
 * control CT.KMS.PR.3): a principal that is not an AWS service may not call `kms:CreateGrant` unless an
 * AWS service integrated with KMS makes the call on its behalf (`kms:GrantIsForAWSResource`). A grant
 * given by hand would let its grantee use the key outside both the key policy and IAM.
 *
 * What uses these keys, and why the statement leaves it working:
 * - CloudWatch Logs (every encrypted log group): the `logs.<region>.amazonaws.com` principal calls
 *   Encrypt, Decrypt and GenerateDataKey on the key itself; it creates no grants.
 * - Amazon SNS (the alert topics): SNS generates and decrypts data keys on behalf of the publisher
 *   (CloudWatch alarms, the `cloudwatch.amazonaws.com` principal); no grants.
 * - CloudTrail and S3 (the trail's key, its bucket and log group): `cloudtrail.amazonaws.com` calls
 *   GenerateDataKey; S3 encrypts the bucket's objects through GenerateDataKey and Decrypt on the
 *   caller's behalf; no grants.
 * - ECS Exec (the audit log group's key also encrypts the sessions): Session Manager's data keys are
 *   made and read by the user and the task role directly; no grants.
 * - Fargate ephemeral storage, when a user reuses one of these keys for it: Fargate creates its grants
 *   itself, as `fargate.amazonaws.com` (the statement aws-cdk-lib's cluster adds to the key policy), so
 *   `aws:PrincipalIsAWSService` is true and the deny does not apply. Services that create grants for
 *   a user (EBS, RDS, ...) set `kms:GrantIsForAWSResource`, which the deny leaves alone too.
 *
 * Creates `id` under `scope`.
 */
export function createKey(scope: Construct, id: string, options: KeyOptions): kms.Key {
  const key = new kms.Key(scope, id, {
    description: options.description,
    enableKeyRotation: true,
    removalPolicy: options.removalPolicy ?? RETAINED,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: DENY_GRANTS_SID,
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: {
        BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
      },
    }),
  );
  return key;
}
