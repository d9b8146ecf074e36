import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  Firewall,
  ManagedRuleAction,
  NatGateways,
  SecureFargateWebService,
  ServiceDeploymentStrategy,
  ServiceEndpoint,
  WebServiceProfile,
} from '../src';
import { EDGE_WEB_ACL_ARN } from './nag/web-service-configurations';
import { FLAG_SETS, testStack } from './util';

import { build, CERT_ARN, Options } from './web-service-fixture';

describe('SecureFargateWebService', () => {
  describe.each(FLAG_SETS)('with %s', (flags) => {
    test('composes the spec: VPC, cluster, service, HTTPS load balancer, certificate, record, scaling', () => {
      const { template } = build({}, flags);
      template.resourceCountIs('AWS::EC2::VPC', 1);
      template.resourceCountIs('AWS::EC2::NatGateway', 2);
      template.resourceCountIs('AWS::ECS::Cluster', 1);
      template.resourceCountIs('AWS::ECS::Service', 1);
      template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
      template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 2);
      template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
      template.resourcePropertiesCountIs('AWS::Route53::RecordSet', { Name: 'app.example.com.', Type: 'A' }, 1);
      template.resourcePropertiesCountIs('AWS::Route53::RecordSet', { Name: 'app.example.com.', Type: 'AAAA' }, 1);
      template.resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 2);
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Port: 443,
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      });
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        Port: 3000,
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 30,
        HealthCheckTimeoutSeconds: 5,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 3,
      });
    });

    test('security groups: load balancer out only to the service port, service in only from the load balancer', () => {
      const { template, stack, web } = build({ containerPort: 8080 }, flags);
      const albSg = stack.resolve(web.loadBalancer.connections.securityGroups[0].securityGroupId);
      const serviceSg = stack.resolve(web.service.connections.securityGroups[0].securityGroupId);
      template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupEgress', {}, 1);
      template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
        GroupId: albSg,
        DestinationSecurityGroupId: serviceSg,
        FromPort: 8080,
        ToPort: 8080,
        IpProtocol: 'tcp',
      });
      template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', {}, 1);
      template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        GroupId: serviceSg,
        SourceSecurityGroupId: albSg,
        FromPort: 8080,
        ToPort: 8080,
      });
    });
  });

  test('the listener rule matches the domain name; the url is the domain', () => {
    const { template, web } = build();
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['app.example.com'] } }],
    });
    expect(web.url).toBe('https://app.example.com');
    expect(web.domain?.aliasRecord).toBeDefined();
  });

  test('certificate alone: used as given, no record, rule on every path, url of the load balancer', () => {
    const { template, web, stack } = build({ withZone: false, withCertificate: true });
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Certificates: [{ CertificateArn: CERT_ARN }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
    });
    const loadBalancerId = stack.getLogicalId(web.loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer);
    expect(stack.resolve(web.url)).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [loadBalancerId, 'DNSName'] }]],
    });
    expect(web.domain).toBeUndefined();
  });

  test('certificate with domain and zone: records created, certificate used as given', () => {
    const { template, web } = build({ withCertificate: true });
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 2);
    expect(web.certificate?.certificateArn).toBe(CERT_ARN);
  });

  test('a VPC given is used; no network is created', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Mine');
    const web = new SecureFargateWebService(stack, 'Web', {
      image: ecs.ContainerImage.fromRegistry('app'),
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      vpc,
    });
    expect(web.vpc).toBe(vpc);
    expect(web.network).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPC', 1);
  });

  test('network options reach the new VPC', () => {
    const { template } = build({ network: { natGateways: NatGateways.single(), cidr: '10.30.0.0/16' } });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.30.0.0/16' });
  });

  test('without NAT, tasks run in the isolated subnets and an ECR image is accepted', () => {
    const stack = testStack();
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'app');
    const web = new SecureFargateWebService(stack, 'Web', {
      image: ecs.ContainerImage.fromEcrRepository(repository, '1.0'),
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: {
        AwsvpcConfiguration: { Subnets: web.vpc.isolatedSubnets.map((s) => stack.resolve(s.subnetId)) },
      },
    });
  });

  test('without NAT, an image from a pull-through cache in private ECR is accepted', () => {
    expect(() =>
      build({
        image: ecs.ContainerImage.fromRegistry(
          '123456789012.dkr.ecr.us-west-2.amazonaws.com/docker-hub/library/nginx:1',
        ),
        network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
      }),
    ).not.toThrow();
  });

  test('without NAT, an image from a registry the endpoints cannot reach is rejected with the fix', () => {
    expect(() =>
      build({
        image: ecs.ContainerImage.fromRegistry('nginx:1.27'),
        network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
      }),
    ).toThrow(
      "image 'nginx:1.27' comes from a registry that VPC endpoints cannot reach, and network.natGateways is none; " +
        'allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache rule ' +
        'for the public registry), or NatGateways.single() / perAz() / instance()',
    );
  });

  test('the image problem is reported with every other problem, in one pass', () => {
    expect(() =>
      build({
        cpu: 300,
        image: ecs.ContainerImage.fromRegistry('nginx:1.27'),
        network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
      }),
    ).toThrow(
      /cpu 300 is not a Fargate CPU value[^]*image 'nginx:1.27' comes from a registry that VPC endpoints cannot reach/,
    );
  });

  test('a VPC given with only isolated subnets gets the same image check', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Mine', {
      natGateways: 0,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    expect(
      () =>
        new SecureFargateWebService(stack, 'Web', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
          certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
          vpc,
        }),
    ).toThrow(
      "image 'public.ecr.aws/nginx/nginx:1.27' comes from a registry that VPC endpoints cannot reach, and the VPC given has only isolated subnets",
    );
  });

  test('without NAT, an ECR image of another Region is refused in a pinned stack', () => {
    const stack = testStack({ env: { account: '123456789012', region: 'us-west-2' } });
    expect(
      () =>
        new SecureFargateWebService(stack, 'Web', {
          image: ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1'),
          certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
          network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
        }),
    ).toThrow(
      "image '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1' is in ECR in eu-west-1, which the endpoints in us-west-2 cannot reach, and network.natGateways is none; allowed: a repository in us-west-2",
    );
  });

  test.each<[string, ec2.SubnetConfiguration[], string]>([
    [
      'no private subnets',
      [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
      'vpc has no private subnets for the tasks; allowed: a VPC with PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets',
    ],
    [
      'no public subnets',
      [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      'vpc has no public subnets for the internet-facing load balancer; allowed: a VPC with PUBLIC subnets',
    ],
  ])('a VPC given with %s is rejected, naming what is missing', (_name, subnetConfiguration, message) => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Mine', { subnetConfiguration, natGateways: 0 });
    expect(
      () =>
        new SecureFargateWebService(stack, 'Web', {
          image: ecs.ContainerImage.fromRegistry('app'),
          certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
          vpc,
        }),
    ).toThrow(message);
  });

  test('vpc together with network options is rejected', () => {
    const stack = testStack();
    expect(
      () =>
        new SecureFargateWebService(stack, 'Web', {
          image: ecs.ContainerImage.fromRegistry('app'),
          certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
          vpc: new ec2.Vpc(stack, 'Mine'),
          network: { natGateways: NatGateways.single() },
        }),
    ).toThrow('network options apply only to a new VPC, and vpc was given; allowed: vpc or network, not both');
  });

  test('size, counts, port, path, environment, secrets and log retention reach the blocks', () => {
    const stack = testStack();
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Db', 'db');
    new SecureFargateWebService(stack, 'Web', {
      image: ecs.ContainerImage.fromRegistry('app'),
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      cpu: 512,
      memoryLimitMiB: 2048,
      desiredCount: 3,
      minCapacity: 3,
      maxCapacity: 6,
      containerPort: 8080,
      healthCheckPath: '/ready',
      environment: { MODE: 'prod' },
      secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password') },
      logRetention: logs.RetentionDays.ONE_WEEK,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '512',
      Memory: '2048',
      ContainerDefinitions: [
        Match.objectLike({
          Environment: [{ Name: 'MODE', Value: 'prod' }],
          Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: Match.anyValue() }],
        }),
      ],
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 3, MaxCapacity: 6 });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8080,
      HealthCheckPath: '/ready',
    });
  });

  test('container hardening settings reach the service block', () => {
    const { template } = build({
      readonlyRootFilesystem: false,
      writablePaths: ['/tmp'],
      user: '101:101',
      containerHealthCheck: { command: ['CMD-SHELL', 'true'] },
      minHealthyPercent: 50,
      maxHealthyPercent: 150,
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          ReadonlyRootFilesystem: false,
          User: '101:101',
          MountPoints: [Match.objectLike({ ContainerPath: '/tmp' })],
          HealthCheck: Match.objectLike({ Command: ['CMD-SHELL', 'true'] }),
        }),
      ],
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({ MinimumHealthyPercent: 50, MaximumPercent: 150 }),
    });
  });

  test('autoScaling options reach the scaling block, with the target group for requests per target', () => {
    const { template, stack, web } = build({
      autoScaling: { requestsPerTarget: 800, cpuTargetUtilizationPercent: 60 },
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        TargetValue: 800,
        PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
      }),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 60 }),
    });
    expect(stack.resolve(web.targetGroup!.targetGroupFullName)).toBeDefined();
  });

  test('without desiredCount the template sets none: auto scaling owns the count, from minCapacity up', () => {
    const { template } = build({ minCapacity: 4 });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: Match.absent() });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 4, MaxCapacity: 10 });
  });

  test('by default no desired count is set, so deployments keep the running count (aws/aws-cdk#3919)', () => {
    build().template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: Match.absent() });
  });

  test('a web ACL protects the load balancer by default', () => {
    const { template, stack, web } = build();
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: stack.resolve(web.loadBalancer.loadBalancerArn),
      WebACLArn: stack.resolve(web.firewall!.webAclArn),
    });
  });

  test('Firewall.fromWebAclArn: your web ACL is associated and none is created; Firewall.none(): none at all', () => {
    const arn = 'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/mine/1';
    const own = build({ firewall: Firewall.fromWebAclArn(arn) });
    own.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    own.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: arn });
    expect(own.web.firewall).toBeUndefined();
    const off = build({ firewall: Firewall.none() });
    off.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    off.template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
  });

  test('firewall settings reach the new web ACL', () => {
    build({ firewall: Firewall.managed({ rateLimit: 300 }) }).template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ Limit: 300 }) } }),
      ]),
    });
  });

  test('a new dual-stack VPC makes the load balancer dual-stack with an AAAA record; IPv4 only without', () => {
    build().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { IpAddressType: 'dualstack' });
    const v4 = build({ network: { dualStack: false } }).template;
    v4.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { IpAddressType: 'ipv4' });
    v4.resourcePropertiesCountIs('AWS::Route53::RecordSet', { Type: 'AAAA' }, 0);
  });

  test('loadBalancer options reach the load balancer block; the domain still routes by host', () => {
    const { template } = build({
      httpsLoadBalancer: { deletionProtection: false, pathPatterns: ['/api/*'], rulePriority: 5 },
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'false' }]),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 5,
      Conditions: [
        { Field: 'host-header', HostHeaderConfig: { Values: ['app.example.com'] } },
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
      ],
    });
  });

  test('the service exposes its listener and rule', () => {
    const { web } = build();
    expect(web.listener).toBe(web.httpsListener);
    expect(web.listenerRule).toBe(web.httpsLoadBalancer?.listenerRule);
  });

  test('alternative names are routed too: the rule matches every name of the certificate', () => {
    build({ subjectAlternativeNames: ['www.example.com'] }).template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::ListenerRule',
      { Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['app.example.com', 'www.example.com'] } }] },
    );
  });

  test.each<[string, Options]>([
    ['narrowed ingress', { httpsLoadBalancer: { allowedIngressCidrs: ['203.0.113.0/24'] } }],
    ['an internal load balancer', { httpsLoadBalancer: { internetFacing: false } }],
  ])('with %s the unreachable Route 53 health check is warned about', (_name, options) => {
    const { stack } = build(options);
    Annotations.fromStack(stack).hasWarning(
      '/Test/Web/Domain',
      Match.stringLikeRegexp('The Route 53 health checkers.* cannot reach'),
    );
  });

  test('allowedIngressCidrs that include anywhere give no health check warning', () => {
    const { stack } = build({ httpsLoadBalancer: { allowedIngressCidrs: ['0.0.0.0/0'] } });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('by default no warning about the health check', () => {
    expect(Annotations.fromStack(build().stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('subjectAlternativeNames, domainHealthCheck and healthCheckPath reach the domain block', () => {
    const { template } = build({ subjectAlternativeNames: ['www.example.com'], healthCheckPath: '/ready' });
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      SubjectAlternativeNames: ['www.example.com'],
    });
    template.hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: Match.objectLike({ ResourcePath: '/ready' }),
    });
    build({ domainHealthCheck: false }).template.resourceCountIs('AWS::Route53::HealthCheck', 0);
  });

  test('cloudFront without a domain: internal HTTP load balancer, no certificate, url of the distribution', () => {
    const { template, web, stack } = build({
      withZone: false,
      cloudFront: { webAclArn: EDGE_WEB_ACL_ARN },
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      IpAddressType: 'ipv4',
    });
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourcePropertiesCountIs('AWS::ElasticLoadBalancingV2::Listener', { Port: 443 }, 0);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [Match.objectLike({ Type: 'fixed-response' })],
    });
    template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', { CidrIp: Match.anyValue() }, 0);
    expect(web.httpsListener).toBeUndefined();
    expect(stack.resolve(web.url)).toEqual({
      'Fn::Join': ['', ['https://', stack.resolve(web.cloudFront!.distribution.distributionDomainName)]],
    });
  });

  describe('AWS WAF behind CloudFront', () => {
    const webAcls = (template: Template) => Object.values(template.findResources('AWS::WAFv2::WebACL'));
    const ruleNames = (acl: { [key: string]: any }): string[] =>
      acl.Properties.Rules.map((r: { Name: string }) => r.Name);

    test('the load balancer keeps only the rules that inspect the request; the distribution gets the web ACL given', () => {
      const { template, web } = build({ withZone: false, cloudFront: { webAclArn: EDGE_WEB_ACL_ARN } });
      const [regional, ...others] = webAcls(template);
      expect(others).toEqual([]);
      expect(regional.Properties.Scope).toBe('REGIONAL');
      expect(ruleNames(regional)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
      template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({ WebACLId: EDGE_WEB_ACL_ARN }),
      });
      expect(web.cloudFrontFirewall).toBeUndefined();
      expect(web.costDrivers).toMatchObject({ webAcls: 1, webAclRules: 2 });
    });

    test('in us-east-1 the distribution gets a CLOUDFRONT-scope web ACL with the firewall settings, rate limit included', () => {
      const { template, web, stack } = build({
        withZone: false,
        cloudFront: {},
        env: { account: '123456789012', region: 'us-east-1' },
        firewall: Firewall.managed({
          rateLimit: 500,
          managedRuleGroups: ['AWSManagedRulesAnonymousIpList', 'AWSManagedRulesCommonRuleSet'],
          ruleActionOverrides: [
            {
              ruleGroup: 'AWSManagedRulesAnonymousIpList',
              rule: 'HostingProviderIPList',
              action: ManagedRuleAction.COUNT,
            },
            {
              ruleGroup: 'AWSManagedRulesCommonRuleSet',
              rule: 'SizeRestrictions_BODY',
              action: ManagedRuleAction.COUNT,
            },
          ],
        }),
      });
      const edge = webAcls(template).find((acl) => acl.Properties.Scope === 'CLOUDFRONT')!;
      const regional = webAcls(template).find((acl) => acl.Properties.Scope === 'REGIONAL')!;
      expect(ruleNames(edge)).toEqual([
        'AWSManagedRulesAnonymousIpList',
        'AWSManagedRulesCommonRuleSet',
        'RateLimitPerIp',
      ]);
      expect(edge.Properties.Rules[2].Statement.RateBasedStatement).toMatchObject({
        Limit: 500,
        AggregateKeyType: 'IP',
      });
      expect(ruleNames(regional)).toEqual(['AWSManagedRulesCommonRuleSet']);
      // The override of the group left out at the load balancer goes with it.
      expect(regional.Properties.Rules[0].Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([
        { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
      ]);
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          WebACLId: stack.resolve(web.cloudFrontFirewall!.webAclArn),
        }),
      });
      expect(web.costDrivers).toMatchObject({ webAcls: 2, webAclRules: 4 });
    });

    test.each<[string, Record<string, unknown>, string]>([
      ['in another Region', { env: { account: '123456789012', region: 'us-west-2' } }, 'the stack is in us-west-2'],
      [
        'in an environment-agnostic stack',
        {},
        "the stack's Region is not known at synth time (an environment-agnostic stack)",
      ],
    ])('%s, without cloudFront.webAclArn, it refuses to leave the distribution unprotected', (_, options, where) => {
      expect(() => build({ withZone: false, cloudFront: {}, ...options })).toThrow(
        `cloudFront with AWS WAF needs a CLOUDFRONT-scope web ACL for the distribution (only it sees the clients' addresses), which AWS WAF keeps in us-east-1, and ${where}; ` +
          'allowed: cloudFront.webAclArn (for example a WebApplicationFirewall with webAclScope CLOUDFRONT in a us-east-1 stack), a stack in us-east-1 (one is created), or firewall Firewall.none()',
      );
    });

    test('with AWS WAF off there is no web ACL at all, and the development profile keeps it off', () => {
      for (const props of [{ firewall: Firewall.none() }, { profile: WebServiceProfile.DEVELOPMENT }]) {
        const { template } = build({ withZone: false, cloudFront: {}, ...props });
        template.resourceCountIs('AWS::WAFv2::WebACL', 0);
        template.hasResourceProperties('AWS::CloudFront::Distribution', {
          DistributionConfig: Match.objectLike({ WebACLId: Match.absent() }),
        });
      }
    });

    test('in the development profile the distribution keeps the web ACL given; the load balancer has none unless asked', () => {
      const { template } = build({
        withZone: false,
        cloudFront: { webAclArn: EDGE_WEB_ACL_ARN },
        profile: WebServiceProfile.DEVELOPMENT,
      });
      template.resourceCountIs('AWS::WAFv2::WebACL', 0);
      template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({ WebACLId: EDGE_WEB_ACL_ARN }),
      });
      const managed = build({
        withZone: false,
        cloudFront: { webAclArn: EDGE_WEB_ACL_ARN },
        profile: WebServiceProfile.DEVELOPMENT,
        firewall: Firewall.managed(),
      }).template;
      managed.resourceCountIs('AWS::WAFv2::WebACL', 1);
      managed.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({ WebACLId: EDGE_WEB_ACL_ARN }),
      });
    });
  });

  test('cloudFront with a domain: HTTPS to the origin by name, viewer certificate, A and AAAA aliases to the distribution', () => {
    const stack = testStack();
    const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
      hostedZoneId: 'Z0123456789EXAMPLE',
      zoneName: 'example.com',
    });
    const web = new SecureFargateWebService(stack, 'Web', {
      image: ecs.ContainerImage.fromRegistry('app'),
      domainName: 'app.example.com',
      hostedZone,
      cloudFront: {
        webAclArn: EDGE_WEB_ACL_ARN,
        certificate: acm.Certificate.fromCertificateArn(stack, 'V', 'arn:aws:acm:us-east-1:123456789012:certificate/v'),
      },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS' });
    template.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
      VpcOriginEndpointConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only' }),
    });
    const distribution = stack.resolve(web.cloudFront!.distribution.distributionDomainName);
    for (const Type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'app.example.com.',
        Type,
        AliasTarget: Match.objectLike({ DNSName: distribution }),
      });
    }
    expect(web.url).toBe('https://app.example.com');
  });

  test("logical ids of stateful resources are stable (a change replaces them in users' accounts)", () => {
    const { template } = build();
    const ids = (type: string) => Object.keys(template.findResources(type)).sort();
    expect(ids('AWS::Logs::LogGroup')).toEqual([
      'WebFirewallLogsC2FE97CD',
      'WebNetworkFlowLogsA79AC096',
      'WebServiceLogs7850C651',
    ]);
    expect(ids('AWS::S3::Bucket')).toEqual(['WebLoadBalancerAccessLogsBucket386402EC']);
    expect(ids('AWS::KMS::Key')).toEqual([
      'WebAlertsKey79321F16',
      'WebFirewallLogsKeyFCEE88DD',
      'WebNetworkFlowLogsKey8FF34898',
      'WebServiceLogsKeyCF21CDE8',
    ]);
    expect(ids('AWS::ElasticLoadBalancingV2::TargetGroup')).toEqual(['WebLoadBalancerTargetGroup5C79557E']);
    expect(ids('AWS::ECS::Service')).toEqual(['WebService436DDF84']);
    expect(ids('AWS::SNS::Topic')).toEqual([
      'WebAlertsCritical422639A6',
      'WebAlertsInfoE1821EDB',
      'WebAlertsWarningD2D03324',
    ]);
  });

  test("logical ids of the CloudFront web ACL's log group and key are stable, and the load balancer's keep theirs", () => {
    const { template } = build({
      withZone: false,
      cloudFront: {},
      env: { account: '123456789012', region: 'us-east-1' },
    });
    const ids = (type: string) => Object.keys(template.findResources(type)).sort();
    expect(ids('AWS::Logs::LogGroup')).toEqual(
      expect.arrayContaining(['WebCloudFrontFirewallLogs5F8C7D20', 'WebFirewallLogsC2FE97CD']),
    );
    expect(ids('AWS::KMS::Key')).toEqual(
      expect.arrayContaining(['WebCloudFrontFirewallLogsKey8D5253FE', 'WebFirewallLogsKeyFCEE88DD']),
    );
  });

  test('logical ids of the optional stateful resources are stable too: ECS Exec, audit, the alternate target group', () => {
    const { template } = build({ ecsExec: true, deploymentStrategy: ServiceDeploymentStrategy.blueGreen(), audit: {} });
    const ids = (type: string) => Object.keys(template.findResources(type)).sort();
    expect(ids('AWS::Logs::LogGroup')).toEqual(
      expect.arrayContaining(['WebAuditLogsACEE7E75', 'WebServiceExecLogsCF49B963']),
    );
    expect(ids('AWS::KMS::Key')).toEqual(
      expect.arrayContaining(['WebAuditKeyD8FCDF32', 'WebServiceExecLogsKeyB334E9B5']),
    );
    expect(ids('AWS::S3::Bucket')).toEqual(
      expect.arrayContaining(['WebAuditAccessLogsBucketF76D71D1', 'WebAuditBucketE54514F6']),
    );
    expect(ids('AWS::ElasticLoadBalancingV2::TargetGroup')).toEqual([
      'WebLoadBalancerAlternateTargetGroup41B504AE',
      'WebLoadBalancerTargetGroup5C79557E',
    ]);
  });

  test.each<[string, Options, string]>([
    [
      'neither certificate nor domain',
      { withZone: false },
      'HTTPS needs a certificate; allowed: domainName with hostedZone (a certificate is created), certificate, or cloudFront',
    ],
    [
      'domainName without hostedZone',
      { withZone: false, withCertificate: true, domainName: 'app.example.com' },
      "domainName 'app.example.com' needs hostedZone, the public hosted zone that holds it",
    ],
    [
      'minCapacity above desiredCount',
      { minCapacity: 3, desiredCount: 2 },
      'minCapacity 3 is greater than desiredCount 2; allowed: minCapacity <= desiredCount',
    ],
    [
      'desiredCount above maxCapacity',
      { desiredCount: 12 },
      'desiredCount 12 is greater than maxCapacity (default) 10; allowed: desiredCount <= maxCapacity (default)',
    ],
    [
      'a desiredCount below the default minCapacity',
      { desiredCount: 1 },
      'minCapacity (default) 2 is greater than desiredCount 1; allowed: minCapacity (default) <= desiredCount',
    ],
    [
      'an empty domainName',
      { domainName: '' },
      "domainName is empty; allowed: a fully qualified name such as 'app.example.com'",
    ],
    [
      'a CLOUDFRONT-scope web ACL for the load balancer',
      { firewall: Firewall.fromWebAclArn('arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1') },
      "firewall.webAclArn 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1' is not the ARN of a REGIONAL web ACL",
    ],
    [
      'a bad rate limit',
      { firewall: Firewall.managed({ rateLimit: 1 }) },
      'firewall.rateLimit 1 is not allowed; allowed: an integer from 100 to 2000000000',
    ],
    [
      'alternative names without a domain',
      { withZone: false, withCertificate: true, subjectAlternativeNames: ['www.example.com'] },
      'subjectAlternativeNames and domainHealthCheck need domainName with hostedZone; allowed: give those, or neither',
    ],
    [
      'a bad load balancer setting',
      { httpsLoadBalancer: { rulePriority: 0 } },
      'httpsLoadBalancer.rulePriority 0 is not allowed; allowed: an integer from 1 to 50000',
    ],
    [
      'cloudFront with a domain but no viewer certificate',
      { cloudFront: { webAclArn: EDGE_WEB_ACL_ARN } },
      'domainName [app.example.com] has no viewer certificate; allowed: cloudFront.certificate, a certificate in us-east-1 that covers it',
    ],
    [
      'cloudFront with an internet-facing load balancer',
      {
        withZone: false,
        cloudFront: { webAclArn: EDGE_WEB_ACL_ARN },
        httpsLoadBalancer: { internetFacing: true },
      },
      'with cloudFront, httpsLoadBalancer.internetFacing true; allowed: an internal load balancer (leave it out)',
    ],
    [
      'cloudFront with a certificate and no domain',
      { withZone: false, withCertificate: true, cloudFront: { webAclArn: EDGE_WEB_ACL_ARN } },
      'with cloudFront, certificate is for the load balancer of domainName, and no domainName was given; allowed: domainName with hostedZone, or no certificate',
    ],
    [
      'cloudFront with allowed CIDRs',
      {
        withZone: false,
        cloudFront: { webAclArn: EDGE_WEB_ACL_ARN },
        httpsLoadBalancer: { allowedIngressCidrs: ['0.0.0.0/0'] },
      },
      'with cloudFront, httpsLoadBalancer.allowedIngressCidrs [0.0.0.0/0]; allowed: leave it out, the VPC origin is the only ingress',
    ],
    [
      'cloudFront with a dual-stack load balancer',
      { withZone: false, cloudFront: { webAclArn: EDGE_WEB_ACL_ARN }, httpsLoadBalancer: { dualStack: true } },
      'with cloudFront, httpsLoadBalancer.dualStack true; allowed: leave it out',
    ],
    [
      'a viewer certificate without a domain',
      {
        withZone: false,
        cloudFront: {
          webAclArn: EDGE_WEB_ACL_ARN,
          certificate: acm.Certificate.fromCertificateArn(new Stack(), 'V', 'arn:aws:acm:us-east-1:1:certificate/v'),
        },
      },
      'cloudFront.certificate is for domainName, and none was given; allowed: domainName with it, or no cloudFront.certificate',
    ],
    [
      'a dual-stack load balancer in an IPv4-only network',
      { network: { dualStack: false }, httpsLoadBalancer: { dualStack: true } },
      'httpsLoadBalancer.dualStack true needs IPv6 subnets, and network.dualStack is false; allowed: network.dualStack true, or httpsLoadBalancer.dualStack false',
    ],
    [
      'three alternative names',
      { subjectAlternativeNames: ['a.example.com', 'b.example.com', 'c.example.com'] },
      'subjectAlternativeNames has 3 names; allowed: up to 2 (the listener rule routes domainName and these, and a rule condition holds 3 host names)',
    ],
    [
      'ECS Exec without NAT and without the SSM messages endpoint',
      { ecsExec: true, network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() } },
      'ecsExec needs the SSM messages endpoint when network.natGateways is none; allowed: network.endpoints with ServiceEndpoint.SSM_MESSAGES (ServiceEndpoint.forFargateWithEcsExec()), or ecsExec false',
    ],
    [
      'a domainName outside the zone',
      { domainName: 'app.example.org' },
      "domainName 'app.example.org' is not in hostedZone 'example.com'",
    ],
  ])('rejects %s', (_name, options, message) => {
    expect(() => build(options)).toThrow(message);
  });

  test('hostedZone without domainName is rejected', () => {
    const stack = testStack();
    const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
      hostedZoneId: 'Z1',
      zoneName: 'example.com',
    });
    expect(
      () =>
        new SecureFargateWebService(stack, 'Web', {
          image: ecs.ContainerImage.fromRegistry('app'),
          certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
          hostedZone,
        }),
    ).toThrow('hostedZone needs domainName, the name to create records for in it');
  });

  test("all problems, of this construct's props and of every block's, are reported together", () => {
    expect(() =>
      build({
        withZone: false,
        cpu: 300,
        healthCheckPath: 'health',
        minCapacity: 5,
        desiredCount: 4,
        maxCapacity: 3,
        network: { cidr: '10.0.0.0/20' },
      }),
    ).toThrow(
      [
        'Invalid SecureFargateWebService props:',
        '  - HTTPS needs a certificate; allowed: domainName with hostedZone (a certificate is created), certificate, or cloudFront',
        "  - network.cidr '10.0.0.0/20' is a /20 block; allowed: a /16 such as '10.0.0.0/16' (the subnet plan needs one)",
        '  - cpu 300 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384',
        "  - healthCheckPath 'health' does not start with '/'; allowed: an absolute path such as '/health'",
        '  - minCapacity 5 is greater than maxCapacity 3; allowed: minCapacity <= maxCapacity',
        '  - minCapacity 5 is greater than desiredCount 4; allowed: minCapacity <= desiredCount',
        '  - desiredCount 4 is greater than maxCapacity 3; allowed: desiredCount <= maxCapacity',
      ].join('\n'),
    );
  });
});
