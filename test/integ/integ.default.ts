/**
 * The default SecureFargateWebService, as an integration snapshot. The snapshot is written offline
 * (`npx projen integ:snapshot`) and verified on every test run, so that any change to the synthesized
 * template shows up in review.
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { SecureFargateWebService } from '../../src';

const app = new App();
const stack = new Stack(app, 'SecureFargateWebServiceDefault', {
  env: { account: '123456789012', region: 'us-west-2' },
});
const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
  hostedZoneId: 'Z0123456789EXAMPLE',
  zoneName: 'example.com',
});
new SecureFargateWebService(stack, 'WebService', {
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable'),
  domainName: 'app.example.com',
  hostedZone,
});

new IntegTest(app, 'Default', { testCases: [stack] });
