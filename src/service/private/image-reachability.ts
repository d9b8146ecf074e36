import { Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { privateEcrRepositoryOf } from './ecr-image';
import { PropsValidator } from '../../private/validation';

/**
 * The image's name when it comes from a registry by name (`ecs.ContainerImage.fromRegistry`); ECR
 * repository and asset images are known only at deploy time, and live in ECR.
 */
function registryImageName(image: ecs.ContainerImage): string | undefined {
  // aws-cdk-lib keeps the name in a private field; the L3 tests fail if that ever changes.
  return image instanceof ecs.RepositoryImage ? (image as unknown as { imageName?: string }).imageName : undefined;
}

/**
 * Records a problem when tasks without an internet route cannot pull the image: it is not in ECR of the
 * stack's Region, which the VPC endpoints reach.
 * @param withoutInternet why the tasks have no internet route (for the message), or undefined when they have one
 * @param prop how the message names the image's prop
 */
export function checkImageReachable(
  v: PropsValidator,
  image: ecs.ContainerImage,
  region: string,
  withoutInternet: string | undefined,
  prop: string = 'image',
): void {
  const name = registryImageName(image);
  if (name === undefined || Token.isUnresolved(name) || withoutInternet === undefined) return;
  const repository = privateEcrRepositoryOf(name);
  if (!repository) {
    v.fail(
      `${prop} '${name}' comes from a registry that VPC endpoints cannot reach, and ${withoutInternet}; ` +
        'allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache ' +
        'rule for the public registry), or NatGateways.single() / perAz() / instance()',
    );
  } else if (!Token.isUnresolved(region) && repository.region !== region) {
    v.fail(
      `${prop} '${name}' is in ECR in ${repository.region}, which the endpoints in ${region} cannot reach, and ${withoutInternet}; ` +
        `allowed: a repository in ${region} (ECR replication can copy it there), or NatGateways.single() / perAz() / instance()`,
    );
  }
}
