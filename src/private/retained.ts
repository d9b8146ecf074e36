import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * How the library keeps what holds data or costs money (log groups, KMS keys, alert topics) when the
 * stack is deleted or the resource replaced: CloudFormation's `RetainExceptOnCreate` (DeletionPolicy;
 * the UpdateReplacePolicy stays `Retain`). Kept on stack deletion and on replacement, as with `Retain`,
 * but deleted when the stack operation that created it rolls back: a failed create has nothing worth
 * keeping, and what it left would collide with the retry where the name is fixed (the `aws-waf-logs-`
 * log group) or cost money where it is not (a KMS key, $1 a month).
 *
 * Where a resource must stay even then, its creator uses `RemovalPolicy.RETAIN` and says why: a bucket
 * that already holds objects when the create fails (CloudFormation cannot delete it, so the rollback
 * would fail), and the service's container log group with its key (it holds why the tasks failed).
 */
export const RETAINED = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
