import { Lazy } from 'aws-cdk-lib';
import { privateEcrRepositoryOf } from '../../src/private/ecr-image';

describe('privateEcrRepositoryOf', () => {
  test.each([
    [
      '123456789012.dkr.ecr.us-west-2.amazonaws.com/app:1.0',
      { account: '123456789012', region: 'us-west-2', partition: 'aws', repositoryName: 'app' },
    ],
    [
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/docker-hub/library/nginx@sha256:abc',
      {
        account: '123456789012',
        region: 'cn-north-1',
        partition: 'aws-cn',
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
