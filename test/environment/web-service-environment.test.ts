import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  SecureFargateWebService,
  SecureFargateWebServiceProps,
  WebServiceEnvironment,
  WebServiceEnvironmentProps,
  WebServiceProfile,
} from '../../src';
import { formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { testApp } from '../util';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0');

function zone(stack: Stack) {
  return route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
}

/** An environment with a `*.example.com` certificate in `stack`. */
function environmentIn(stack: Stack, props: Partial<WebServiceEnvironmentProps> = {}) {
  return new WebServiceEnvironment(stack, 'Shared', { domainName: '*.example.com', hostedZone: zone(stack), ...props });
}

/** A service attached to `environment`, routed by `host` (and more props). */
function attach(
  scope: Stack,
  id: string,
  environment: WebServiceEnvironment,
  props: Partial<SecureFargateWebServiceProps> = {},
) {
  return new SecureFargateWebService(scope, id, { image: IMAGE, sharedEnvironment: environment, ...props });
}

const logicalId = (stack: Stack, c: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(c.node.defaultChild as never);

describe('WebServiceEnvironment', () => {
  test('creates what services share once: network, cluster, HTTPS load balancer, certificate, WAF, alert topics', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::ECS::Cluster', 1);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 0);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: '*.example.com' });
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    template.resourceCountIs('AWS::SNS::Topic', 3);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    expect(environment.certificateNames).toEqual(['*.example.com']);
  });

  test("logical ids of the environment's stateful resources are stable (a change replaces them in users' accounts)", () => {
    const stack = new Stack(testApp(), 'Shared');
    environmentIn(stack);
    const template = Template.fromStack(stack);
    const ids = (type: string) => Object.keys(template.findResources(type)).sort();
    expect(ids('AWS::Logs::LogGroup')).toEqual(['SharedFirewallLogs819D0E16', 'SharedNetworkFlowLogs5985C92E']);
    expect(ids('AWS::KMS::Key')).toEqual([
      'SharedAlertsKeyDC25495A',
      'SharedFirewallLogsKey20617A3B',
      'SharedNetworkFlowLogsKey39206790',
    ]);
    expect(ids('AWS::S3::Bucket')).toEqual(['SharedLoadBalancerAccessLogsBucket123FA981']);
    expect(ids('AWS::SNS::Topic')).toEqual([
      'SharedAlertsCritical97FABE8C',
      'SharedAlertsInfo64F75714',
      'SharedAlertsWarning8FEBDAEA',
    ]);
    expect(ids('AWS::ElasticLoadBalancingV2::LoadBalancer')).toEqual(['SharedLoadBalancer94D19817']);
  });

  test('three services in one stack: each its own rule, target group, security group, logs, alarms, dashboard', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const shop = attach(stack, 'Shop', environment, {
      loadBalancer: { hostHeaders: ['shop.example.com'], rulePriority: 10 },
    });
    const api = attach(stack, 'Api', environment, {
      loadBalancer: { hostHeaders: ['api.example.com'], pathPatterns: ['/v1/*'], rulePriority: 20 },
    });
    const admin = attach(stack, 'Admin', environment, {
      loadBalancer: { pathPatterns: ['/admin/*'], rulePriority: 30 },
    });
    const template = Template.fromStack(stack);
    // Shared once.
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    template.resourceCountIs('AWS::ECS::Cluster', 1);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.resourceCountIs('AWS::SNS::Topic', 3);
    // Per service.
    template.resourceCountIs('AWS::ECS::Service', 3);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 3);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 3);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 21);
    const listener = { Ref: logicalId(stack, environment.httpsListener) };
    const rule = (service: SecureFargateWebService, priority: number, conditions: object[]) =>
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
        ListenerArn: listener,
        Priority: priority,
        Conditions: conditions,
        Actions: [{ Type: 'forward', TargetGroupArn: { Ref: logicalId(stack, service.targetGroup) } }],
      });
    rule(shop, 10, [{ Field: 'host-header', HostHeaderConfig: { Values: ['shop.example.com'] } }]);
    rule(api, 20, [
      { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/v1/*'] } },
    ]);
    rule(admin, 30, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/admin/*'] } }]);
    for (const service of [shop, api, admin]) {
      expect(service.cluster).toBe(environment.cluster);
      expect(service.loadBalancer).toBe(environment.loadBalancer);
      expect(service.alerts).toBe(environment.alerts);
      expect(service.edge).toBeUndefined();
      expect(service.route?.targetGroup).toBe(service.targetGroup);
      // Only the load balancer's security group reaches each service, on its port.
      template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        GroupId: { 'Fn::GetAtt': [logicalId(stack, service.service.connections.securityGroups[0]), 'GroupId'] },
        SourceSecurityGroupId: { 'Fn::GetAtt': [logicalId(stack, environment.edge.securityGroup), 'GroupId'] },
        FromPort: 3000,
        ToPort: 3000,
      });
    }
    // A shared load balancer's own 5XX are not one service's: the 5XX alarm watches the targets only.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Shared-Shop-Http5xx',
      MetricName: 'HTTPCode_Target_5XX_Count',
      Statistic: 'Sum',
    });
  });

  test('one service alone keeps the default routing: every path at priority 100', () => {
    const stack = new Stack(testApp(), 'Shared');
    attach(stack, 'Web', environmentIn(stack));
    Template.fromStack(stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 100,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
    });
  });

  test("a service's domain: its host is routed, its certificate joins the listener, its records point at the shared load balancer", () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = new WebServiceEnvironment(stack, 'Shared', {
      certificate: acm.Certificate.fromCertificateArn(
        stack,
        'Cert',
        'arn:aws:acm:us-west-2:123456789012:certificate/x',
      ),
    });
    const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'OrgZone', {
      hostedZoneId: 'Z0123456789OTHER',
      zoneName: 'example.org',
    });
    const web = attach(stack, 'Web', environment, { domainName: 'shop.example.org', hostedZone });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['shop.example.org'] } }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerCertificate', {
      ListenerArn: { Ref: logicalId(stack, environment.httpsListener) },
      Certificates: [{ CertificateArn: { Ref: logicalId(stack, web.domain!.certificate) } }],
    });
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'shop.example.org.',
      Type: 'A',
      AliasTarget: Match.objectLike({
        DNSName: Match.objectLike({
          'Fn::Join': Match.arrayWith([
            Match.arrayWith([
              Match.objectLike({ 'Fn::GetAtt': [logicalId(stack, environment.loadBalancer), 'DNSName'] }),
            ]),
          ]),
        }),
      }),
    });
  });

  test.each<[string, (stack: Stack, environment: WebServiceEnvironment) => void, string]>([
    [
      'two services at one priority',
      (stack, environment) => {
        attach(stack, 'A', environment, { loadBalancer: { hostHeaders: ['a.example.com'] } });
        attach(stack, 'B', environment, { loadBalancer: { hostHeaders: ['b.example.com'] } });
      },
      "services 'Shared/A' and 'Shared/B' both use listener rule priority 100; allowed: a distinct loadBalancer.rulePriority for each service",
    ],
    [
      'two services with the same hosts and paths',
      (stack, environment) => {
        attach(stack, 'A', environment, { loadBalancer: { hostHeaders: ['a.example.com'], rulePriority: 1 } });
        attach(stack, 'B', environment, { loadBalancer: { hostHeaders: ['A.example.com'], rulePriority: 2 } });
      },
      "services 'Shared/A' and 'Shared/B' route the same host names [a.example.com] and paths []; allowed: distinct hostHeaders or pathPatterns for each service",
    ],
    [
      'a catch-all rule next to another',
      (stack, environment) => {
        attach(stack, 'A', environment, { loadBalancer: { rulePriority: 1 } });
        attach(stack, 'B', environment, { loadBalancer: { hostHeaders: ['b.example.com'], rulePriority: 2 } });
      },
      "service 'Shared/A' routes every host and path, and 1 other service(s) attach as well; allowed: hostHeaders or pathPatterns for each service (or a domainName, whose host is routed)",
    ],
    [
      "a host the environment's certificate does not cover",
      (stack, environment) => {
        attach(stack, 'A', environment, { loadBalancer: { hostHeaders: ['a.b.example.com'] } });
      },
      "service 'Shared/A' routes host 'a.b.example.com', which the environment's certificate (*.example.com) does not cover; allowed: a host it covers, or domainName with hostedZone on the service (its own certificate)",
    ],
  ])('refuses %s at synthesis', (_name, attachServices, message) => {
    const stack = new Stack(testApp(), 'Shared');
    attachServices(stack, environmentIn(stack));
    expect(() => Template.fromStack(stack)).toThrow(message);
  });

  test("a service's development profile sets only its own capacity and logs; the url is its host name", () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const web = attach(stack, 'Dev', environment, {
      profile: WebServiceProfile.DEVELOPMENT,
      loadBalancer: { hostHeaders: ['dev.example.com'] },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: Match.arrayWith([Match.objectLike({ CapacityProvider: 'FARGATE_SPOT' })]),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    // The environment (production) keeps its WAF and NAT gateways.
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    expect(web.url).toBe('https://dev.example.com');
  });

  test('a service refuses the settings the environment owns', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    expect(() =>
      attach(stack, 'A', environment, { waf: false, alerts: {}, loadBalancer: { deletionProtection: false } }),
    ).toThrow(
      'waf, alerts, loadBalancer.deletionProtection given with sharedEnvironment, which owns them; allowed: set them on the WebServiceEnvironment, or leave sharedEnvironment out',
    );
  });

  test.each<[string, Partial<WebServiceEnvironmentProps>, string]>([
    [
      'no certificate',
      { domainName: undefined, hostedZone: undefined },
      'HTTPS needs a certificate; allowed: certificate, or domainName with hostedZone (a certificate is created)',
    ],
    [
      'a route setting on the shared load balancer',
      { loadBalancer: { rulePriority: 5 } },
      "loadBalancer.rulePriority belongs to a service's route, not to the shared load balancer; allowed: set it in the service's loadBalancer options",
    ],
    [
      'waf false with a firewall',
      { waf: false, firewall: { rateLimit: 500 } },
      'webAclArn or firewall given with waf false; allowed: waf true, or neither',
    ],
  ])('refuses %s', (_name, props, message) => {
    const stack = new Stack(testApp(), 'Shared');
    expect(() => environmentIn(stack, props)).toThrow(message);
  });

  describe('at scale: 25 services', () => {
    const hosts = Array.from({ length: 25 }, (_, i) => `s${i}.example.com`);

    /** The resources of an environment with `n` services in one stack (CloudFormation's limit not enforced). */
    function resourcesInOneStack(n: number): number {
      const stack = new Stack(testApp('no flags', { context: { [MAX_RESOURCES_CONTEXT]: 0 } }), 'Shared');
      const environment = environmentIn(stack);
      hosts
        .slice(0, n)
        .forEach((host, i) =>
          attach(stack, `S${i}`, environment, { loadBalancer: { hostHeaders: [host], rulePriority: i + 1 } }),
        );
      return Object.keys(Template.fromStack(stack).toJSON().Resources).length;
    }

    test('in one stack: every service adds the same number of resources; 19 fit under 500, 25 do not', () => {
      const [one, two, many] = [1, 2, 25].map(resourcesInOneStack);
      const perService = two - one;
      expect(perService).toBe(PER_SERVICE_RESOURCES);
      // Linear: the 25th service costs what the second did.
      expect(many - one).toBe(24 * perService);
      const base = one - perService;
      expect(Math.floor((500 - base) / perService)).toBe(SERVICES_PER_STACK);
      expect(resourcesInOneStack(SERVICES_PER_STACK)).toBeLessThanOrEqual(500);
      expect(resourcesInOneStack(SERVICES_PER_STACK + 1)).toBeGreaterThan(500);
    });

    test('one stack per service next to the environment stack: few, stable cross-stack references', () => {
      const app = new App({ ...({ builtinCloudFormationValidation: false } as object) });
      const shared = new Stack(app, 'Shared');
      const environment = environmentIn(shared);
      const stacks = hosts.map((host, i) => {
        const stack = new Stack(app, `Service${i}`);
        attach(stack, 'Web', environment, { loadBalancer: { hostHeaders: [host], rulePriority: i + 1 } });
        return stack;
      });
      const assembly = app.synth();
      const exports = Object.keys(assembly.getStackByName('Shared').template.Outputs ?? {});
      // The same references serve every service stack: the count does not grow with the services.
      expect(exports).toHaveLength(SHARED_EXPORTS);
      for (const stack of stacks) {
        expect(stack.dependencies.map((d) => d.stackName)).toEqual(['Shared']);
        Template.fromStack(stack).resourceCountIs('AWS::ECS::Service', 1);
      }
    });
  });

  test.each(installedNagModules())(
    'an environment with two services: no unacknowledged finding under %s',
    (nagModule) => {
      const stack = new Stack(testApp(), 'Shared');
      const environment = environmentIn(stack);
      attach(stack, 'A', environment, { loadBalancer: { hostHeaders: ['a.example.com'], rulePriority: 1 } });
      attach(stack, 'B', environment, { loadBalancer: { hostHeaders: ['b.example.com'], rulePriority: 2 } });
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    },
  );
});

/** Resources each service adds to a shared environment in one stack. */
const PER_SERVICE_RESOURCES = 23;

/** Services that fit in one stack with their environment under CloudFormation's 500 resources. */
const SERVICES_PER_STACK = 19;

/** Exports of the environment stack that service stacks import, however many service stacks there are. */
const SHARED_EXPORTS = 9;

/** aws-cdk-lib's context key for the resource limit it enforces at synthesis (0 turns the check off). */
const MAX_RESOURCES_CONTEXT = '@aws-cdk/core:stackResourceLimit';
