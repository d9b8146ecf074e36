import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ServiceAutoScaling, ServiceAutoScalingProps } from '../../src';
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
