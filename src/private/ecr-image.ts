import { Token } from 'aws-cdk-lib';

/** A repository in a private Amazon ECR registry, as an image name addresses it. */
export interface PrivateEcrRepository {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly repositoryName: string;
}

const PRIVATE_ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([^:@]+)/;

/**
 * The private ECR repository an image name points at (pull-through cache repositories live there
 * too), or undefined for other registries and for names known only at deploy time.
 */
export function privateEcrRepositoryOf(imageName: string): PrivateEcrRepository | undefined {
  if (Token.isUnresolved(imageName)) return undefined;
  const m = PRIVATE_ECR_IMAGE.exec(imageName);
  if (!m) return undefined;
  return { account: m[1], region: m[2], partition: m[3] ? 'aws-cn' : 'aws', repositoryName: m[4] };
}
