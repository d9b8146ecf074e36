import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import {
  HttpsLoadBalancer,
  SecureFargateWebService,
  ServiceRoute,
  ServiceRouteProps,
  WebServiceEnvironment,
} from '../../src';
import { testApp, testStack } from '../util';

const CERT_ARN = 'arn:aws:acm:us-west-2:123456789012:certificate/abc';

/** A load balancer with no route of its own, and a listener to route on. */
function fixture() {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
  const edge = new HttpsLoadBalancer(stack, 'Lb', {
    vpc,
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    serviceRoute: false,
  });
  return { stack, vpc, edge, listener: edge.httpsListener! };
}

function route(props: Partial<ServiceRouteProps> = {}) {
  const f = fixture();
  const created = new ServiceRoute(f.stack, 'Route', { vpc: f.vpc, listener: f.listener, ...props });
  return { ...f, route: created, template: Template.fromStack(f.stack) };
}

const id = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

describe('ServiceRoute', () => {
  test('a load balancer with serviceRoute false has listeners but no target group or rule', () => {
    const { edge, stack } = fixture();
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

  test.each<[string, Partial<ServiceRouteProps>, string]>([
    ['priority 0', { rulePriority: 0 }, 'rulePriority 0 is not allowed; allowed: an integer from 1 to 50000'],
    [
      'four host names',
      { hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com'] },
      'hostHeaders has 4 values; allowed: up to 3 (a listener rule condition holds 3)',
    ],
    [
      'a relative health check path',
      { healthCheckPath: 'health' },
      "healthCheckPath 'health' does not start with '/'; allowed: an absolute path such as '/health'",
    ],
  ])('rejects %s', (_name, props, message) => {
    expect(() => route(props)).toThrow(message);
  });

  test('a route added by hand is checked with the services when claimed on the environment', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = new WebServiceEnvironment(stack, 'Env', {
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    });
    new SecureFargateWebService(stack, 'Web', {
      image: ecs.ContainerImage.fromRegistry('app'),
      sharedEnvironment: environment,
      loadBalancer: { hostHeaders: ['web.example.com'], rulePriority: 5 },
    });
    new ServiceRoute(stack, 'Admin', {
      vpc: environment.vpc,
      listener: environment.httpsListener as elbv2.IApplicationListener,
      hostHeaders: ['admin.example.com'],
      rulePriority: 5,
    });
    environment.claimRoute('Shared/Admin', 5, ['admin.example.com'], [], true);
    expect(() => Template.fromStack(stack)).toThrow(
      "services 'Shared/Web' and 'Shared/Admin' both use listener rule priority 5; allowed: a distinct loadBalancer.rulePriority for each service",
    );
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
