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
  image: 'traefik/whoami:v1.11.0',
  containerPort: 3000,
  healthCheckPath: '/health',
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
    // The demo image, a small server that answers each request with what it received, listens on the port
    // this variable names. It writes nothing, so it runs with the read-only root filesystem and the default
    // non-root user. It is for trying the library out, not for exposure: any client can change its /health
    // answer and ask for its environment. Replace it with your image.
    environment: { WHOAMI_PORT_NUMBER: String(setting('containerPort')) },
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
