/**
 * A shared environment with two services in stacks of their own, one deployed as a canary, as an
 * integration snapshot written offline (`npx projen integ:snapshot`) and verified on every test run.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { SecureFargateWebService, ServiceDeploymentStrategy, WebServiceEnvironment } from '../../src';

const app = new App();
const env = { account: '123456789012', region: 'us-west-2' };
const platform = new Stack(app, 'SecureFargateWebServiceSharedPlatform', { env });
const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(platform, 'Zone', {
  hostedZoneId: 'Z0123456789EXAMPLE',
  zoneName: 'example.com',
});
const shared = new WebServiceEnvironment(platform, 'Shared', { domainName: '*.example.com', hostedZone });

const services = [
  { name: 'Shop', host: 'shop.example.com', strategy: ServiceDeploymentStrategy.rolling() },
  { name: 'Api', host: 'api.example.com', strategy: ServiceDeploymentStrategy.canary() },
].map(({ name, host, strategy }, i) => {
  const stack = new Stack(app, `SecureFargateWebServiceShared${name}`, { env });
  new SecureFargateWebService(stack, 'Web', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable'),
    sharedEnvironment: shared,
    deploymentStrategy: strategy,
    loadBalancer: { hostHeaders: [host], rulePriority: 10 * (i + 1) },
  });
  return stack;
});

new IntegTest(app, 'Shared', { testCases: [platform, ...services] });
