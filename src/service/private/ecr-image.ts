import { Aws, Resource, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';

/** A repository in a private Amazon ECR registry, as an image name addresses it. */
export interface PrivateEcrRepository {
  readonly account: string;
  readonly region: string;
  readonly repositoryName: string;
}

const PRIVATE_ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/;

/**
 * The private ECR repository an image name points at (pull-through cache repositories live there
 * too), or undefined for other registries and for names known only at deploy time.
 */
export function privateEcrRepositoryOf(imageName: string): PrivateEcrRepository | undefined {
  if (Token.isUnresolved(imageName)) return undefined;
  const m = PRIVATE_ECR_IMAGE.exec(imageName);
  if (!m) return undefined;
  return { account: m[1], region: m[2], repositoryName: m[3] };
}

/**
 * The repository's ARN. Its partition is the stack's: a task pulls only from registries of its own
 * partition, and the stack's `AWS::Partition` is right in every one, present or future.
 */
export function privateEcrRepositoryArn(repository: PrivateEcrRepository): string {
  const { region, account, repositoryName } = repository;
  return `arn:${Aws.PARTITION}:ecr:${region}:${account}:repository/${repositoryName}`;
}

/** What the pull-through cache needs at an image's first pull, beyond the pull itself. */
export interface PullThroughCacheAccess {
  /** The repository the cache imports into. */
  readonly repositoryArn: string;
  /** Whether the repository may have to be created at the first pull (it is not a resource of this app). */
  readonly mayCreate: boolean;
}

/**
 * The repository an image pulls from, for the permissions an ECR pull-through cache needs at the first
 * pull of an image (`ecr:BatchImportUpstreamImage`, and `ecr:CreateRepository` while the cache repository
 * does not exist): undefined for images outside private ECR and for names known only at deploy time.
 *
 * - `ecs.ContainerImage.fromRegistry('<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>')`: the
 *   repository named, which a pull-through cache creates at the first pull.
 * - `ecs.ContainerImage.fromEcrRepository(repository)`: a repository imported by name or ARN may be a
 *   pull-through cache repository that does not exist yet; one created in this app exists before any task
 *   runs, and CloudFormation created it, so it is granted the import only. aws-cdk-lib keeps the
 *   repository in a private field of `EcrImage`; if that field is ever renamed, nothing is granted here
 *   (the pull itself is aws-cdk-lib's own grant) and the tests say so.
 */
export function pullThroughCacheAccessOf(
  image: ecs.ContainerImage,
  imageName: string,
): PullThroughCacheAccess | undefined {
  const named = privateEcrRepositoryOf(imageName);
  if (named) return { repositoryArn: privateEcrRepositoryArn(named), mayCreate: true };
  if (!(image instanceof ecs.EcrImage)) return undefined;
  const repository: unknown = (image as unknown as { repository?: unknown }).repository;
  if (!isRepository(repository)) return undefined;
  return { repositoryArn: repository.repositoryArn, mayCreate: !Resource.isOwnedResource(repository) };
}

function isRepository(value: unknown): value is ecr.IRepository {
  return typeof value === 'object' && value !== null && typeof (value as ecr.IRepository).repositoryArn === 'string';
}
