/**
 * A shared environment with two services in stacks of their own, one deployed as a canary, as an
 * integration snapshot written offline (`npx projen integ:snapshot`) and verified on every test run.
 *
 * It also deploys (see CONTRIBUTING.md): the stacks are environment-agnostic, as integ-runner
 * asks, and each service runs what examples/app.ts runs, a small server (traefik/whoami) that writes
 * nothing, so it starts as the default non-root user with a read-only root filesystem, and answers its
 * health check on /health. The canary service also scales on requests per target over both of its target
 * groups and alarms on its clients' errors, so that those templates are linted and deployed too. The domains need a public hosted zone of
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
  httpsLoadBalancer: { deletionProtection: false },
});

const services = [
  { name: 'Shop', host: `shop.${zoneName}`, strategy: ServiceDeploymentStrategy.rolling() },
  {
    name: 'Api',
    host: `api.${zoneName}`,
    strategy: ServiceDeploymentStrategy.canary(),
    autoScaling: { requestsPerTarget: 500 },
    alarms: { clientErrorRate: { threshold: 20 } },
  },
].map(({ name, host, strategy, autoScaling, alarms }, i) => {
  const stack = new Stack(app, `SecureFargateWebServiceShared${name}`);
  SecureFargateWebService.inEnvironment(stack, 'Web', shared, {
    // A small server that writes nothing, so it starts with the read-only root filesystem and the default
    // non-root user, on the default containerPort; /health answers the health check.
    image: ecs.ContainerImage.fromRegistry('traefik/whoami:v1.11.0'),
    environment: { WHOAMI_PORT_NUMBER: '3000' },
    deploymentStrategy: strategy,
    route: { hostHeaders: [host], rulePriority: 10 * (i + 1) },
    autoScaling,
    alarms,
  });
  return stack;
});

new IntegTest(app, 'Shared', { testCases: [platform, ...services] });
