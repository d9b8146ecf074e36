import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlertSeverity, CapacityMix, Firewall, NatGateways, SecureFargateWebService, WebServiceProfile } from '../src';
import { EDGE_WEB_ACL_ARN } from './nag/web-service-configurations';
import { testStack } from './util';
import { build, CERT_ARN, Options } from './web-service-fixture';

describe('SecureFargateWebService observability', () => {
  test('alert topics, the alarm set and a dashboard by default', () => {
    const { web, template } = build();
    template.resourceCountIs('AWS::SNS::Topic', 3);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 7);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(web.alerts.topicFor(AlertSeverity.CRITICAL)).toBe(web.alerts.critical);
    expect(web.alarms.all.map((a) => a.node.id)).toEqual([
      'HighCpu',
      'HighMemory',
      'Http5xx',
      'UnhealthyTargets',
      'RunningTasksBelowMinimum',
      'NoHealthyTargets',
      'ResponseTimeP99',
    ]);
    expect(web.dashboard?.dashboard).toBeDefined();
  });

  test('alarm names are <stack>-<path>-<Alarm>; the critical ones are the deployment alarms, with rollback', () => {
    const { template } = build();
    const names = ['Http5xx', 'UnhealthyTargets', 'RunningTasksBelowMinimum', 'NoHealthyTargets'].map(
      (n) => `Test-Web-${n}`,
    );
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({ Alarms: { AlarmNames: names, Enable: true, Rollback: true } }),
    });
    for (const name of names) template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: name });
  });

  test("the service's own load balancer: the 5XX alarm counts its 5XX as well as the targets'", () => {
    const { template } = build();
    const alarm = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: 'Test-Web-Http5xx' } }),
    )[0].Properties;
    expect(alarm.Metrics[0].Expression).toBe('FILL(elb, 0) + FILL(target, 0)');
    expect(JSON.stringify(alarm.Metrics)).toContain('HTTPCode_ELB_5XX_Count');
  });

  test('every alarm is created after the service, so that none fires while the first tasks start', () => {
    const { web, stack, template } = build();
    const service = stack.getLogicalId(web.service.node.defaultChild as never);
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.DependsOn).toEqual(expect.arrayContaining([service]));
    }
  });

  test('the running-task alarm follows minCapacity; alarms and alerts options pass through', () => {
    const { template } = build({
      minCapacity: 3,
      alarms: { highCpu: { threshold: 75 }, alarmNamePrefix: 'shop' },
      alerts: { critical: { emails: ['oncall@example.com'] } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'shop-RunningTasksBelowMinimum',
      Threshold: 3,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'shop-HighCpu', Threshold: 75 });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  test("the dashboard shows the service's alarms", () => {
    const { web, stack, template } = build();
    const body = JSON.stringify(stack.resolve(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0]));
    for (const alarm of web.alarms.all) {
      expect(body).toContain(stack.getLogicalId(alarm.node.defaultChild as never));
    }
  });

  test('rolling: no error-rate alarm; alarms.clientErrorRate adds the 4XX share of requests, a deployment alarm', () => {
    expect(build().web.alarms.clientErrorRate).toBeUndefined();
    const { web, template } = build({ alarms: { clientErrorRate: { threshold: 15 } } });
    expect(web.alarms.errorRate).toBeUndefined();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Test-Web-ClientErrorRate',
      Threshold: 15,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: '100 * (FILL(e4_0, 0)) / (FILL(r_0, 0))' })]),
    });
    expect(web.alarms.deploymentAlarmNames).toContain('Test-Web-ClientErrorRate');
  });

  test('dashboard false: none', () => {
    const { web, template } = build({ dashboard: false });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    expect(web.dashboard).toBeUndefined();
  });

  test('in a us-east-1 stack, the domain health check alarm guards deployments too, with CloudFront as well', () => {
    const env = { account: '123456789012', region: 'us-east-1' };
    // A certificate known by its ARN only: any scope serves.
    const certificate = acm.Certificate.fromCertificateArn(
      new Stack(),
      'ViewerCert',
      'arn:aws:acm:us-east-1:123456789012:certificate/v',
    );
    for (const { web } of [build({ env }), build({ env, cloudFront: { webAclArn: EDGE_WEB_ACL_ARN, certificate } })]) {
      expect(web.alarms.domainHealthCheck).toBeDefined();
      expect(web.alarms.deploymentAlarmNames).toContain('Test-Web-DomainHealthCheck');
    }
  });

  test("a topic of the user's receives its severity's alarms", () => {
    const arn = 'arn:aws:sns:us-west-2:123456789012:pager';
    const { template } = build({ alerts: { criticalTopic: sns.Topic.fromTopicArn(new Stack(), 'Pager', arn) } });
    template.resourceCountIs('AWS::SNS::Topic', 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Test-Web-NoHealthyTargets',
      AlarmActions: [arn],
      OKActions: [arn],
    });
  });

  test('no account audit by default; audit creates the trail and the GuardDuty detector', () => {
    const plain = build();
    plain.template.resourceCountIs('AWS::CloudTrail::Trail', 0);
    plain.template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    expect(plain.web.audit).toBeUndefined();
    const audited = build({ audit: { guardDuty: true } });
    audited.template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
    });
    audited.template.resourceCountIs('AWS::GuardDuty::Detector', 1);
    expect(audited.web.audit?.trail).toBeDefined();
  });

  test.each<[string, Options, string]>([
    ['a bad email', { alerts: { info: { emails: ['ops'] } } }, "alerts.info.emails[0] 'ops' is not an email address"],
    [
      'an http URL',
      { alerts: { critical: { httpsUrls: ['http://x.example.com'] } } },
      "alerts.critical.httpsUrls[0] 'http://x.example.com' is not an HTTPS URL",
    ],
    [
      'a CPU threshold of 0',
      { alarms: { highCpu: { threshold: 0 } } },
      'alarms.highCpu.threshold 0 is not allowed; allowed: 1 to 100',
    ],
    [
      'a period of 30 seconds',
      { alarms: { serverErrors: { period: Duration.seconds(30) } } },
      'alarms.serverErrors.period 30 seconds is not allowed; allowed: a whole number of minutes, 1 or more',
    ],
    [
      'a client error rate of 0 %',
      { alarms: { clientErrorRate: { threshold: 0 } } },
      'alarms.clientErrorRate.threshold 0 is not allowed; allowed: 0.001 to 100',
    ],
    [
      'an audit with nothing to create',
      { audit: { trail: false, guardDuty: false } },
      'audit.trail false and audit.guardDuty false leave nothing to create; allowed: at least one of them true',
    ],
  ])('rejects %s, naming the prop under its block', (_name, options, message) => {
    expect(() => build(options)).toThrow(message);
  });
});

