import { CfnElement, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ScalingMode, ServiceAutoScaling, ServiceAutoScalingProps } from '../../src';
import { testStack } from '../util';

type Options = Omit<ServiceAutoScalingProps, 'service'>;

function build(options: Options = {}): Template {
  const stack = testStack();
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc') });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
  taskDefinition.addContainer('App', { image: ecs.ContainerImage.fromRegistry('app') });
  const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition });
  new ServiceAutoScaling(stack, 'Scaling', { service, ...options });
  return Template.fromStack(stack);
}

function policy(metric: string, target: number, cooldown: number) {
  return {
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      PredefinedMetricSpecification: { PredefinedMetricType: metric },
      TargetValue: target,
      ScaleInCooldown: cooldown,
      ScaleOutCooldown: cooldown,
    },
  };
}

describe('ServiceAutoScaling', () => {
  test('default: 2 to 10 tasks, CPU 70% and memory 80%, 300 s cooldowns', () => {
    const template = build();
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 10,
      ScalableDimension: 'ecs:service:DesiredCount',
      ServiceNamespace: 'ecs',
    });
    template.hasResourceProperties(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      policy('ECSServiceAverageCPUUtilization', 70, 300),
    );
    template.hasResourceProperties(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      policy('ECSServiceAverageMemoryUtilization', 80, 300),
    );
  });

  test('every setting overrides', () => {
    const template = build({
      minCapacity: 3,
      maxCapacity: 20,
      cpuTargetUtilizationPercent: 60,
      memoryTargetUtilizationPercent: 75,
      scaleInCooldown: Duration.seconds(120),
      scaleOutCooldown: Duration.seconds(120),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 3, MaxCapacity: 20 });
    template.hasResourceProperties(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      policy('ECSServiceAverageCPUUtilization', 60, 120),
    );
    template.hasResourceProperties(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      policy('ECSServiceAverageMemoryUtilization', 75, 120),
    );
  });

  test.each<[string, Options, string]>([
    ['min 0', { minCapacity: 0 }, 'minCapacity 0 is not allowed; allowed: an integer from 1 to 5000'],
    [
      'min above max',
      { minCapacity: 5, maxCapacity: 4 },
      'minCapacity 5 is greater than maxCapacity 4; allowed: minCapacity <= maxCapacity',
    ],
    [
      'cpu 0%',
      { cpuTargetUtilizationPercent: 0 },
      'cpuTargetUtilizationPercent 0 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'memory 101%',
      { memoryTargetUtilizationPercent: 101 },
      'memoryTargetUtilizationPercent 101 is not allowed; allowed: an integer from 1 to 100',
    ],
  ])('rejects %s', (_name, options, message) => {
    expect(() => build(options)).toThrow(message);
  });
});

