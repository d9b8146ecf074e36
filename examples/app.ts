/**
 * The example app: a SecureFargateWebService on its embedded defaults.
 *
 * Every setting in EXAMPLE_DEFAULTS can be changed with CDK context, for example
 * `npx projen example -c domainName=api.example.org -c hostedZoneId=Z0... -c zoneName=example.org`.
 * It needs no AWS credentials: the hosted zone is given by attributes, nothing is looked up.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { SecureFargateWebService } from '../src';

/** The example's settings and their embedded defaults. */
export const EXAMPLE_DEFAULTS = {
  stackName: 'SecureWebServiceExample',
  image: 'nginxinc/nginx-unprivileged:1.27-alpine',
  containerPort: 8080,
  healthCheckPath: '/',
  domainName: 'app.example.com',
  zoneName: 'example.com',
  hostedZoneId: 'Z0123456789EXAMPLE',
};

/** Adds the example stack to an app, reading each setting from context or its default. */
export function buildExampleStack(app: App): Stack {
  const setting = <K extends keyof typeof EXAMPLE_DEFAULTS>(key: K): (typeof EXAMPLE_DEFAULTS)[K] =>
    app.node.tryGetContext(key) ?? EXAMPLE_DEFAULTS[key];

  const stack = new Stack(app, setting('stackName'), {
    description: 'Example: a secure web service on ECS Fargate (secure-fargate-web-service)',
  });
  const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: setting('hostedZoneId'),
    zoneName: setting('zoneName'),
  });

  new SecureFargateWebService(stack, 'WebService', {
    image: ecs.ContainerImage.fromRegistry(setting('image')),
    containerPort: Number(setting('containerPort')),
    healthCheckPath: setting('healthCheckPath'),
    // nginx-unprivileged runs as uid 101 and writes its pid and caches under these paths.
    user: '101:101',
    writablePaths: ['/tmp', '/var/cache/nginx'],
    domainName: setting('domainName'),
    hostedZone,
  });
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildExampleStack(app);
  app.synth();
}
