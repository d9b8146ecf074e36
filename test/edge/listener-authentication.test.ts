/**
 * Sign-in at the load balancer (`authentication`): the rule's actions for OpenID Connect, Cognito and JWT, the
 * public paths' rule, the load balancer's outbound HTTPS, a shared environment's claims, and every bad input.
 */
import { Duration, SecretValue } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  HttpsLoadBalancer,
  HttpsLoadBalancerProps,
  JwtClaim,
  JwtClaimFormat,
  ListenerAuthentication,
  NatGateways,
  SecureFargateWebService,
  ServiceEndpoint,
  WebServiceEnvironment,
} from '../../src';
import { formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { expectOnlyProblem, importedVpc, lazyString, webServiceWithoutNat } from '../problems';
import { FLAG_SETS, FlagSet, testStack } from '../util';
import { CERT_ARN } from '../web-service-fixture';

const ISSUER = 'https://login.example.com';
const SECRET = SecretValue.secretsManager('oidc-client', { jsonField: 'secret' });

const oidc = (more: Partial<Parameters<typeof ListenerAuthentication.oidc>[0]> = {}) =>
  ListenerAuthentication.oidc({
    issuer: ISSUER,
    authorizationEndpoint: `${ISSUER}/authorize`,
    tokenEndpoint: `${ISSUER}/token`,
    userInfoEndpoint: `${ISSUER}/userinfo`,
    clientId: 'web',
    clientSecret: SECRET,
    ...more,
  });
const jwt = (more: Partial<Parameters<typeof ListenerAuthentication.jwt>[0]> = {}) =>
  ListenerAuthentication.jwt({ issuer: ISSUER, jwksEndpoint: `${ISSUER}/.well-known/jwks.json`, ...more });

function build(props: Partial<HttpsLoadBalancerProps>, flags: FlagSet = 'no flags') {
  const stack = testStack({}, flags);
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  const edge = new HttpsLoadBalancer(stack, 'Edge', { vpc: new ec2.Vpc(stack, 'Vpc'), certificate, ...props });
  return { stack, edge, template: Template.fromStack(stack) };
}

const rulesOf = (template: Template) =>
  Object.values(template.findResources('AWS::ElasticLoadBalancingV2::ListenerRule')).map((r) => r.Properties);

/** The 443 egress of every security group: inline rules and rules of their own. */
const egressOf = (template: Template) =>
  [
    ...Object.values(template.findResources('AWS::EC2::SecurityGroup')).flatMap(
      (g) => g.Properties.SecurityGroupEgress ?? [],
    ),
    ...Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')).map((e) => e.Properties),
  ].filter((e: any) => e.FromPort === 443) as any[];

describe('authentication', () => {
  test('none by default: the rule only forwards, and the load balancer sends nothing out on 443', () => {
    const { template } = build({});
    expect(rulesOf(template).map((r) => r.Actions.map((a: any) => a.Type))).toEqual([['forward']]);
    expect(egressOf(template)).toEqual([]);
  });

  test.each(FLAG_SETS)(
    'OIDC with %s: the Secrets Manager reference is checked without exposing it (checkSecretUsage on)',
    (flags) => {
      const { template } = build({ authentication: oidc() }, flags);
      const [rule] = rulesOf(template);
      expect(JSON.stringify(rule.Actions[0].AuthenticateOidcConfig.ClientSecret)).toContain(
        '{{resolve:secretsmanager:oidc-client:SecretString:secret::}}',
      );
    },
  );

  test('OIDC: sign-in before forwarding, the client secret as a Secrets Manager reference, HTTPS out to anywhere', () => {
    const { template } = build({ authentication: oidc({ scope: 'openid email', sessionTimeout: Duration.hours(8) }) });
    const [rule] = rulesOf(template);
    expect(rule.Actions).toEqual([
      {
        Type: 'authenticate-oidc',
        Order: 1,
        AuthenticateOidcConfig: {
          Issuer: ISSUER,
          AuthorizationEndpoint: `${ISSUER}/authorize`,
          TokenEndpoint: `${ISSUER}/token`,
          UserInfoEndpoint: `${ISSUER}/userinfo`,
          ClientId: 'web',
          ClientSecret: '{{resolve:secretsmanager:oidc-client:SecretString:secret::}}',
          Scope: 'openid email',
          SessionTimeout: 28800,
        },
      },
      { Type: 'forward', Order: 2, TargetGroupArn: expect.anything() },
    ]);
    expect(egressOf(template)).toContainEqual(
      expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
    );
  });

  test('Cognito: the user pool, client and domain', () => {
    const { template, stack } = build({
      authentication: ListenerAuthentication.cognito({
        userPool: cognito.UserPool.fromUserPoolArn(
          testStack(),
          'Pool',
          'arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc',
        ),
        userPoolClient: cognito.UserPoolClient.fromUserPoolClientId(testStack(), 'Client', 'client123'),
        userPoolDomain: cognito.UserPoolDomain.fromDomainName(testStack(), 'Domain', 'login-example'),
      }),
    });
    expect(stack).toBeDefined();
    const [rule] = rulesOf(template);
    expect(rule.Actions[0]).toMatchObject({
      Type: 'authenticate-cognito',
      AuthenticateCognitoConfig: {
        UserPoolArn: 'arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc',
        UserPoolClientId: 'client123',
        UserPoolDomain: 'login-example',
      },
    });
    expect(egressOf(template)).toContainEqual(expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443 }));
  });

  test('JWT: verification before forwarding, and HTTPS out for the key set', () => {
    const { template } = build({ authentication: jwt() });
    expect(rulesOf(template)[0].Actions[0]).toEqual({
      Type: 'jwt-validation',
      Order: 1,
      JwtValidationConfig: { Issuer: ISSUER, JwksEndpoint: `${ISSUER}/.well-known/jwks.json` },
    });
    expect(egressOf(template)).toContainEqual(expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443 }));
  });

  test('JWT with required claims: the audience and the scopes, each in its format, then forwarding', () => {
    const { template } = build({
      authentication: jwt({
        requiredClaims: [
          { name: 'aud', values: ['orders-api'] },
          { name: 'scope', values: ['orders:read'], format: JwtClaimFormat.SPACE_SEPARATED_VALUES },
        ],
      }),
    });
    const [verify, forward] = rulesOf(template)[0].Actions;
    expect(verify).toEqual({
      Type: 'jwt-validation',
      Order: 1,
      JwtValidationConfig: {
        Issuer: ISSUER,
        JwksEndpoint: `${ISSUER}/.well-known/jwks.json`,
        AdditionalClaims: [
          { Name: 'aud', Values: ['orders-api'], Format: 'single-string' },
          { Name: 'scope', Values: ['orders:read'], Format: 'space-separated-values' },
        ],
      },
    });
    expect(forward).toEqual(expect.objectContaining({ Type: 'forward', Order: 2 }));
  });

  test('a prefix list: HTTPS out to it only, for every kind', () => {
    for (const auth of [
      (pl: ec2.IPrefixList) => oidc({ identityProviderPrefixList: pl }),
      (pl: ec2.IPrefixList) => jwt({ identityProviderPrefixList: pl }),
    ]) {
      const stack = testStack();
      const pl = ec2.PrefixList.fromPrefixListId(stack, 'Idp', 'pl-0123456789abcdef0');
      new HttpsLoadBalancer(stack, 'Edge', {
        vpc: new ec2.Vpc(stack, 'Vpc'),
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
        authentication: auth(pl),
      });
      const egress = egressOf(Template.fromStack(stack));
      expect(egress).toEqual([
        expect.objectContaining({ DestinationPrefixListId: 'pl-0123456789abcdef0', FromPort: 443 }),
      ]);
    }
  });

  test('public paths: a rule one priority before, forwarding them without sign-in for the same hosts', () => {
    const { template } = build({
      hostHeaders: ['app.example.com'],
      rulePriority: 20,
      authentication: oidc({ publicPaths: ['/health', '/assets/*'] }),
    });
    const rules = rulesOf(template);
    const publicRule = rules.find((r) => r.Priority === 19)!;
    expect(publicRule.Actions.map((a: any) => a.Type)).toEqual(['forward']);
    expect(publicRule.Conditions).toEqual([
      { Field: 'host-header', HostHeaderConfig: { Values: ['app.example.com'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/health', '/assets/*'] } },
    ]);
    expect(rules.find((r) => r.Priority === 20)!.Actions[0].Type).toBe('authenticate-oidc');
  });

  test('a shared environment refuses another route at the public paths priority', () => {
    const stack = testStack();
    const env = new WebServiceEnvironment(stack, 'Env', {
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    });
    const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0');
    env.addService('Guarded', {
      image,
      route: { hostHeaders: ['a.example.com'], rulePriority: 20, authentication: jwt({ publicPaths: ['/health'] }) },
    });
    env.addService('Other', { image, route: { hostHeaders: ['b.example.com'], rulePriority: 19 } });
    expect(() => Template.fromStack(stack)).toThrow(/both use listener rule priority 19/);
  });

  test.each(installedNagModules())(
    '%s: the packs find nothing unacknowledged in a service with sign-in',
    (nagModule) => {
      const stack = testStack();
      new SecureFargateWebService(stack, 'Web', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
        httpsLoadBalancer: { authentication: oidc({ publicPaths: ['/health'] }) },
      });
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    },
  );
});

describe('authentication rejects', () => {
  const reject = (props: Partial<HttpsLoadBalancerProps>, message: string) =>
    expectOnlyProblem(
      'HttpsLoadBalancer',
      () => {
        const stack = testStack();
        new HttpsLoadBalancer(stack, 'Edge', {
          vpc: importedVpc(stack, 'Vpc'),
          certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
          ...props,
        });
      },
      message,
    );

  test.each<[string, Partial<HttpsLoadBalancerProps>, string]>([
    [
      'an issuer over HTTP',
      { authentication: jwt({ issuer: 'http://login.example.com' }) },
      "authentication.issuer 'http://login.example.com' is not allowed; allowed: an HTTPS URL of up to 256 characters",
    ],
    [
      'a session of two weeks',
      { authentication: oidc({ sessionTimeout: Duration.days(14) }) },
      'authentication.sessionTimeout 1209600 s is not allowed; allowed: whole seconds from 1 second to 7 days',
    ],
    [
      'a public path without a leading slash',
      { authentication: jwt({ publicPaths: ['health'] }) },
      "authentication.publicPaths entry 'health' is not allowed; allowed: a path pattern such as '/health' or '/assets/*'",
    ],
    [
      'four public paths',
      { authentication: jwt({ publicPaths: ['/a', '/b', '/c', '/d'] }) },
      'authentication.publicPaths has 4 values; allowed: up to 3 (a listener rule condition holds 3)',
    ],
    [
      'public paths and host names beyond a rule',
      {
        hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'],
        authentication: jwt({ publicPaths: ['/a', '/b', '/c'] }),
      },
      "authentication.publicPaths has 3 paths, which with the route's 3 host names exceed a rule's 5 condition values; allowed: fewer paths (such as '/assets/*')",
    ],
    [
      'public paths at priority 1',
      { rulePriority: 1, authentication: jwt({ publicPaths: ['/health'] }) },
      "authentication.publicPaths needs the priority before the route's, and rulePriority is 1; allowed: rulePriority 2 or more",
    ],
    [
      'an internal load balancer without a certificate, so without an HTTPS listener',
      { certificate: undefined, internetFacing: false, authentication: jwt() },
      'authentication needs an HTTPS listener, and there is no certificate; allowed: a certificate, or no authentication',
    ],
    [
      'sign-in on a route whose deployments shift traffic',
      { alternateTargetGroup: true, authentication: jwt() },
      'authentication.kind jwt sign-in on a route whose deployments shift traffic between two target groups; allowed: ServiceDeploymentStrategy.rolling(), or no authentication',
    ],
  ])('%s', (_, props, message) => reject(props, message));

  test('a client secret in plain text', () => {
    expectOnlyProblem(
      'ServiceRoute',
      () => build({ authentication: oidc({ clientSecret: SecretValue.unsafePlainText('s3cr3t') }) }),
      'authentication.clientSecret is not a Secrets Manager reference, so it would be in the template in plain text; allowed: SecretValue.secretsManager(...)',
    );
  });

  test.each<[string, JwtClaim[], string]>([
    [
      'a claim that is always verified',
      [{ name: 'exp', values: ['1'] }],
      "authentication.requiredClaims entry 'exp' is not allowed; allowed: a claim other than exp, iss, nbf, iat (always verified)",
    ],
    [
      'a claim without values',
      [{ name: 'aud', values: [] }],
      "authentication.requiredClaims entry 'aud' has 0 values; allowed: 1 to 10",
    ],
    [
      'a space in a space-separated value',
      [{ name: 'scope', values: ['a b'], format: JwtClaimFormat.SPACE_SEPARATED_VALUES }],
      "authentication.requiredClaims entry 'scope' value 'a b' is not allowed; allowed: 1 to 256 characters, without spaces (space-separated values)",
    ],
    [
      'eleven claims',
      Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, values: ['x'] })),
      'authentication.requiredClaims has 11 claims; allowed: up to 10',
    ],
  ])('JWT required claims: %s', (_, requiredClaims, message) => {
    expectOnlyProblem('HttpsLoadBalancer', () => build({ authentication: jwt({ requiredClaims }) }), message);
  });

  test('an internal load balancer without NAT', () => {
    expectOnlyProblem(
      'SecureFargateWebService',
      () => webServiceWithoutNat({ httpsLoadBalancer: { internetFacing: false, authentication: jwt() } }),
      'httpsLoadBalancer.authentication needs the load balancer to reach the identity provider, and the internal load balancer has no way out (network.natGateways is none); allowed: NatGateways.single() / perAz() / instance(), an internet-facing load balancer, or no authentication',
    );
  });

  test("a shared environment's route, behind the environment's internal load balancer without NAT", () => {
    const stack = testStack();
    const environment = new WebServiceEnvironment(stack, 'Shared', {
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
      httpsLoadBalancer: { internetFacing: false },
    });
    const image = ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-west-2.amazonaws.com/app:1.0');
    expectOnlyProblem(
      'SecureFargateWebService',
      () => environment.addService('Web', { image, route: { hostHeaders: ['a.example.com'], authentication: jwt() } }),
      "route.authentication needs the load balancer to reach the identity provider, and the environment's internal load balancer has no way out (its network has no NAT); allowed: NAT on the environment's network, an internet-facing load balancer, or no authentication",
    );
    // With NAT, the same route is fine.
    const withNat = testStack();
    const natted = new WebServiceEnvironment(withNat, 'Shared', {
      certificate: acm.Certificate.fromCertificateArn(withNat, 'Cert', CERT_ARN),
      httpsLoadBalancer: { internetFacing: false },
    });
    expect(() =>
      natted.addService('Web', { image, route: { hostHeaders: ['a.example.com'], authentication: jwt() } }),
    ).not.toThrow();
  });

  test('CloudFront in front without a domain: no HTTPS listener', () => {
    expectOnlyProblem(
      'SecureFargateWebService',
      () =>
        new SecureFargateWebService(testStack(), 'Web', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
          cloudFront: { webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/abc' },
          httpsLoadBalancer: { authentication: jwt() },
        }),
      'httpsLoadBalancer.authentication needs an HTTPS listener, and behind CloudFront without domainName the load balancer serves plain HTTP to CloudFront; allowed: domainName with hostedZone, or no authentication',
    );
  });

  test('Tokens pass unchecked', () => {
    expect(() =>
      build({ authentication: jwt({ issuer: lazyString('http://x'), publicPaths: [lazyString('x')] }) }),
    ).not.toThrow();
  });

  test('SecureFargateWebService passes httpsLoadBalancer.authentication on', () => {
    const stack = testStack();
    new SecureFargateWebService(stack, 'Web', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      httpsLoadBalancer: { authentication: jwt() },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Actions: Match.arrayWith([Match.objectLike({ Type: 'jwt-validation' })]),
    });
  });
});
