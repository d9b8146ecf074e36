import { Lazy } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  privateEcrRepositoryArn,
  privateEcrRepositoryOf,
  pullThroughCacheAccessOf,
} from '../../../src/service/private/ecr-image';
import { testStack } from '../../util';

describe('privateEcrRepositoryOf', () => {
  test.each([
    [
      '123456789012.dkr.ecr.us-west-2.amazonaws.com/app:1.0',
      { account: '123456789012', region: 'us-west-2', repositoryName: 'app' },
    ],
    [
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/docker-hub/library/nginx@sha256:abc',
      {
        account: '123456789012',
        region: 'cn-north-1',
        repositoryName: 'docker-hub/library/nginx',
      },
    ],
  ])('%s is a private ECR repository', (name, expected) => {
    expect(privateEcrRepositoryOf(name)).toEqual(expected);
  });

  test.each([
    'nginx:1.27',
    'public.ecr.aws/nginx/nginx:1',
    'ghcr.io/org/app:1',
    '12345.dkr.ecr.us-west-2.amazonaws.com/app',
  ])('%s is not', (name) => {
    expect(privateEcrRepositoryOf(name)).toBeUndefined();
  });

  test('a Token is not known', () => {
    expect(privateEcrRepositoryOf(Lazy.string({ produce: () => 'x' }))).toBeUndefined();
  });
});

describe('privateEcrRepositoryArn', () => {
  test("the ARN is in the stack's partition, not one guessed from the address (GovCloud's is amazonaws.com too)", () => {
    const stack = testStack();
    const repository = privateEcrRepositoryOf('123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/app:1.0')!;
    expect(stack.resolve(privateEcrRepositoryArn(repository))).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:us-gov-west-1:123456789012:repository/app']],
    });
  });
});

describe('pullThroughCacheAccessOf', () => {
  const NAME = '123456789012.dkr.ecr.us-west-2.amazonaws.com/docker-hub/library/nginx:1.27';

  test('an image named by its private ECR address: that repository, which the cache may have to create', () => {
    const stack = testStack();
    const access = pullThroughCacheAccessOf(ecs.ContainerImage.fromRegistry(NAME), NAME)!;
    expect(access.mayCreate).toBe(true);
    expect(stack.resolve(access.repositoryArn)).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':ecr:us-west-2:123456789012:repository/docker-hub/library/nginx'],
      ],
    });
  });

  test('an imported repository: its ARN, and it may not exist yet', () => {
    const stack = testStack();
    const repository = ecr.Repository.fromRepositoryName(stack, 'Cache', 'docker-hub/library/nginx');
    const image = ecs.ContainerImage.fromEcrRepository(repository, '1.27');
    const access = pullThroughCacheAccessOf(image, image.imageName)!;
    expect(access).toEqual({ repositoryArn: repository.repositoryArn, mayCreate: true });
  });

  test('a repository created in the app: its ARN, and it exists before any task pulls', () => {
    const stack = testStack();
    const repository = new ecr.Repository(stack, 'Repo');
    const image = ecs.ContainerImage.fromEcrRepository(repository, '1.0');
    expect(pullThroughCacheAccessOf(image, image.imageName)).toEqual({
      repositoryArn: repository.repositoryArn,
      mayCreate: false,
    });
  });

  test.each(['nginx:1.27', 'public.ecr.aws/nginx/nginx:1'])('%s: none', (name) => {
    expect(pullThroughCacheAccessOf(ecs.ContainerImage.fromRegistry(name), name)).toBeUndefined();
  });
});
