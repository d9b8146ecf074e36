/**
 * A shared environment with two services in stacks of their own, one deployed as a canary, as an
 * integration snapshot written offline (`npx projen integ:snapshot`) and verified on every test run.
 *
 * It also deploys (see "Development" in the README): the stacks are environment-agnostic, as integ-runner
 * asks, and each service runs what examples/app.ts runs, an nginx that starts as a non-root user with a
 * read-only root filesystem and answers its health check. The domains need a public hosted zone of
 * yours: integ-runner's CDK_INTEG_HOSTED_ZONE_ID and CDK_INTEG_HOSTED_ZONE_NAME (it sets placeholders
 * of its own when it writes the snapshot).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { SecureFargateWebService, ServiceDeploymentStrategy, WebServiceEnvironment } from '../../src';

const app = new App();
const platform = new Stack(app, 'SecureFargateWebServiceSharedPlatform');
const zoneName = process.env.CDK_INTEG_HOSTED_ZONE_NAME ?? 'example.com';
const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(platform, 'Zone', {
  hostedZoneId: process.env.CDK_INTEG_HOSTED_ZONE_ID ?? 'Z0123456789EXAMPLE',
  zoneName,
});
const shared = new WebServiceEnvironment(platform, 'Shared', {
  domainName: `*.${zoneName}`,
  hostedZone,
  // integ-runner destroys the stacks after the test: a protected load balancer would stop it.
  loadBalancer: { deletionProtection: false },
});

const services = [
  { name: 'Shop', host: `shop.${zoneName}`, strategy: ServiceDeploymentStrategy.rolling() },
  { name: 'Api', host: `api.${zoneName}`, strategy: ServiceDeploymentStrategy.canary() },
].map(({ name, host, strategy }, i) => {
  const stack = new Stack(app, `SecureFargateWebServiceShared${name}`);
  new SecureFargateWebService(stack, 'Web', {
    image: ecs.ContainerImage.fromRegistry('nginxinc/nginx-unprivileged:1.27-alpine'),
    containerPort: 8080,
    healthCheckPath: '/',
    // nginx-unprivileged runs as uid 101 and writes its pid and caches under these paths.
    user: '101:101',
    writablePaths: ['/tmp', '/var/cache/nginx'],
    sharedEnvironment: shared,
    deploymentStrategy: strategy,
    loadBalancer: { hostHeaders: [host], rulePriority: 10 * (i + 1) },
  });
  return stack;
});

new IntegTest(app, 'Shared', { testCases: [platform, ...services] });
