/**
 * SecureFargateWebService behind CloudFront, through a VPC origin to an internal load balancer, without
 * a domain of its own. Snapshot written offline (`npx projen integ:snapshot`), verified on every test run.
 *
 * It also deploys (see CONTRIBUTING.md): the stack names its region and no account. The region
 * is us-east-1 because CloudFront's web ACL must live there, so the service creates it in its own stack;
 * elsewhere it would need `cloudFront.webAclArn`. The service runs what examples/app.ts runs, a small server
 * (traefik/whoami) that writes nothing, so it starts as the default non-root user with a read-only root
 * filesystem, and answers its health check on /health.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { SecureFargateWebService } from '../../src';

const app = new App();
const stack = new Stack(app, 'SecureFargateWebServiceCloudFront', { env: { region: 'us-east-1' } });
new SecureFargateWebService(stack, 'WebService', {
  // A small server that writes nothing, so it starts with the read-only root filesystem and the default
  // non-root user, on the default containerPort; /health answers the health check.
  image: ecs.ContainerImage.fromRegistry('traefik/whoami:v1.11.0'),
  environment: { WHOAMI_PORT_NUMBER: '3000' },
  cloudFront: {},
  // integ-runner destroys the stack after the test: a protected load balancer would stop it.
  httpsLoadBalancer: { deletionProtection: false },
});

new IntegTest(app, 'CloudFront', { testCases: [stack] });
