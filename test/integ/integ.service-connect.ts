/**
 * A shared environment whose services talk through ECS Service Connect, with OpenID Connect sign-in at the load
 * balancer, as an integration snapshot written offline (`npx projen integ:snapshot`) and verified on every test
 * run: `Web` is routed from the load balancer behind sign-in (its /health stays public) and calls `Api`, which
 * has no route and serves only through Service Connect.
 *
 * It also deploys (see CONTRIBUTING.md): each service runs traefik/whoami, which answers on any path. The domains
 * need a public hosted zone of yours (integ-runner's CDK_INTEG_HOSTED_ZONE_ID and CDK_INTEG_HOSTED_ZONE_NAME), and
 * sign-in an OpenID Connect client of yours: its issuer in CDK_INTEG_OIDC_ISSUER (endpoints under it, as most
 * providers publish them), its client id in CDK_INTEG_OIDC_CLIENT_ID, and its secret in the Secrets Manager
 * secret named by CDK_INTEG_OIDC_SECRET_NAME (placeholders when the snapshot is written).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { ListenerAuthentication, WebServiceEnvironment } from '../../src';

const app = new App();
const stack = new Stack(app, 'SecureFargateWebServiceServiceConnect');
const zoneName = process.env.CDK_INTEG_HOSTED_ZONE_NAME ?? 'example.com';
const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
  hostedZoneId: process.env.CDK_INTEG_HOSTED_ZONE_ID ?? 'Z0123456789EXAMPLE',
  zoneName,
});
const issuer = process.env.CDK_INTEG_OIDC_ISSUER ?? 'https://login.example.com';

const shared = new WebServiceEnvironment(stack, 'Shared', {
  domainName: `*.${zoneName}`,
  hostedZone,
  serviceConnect: {},
  // integ-runner destroys the stack after the test: a protected load balancer would stop it.
  httpsLoadBalancer: { deletionProtection: false },
});

// A small server that writes nothing, so it starts with the read-only root filesystem and the default non-root
// user; it answers on any path, /health included.
const whoami = {
  image: ecs.ContainerImage.fromRegistry('traefik/whoami:v1.11.0'),
  environment: { WHOAMI_PORT_NUMBER: '3000' },
};
// The image has no shell or HTTP client for a container health check: synthesis warns, as it should.
const api = shared.addService('Api', { ...whoami, loadBalanced: false });
const web = shared.addService('Web', {
  ...whoami,
  route: {
    hostHeaders: [`app.${zoneName}`],
    rulePriority: 10,
    authentication: ListenerAuthentication.oidc({
      issuer,
      authorizationEndpoint: `${issuer}/authorize`,
      tokenEndpoint: `${issuer}/oauth/token`,
      userInfoEndpoint: `${issuer}/userinfo`,
      clientId: process.env.CDK_INTEG_OIDC_CLIENT_ID ?? 'integ-client',
      clientSecret: SecretValue.secretsManager(process.env.CDK_INTEG_OIDC_SECRET_NAME ?? 'integ/oidc-client-secret'),
      publicPaths: ['/health'],
    }),
  },
});
web.container.addEnvironment('API_URL', web.connectTo(api));

new IntegTest(app, 'ServiceConnect', { testCases: [stack] });
