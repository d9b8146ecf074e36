import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  CertificateAuthorityUsageMode,
  CostComponent,
  HardenedFargateService,
  ServiceConnectNamespace,
  WebServiceEnvironment,
} from '../../src';
import { formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { testApp } from '../util';
import { attach, environmentIn, IMAGE } from './fixture';

const CA_ARN = 'arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/0123abcd-0123-4567-89ab-0123456789ab';

const logicalId = (stack: Stack, c: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(c.node.defaultChild as never);

/** An environment with Service Connect, a web front end on the load balancer and an API only it calls. */
function meshIn(stack: Stack, props: Partial<ConstructorParameters<typeof WebServiceEnvironment>[2]> = {}) {
  const environment = environmentIn(stack, { serviceConnect: {}, ...props });
  const api = attach(stack, 'Api', environment, { loadBalanced: false, containerPort: 8080 });
  const web = attach(stack, 'Web', environment, { route: { hostHeaders: ['www.example.com'], rulePriority: 10 } });
  return { environment, api, web };
}

/** The ECS service resource of `service`. */
function serviceOf(template: Template, stack: Stack, service: { service: ecs.FargateService }) {
  return template.toJSON().Resources[logicalId(stack, service.service)];
}

describe('Service Connect in a shared environment', () => {
  test('the environment creates one HTTP namespace, named after its path; no private hosted zone', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, { serviceConnect: {} });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ServiceDiscovery::HttpNamespace', 1);
    template.hasResourceProperties('AWS::ServiceDiscovery::HttpNamespace', { Name: 'shared-shared-serviceconnect' });
    template.resourceCountIs('AWS::Route53::HostedZone', 0);
    expect(environment.serviceConnect?.namespace).toBeDefined();
    expect(environment.serviceConnect?.tlsRole).toBeUndefined();
  });

  test('without serviceConnect, no namespace and services without Service Connect', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const web = attach(stack, 'Web', environment, { route: { hostHeaders: ['www.example.com'] } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ServiceDiscovery::HttpNamespace', 0);
    expect(serviceOf(template, stack, web).Properties.ServiceConnectConfiguration).toBeUndefined();
    expect(web.serviceConnectEndpoint).toBeUndefined();
  });

  test('each service joins as a client and a server under its id, with proxy and access logs in its log group', () => {
    const stack = new Stack(testApp(), 'Shared');
    const { environment, api } = meshIn(stack);
    const template = Template.fromStack(stack);
    const namespaceId = logicalId(stack, environment.serviceConnect!.namespace);
    expect(serviceOf(template, stack, api).Properties.ServiceConnectConfiguration).toEqual({
      Enabled: true,
      Namespace: { 'Fn::GetAtt': [namespaceId, 'Arn'] },
      Services: [
        {
          PortName: 'app',
          DiscoveryName: 'shared-api-service',
          ClientAliases: [{ DnsName: 'api', Port: 8080 }],
        },
      ],
      LogConfiguration: {
        LogDriver: 'awslogs',
        Options: {
          'awslogs-group': { Ref: logicalId(stack, api.logGroup) },
          'awslogs-stream-prefix': 'service-connect',
          'awslogs-region': { Ref: 'AWS::Region' },
        },
      },
      AccessLogConfiguration: { Format: 'JSON', IncludeQueryParameters: 'DISABLED' },
    });
    expect(api.serviceConnectEndpoint).toEqual({
      dnsName: 'api',
      port: 8080,
      url: 'http://api:8080',
      discoveryName: 'shared-api-service',
    });
  });

  test("the application's port mapping is named for Service Connect and speaks HTTP", () => {
    const stack = new Stack(testApp(), 'Shared');
    meshIn(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({
          Name: 'App',
          PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp', Name: 'app', AppProtocol: 'http' }],
        }),
      ]),
    });
  });

  test('the proxy takes 64 MiB of the task: the application keeps the rest', () => {
    const stack = new Stack(testApp(), 'Shared');
    const { api } = meshIn(stack);
    const container =
      Template.fromStack(stack).toJSON().Resources[logicalId(stack, api.taskDefinition)].Properties
        .ContainerDefinitions[0];
    expect(container.Memory).toBe(512 - 64);
  });

  test('overrides: dnsName, protocol, per-request timeout, access logs with query strings', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, { serviceConnect: {} });
    const api = attach(stack, 'Api', environment, {
      loadBalanced: false,
      serviceConnect: {
        dnsName: 'orders.internal',
        appProtocol: ecs.AppProtocol.http2,
        perRequestTimeout: Duration.seconds(30),
        accessLogQueryParameters: true,
      },
    });
    const template = Template.fromStack(stack);
    const configuration = serviceOf(template, stack, api).Properties.ServiceConnectConfiguration;
    expect(configuration.Services).toEqual([
      {
        PortName: 'app',
        DiscoveryName: 'shared-api-service',
        ClientAliases: [{ DnsName: 'orders.internal', Port: 3000 }],
        Timeout: { PerRequestTimeoutSeconds: 30 },
      },
    ]);
    expect(configuration.AccessLogConfiguration).toEqual({ Format: 'JSON', IncludeQueryParameters: 'ENABLED' });
    expect(api.url).toBe('http://orders.internal:3000');
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([
        Match.objectLike({ PortMappings: [Match.objectLike({ AppProtocol: 'http2' })] }),
      ]),
    });
  });

  test('a client only (server false) serves nothing, and access logs can be off', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, { serviceConnect: {} });
    const web = attach(stack, 'Web', environment, {
      route: { hostHeaders: ['www.example.com'] },
      serviceConnect: { server: false, accessLogs: false },
    });
    const configuration = serviceOf(Template.fromStack(stack), stack, web).Properties.ServiceConnectConfiguration;
    expect(configuration.Services).toEqual([]);
    expect(configuration.AccessLogConfiguration).toBeUndefined();
    expect(configuration.Enabled).toBe(true);
    expect(web.serviceConnectEndpoint).toBeUndefined();
  });

  test('connectTo: the server admits only its callers on its port, and a caller is created after its server', () => {
    const stack = new Stack(testApp(), 'Shared');
    const { api, web } = meshIn(stack);
    const other = attach(stack, 'Other', web.sharedEnvironment as WebServiceEnvironment, {
      route: { hostHeaders: ['other.example.com'], rulePriority: 20 },
    });
    expect(web.connectTo(api)).toBe('http://api:8080');
    const template = Template.fromStack(stack);
    const apiGroup = logicalId(stack, api.service.connections.securityGroups[0]);
    const webGroup = logicalId(stack, web.service.connections.securityGroups[0]);
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).filter(
      (r) => JSON.stringify(r.Properties.GroupId) === JSON.stringify({ 'Fn::GetAtt': [apiGroup, 'GroupId'] }),
    );
    expect(ingress.map((r) => r.Properties)).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 8080,
        ToPort: 8080,
        SourceSecurityGroupId: { 'Fn::GetAtt': [webGroup, 'GroupId'] },
      }),
    ]);
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: { 'Fn::GetAtt': [webGroup, 'GroupId'] },
      DestinationSecurityGroupId: { 'Fn::GetAtt': [apiGroup, 'GroupId'] },
      FromPort: 8080,
    });
    expect(serviceOf(template, stack, web).DependsOn).toContain(logicalId(stack, api.service));
    expect(serviceOf(template, stack, other).DependsOn ?? []).not.toContain(logicalId(stack, api.service));
  });

  test('connectTo both ways: one dependency, and a warning names the service that waits', () => {
    const stack = new Stack(testApp(), 'Shared');
    const { api, web } = meshIn(stack);
    web.connectTo(api);
    api.connectTo(web);
    const template = Template.fromStack(stack);
    expect(serviceOf(template, stack, web).DependsOn).toContain(logicalId(stack, api.service));
    expect(serviceOf(template, stack, api).DependsOn ?? []).not.toContain(logicalId(stack, web.service));
    Annotations.fromStack(stack).hasWarning(
      '/Shared/Api/Service/Service',
      Match.stringLikeRegexp(
        'call each other: CloudFormation can create only one of them first.*\\[ack: secure-fargate:service-connect-cycle\\]',
      ),
    );
  });

  test('connectTo across stacks: the rules go into the stack that depends on the other, and nothing cycles', () => {
    const app = testApp();
    const env = { account: '123456789012', region: 'us-west-2' };
    const platform = new Stack(app, 'Platform', { env });
    const environment = environmentIn(platform, { serviceConnect: {} });
    const shop = attach(platform, 'Shop', environment, {
      route: { hostHeaders: ['shop.example.com'], rulePriority: 1 },
    });
    const apiStack = new Stack(app, 'ApiStack', { env });
    const api = attach(apiStack, 'Api', environment, { loadBalanced: false });
    const otherStack = new Stack(app, 'OtherStack', { env });
    const other = attach(otherStack, 'Other', environment, {
      route: { hostHeaders: ['other.example.com'], rulePriority: 2 },
    });
    shop.connectTo(api); // from the environment's stack to a stack that depends on it
    api.connectTo(shop); // from a service stack to the environment's stack
    other.connectTo(api); // between two service stacks
    expect(() => app.synth()).not.toThrow();
    const rules = (stack: Stack) =>
      Object.keys(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroupIngress'));
    // The api stack holds both of its own rules and those of the shop's calls to it; the platform none of them.
    expect(rules(apiStack).filter((id) => id.includes('ServiceConnect'))).toHaveLength(2);
    expect(rules(otherStack).filter((id) => id.includes('ServiceConnect'))).toHaveLength(1);
    expect(rules(platform).filter((id) => id.includes('ServiceConnect'))).toHaveLength(0);
    expect(otherStack.dependencies).toContain(apiStack);
    Annotations.fromStack(platform).hasWarning(
      '/Platform/Shop/Service/Service',
      Match.stringLikeRegexp("'ApiStack/Api' is in a stack that depends on this service's stack"),
    );
  });

  test('connectTo both ways between two service stacks: the second call puts its rules in the stack that waits', () => {
    const app = testApp();
    const env = { account: '123456789012', region: 'us-west-2' };
    const platform = new Stack(app, 'Platform', { env });
    const environment = environmentIn(platform, { serviceConnect: {} });
    const aStack = new Stack(app, 'AStack', { env });
    const a = attach(aStack, 'A', environment, { loadBalanced: false });
    const bStack = new Stack(app, 'BStack', { env });
    const b = attach(bStack, 'B', environment, { loadBalanced: false });
    b.connectTo(a);
    a.connectTo(b);
    expect(() => app.synth()).not.toThrow();
    const own = (stack: Stack) =>
      Object.keys(Template.fromStack(stack).findResources('AWS::EC2::SecurityGroupIngress')).filter((id) =>
        id.includes('ServiceConnect'),
      ).length;
    expect([own(aStack), own(bStack)]).toEqual([0, 2]);
  });

  test('connectTo twice adds the rules once', () => {
    const stack = new Stack(testApp(), 'Shared');
    const { api, web } = meshIn(stack);
    expect(web.connectTo(api)).toBe(web.connectTo(api));
    const template = Template.fromStack(stack);
    const own = (type: string) =>
      Object.keys(template.findResources(type)).filter((id) => id.includes('ServiceConnect')).length;
    expect([own('AWS::EC2::SecurityGroupIngress'), own('AWS::EC2::SecurityGroupEgress')]).toEqual([1, 1]);
  });

  test('a service without a route: no listener rule or target group, nothing registered with the load balancer', () => {
    const stack = new Stack(testApp(), 'Shared');
    const { api } = meshIn(stack);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 1);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 1);
    expect(api.targetGroup).toBeUndefined();
    expect(api.listenerRule).toBeUndefined();
    expect(api.listener).toBeUndefined();
    expect(api.route).toBeUndefined();
    expect(serviceOf(template, stack, api).Properties.LoadBalancers).toBeUndefined();
    expect(api.url).toBe('http://api:8080');
  });

  test('a service without a route alarms on what its clients receive, and has no target health alarms', () => {
    const stack = new Stack(testApp(), 'Shared');
    const { api } = meshIn(stack);
    expect(api.alarms.unhealthyTargets).toBeUndefined();
    expect(api.alarms.noHealthyTargets).toBeUndefined();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Shared-Api-Http5xx',
      Metrics: [
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: {
              Namespace: 'AWS/ECS',
              MetricName: 'HTTPCode_Target_5XX_Count',
              Dimensions: [{ Name: 'TargetDiscoveryName', Value: 'shared-api-service' }],
            },
            Stat: 'Sum',
          }),
        }),
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Shared-Api-ResponseTimeP99',
      Threshold: 2,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'ms_p99 / 1000' }),
        Match.objectLike({
          Id: 'ms_p99',
          MetricStat: Match.objectLike({
            Metric: {
              Namespace: 'AWS/ECS',
              MetricName: 'TargetResponseTime',
              Dimensions: [{ Name: 'TargetDiscoveryName', Value: 'shared-api-service' }],
            },
            Stat: 'p99',
          }),
        }),
      ]),
    });
    // The alarms of the routed service still read its target group.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Shared-Web-UnhealthyTargets',
    });
  });

  test("the dashboard of a routed server shows its Service Connect row too; a routeless one has no load balancer's rows", () => {
    const stack = new Stack(testApp(), 'Shared');
    const { api, web } = meshIn(stack);
    const body = (service: typeof api) =>
      JSON.stringify(
        stack.resolve(
          (service.dashboard!.dashboard.node.defaultChild as never as { dashboardBody: unknown }).dashboardBody,
        ),
      );
    expect(body(web)).toContain('Service Connect: requests in');
    expect(body(web)).toContain('Hosts');
    expect(body(api)).toContain('Service Connect: latency its clients see');
    expect(body(api)).not.toContain('Hosts');
    expect(body(api)).not.toContain('TargetGroup');
  });

  test('a service without a route and without a container health check gets a warning', () => {
    const stack = new Stack(testApp(), 'Shared');
    meshIn(stack);
    Annotations.fromStack(stack).hasWarning(
      '/Shared/Api',
      Match.stringLikeRegexp('ECS counts a task healthy as soon as it runs'),
    );
  });

  test('TLS: the namespace role ECS assumes, with the CA on each server, and the key granted to the role', () => {
    const stack = new Stack(testApp(), 'Shared');
    const certificateAuthority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca', CA_ARN);
    const kmsKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const { environment, api } = meshIn(stack, {
      serviceConnect: {
        tls: { certificateAuthority, kmsKey, usageMode: CertificateAuthorityUsageMode.SHORT_LIVED_CERTIFICATE },
      },
    });
    const template = Template.fromStack(stack);
    const roleId = logicalId(stack, environment.serviceConnect!.tlsRole!);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'ecs.amazonaws.com' } })],
      },
      ManagedPolicyArns: [
        {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
            ],
          ],
        },
      ],
    });
    expect(serviceOf(template, stack, api).Properties.ServiceConnectConfiguration.Services[0].Tls).toEqual({
      IssuerCertificateAuthority: { AwsPcaAuthorityArn: CA_ARN },
      KmsKey: { 'Fn::GetAtt': [logicalId(stack, kmsKey), 'Arn'] },
      RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:DescribeKey'],
            Resource: { 'Fn::GetAtt': [logicalId(stack, kmsKey), 'Arn'] },
          }),
        ],
      },
    });
  });

  test("the namespace's estimate: the CA's monthly fee with TLS, by its mode; nothing without", () => {
    const stack = new Stack(testApp(), 'Shared');
    const certificateAuthority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca', CA_ARN);
    const plain = new ServiceConnectNamespace(stack, 'Plain');
    const shortLived = new ServiceConnectNamespace(stack, 'ShortLived', {
      tls: { certificateAuthority, usageMode: CertificateAuthorityUsageMode.SHORT_LIVED_CERTIFICATE },
    });
    const general = new ServiceConnectNamespace(stack, 'General', {
      tls: { certificateAuthority, usageMode: CertificateAuthorityUsageMode.GENERAL_PURPOSE },
    });
    const ca = (namespace: ServiceConnectNamespace) =>
      namespace.costEstimate().monthlyUsdOf(CostComponent.PRIVATE_CERTIFICATE_AUTHORITIES);
    expect(ca(plain)).toBe(0);
    expect(ca(shortLived)).toBe(50);
    expect(ca(general)).toBe(400);
    expect(shortLived.costEstimate().totalMonthlyUsd).toBe(50);
    expect(
      general.costEstimate().lines.find((l) => l.component === CostComponent.PRIVATE_CERTIFICATE_AUTHORITIES)?.basis,
    ).toBe('1 general-purpose CA × $400');
  });

  test('logical ids of the namespace and of a routeless service are stable', () => {
    const stack = new Stack(testApp(), 'Shared');
    meshIn(stack);
    const template = Template.fromStack(stack);
    const ids = (type: string) => Object.keys(template.findResources(type)).sort();
    expect(ids('AWS::ServiceDiscovery::HttpNamespace')).toEqual(['SharedServiceConnectNamespaceF2972B7B']);
    expect(ids('AWS::ECS::Service')).toEqual(['ApiServiceAD33F7DD', 'WebService436DDF84']);
    expect(ids('AWS::Logs::LogGroup')).toEqual(
      expect.arrayContaining(['ApiServiceLogsA973F36E', 'WebServiceLogs7850C651']),
    );
  });

  test('a standalone HardenedFargateService joins a namespace of its own', () => {
    const stack = new Stack(testApp(), 'Standalone');
    const environment = environmentIn(stack);
    const mesh = new ServiceConnectNamespace(stack, 'Mesh', { namespaceName: 'internal' });
    const api = new HardenedFargateService(stack, 'Api', {
      vpc: environment.vpc,
      cluster: environment.cluster,
      image: IMAGE,
      serviceConnect: { namespace: mesh, dnsName: 'api' },
    });
    const worker = new HardenedFargateService(stack, 'Worker', {
      vpc: environment.vpc,
      cluster: environment.cluster,
      image: IMAGE,
      serviceConnect: { namespace: mesh, server: false },
    });
    expect(worker.connectTo(api)).toBe('http://api:3000');
    Template.fromStack(stack).hasResourceProperties('AWS::ServiceDiscovery::HttpNamespace', { Name: 'internal' });
  });

  test.each(installedNagModules())(
    'two services on Service Connect with TLS, one without a route: no unacknowledged finding under %s',
    (nagModule) => {
      const stack = new Stack(testApp(), 'Shared');
      const certificateAuthority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca', CA_ARN);
      const { api, web } = meshIn(stack, {
        serviceConnect: {
          tls: { certificateAuthority, usageMode: CertificateAuthorityUsageMode.SHORT_LIVED_CERTIFICATE },
        },
      });
      web.connectTo(api);
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    },
  );
});
