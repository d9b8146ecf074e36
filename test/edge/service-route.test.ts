import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import {
  HttpsLoadBalancer,
  IRouteRegistry,
  RouteClaim,
  ServiceRoute,
  ServiceRouteProps,
  WebServiceEnvironment,
} from '../../src';
import { testApp, testStack } from '../util';
import { CERT_ARN, routeFixture } from './route-fixture';

const OTHER_CERT_ARN = 'arn:aws:acm:us-west-2:123456789012:certificate/other';

function route(props: Partial<ServiceRouteProps> = {}) {
  const f = routeFixture();
  const created = new ServiceRoute(f.stack, 'Route', { vpc: f.vpc, listener: f.listener, ...props });
  return { ...f, route: created, template: Template.fromStack(f.stack) };
}

const id = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

describe('ServiceRoute', () => {
  test('a load balancer with serviceRoute false has listeners but no target group or rule', () => {
    const { edge, stack } = routeFixture();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 0);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
    expect(edge.targetGroup).toBeUndefined();
    expect(edge.listenerRule).toBeUndefined();
  });

  test("default: an IP target group with the spec's health check, every path at priority 100", () => {
    const { stack, route: r, listener, template } = route();
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Protocol: 'HTTP',
      Port: 3000,
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      Matcher: { HttpCode: '200' },
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: { Ref: id(stack, listener) },
      Priority: 100,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: id(stack, r.targetGroup) } }],
    });
    expect(r.alternateTargetGroup).toBeUndefined();
  });

  test('hosts, paths, priority, port and health check override the defaults', () => {
    const { template } = route({
      hostHeaders: ['api.example.com'],
      pathPatterns: ['/v1/*'],
      rulePriority: 7,
      targetPort: 8080,
      healthCheckPath: '/ready',
      healthCheckInterval: Duration.seconds(10),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080,
      HealthCheckPath: '/ready',
      HealthCheckIntervalSeconds: 10,
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 7,
      Conditions: [
        { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/v1/*'] } },
      ],
    });
  });

  test('alternateTargetGroup: a second, identical target group, and a rule weighted 100 and 0', () => {
    const { stack, route: r, template } = route({ alternateTargetGroup: true });
    const groups = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup'));
    expect(groups).toHaveLength(2);
    expect(groups[0].Properties).toEqual(groups[1].Properties);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: { Ref: id(stack, r.targetGroup) }, Weight: 100 },
              { TargetGroupArn: { Ref: id(stack, r.alternateTargetGroup!) }, Weight: 0 },
            ],
          },
        },
      ],
    });
  });

  test('certificate: the route adds it to the listener as its own ListenerCertificate', () => {
    const { stack, vpc, listener } = routeFixture();
    const r = new ServiceRoute(stack, 'Route', {
      vpc,
      listener,
      hostHeaders: ['shop.example.org'],
      certificate: acm.Certificate.fromCertificateArn(stack, 'Own', OTHER_CERT_ARN),
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerCertificate', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerCertificate', {
      ListenerArn: { Ref: id(stack, listener) },
      Certificates: [{ CertificateArn: OTHER_CERT_ARN }],
    });
    expect(r.node.tryFindChild('ListenerCertificate')?.node.path).toBe('Test/Route/ListenerCertificate');
  });

  test('without certificate: no ListenerCertificate', () => {
    route({ hostHeaders: ['api.example.com'] }).template.resourceCountIs(
      'AWS::ElasticLoadBalancingV2::ListenerCertificate',
      0,
    );
  });

  test('registry: the route registers its claim (path, priority, hosts, paths, own certificate)', () => {
    const claims: RouteClaim[] = [];
    const f = routeFixture();
    const registry: IRouteRegistry = Object.assign(new Construct(f.stack, 'Registry'), {
      registerRoute: (claim: RouteClaim) => claims.push(claim),
    });
    new ServiceRoute(f.stack, 'Api', {
      vpc: f.vpc,
      listener: f.listener,
      registry,
      hostHeaders: ['api.example.com'],
      pathPatterns: ['/v1/*'],
      rulePriority: 7,
    });
    new ServiceRoute(f.stack, 'Default', { vpc: f.vpc, listener: f.listener, registry });
    new ServiceRoute(f.stack, 'Own', {
      vpc: f.vpc,
      listener: f.listener,
      registry,
      hostHeaders: ['shop.example.org'],
      rulePriority: 8,
      certificate: acm.Certificate.fromCertificateArn(f.stack, 'OwnCert', OTHER_CERT_ARN),
    });
    new ServiceRoute(f.stack, 'Unregistered', { vpc: f.vpc, listener: f.listener, rulePriority: 9 });
    expect(claims).toEqual([
      {
        owner: 'Test/Api',
        priority: 7,
        hostHeaders: ['api.example.com'],
        pathPatterns: ['/v1/*'],
        ownCertificate: false,
      },
      { owner: 'Test/Default', priority: 100, hostHeaders: [], pathPatterns: [], ownCertificate: false },
      { owner: 'Test/Own', priority: 8, hostHeaders: ['shop.example.org'], pathPatterns: [], ownCertificate: true },
    ]);
  });

  /** An environment with a service at priority 5 on web.example.com, in the stack 'Shared'. */
  function environmentWithService() {
    const stack = new Stack(testApp(), 'Shared');
    const environment = new WebServiceEnvironment(stack, 'Env', {
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    });
    environment.addService('Web', {
      image: ecs.ContainerImage.fromRegistry('app'),
      route: { hostHeaders: ['web.example.com'], rulePriority: 5 },
    });
    return { stack, environment };
  }

  /** A route added by hand next to the service of `environmentWithService`, with `registry` unless told not to. */
  function addRoute(options: Partial<ServiceRouteProps>, registered = true) {
    const { stack, environment } = environmentWithService();
    new ServiceRoute(stack, 'Admin', {
      vpc: environment.vpc,
      listener: environment.httpsListener,
      registry: registered ? environment : undefined,
      ...options,
    });
    return stack;
  }

  test.each<[string, Partial<ServiceRouteProps>, string]>([
    [
      "the same priority as the service's",
      { hostHeaders: ['admin.example.com'], rulePriority: 5 },
      "routes 'Shared/Env/Web/Route' and 'Shared/Admin' both use listener rule priority 5; allowed: a distinct rulePriority for each route",
    ],
    [
      'the same traffic as the service',
      { hostHeaders: ['WEB.example.com'], rulePriority: 6 },
      "routes 'Shared/Env/Web/Route' and 'Shared/Admin' match the same host names [web.example.com] and paths []; allowed: distinct hostHeaders or pathPatterns for each route",
    ],
    [
      'no conditions next to the service',
      { rulePriority: 6 },
      "route 'Shared/Admin' matches every host and path, and 1 other route(s) share the listener; allowed: hostHeaders or pathPatterns for each route (or a service domainName, whose host is routed)",
    ],
  ])("a route added by hand with registry and %s is refused with the services' routes", (_, options, message) => {
    expect(() => Template.fromStack(addRoute(options))).toThrow(message);
  });

  test('a route added by hand with registry and distinct priority and hosts passes', () => {
    const template = Template.fromStack(addRoute({ hostHeaders: ['admin.example.com'], rulePriority: 6 }));
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 2);
  });

  test('a route added by hand without registry is not checked against the services', () => {
    const stack = addRoute({ hostHeaders: ['web.example.com'], rulePriority: 5 }, false);
    // Nothing refuses the clash at synthesis (the deployment would: ELB refuses a listener's priority twice).
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 2);
    template.resourcePropertiesCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', { Priority: 5 }, 2);
  });
});

describe('HttpsLoadBalancer test listener', () => {
  function withTestListener(certificate: boolean, alternateTargetGroup: boolean) {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
    return new HttpsLoadBalancer(stack, 'Lb', {
      vpc,
      internetFacing: certificate,
      certificate: certificate ? acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN) : undefined,
      alternateTargetGroup,
      testListenerPort: 9443,
    });
  }

  test('with a second target group and a certificate: an HTTPS listener on the port and its rule', () => {
    const edge = withTestListener(true, true);
    expect(edge.testListener).toBeDefined();
    expect(edge.testListenerRule).toBeDefined();
    Template.fromStack(Stack.of(edge)).hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 9443,
      Protocol: 'HTTPS',
    });
  });

  test.each<[string, boolean, boolean, string]>([
    [
      'without a certificate',
      false,
      true,
      'testListenerPort serves HTTPS and needs certificate; allowed: certificate with it, or no testListenerPort',
    ],
    [
      'without a second target group',
      true,
      false,
      'testListenerPort serves deployments that shift traffic; allowed: deploymentStrategy canary(), linear() or blueGreen() with it, or no testListenerPort',
    ],
  ])('rejects a test listener %s', (_name, certificate, alternate, message) => {
    expect(() => withTestListener(certificate, alternate)).toThrow(message);
  });
});