describe('ServiceAutoScaling modes and requests', () => {
  function buildWith(options: Partial<ServiceAutoScalingProps>, withTargetGroup = false): Template {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    taskDefinition.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('app'),
      portMappings: [{ containerPort: 80 }],
    });
    const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition });
    let targetGroup: elbv2.ApplicationTargetGroup | undefined;
    if (withTargetGroup) {
      const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
      const listener = alb.addListener('L', { port: 80 });
      targetGroup = listener.addTargets('T', { port: 80, targets: [service] });
    }
    new ServiceAutoScaling(stack, 'Scaling', { service, targetGroup, ...options });
    return Template.fromStack(stack);
  }

  test("ScalingMode.STEP: the spec's one-task steps, out above 70% / 80%, in below 50% / 60%", () => {
    const template = buildWith({ mode: ScalingMode.STEP });
    template.resourcePropertiesCountIs(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      { PolicyType: 'TargetTrackingScaling' },
      0,
    );
    const step = (lower: number | undefined, upper: number | undefined, change: number) =>
      Match.objectLike({
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: Match.objectLike({
          AdjustmentType: 'ChangeInCapacity',
          Cooldown: 300,
          StepAdjustments: [
            Match.objectLike({
              ScalingAdjustment: change,
              ...(lower === undefined ? {} : { MetricIntervalLowerBound: lower }),
              ...(upper === undefined ? {} : { MetricIntervalUpperBound: upper }),
            }),
          ],
        }),
      });
    template.resourcePropertiesCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', { PolicyType: 'StepScaling' }, 4);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', step(0, undefined, 1));
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', step(undefined, 0, -1));
    for (const [metric, threshold, operator] of [
      ['CPUUtilization', 70, 'GreaterThanOrEqualToThreshold'],
      ['CPUUtilization', 50, 'LessThanOrEqualToThreshold'],
      ['MemoryUtilization', 80, 'GreaterThanOrEqualToThreshold'],
      ['MemoryUtilization', 60, 'LessThanOrEqualToThreshold'],
    ] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metric,
        Namespace: 'AWS/ECS',
        Threshold: threshold,
        ComparisonOperator: operator,
      });
    }
  });

  test("requestsPerTarget adds target tracking on the target group's requests per target", () => {
    buildWith({ requestsPerTarget: 500 }, true).hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        TargetValue: 500,
        PredefinedMetricSpecification: {
          PredefinedMetricType: 'ALBRequestCountPerTarget',
          ResourceLabel: Match.anyValue(),
        },
      }),
    });
  });

  describe('requestsPerTarget with two target groups (canary, linear, blue/green)', () => {
    /** A service behind a listener that forwards to two target groups, weighted 100 and 0 as ECS leaves them. */
    function withAlternate(options: Partial<ServiceAutoScalingProps>) {
      const stack = testStack();
      const vpc = new ec2.Vpc(stack, 'Vpc');
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
      const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
      taskDefinition.addContainer('App', {
        image: ecs.ContainerImage.fromRegistry('app'),
        portMappings: [{ containerPort: 80 }],
      });
      const service = new ecs.FargateService(stack, 'Service', { cluster, taskDefinition });
      const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
      const listener = alb.addListener('L', { port: 80 });
      const blue = listener.addTargets('T', { port: 80, targets: [service] });
      const green = new elbv2.ApplicationTargetGroup(stack, 'Green', {
        vpc,
        port: 80,
        targetType: elbv2.TargetType.IP,
      });
      listener.addAction('Weighted', {
        priority: 10,
        conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
        action: elbv2.ListenerAction.weightedForward([
          { targetGroup: blue, weight: 100 },
          { targetGroup: green, weight: 0 },
        ]),
      });
      new ServiceAutoScaling(stack, 'Scaling', { service, targetGroup: blue, alternateTargetGroup: green, ...options });
      const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);
      return { template: Template.fromStack(stack), blue: id(blue), green: id(green) };
    }

    /** The metric of a target tracking query: the load balancer (by the listener's ARN) and the target group. */
    const metricStat = (metricName: string, stat: string, targetGroup: string) => ({
      Metric: {
        Namespace: 'AWS/ApplicationELB',
        MetricName: metricName,
        Dimensions: Match.arrayWith([
          { Name: 'TargetGroup', Value: { 'Fn::GetAtt': [targetGroup, 'TargetGroupFullName'] } },
        ]),
      },
      Stat: stat,
    });

    test('target tracking on the requests of both groups over the healthy targets of both, in metric math', () => {
      const { template, blue, green } = withAlternate({ requestsPerTarget: 500 });
      template.resourcePropertiesCountIs(
        'AWS::ApplicationAutoScaling::ScalingPolicy',
        {
          TargetTrackingScalingPolicyConfiguration: Match.objectLike({
            PredefinedMetricSpecification: {
              PredefinedMetricType: 'ALBRequestCountPerTarget',
              ResourceLabel: Match.anyValue(),
            },
          }),
        },
        0,
      );
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        PolicyType: 'TargetTrackingScaling',
        PolicyName: Match.stringLikeRegexp('^TestServiceTaskCountTargetRequests'),
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 500,
          ScaleInCooldown: 300,
          ScaleOutCooldown: 300,
          CustomizedMetricSpecification: {
            Metrics: [
              {
                Id: 'requestsPerTarget',
                Expression: '(FILL(r0, 0) + FILL(r1, 0)) / (FILL(h0, 0) + FILL(h1, 0))',
                Label: 'Requests per healthy target',
                ReturnData: true,
              },
              { Id: 'r0', MetricStat: metricStat('RequestCount', 'Sum', blue), ReturnData: false },
              { Id: 'h0', MetricStat: metricStat('HealthyHostCount', 'Average', blue), ReturnData: false },
              { Id: 'r1', MetricStat: metricStat('RequestCount', 'Sum', green), ReturnData: false },
              { Id: 'h1', MetricStat: metricStat('HealthyHostCount', 'Average', green), ReturnData: false },
            ],
          },
        },
      });
    });

    test('the policy belongs to the same scalable target as the CPU and memory policies; cooldowns apply', () => {
      const { template } = withAlternate({
        requestsPerTarget: 200,
        scaleInCooldown: Duration.seconds(120),
        scaleOutCooldown: Duration.seconds(60),
      });
      const policies = Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'));
      expect(policies).toHaveLength(3);
      const targets = new Set(policies.map((p) => JSON.stringify(p.Properties.ScalingTargetId)));
      expect(targets.size).toBe(1);
      expect([...targets][0]).toContain('Ref');
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        TargetTrackingScalingPolicyConfiguration: Match.objectLike({
          TargetValue: 200,
          ScaleInCooldown: 120,
          ScaleOutCooldown: 60,
          CustomizedMetricSpecification: Match.anyValue(),
        }),
      });
    });

    test('the policy keeps the logical id and name of the one-group policy: a second group updates it in place', () => {
      const requestsPolicy = (template: Template) => {
        const policies = template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy', {
          Properties: { PolicyName: Match.stringLikeRegexp('Requests') },
        });
        expect(Object.keys(policies)).toHaveLength(1);
        const [[logicalId, found]] = Object.entries(policies);
        return { logicalId, name: found.Properties.PolicyName };
      };
      expect(requestsPolicy(withAlternate({ requestsPerTarget: 500 }).template)).toEqual(
        requestsPolicy(buildWith({ requestsPerTarget: 500 }, true)),
      );
    });

    test('without requestsPerTarget, the alternate target group adds no policy', () => {
      const { template } = withAlternate({});
      template.resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 2);
    });
  });

  test.each<[string, Partial<ServiceAutoScalingProps>, string]>([
    [
      'a scale-in threshold above the target',
      { mode: ScalingMode.STEP, cpuScaleInBelowPercent: 75 },
      'cpuScaleInBelowPercent 75 is not below cpuTargetUtilizationPercent 70; allowed: a scale-in threshold under the scale-out one',
    ],
    [
      'two cooldowns in step mode',
      { mode: ScalingMode.STEP, scaleInCooldown: Duration.seconds(60) },
      'scaleInCooldown 60 s differs from scaleOutCooldown 300 s; allowed: the same cooldown in ScalingMode.STEP',
    ],
    [
      'step thresholds without step mode',
      { memoryScaleInBelowPercent: 40 },
      'cpuScaleInBelowPercent and memoryScaleInBelowPercent apply to ScalingMode.STEP; allowed: mode STEP, or neither',
    ],
    [
      'requests without a target group',
      { requestsPerTarget: 100 },
      'requestsPerTarget 100 needs targetGroup, whose requests it counts',
    ],
    [
      'an alternate target group without the first',
      {
        alternateTargetGroup: elbv2.ApplicationTargetGroup.fromTargetGroupAttributes(testStack(), 'Green', {
          targetGroupArn: 'arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/green/0123456789abcdef',
        }),
      },
      'alternateTargetGroup is given without targetGroup, the group it alternates with; allowed: targetGroup with it, or no alternateTargetGroup',
    ],
    [
      'zero requests',
      { requestsPerTarget: 0 },
      'requestsPerTarget 0 is not allowed; allowed: an integer from 1 to 1000000',
    ],
  ])('rejects %s', (_name, options, message) => {
    expect(() => buildWith(options)).toThrow(message);
  });
});
