/**
 * A SecureFargateWebService with two sidecars, tracing, log routing and an EFS volume, as an integration snapshot
 * (written offline with `npx projen integ:snapshot`, verified on every test run): an init container that the
 * application waits for to exit with 0, and a long-running helper with its own CPU and memory, a restart policy and
 * a short stop timeout, both busybox as the default non-root user with a read-only root filesystem; the CloudWatch
 * agent receiving traces; a FireLens router sending the containers' logs to an S3 bucket; and an encrypted, backed-up
 * EFS file system mounted at /data. The stack also deploys (see integ.default.ts for the hosted zone it needs).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ContainerRestartPolicy, LogRouting, SecureFargateWebService, WebServiceProfile } from '../../src';

const app = new App();
const stack = new Stack(app, 'SecureFargateWebServiceSidecars');
const zoneName = process.env.CDK_INTEG_HOSTED_ZONE_NAME ?? 'example.com';
const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
  hostedZoneId: process.env.CDK_INTEG_HOSTED_ZONE_ID ?? 'Z0123456789EXAMPLE',
  zoneName,
});
const web = new SecureFargateWebService(stack, 'WebService', {
  image: ecs.ContainerImage.fromRegistry('traefik/whoami:v1.11.0'),
  environment: { WHOAMI_PORT_NUMBER: '3000' },
  domainName: `sidecars.${zoneName}`,
  hostedZone,
  cpu: 512,
  memoryLimitMiB: 1024,
  profile: WebServiceProfile.DEVELOPMENT,
  tracing: { serviceName: 'whoami', environmentName: 'integ' },
  logRouting: LogRouting.toS3(
    new s3.Bucket(stack, 'Logs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      lifecycleRules: [{ expiration: Duration.days(30) }],
    }),
    { keyPrefix: 'whoami/' },
  ),
});
web.addEfsVolume('Data', { containerPath: '/data' });
const busybox = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.36');
web.addSidecar('init', {
  image: busybox,
  command: ['sh', '-c', 'echo prepared'],
  memoryLimitMiB: 32,
  appWaitsFor: ecs.ContainerDependencyCondition.SUCCESS,
});
web.addSidecar('helper', {
  image: busybox,
  command: ['sh', '-c', 'while true; do sleep 60; done'],
  cpu: 128,
  memoryLimitMiB: 64,
  waitsForApp: ecs.ContainerDependencyCondition.START,
  restartPolicy: ContainerRestartPolicy.restartOnExit({ attemptPeriod: Duration.minutes(1) }),
  stopTimeout: Duration.seconds(5),
});

new IntegTest(app, 'Sidecars', { testCases: [stack] });
