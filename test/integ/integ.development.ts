/**
 * A SecureFargateWebService under the development profile, as an integration snapshot written offline (`npx projen
 * integ:snapshot`) and verified on every test run: one hardened NAT instance instead of NAT gateways (IMDSv2, no key
 * pair, an encrypted root volume, detailed monitoring, automatic recovery), one task on demand, no AWS WAF.
 *
 * It also deploys (see CONTRIBUTING.md): the service runs traefik/whoami, which pulls its image through the NAT
 * instance. The domain needs a public hosted zone of yours (integ-runner's CDK_INTEG_HOSTED_ZONE_ID and
 * CDK_INTEG_HOSTED_ZONE_NAME; placeholders when the snapshot is written).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { SecureFargateWebService, WebServiceProfile } from '../../src';

const app = new App();
const stack = new Stack(app, 'SecureFargateWebServiceDevelopment');
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
  domainName: `dev.${zoneName}`,
  hostedZone,
  profile: WebServiceProfile.DEVELOPMENT,
});

new IntegTest(app, 'Development', { testCases: [stack] });
