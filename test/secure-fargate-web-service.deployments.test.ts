import { Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  HardenedFargateService,
  LiveTargetGroup,
  SecureFargateWebService,
  ServiceDeploymentStrategy,
  WebServiceEnvironment,
} from '../src';
import { formatFindings, installedNagModules, nagFindings } from './nag/harness';
import { EDGE_WEB_ACL_ARN } from './nag/web-service-configurations';
import { testApp, testStack } from './util';
import { build, Options } from './web-service-fixture';

const id = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

function deploymentConfiguration(template: Template) {
  return Object.values(template.findResources('AWS::ECS::Service'))[0].Properties.DeploymentConfiguration;
}

describe('deployment strategies', () => {
  test('rolling by default: no strategy, one target group, a plain forward', () => {
    const { web, template } = build();
    expect(deploymentConfiguration(template).Strategy).toBeUndefined();
    expect(web.alternateTargetGroup).toBeUndefined();
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Actions: [{ Type: 'forward', TargetGroupArn: Match.anyValue() }],
    });
  });

  test.each<[string, ServiceDeploymentStrategy, object]>([
    [
      'canary: 5% for 10 minutes, then all, 10 minutes bake',
      ServiceDeploymentStrategy.canary(),
      {
        Strategy: 'CANARY',
        CanaryConfiguration: { CanaryPercent: 5, CanaryBakeTimeInMinutes: 10 },
        BakeTimeInMinutes: 10,
      },
    ],
    [
      'canary with its options',
      ServiceDeploymentStrategy.canary({
        percent: 12.5,
        canaryBakeTime: Duration.minutes(30),
        bakeTime: Duration.hours(1),
      }),
      {
        Strategy: 'CANARY',
        CanaryConfiguration: { CanaryPercent: 12.5, CanaryBakeTimeInMinutes: 30 },
        BakeTimeInMinutes: 60,
      },
    ],
    [
      'linear: 10% every 6 minutes',
      ServiceDeploymentStrategy.linear(),
      { Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 10, StepBakeTimeInMinutes: 6 }, BakeTimeInMinutes: 10 },
    ],
    [
      'linear with its options',
      ServiceDeploymentStrategy.linear({
        stepPercent: 25,
        stepInterval: Duration.minutes(2),
        bakeTime: Duration.minutes(0),
      }),
      { Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 25, StepBakeTimeInMinutes: 2 }, BakeTimeInMinutes: 0 },
    ],
    ['blue/green', ServiceDeploymentStrategy.blueGreen(), { Strategy: 'BLUE_GREEN', BakeTimeInMinutes: 10 }],
    [
      'blue/green with a bake time',
      ServiceDeploymentStrategy.blueGreen({ bakeTime: Duration.minutes(45) }),
      { Strategy: 'BLUE_GREEN', BakeTimeInMinutes: 45 },
    ],
  ])('%s', (_name, deploymentStrategy, expected) => {
    const { template } = build({ deploymentStrategy });
    const configuration = deploymentConfiguration(template);
    expect(configuration).toMatchObject(expected);
    // ECS documents the circuit breaker for rolling and blue/green; canary and linear roll back on alarms.
    if (deploymentStrategy.supportsCircuitBreaker) {
      expect(configuration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
    } else {
      expect(configuration.DeploymentCircuitBreaker).toBeUndefined();
    }
    expect(configuration.Alarms).toMatchObject({ Enable: true, Rollback: true });
  });

  test('the circuit breaker: rolling and blue/green, not canary and linear', () => {
    expect(ServiceDeploymentStrategy.rolling().supportsCircuitBreaker).toBe(true);
    expect(ServiceDeploymentStrategy.blueGreen().supportsCircuitBreaker).toBe(true);
    expect(ServiceDeploymentStrategy.canary().supportsCircuitBreaker).toBe(false);
    expect(ServiceDeploymentStrategy.linear().supportsCircuitBreaker).toBe(false);
  });

  test("the service waits for the traffic-shifting role's and the hook role's policies", () => {
    const stack = new Stack(testApp(), 'Web');
    const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
      hostedZoneId: 'Z1',
      zoneName: 'example.com',
    });
    new SecureFargateWebService(stack, 'Service', {
      image: ecs.ContainerImage.fromRegistry('app'),
      domainName: 'app.example.com',
      hostedZone,
      deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
      deploymentHook: lambda.Function.fromFunctionArn(
        stack,
        'Hook',
        'arn:aws:lambda:us-west-2:123456789012:function:smoke',
      ),
    });
    const template = Template.fromStack(stack);
    const service = Object.values(template.findResources('AWS::ECS::Service'))[0];
    const policies = Object.keys(template.findResources('AWS::IAM::ManagedPolicy')).filter((logicalId) =>
      /TrafficShiftRolePolicy|DeploymentHookRolePolicy/.test(logicalId),
    );
    expect(policies).toHaveLength(2);
    expect(service.DependsOn).toEqual(expect.arrayContaining(policies));
  });

  test('a strategy that shifts traffic: an alternate target group with the same health check, a weighted production rule', () => {
    const { web, stack, template } = build({ deploymentStrategy: ServiceDeploymentStrategy.canary() });
    const groups = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup')).map(
      (g) => g.Properties,
    );
    expect(groups).toHaveLength(2);
    expect(groups[0]).toEqual(groups[1]);
    const blue = { Ref: id(stack, web.targetGroup!) };
    const green = { Ref: id(stack, web.alternateTargetGroup!) };
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 100,
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: blue, Weight: 100 },
              { TargetGroupArn: green, Weight: 0 },
            ],
          },
        },
      ],
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      LoadBalancers: [
        Match.objectLike({
          TargetGroupArn: blue,
          AdvancedConfiguration: {
            AlternateTargetGroupArn: green,
            ProductionListenerRule: { Ref: id(stack, web.listenerRule!) },
            RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebTrafficShiftRole'), 'Arn'] },
          },
        }),
      ],
    });
  });

  test("the traffic-shifting role: the service's rules and target groups only, reads on the load balancer", () => {
    const { web, stack, template } = build({
      deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
      httpsLoadBalancer: { testListenerPort: 8443 },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ecs.amazonaws.com' } })] },
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
      Description: Match.stringLikeRegexp('shift'),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: [
              'elasticloadbalancing:DescribeListeners',
              'elasticloadbalancing:DescribeRules',
              'elasticloadbalancing:DescribeTargetGroups',
              'elasticloadbalancing:DescribeTargetHealth',
            ],
            Resource: '*',
          },
          {
            Effect: 'Allow',
            Action: 'elasticloadbalancing:ModifyRule',
            Resource: [
              { Ref: id(stack, web.listenerRule!) },
              { Ref: id(stack, web.httpsLoadBalancer!.testListenerRule!) },
            ],
          },
          {
            Effect: 'Allow',
            Action: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
            Resource: [{ Ref: id(stack, web.targetGroup!) }, { Ref: id(stack, web.alternateTargetGroup!) }],
          },
        ],
      },
    });
  });

  test('the test listener rule: every path at priority 1, weighted 100 and 0 like the production rule', () => {
    const { web, stack, template } = build({
      deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
      httpsLoadBalancer: { testListenerPort: 8443 },
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: { Ref: id(stack, web.testListener!) },
      Priority: 1,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: { Ref: id(stack, web.targetGroup!) }, Weight: 100 },
              { TargetGroupArn: { Ref: id(stack, web.alternateTargetGroup!) }, Weight: 0 },
            ],
          },
        },
      ],
    });
  });

  test('a test listener: HTTPS on its port, open to the same clients, its rule handed to ECS', () => {
    const { web, stack, template } = build({
      deploymentStrategy: ServiceDeploymentStrategy.linear(),
      httpsLoadBalancer: { testListenerPort: 8443, allowedIngressCidrs: ['203.0.113.0/24'] },
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 8443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      DefaultActions: [Match.objectLike({ Type: 'fixed-response' })],
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: Match.arrayWith([
        Match.objectLike({ CidrIp: '203.0.113.0/24', FromPort: 8443, ToPort: 8443 }),
      ]),
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      LoadBalancers: [
        Match.objectLike({
          AdvancedConfiguration: Match.objectLike({
            TestListenerRule: { Ref: id(stack, web.httpsLoadBalancer!.testListenerRule!) },
          }),
        }),
      ],
    });
    expect(web.testListener).toBe(web.httpsLoadBalancer?.testListener);
  });

  test('rollback: the critical alarms and an error-rate alarm watch both target groups and guard the deployment', () => {
    const { web, stack, template } = build({ deploymentStrategy: ServiceDeploymentStrategy.canary() });
    const names = ['Http5xx', 'UnhealthyTargets', 'RunningTasksBelowMinimum', 'NoHealthyTargets', 'ErrorRate'].map(
      (n) => `Test-Web-${n}`,
    );
    expect(deploymentConfiguration(template).Alarms).toEqual({ AlarmNames: names, Enable: true, Rollback: true });
    const blue = id(stack, web.targetGroup!);
    const green = id(stack, web.alternateTargetGroup!);
    const alarm = (name: string) =>
      Object.values(
        template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: `Test-Web-${name}` } }),
      )[0].Properties;
    const errorRate = alarm('ErrorRate');
    expect(errorRate).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    const metricNames = errorRate.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).map(
      (m: { Id: string; MetricStat: { Metric: { MetricName: string } } }) =>
        `${m.Id}:${m.MetricStat.Metric.MetricName}`,
    );
    // 5XX only (the load balancer's own too, as the service has it to itself): 4XX are the clients' errors.
    expect(metricNames.sort()).toEqual([
      'e5_0:HTTPCode_Target_5XX_Count',
      'e5_1:HTTPCode_Target_5XX_Count',
      'elb5:HTTPCode_ELB_5XX_Count',
      'r_0:RequestCount',
      'r_1:RequestCount',
    ]);
    expect(errorRate.Metrics[0].Expression).toBe(
      '100 * (FILL(elb5, 0) + FILL(e5_0, 0) + FILL(e5_1, 0)) / (FILL(r_0, 0) + FILL(r_1, 0))',
    );
    expect(web.alarms.clientErrorRate).toBeUndefined();
    for (const name of ['ErrorRate', 'UnhealthyTargets', 'NoHealthyTargets', 'Http5xx', 'ResponseTimeP99']) {
      const body = JSON.stringify(alarm(name));
      expect(body).toContain(blue);
      expect(body).toContain(green);
    }
    expect(alarm('UnhealthyTargets').Metrics[0].Expression).toBe('FILL(tg0, 0) + FILL(tg1, 0)');
    expect(alarm('NoHealthyTargets').Metrics[0].Expression).toBe('FILL(tg0, 0) + FILL(tg1, 0)');
    expect(alarm('ResponseTimeP99').Metrics[0].Expression).toBe('MAX([FILL(tg0, 0), FILL(tg1, 0)])');
    void web;
  });

  test('alarms.errorRate tunes the error-rate threshold', () => {
    build({
      deploymentStrategy: ServiceDeploymentStrategy.canary(),
      alarms: { errorRate: { threshold: 5 } },
    }).template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Test-Web-ErrorRate', Threshold: 5 });
  });

  test('alarms.clientErrorRate adds a 4XX-share alarm over both target groups, which rolls deployments back too', () => {
    const { web, stack, template } = build({
      deploymentStrategy: ServiceDeploymentStrategy.linear(),
      alarms: { clientErrorRate: { threshold: 20 } },
    });
    const alarm = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: 'Test-Web-ClientErrorRate' } }),
    )[0].Properties;
    expect(alarm).toMatchObject({ Threshold: 20, ComparisonOperator: 'GreaterThanThreshold' });
    expect(alarm.Metrics[0].Expression).toBe('100 * (FILL(e4_0, 0) + FILL(e4_1, 0)) / (FILL(r_0, 0) + FILL(r_1, 0))');
    expect(JSON.stringify(alarm)).toContain(id(stack, web.alternateTargetGroup!));
    expect(deploymentConfiguration(template).Alarms.AlarmNames).toEqual(
      [
        'Http5xx',
        'UnhealthyTargets',
        'RunningTasksBelowMinimum',
        'NoHealthyTargets',
        'ErrorRate',
        'ClientErrorRate',
      ].map((n) => `Test-Web-${n}`),
    );
  });

  test('autoScaling.requestsPerTarget: the requests of both target groups per healthy target of both', () => {
    const { web, stack, template } = build({
      deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
      autoScaling: { requestsPerTarget: 800 },
    });
    template.resourcePropertiesCountIs(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      {
        TargetTrackingScalingPolicyConfiguration: Match.objectLike({
          PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }),
        }),
      },
      0,
    );
    const policy = Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy')).find(
      (p) => p.Properties.TargetTrackingScalingPolicyConfiguration?.CustomizedMetricSpecification,
    )!.Properties.TargetTrackingScalingPolicyConfiguration;
    expect(policy.TargetValue).toBe(800);
    const metrics = policy.CustomizedMetricSpecification.Metrics;
    expect(metrics[0].Expression).toBe('(FILL(r0, 0) + FILL(r1, 0)) / (FILL(h0, 0) + FILL(h1, 0))');
    const groupOf = (queryId: string) =>
      JSON.stringify(metrics.find((m: { Id: string }) => m.Id === queryId).MetricStat.Metric.Dimensions);
    for (const queryId of ['r0', 'h0']) expect(groupOf(queryId)).toContain(id(stack, web.targetGroup!));
    for (const queryId of ['r1', 'h1']) expect(groupOf(queryId)).toContain(id(stack, web.alternateTargetGroup!));
  });

  test('the dashboard shows both target groups wherever it shows target-group metrics', () => {
    const { web, stack, template } = build({ deploymentStrategy: ServiceDeploymentStrategy.canary() });
    const body = JSON.stringify(
      stack.resolve(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody),
    );
    for (const expression of [
      'FILL(requests_0, 0) + FILL(requests_1, 0)',
      'MAX([FILL(p99_0, 0), FILL(p99_1, 0)])',
      'FILL(e5_0, 0) + FILL(e5_1, 0)',
      'FILL(healthy_0, 0) + FILL(healthy_1, 0)',
      'FILL(unhealthy_0, 0) + FILL(unhealthy_1, 0)',
    ]) {
      expect(body).toContain(expression);
    }
    expect(body).toContain(id(stack, web.alternateTargetGroup!));
  });

  test("the production rule's template does not change with the image, so stack updates keep ECS's weights", () => {
    const rule = (tag: string) => {
      const { stack, web, template } = build({
        image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/example/app:${tag}`),
        deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
      });
      return template.toJSON().Resources[id(stack, web.listenerRule!)];
    };
    expect(rule('1.0')).toEqual(rule('2.0'));
  });

  test('httpsLoadBalancer.liveTargetGroup ALTERNATE writes the weights where production is; the test rule and the service stay', () => {
    const build_ = (liveTargetGroup?: LiveTargetGroup) =>
      build({
        deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
        httpsLoadBalancer: {
          hostHeaders: ['app.example.com', 'www.example.com'],
          testListenerPort: 8443,
          liveTargetGroup,
        },
      });
    const primary = build_();
    const alternate = build_(LiveTargetGroup.ALTERNATE);
    const { stack, web } = alternate;
    alternate.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 100,
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: { Ref: id(stack, web.targetGroup!) }, Weight: 0 },
              { TargetGroupArn: { Ref: id(stack, web.alternateTargetGroup!) }, Weight: 100 },
            ],
          },
        },
      ],
    });
    const resources = (b: typeof primary) => b.template.toJSON().Resources;
    const testRule = id(stack, web.httpsLoadBalancer!.testListenerRule!);
    const service = id(stack, web.service);
    expect(resources(alternate)[testRule]).toEqual(resources(primary)[testRule]);
    expect(resources(alternate)[service]).toEqual(resources(primary)[service]);
    // Only the production rule differs.
    const changed = Object.keys(resources(primary)).filter(
      (key) => JSON.stringify(resources(primary)[key]) !== JSON.stringify(resources(alternate)[key]),
    );
    expect(changed).toEqual([id(stack, web.listenerRule!)]);
  });

  test('httpsLoadBalancer.liveTargetGroup ALTERNATE needs a strategy that shifts traffic', () => {
    expect(() => build({ httpsLoadBalancer: { liveTargetGroup: LiveTargetGroup.ALTERNATE } })).toThrow(
      'httpsLoadBalancer.liveTargetGroup ALTERNATE needs a second target group; allowed: PRIMARY, or a deploymentStrategy that shifts traffic (canary(), linear() or blueGreen())',
    );
  });

  test('a deployment hook: called at POST_TEST_TRAFFIC_SHIFT by a role that may invoke only it', () => {
    const stack = testStack();
    const hook = lambda.Function.fromFunctionArn(stack, 'Hook', 'arn:aws:lambda:us-west-2:123456789012:function:smoke');
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      image: ecs.ContainerImage.fromRegistry('app'),
      deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
      deploymentHook: hook,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        LifecycleHooks: [
          {
            HookTargetArn: 'arn:aws:lambda:us-west-2:123456789012:function:smoke',
            LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
            RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceDeploymentHookRole'), 'Arn'] },
          },
        ],
      }),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: 'arn:aws:lambda:us-west-2:123456789012:function:smoke',
          },
        ],
      },
    });
  });

  test('deploymentHookStages choose the stages', () => {
    const stack = testStack();
    const hook = lambda.Function.fromFunctionArn(stack, 'Hook', 'arn:aws:lambda:us-west-2:123456789012:function:smoke');
    new HardenedFargateService(stack, 'Service', {
      vpc: new ec2.Vpc(stack, 'Vpc'),
      image: ecs.ContainerImage.fromRegistry('app'),
      deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
      deploymentHook: hook,
      deploymentHookStages: [
        ecs.DeploymentLifecycleStage.POST_SCALE_UP,
        ecs.DeploymentLifecycleStage.POST_PRODUCTION_TRAFFIC_SHIFT,
      ],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        LifecycleHooks: [Match.objectLike({ LifecycleStages: ['POST_SCALE_UP', 'POST_PRODUCTION_TRAFFIC_SHIFT'] })],
      }),
    });
  });

  test('in a shared environment each service has its rule and both its target groups', () => {
    const stack = new Stack(testApp(), 'Shared');
    const zone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
      hostedZoneId: 'Z1',
      zoneName: 'example.com',
    });
    const environment = new WebServiceEnvironment(stack, 'Env', { domainName: '*.example.com', hostedZone: zone });
    const services = ['a', 'b'].map((name, i) =>
      SecureFargateWebService.inEnvironment(stack, name.toUpperCase(), environment, {
        image: ecs.ContainerImage.fromRegistry('app'),
        deploymentStrategy: i === 0 ? ServiceDeploymentStrategy.canary() : ServiceDeploymentStrategy.blueGreen(),
        route: { hostHeaders: [`${name}.example.com`], rulePriority: i + 1 },
      }),
    );
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 4);
    for (const [i, web] of services.entries()) {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
        Priority: i + 1,
        Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [`${['a', 'b'][i]}.example.com`] } }],
        Actions: [
          {
            Type: 'forward',
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: { Ref: id(stack, web.targetGroup!) }, Weight: 100 },
                { TargetGroupArn: { Ref: id(stack, web.alternateTargetGroup!) }, Weight: 0 },
              ],
            },
          },
        ],
      });
    }
  });

  test.each<[string, Options, string]>([
    [
      'a canary percent below 0.1',
      { deploymentStrategy: ServiceDeploymentStrategy.canary({ percent: 0.05 }) },
      'deploymentStrategy canary percent 0.05 is not allowed; allowed: 0.1 to 100 in steps of 0.1',
    ],
    [
      'a canary percent off the 0.1 steps',
      { deploymentStrategy: ServiceDeploymentStrategy.canary({ percent: 5.55 }) },
      'deploymentStrategy canary percent 5.55 is not allowed; allowed: 0.1 to 100 in steps of 0.1',
    ],
    [
      'a linear step below 3',
      { deploymentStrategy: ServiceDeploymentStrategy.linear({ stepPercent: 2 }) },
      'deploymentStrategy linear stepPercent 2 is not allowed; allowed: 3 to 100 in steps of 0.1',
    ],
    [
      'a linear step above 100',
      { deploymentStrategy: ServiceDeploymentStrategy.linear({ stepPercent: 101 }) },
      'deploymentStrategy linear stepPercent 101 is not allowed; allowed: 3 to 100 in steps of 0.1',
    ],
    [
      'a bake time over a day',
      { deploymentStrategy: ServiceDeploymentStrategy.blueGreen({ bakeTime: Duration.minutes(1441) }) },
      'deploymentStrategy bakeTime 1 day 1 minute is not allowed; allowed: a whole number of minutes from 0 to 1440',
    ],
    [
      'a canary bake time in seconds',
      { deploymentStrategy: ServiceDeploymentStrategy.canary({ canaryBakeTime: Duration.seconds(90) }) },
      'deploymentStrategy canaryBakeTime 1 minute 30 seconds is not allowed; allowed: a whole number of minutes from 0 to 1440',
    ],
    [
      'a linear interval over a day',
      { deploymentStrategy: ServiceDeploymentStrategy.linear({ stepInterval: Duration.days(2) }) },
      'deploymentStrategy stepInterval 2 days is not allowed; allowed: a whole number of minutes from 0 to 1440',
    ],
    [
      'a linear step off the 0.1 steps',
      { deploymentStrategy: ServiceDeploymentStrategy.linear({ stepPercent: 12.34 }) },
      'deploymentStrategy linear stepPercent 12.34 is not allowed; allowed: 3 to 100 in steps of 0.1',
    ],
    [
      'a canary longer than 33 hours',
      {
        deploymentStrategy: ServiceDeploymentStrategy.canary({
          canaryBakeTime: Duration.minutes(1440),
          bakeTime: Duration.minutes(1440),
        }),
      },
      'deploymentStrategy takes 2880 minutes (bakeTime 1440 + 1 x 1440); allowed: at most 1980 minutes (33 hours) in all',
    ],
    [
      'a linear deployment longer than 33 hours (10% steps: 9 steps)',
      {
        deploymentStrategy: ServiceDeploymentStrategy.linear({
          stepInterval: Duration.minutes(200),
          bakeTime: Duration.minutes(300),
        }),
      },
      'deploymentStrategy takes 2100 minutes (bakeTime 300 + 9 x 200); allowed: at most 1980 minutes (33 hours) in all',
    ],
    [
      'a linear deployment longer than 33 hours (3% steps: 33 steps)',
      { deploymentStrategy: ServiceDeploymentStrategy.linear({ stepPercent: 3, stepInterval: Duration.minutes(60) }) },
      'deploymentStrategy takes 1990 minutes (bakeTime 10 + 33 x 60); allowed: at most 1980 minutes (33 hours) in all',
    ],
    [
      'a test listener on 80',
      { deploymentStrategy: ServiceDeploymentStrategy.canary(), httpsLoadBalancer: { testListenerPort: 80 } },
      'httpsLoadBalancer.testListenerPort 80 is taken by the production listeners; allowed: another port, such as 8443',
    ],
    [
      'a test listener port out of range',
      { deploymentStrategy: ServiceDeploymentStrategy.canary(), httpsLoadBalancer: { testListenerPort: 65536 } },
      'httpsLoadBalancer.testListenerPort 65536 is not allowed; allowed: an integer from 1 to 65535',
    ],
    [
      'a test listener without a strategy that shifts traffic',
      { httpsLoadBalancer: { testListenerPort: 8443 } },
      'httpsLoadBalancer.testListenerPort serves deployments that shift traffic; allowed: deploymentStrategy canary(), linear() or blueGreen() with it, or no testListenerPort',
    ],
    [
      'a test listener on 443',
      { deploymentStrategy: ServiceDeploymentStrategy.canary(), httpsLoadBalancer: { testListenerPort: 443 } },
      'httpsLoadBalancer.testListenerPort 443 is taken by the production listeners; allowed: another port, such as 8443',
    ],
    [
      'a test listener behind CloudFront',
      {
        withZone: false,
        cloudFront: { webAclArn: EDGE_WEB_ACL_ARN },
        deploymentStrategy: ServiceDeploymentStrategy.canary(),
        httpsLoadBalancer: { testListenerPort: 8443 },
      },
      'with cloudFront, httpsLoadBalancer.testListenerPort 8443; allowed: leave it out (it needs a load balancer that faces the clients)',
    ],
  ])('rejects %s', (_name, options, message) => {
    expect(() => build(options)).toThrow(message);
  });

  test('rejects a hook with rolling deployments, and stages without a hook', () => {
    const stack = testStack();
    const hook = lambda.Function.fromFunctionArn(stack, 'Hook', 'arn:aws:lambda:us-west-2:123456789012:function:smoke');
    const vpc = new ec2.Vpc(stack, 'Vpc');
    expect(
      () =>
        new HardenedFargateService(stack, 'A', {
          vpc,
          image: ecs.ContainerImage.fromRegistry('app'),
          deploymentHook: hook,
        }),
    ).toThrow(
      'deploymentHook and deploymentHookStages apply to canary, linear and blue/green deployments; allowed: deploymentStrategy canary(), linear() or blueGreen(), or no hook',
    );
    expect(
      () =>
        new HardenedFargateService(stack, 'B', {
          vpc,
          image: ecs.ContainerImage.fromRegistry('app'),
          deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
          deploymentHookStages: [ecs.DeploymentLifecycleStage.POST_SCALE_UP],
        }),
    ).toThrow('deploymentHookStages given without deploymentHook; allowed: deploymentHook with them, or neither');
    expect(
      () =>
        new HardenedFargateService(stack, 'C', {
          vpc,
          image: ecs.ContainerImage.fromRegistry('app'),
          deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
          deploymentHook: hook,
          deploymentHookStages: [],
        }),
    ).toThrow(
      'deploymentHookStages is empty; allowed: at least one stage, or leave it out for POST_TEST_TRAFFIC_SHIFT',
    );
  });

  test('33 hours exactly is allowed (linear 10%: 9 steps of 200 minutes and 180 minutes of bake)', () => {
    expect(() =>
      build({
        deploymentStrategy: ServiceDeploymentStrategy.linear({
          stepInterval: Duration.minutes(200),
          bakeTime: Duration.minutes(180),
        }),
      }),
    ).not.toThrow();
  });

  test.each([
    ['canary', ServiceDeploymentStrategy.canary()],
    ['linear', ServiceDeploymentStrategy.linear()],
  ])('%s without a load balancer fails at synthesis', (name, deploymentStrategy) => {
    const stack = testStack();
    new HardenedFargateService(stack, 'Service', {
      vpc: new ec2.Vpc(stack, 'Vpc'),
      image: ecs.ContainerImage.fromRegistry('app'),
      deploymentStrategy,
    });
    expect(() => Template.fromStack(stack)).toThrow(
      `deploymentStrategy ${name} shifts traffic through a load balancer, and the service has none; allowed: attach a target group (SecureFargateWebService does), or ServiceDeploymentStrategy.rolling() or blueGreen()`,
    );
  });

  test('Token values pass unchecked', () => {
    expect(() =>
      build({
        deploymentStrategy: ServiceDeploymentStrategy.canary({
          percent: Lazy.number({ produce: () => 0 }),
          bakeTime: Duration.minutes(Lazy.number({ produce: () => 5000 })),
        }),
      }),
    ).not.toThrow();
  });

  test.each(installedNagModules())(
    'a canary with a test listener and a hook: no unacknowledged finding under %s',
    (nagModule) => {
      const stack = new Stack(testApp(), 'Web');
      const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
        hostedZoneId: 'Z1',
        zoneName: 'example.com',
      });
      new SecureFargateWebService(stack, 'Service', {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
        domainName: 'app.example.com',
        hostedZone,
        deploymentStrategy: ServiceDeploymentStrategy.canary(),
        deploymentHook: lambda.Function.fromFunctionArn(
          stack,
          'Hook',
          'arn:aws:lambda:us-west-2:123456789012:function:smoke',
        ),
        httpsLoadBalancer: { testListenerPort: 8443 },
      });
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    },
  );
});