describe('SecureFargateWebService profiles', () => {
  test('PRODUCTION (the default): NAT per AZ, on-demand, deletion protection, WAF, 30-day logs', () => {
    for (const options of [{}, { profile: WebServiceProfile.PRODUCTION }]) {
      const { template } = build(options);
      template.resourceCountIs('AWS::EC2::NatGateway', 2);
      template.hasResourceProperties('AWS::ECS::Service', {
        CapacityProviderStrategy: [Match.objectLike({ CapacityProvider: 'FARGATE' })],
      });
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
      });
      template.resourceCountIs('AWS::WAFv2::WebACL', 1);
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    }
  });

  test('DEVELOPMENT: one NAT instance, one task on demand then Spot-weighted, no deletion protection, no WAF, 7-day logs', () => {
    const { template, web } = build({ profile: WebServiceProfile.DEVELOPMENT });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Instance', 1);
    template.hasResourceProperties('AWS::EC2::Instance', { InstanceType: 't4g.nano' });
    expect(web.network?.natInstances).toHaveLength(1);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 1, MaxCapacity: 10 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'RunningTaskCount',
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: Match.arrayWith([Match.objectLike({ CapacityProvider: 'FARGATE', Base: 1 })]),
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: Match.arrayWith([Match.objectLike({ CapacityProvider: 'FARGATE_SPOT', Weight: 3 })]),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'false' }]),
    });
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    // The service's log group; flow logs and WAF logs keep their own retention.
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 0);
  });

  test('DEVELOPMENT: any explicit prop beats the profile', () => {
    const { template } = build({
      profile: WebServiceProfile.DEVELOPMENT,
      network: { natGateways: NatGateways.perAz() },
      minCapacity: 3,
      capacity: CapacityMix.onDemand(),
      logRetention: logs.RetentionDays.ONE_MONTH,
      httpsLoadBalancer: { deletionProtection: true },
      firewall: Firewall.managed(),
    });
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.resourceCountIs('AWS::EC2::Instance', 0);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 3 });
    template.hasResourceProperties('AWS::ECS::Service', {
      CapacityProviderStrategy: [Match.objectLike({ CapacityProvider: 'FARGATE' })],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
    });
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('DEVELOPMENT: a web ACL given turns WAF on', () => {
    const arn = 'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/shared/abc';
    build({
      profile: WebServiceProfile.DEVELOPMENT,
      firewall: Firewall.fromWebAclArn(arn),
    }).template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: arn });
  });

  test('DEVELOPMENT with a VPC given: no network options are implied', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    expect(
      () =>
        new SecureFargateWebService(stack, 'Web', {
          image: ecs.ContainerImage.fromRegistry('app'),
          certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
          vpc,
          profile: WebServiceProfile.DEVELOPMENT,
        }),
    ).not.toThrow();
    Template.fromStack(stack).resourceCountIs('AWS::EC2::NatGateway', 2);
  });
});
