import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  Firewall,
  NatGateways,
  SecureFargateWebService,
  ServiceEndpoint,
  WebServiceEnvironment,
  WebServiceProfile,
} from '../../src';
import { acknowledgements, formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { testApp } from '../util';
import { attach, environmentIn, IMAGE } from './fixture';

const REGIONAL_WEB_ACL_ARN =
  'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/platform/0123abcd-0123-4567-89ab-0123456789ab';

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
    expect(environment.firewall).toBeDefined();
    expect(environment.httpsLoadBalancer.loadBalancer).toBe(environment.loadBalancer);
    expect(environment.httpsLoadBalancer.targetGroup).toBeUndefined();
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
      route: { hostHeaders: ['shop.example.com'], rulePriority: 10 },
    });
    const api = attach(stack, 'Api', environment, {
      route: { hostHeaders: ['api.example.com'], pathPatterns: ['/v1/*'], rulePriority: 20 },
    });
    const admin = attach(stack, 'Admin', environment, {
      route: { pathPatterns: ['/admin/*'], rulePriority: 30 },
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
        Actions: [{ Type: 'forward', TargetGroupArn: { Ref: logicalId(stack, service.targetGroup!) } }],
      });
    rule(shop, 10, [{ Field: 'host-header', HostHeaderConfig: { Values: ['shop.example.com'] } }]);
    rule(api, 20, [
      { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
      { Field: 'path-pattern', PathPatternConfig: { Values: ['/v1/*'] } },
    ]);
    rule(admin, 30, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/admin/*'] } }]);
    for (const service of [shop, api, admin]) {
      expect(service.sharedEnvironment).toBe(environment);
      expect(service.cluster).toBe(environment.cluster);
      expect(service.loadBalancer).toBe(environment.loadBalancer);
      expect(service.alerts).toBe(environment.alerts);
      expect(service.httpsLoadBalancer).toBeUndefined();
      expect(service.firewall).toBeUndefined();
      expect(service.route?.targetGroup).toBe(service.targetGroup!);
      expect(service.route?.listenerRule).toBe(service.listenerRule);
      // Only the load balancer's security group reaches each service, on its port.
      template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        GroupId: { 'Fn::GetAtt': [logicalId(stack, service.service.connections.securityGroups[0]), 'GroupId'] },
        SourceSecurityGroupId: {
          'Fn::GetAtt': [logicalId(stack, environment.httpsLoadBalancer.securityGroup), 'GroupId'],
        },
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

  test("addService creates the service in the environment's scope, attached to it", () => {
    const stack = new Stack(testApp(), 'Platform');
    const environment = environmentIn(stack);
    const shop = environment.addService('Shop', { image: IMAGE, route: { hostHeaders: ['shop.example.com'] } });
    expect(shop).toBeInstanceOf(SecureFargateWebService);
    expect(shop.node.scope).toBe(environment);
    expect(shop.node.path).toBe('Platform/Shared/Shop');
    expect(shop.sharedEnvironment).toBe(environment);
    expect(shop.route?.node.path).toBe('Platform/Shared/Shop/Route');
    expect(shop.cluster).toBe(environment.cluster);
    expect(shop.url).toBe('https://shop.example.com');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ECS::Service', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: { Ref: logicalId(stack, environment.httpsListener) },
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['shop.example.com'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: logicalId(stack, shop.targetGroup!) } }],
    });
    // The service's names carry its path below the stack.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Platform-Shared-Shop-Http5xx' });
  });

  test('inEnvironment puts the service in a stack of its own, which refers to the environment stack', () => {
    const app = testApp();
    const platform = new Stack(app, 'Platform');
    const environment = environmentIn(platform);
    const stack = new Stack(app, 'ShopStack');
    const shop = attach(stack, 'Web', environment, { route: { hostHeaders: ['shop.example.com'], rulePriority: 10 } });
    expect(Stack.of(shop)).toBe(stack);
    expect(shop.route?.node.path).toBe('ShopStack/Web/Route');
    const service = Template.fromStack(stack);
    expect(stack.dependencies.map((d) => d.stackName)).toEqual([platform.stackName]);
    service.resourceCountIs('AWS::ECS::Service', 1);
    service.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 1);
    service.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
    service.resourceCountIs('AWS::ECS::Cluster', 0);
    service.resourceCountIs('AWS::SNS::Topic', 0);
    service.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: { 'Fn::ImportValue': Match.stringLikeRegexp('^Platform:') },
      Priority: 10,
    });
    const shared = Template.fromStack(platform);
    shared.resourceCountIs('AWS::ECS::Service', 0);
    shared.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 0);
  });

  test('inEnvironment in another stack: the routes of every stack are checked together', () => {
    const app = testApp();
    const platform = new Stack(app, 'Platform');
    const environment = environmentIn(platform);
    attach(new Stack(app, 'ShopStack'), 'Web', environment, { route: { hostHeaders: ['shop.example.com'] } });
    attach(new Stack(app, 'ApiStack'), 'Web', environment, { route: { hostHeaders: ['api.example.com'] } });
    expect(() => app.synth()).toThrow(
      "routes 'ShopStack/Web/Route' and 'ApiStack/Web/Route' both use listener rule priority 100; allowed: a distinct rulePriority for each route",
    );
  });

  test('one service alone keeps the default routing: every path at priority 100', () => {
    const stack = new Stack(testApp(), 'Shared');
    attach(stack, 'Web', environmentIn(stack));
    Template.fromStack(stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 100,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
    });
  });

  test("a service's domain: its host is routed, its certificate joins the listener under its Route, its records point at the shared load balancer", () => {
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
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerCertificate', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerCertificate', {
      ListenerArn: { Ref: logicalId(stack, environment.httpsListener) },
      Certificates: [{ CertificateArn: { Ref: logicalId(stack, web.domain!.certificate) } }],
    });
    // The route owns the attachment now: `<service>/Route/ListenerCertificate` (was `<service>/ListenerCertificate`).
    const attachment = web.route!.node.tryFindChild('ListenerCertificate');
    expect(attachment).toBeDefined();
    expect(web.node.tryFindChild('ListenerCertificate')).toBeUndefined();
    expect(Object.keys(template.findResources('AWS::ElasticLoadBalancingV2::ListenerCertificate'))).toEqual([
      stack.getLogicalId(attachment!.node.defaultChild as never),
    ]);
    expect(attachment!.node.path).toBe('Shared/Web/Route/ListenerCertificate');
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

  test('a service without a domain adds no certificate to the listener', () => {
    const stack = new Stack(testApp(), 'Shared');
    const web = attach(stack, 'Web', environmentIn(stack), { route: { hostHeaders: ['web.example.com'] } });
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerCertificate', 0);
    expect(web.route!.node.tryFindChild('ListenerCertificate')).toBeUndefined();
  });

  test('registerRoute: a claim registered by hand is checked with the routes of the services', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    attach(stack, 'Web', environment, { route: { hostHeaders: ['web.example.com'], rulePriority: 5 } });
    environment.registerRoute({
      owner: 'Elsewhere/Admin',
      priority: 5,
      hostHeaders: ['admin.example.com'],
      pathPatterns: [],
      ownCertificate: false,
    });
    environment.registerRoute({
      owner: 'Elsewhere/Other',
      priority: 6,
      hostHeaders: ['web.example.com'],
      pathPatterns: [],
      ownCertificate: false,
    });
    environment.registerRoute({
      owner: 'Elsewhere/Own',
      priority: 7,
      hostHeaders: ['own.example.org'],
      pathPatterns: [],
      ownCertificate: true,
    });
    let message = '';
    try {
      Template.fromStack(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      "routes 'Shared/Web/Route' and 'Elsewhere/Admin' both use listener rule priority 5; allowed: a distinct rulePriority for each route",
    );
    expect(message).toContain(
      "routes 'Shared/Web/Route' and 'Elsewhere/Other' match the same host names [web.example.com] and paths []; allowed: distinct hostHeaders or pathPatterns for each route",
    );
    // A claim with a certificate of its own may route a host the environment's certificate does not cover.
    expect(message).not.toContain('Elsewhere/Own');
  });

  test('registerRoute: distinct claims pass', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    attach(stack, 'Web', environment, { route: { hostHeaders: ['web.example.com'], rulePriority: 5 } });
    environment.registerRoute({
      owner: 'Elsewhere/Admin',
      priority: 6,
      hostHeaders: ['admin.example.com'],
      pathPatterns: ['/admin/*'],
      ownCertificate: false,
    });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test("taskSubnets: the environment's network chooses the services' subnets", () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, {
      network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
    });
    expect(environment.taskSubnets).toEqual({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED });
    const web = attach(stack, 'Web', environment);
    const isolated = environment.vpc.selectSubnets(environment.taskSubnets).subnetIds.map((s) => stack.resolve(s));
    expect(isolated).toHaveLength(2);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ Subnets: isolated }) },
    });
    expect(web.vpc).toBe(environment.vpc);
  });

  test('taskSubnets: private subnets with egress by default, none chosen with a VPC of your own', () => {
    const stack = new Stack(testApp(), 'Shared');
    expect(environmentIn(stack).taskSubnets).toEqual({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    const other = new Stack(testApp(), 'Other');
    const vpc = new ec2.Vpc(other, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const environment = environmentIn(other, { vpc });
    expect(environment.taskSubnets).toBeUndefined();
    expect(environment.network).toBeUndefined();
    attach(other, 'Web', environment);
    const privateSubnets = vpc.privateSubnets.map((s) => other.resolve(s.subnetId));
    Template.fromStack(other).hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ Subnets: privateSubnets }) },
    });
  });

  test('the development profile: one NAT instance, no deletion protection, no AWS WAF (acknowledged)', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, { profile: WebServiceProfile.DEVELOPMENT });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Instance', 1);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(environment.firewall).toBeUndefined();
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'false' }]),
    });
    const loadBalancer = logicalId(stack, environment.loadBalancer);
    const reasons = acknowledgements(stack).filter((a) => a.resource === loadBalancer);
    expect(reasons).toEqual(
      expect.arrayContaining([
        {
          resource: loadBalancer,
          id: 'NIST.800.53.R5-ALBWAFEnabled',
          reason: 'AWS WAF was turned off by configuration (Firewall.none()), as for a development environment.',
        },
        {
          resource: loadBalancer,
          id: 'PCI.DSS.321-ALBWAFEnabled',
          reason: 'AWS WAF was turned off by configuration (Firewall.none()), as for a development environment.',
        },
        expect.objectContaining({ id: 'NIST.800.53.R5-ELBDeletionProtectionEnabled' }),
      ]),
    );
  });

  test('the development profile: any prop given explicitly wins', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, {
      profile: WebServiceProfile.DEVELOPMENT,
      network: { natGateways: NatGateways.perAz() },
      httpsLoadBalancer: { deletionProtection: true },
      firewall: Firewall.managed({ rateLimit: 500 }),
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    expect(environment.firewall).toBeDefined();
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ Limit: 500 }) } }),
      ]),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
    });
    expect(acknowledgements(stack).filter((a) => /ALBWAFEnabled|DeletionProtection/.test(a.id))).toEqual([]);
  });

  test('the production profile with Firewall.none() turns AWS WAF off only', () => {
    const stack = new Stack(testApp(), 'Shared');
    environmentIn(stack, { firewall: Firewall.none() });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
    });
  });

  test('Firewall.fromWebAclArn: the load balancer gets the web ACL of your own, and none is created', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, { firewall: Firewall.fromWebAclArn(REGIONAL_WEB_ACL_ARN) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: logicalId(stack, environment.loadBalancer) },
      WebACLArn: REGIONAL_WEB_ACL_ARN,
    });
    expect(environment.firewall).toBeUndefined();
  });

  test("a service's development profile sets only its own capacity and logs; the url is its host name", () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const web = attach(stack, 'Dev', environment, {
      profile: WebServiceProfile.DEVELOPMENT,
      route: { hostHeaders: ['dev.example.com'] },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: Match.arrayWith([Match.objectLike({ CapacityProvider: 'FARGATE_SPOT' })]),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    // The environment (production) keeps its WAF, NAT gateways and deletion protection.
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
    });
    expect(web.url).toBe('https://dev.example.com');
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
          attach(stack, `S${i}`, environment, { route: { hostHeaders: [host], rulePriority: i + 1 } }),
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
        attach(stack, 'Web', environment, { route: { hostHeaders: [host], rulePriority: i + 1 } });
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
      attach(stack, 'A', environment, { route: { hostHeaders: ['a.example.com'], rulePriority: 1 } });
      environment.addService('B', { image: IMAGE, route: { hostHeaders: ['b.example.com'], rulePriority: 2 } });
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    },
  );

  test.each(installedNagModules())(
    'a development environment (Firewall.none()) with a service: no unacknowledged finding under %s',
    (nagModule) => {
      const stack = new Stack(testApp(), 'Shared');
      const environment = environmentIn(stack, { profile: WebServiceProfile.DEVELOPMENT });
      environment.addService('A', { image: IMAGE, route: { hostHeaders: ['a.example.com'] } });
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
