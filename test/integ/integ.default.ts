/**
 * The default SecureFargateWebService, as an integration snapshot. The snapshot is written offline
 * (`npx projen integ:snapshot`) and verified on every test run, so that any change to the synthesized
 * template shows up in review.
 *
 * It also deploys (see CONTRIBUTING.md): the stack is environment-agnostic, as integ-runner
 * asks, and the service runs what examples/app.ts runs, a small server (traefik/whoami) that writes
 * nothing, so it starts as the default non-root user with a read-only root filesystem, and answers its
 * health check on /health. The domain needs a public hosted zone of
 * yours: integ-runner's CDK_INTEG_HOSTED_ZONE_ID and CDK_INTEG_HOSTED_ZONE_NAME (it sets placeholders
 * of its own when it writes the snapshot).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { SecureFargateWebService } from '../../src';

const app = new App();
const stack = new Stack(app, 'SecureFargateWebServiceDefault');
const zoneName = process.env.CDK_INTEG_HOSTED_ZONE_NAME ?? 'example.com';
const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
  hostedZoneId: process.env.CDK_INTEG_HOSTED_ZONE_ID ?? 'Z0123456789EXAMPLE',
  zoneName,
});
new SecureFargateWebService(stack, 'WebService', {
  // A small server that writes nothing, so it starts with the read-only root filesystem and the default
  // non-root user, on the default containerPort; /health answers the health check.
  image: ecs.ContainerImage.fromRegistry('traefik/whoami:v1.11.0'),
  environment: { WHOAMI_PORT_NUMBER: '3000' },
  domainName: `app.${zoneName}`,
  hostedZone,
  // integ-runner destroys the stack after the test: a protected load balancer would stop it.
  httpsLoadBalancer: { deletionProtection: false },
});

new IntegTest(app, 'Default', { testCases: [stack] });
