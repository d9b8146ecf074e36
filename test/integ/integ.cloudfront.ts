/**
 * SecureFargateWebService behind CloudFront, through a VPC origin to an internal load balancer, without
 * a domain of its own. Snapshot written offline (`npx projen integ:snapshot`), verified on every test run.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { SecureFargateWebService } from '../../src';

const app = new App();
const stack = new Stack(app, 'SecureFargateWebServiceCloudFront', {
  env: { account: '123456789012', region: 'us-west-2' },
});
new SecureFargateWebService(stack, 'WebService', {
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable'),
  cloudFront: true,
});

new IntegTest(app, 'CloudFront', { testCases: [stack] });
