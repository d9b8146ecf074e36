import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ServiceDeploymentStrategy } from '../../src';

describe('ServiceDeploymentStrategy', () => {
  test.each<
    [
      string,
      ServiceDeploymentStrategy,
      ecs.DeploymentStrategy,
      number | undefined,
      number | undefined,
      number | undefined,
      boolean,
    ]
  >([
    // [name, strategy, ECS strategy, step percent, step minutes, bake minutes, shifts traffic]
    [
      'rolling',
      ServiceDeploymentStrategy.rolling(),
      ecs.DeploymentStrategy.ROLLING,
      undefined,
      undefined,
      undefined,
      false,
    ],
    ['canary', ServiceDeploymentStrategy.canary(), ecs.DeploymentStrategy.CANARY, 5, 10, 10, true],
    ['linear', ServiceDeploymentStrategy.linear(), ecs.DeploymentStrategy.LINEAR, 10, 6, 10, true],
    [
      'blue/green',
      ServiceDeploymentStrategy.blueGreen(),
      ecs.DeploymentStrategy.BLUE_GREEN,
      undefined,
      undefined,
      10,
      true,
    ],
  ])('%s by default', (_name, strategy, ecsStrategy, percent, stepMinutes, bakeMinutes, shifts) => {
    expect(strategy.strategy).toBe(ecsStrategy);
    expect(strategy.stepPercent).toBe(percent);
    expect(strategy.stepBakeTime?.toMinutes()).toBe(stepMinutes);
    expect(strategy.bakeTime?.toMinutes()).toBe(bakeMinutes);
    expect(strategy.shiftsTraffic).toBe(shifts);
  });

  test('options override the defaults', () => {
    const canary = ServiceDeploymentStrategy.canary({
      percent: 20,
      canaryBakeTime: Duration.minutes(30),
      bakeTime: Duration.minutes(5),
    });
    expect([canary.stepPercent, canary.stepBakeTime?.toMinutes(), canary.bakeTime?.toMinutes()]).toEqual([20, 30, 5]);
    const linear = ServiceDeploymentStrategy.linear({
      stepPercent: 25,
      stepInterval: Duration.minutes(3),
      bakeTime: Duration.minutes(0),
    });
    expect([linear.stepPercent, linear.stepBakeTime?.toMinutes(), linear.bakeTime?.toMinutes()]).toEqual([25, 3, 0]);
    expect(ServiceDeploymentStrategy.blueGreen({ bakeTime: Duration.hours(1) }).bakeTime?.toMinutes()).toBe(60);
  });
});
