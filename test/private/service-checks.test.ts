import { Duration, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { lazy, problemsOf } from './problems';
import { CapacityMix, ScalingMode } from '../../src';
import { checkHardenedFargateServiceProps, checkServiceAutoScalingProps } from '../../src/private/service-checks';
import { testStack } from '../util';

describe('checkServiceAutoScalingProps', () => {
  test('a prefix names the scaling options as the enclosing construct does, and leaves minCapacity and maxCapacity', () => {
    const problems = problemsOf((v) =>
      checkServiceAutoScalingProps(
        v,
        {
          minCapacity: 0,
          mode: ScalingMode.STEP,
          cpuTargetUtilizationPercent: 40,
          memoryScaleInBelowPercent: 0,
          scaleInCooldown: Duration.seconds(60),
        },
        'autoScaling.',
      ),
    );
    expect(problems).toEqual([
      'minCapacity 0 is not allowed; allowed: an integer from 1 to 5000',
      'autoScaling.memoryScaleInBelowPercent 0 is not allowed; allowed: an integer from 1 to 100',
      'autoScaling.cpuScaleInBelowPercent 50 is not below autoScaling.cpuTargetUtilizationPercent 40; allowed: a scale-in threshold under the scale-out one',
      'autoScaling.scaleInCooldown 60 s differs from autoScaling.scaleOutCooldown 300 s; allowed: the same cooldown in ScalingMode.STEP, whose policies take one',
    ]);
  });

  test('the scale-in thresholds out of step mode, with a prefix', () => {
    expect(problemsOf((v) => checkServiceAutoScalingProps(v, { cpuScaleInBelowPercent: 40 }, 'autoScaling.'))).toEqual([
      'autoScaling.cpuScaleInBelowPercent and autoScaling.memoryScaleInBelowPercent apply to ScalingMode.STEP; allowed: autoScaling.mode STEP, or neither',
    ]);
  });

  test.each([
    ['Token scale-out thresholds', { cpuTargetUtilizationPercent: lazy(40), memoryTargetUtilizationPercent: lazy(50) }],
    ['Token scale-in thresholds', { cpuScaleInBelowPercent: lazy(90), memoryScaleInBelowPercent: lazy(95) }],
    [
      'thresholds from parameters',
      {
        cpuScaleInBelowPercent: Token.asNumber({ Ref: 'In' }),
        cpuTargetUtilizationPercent: Token.asNumber({ Ref: 'Out' }),
      },
    ],
    ['a Token cooldown in seconds', { scaleOutCooldown: Duration.seconds(lazy(60)) }],
    ['a Token cooldown in minutes', { scaleInCooldown: Duration.minutes(lazy(1)) }],
  ])('step mode: %s are neither compared nor converted', (_, props) => {
    expect(problemsOf((v) => checkServiceAutoScalingProps(v, { mode: ScalingMode.STEP, ...props }))).toEqual([]);
  });

  test('step mode: equal cooldowns given in different units pass, and a fractional one is compared as it is', () => {
    const minute = { scaleInCooldown: Duration.minutes(1), scaleOutCooldown: Duration.seconds(60) };
    expect(problemsOf((v) => checkServiceAutoScalingProps(v, { mode: ScalingMode.STEP, ...minute }))).toEqual([]);
    const fraction = { scaleInCooldown: Duration.millis(1500), scaleOutCooldown: Duration.seconds(1) };
    expect(problemsOf((v) => checkServiceAutoScalingProps(v, { mode: ScalingMode.STEP, ...fraction }))).toEqual([
      'scaleInCooldown 1.5 s differs from scaleOutCooldown 1 s; allowed: the same cooldown in ScalingMode.STEP, whose policies take one',
    ]);
  });
});

describe('checkHardenedFargateServiceProps', () => {
  const secret = ecs.Secret.fromSecretsManager(secretsmanager.Secret.fromSecretNameV2(testStack(), 'Db', 'db'));

  test('capacity props are named capacity.<field>', () => {
    const capacity = CapacityMix.of({ onDemandBase: -1, onDemandWeight: 1001, spotWeight: 0.5 });
    expect(problemsOf((v) => checkHardenedFargateServiceProps(v, { capacity }))).toEqual([
      'capacity.onDemandBase -1 is not allowed; allowed: an integer from 0 to 100000',
      'capacity.onDemandWeight 1001 is not allowed; allowed: an integer from 0 to 1000',
      'capacity.spotWeight 0.5 is not allowed; allowed: an integer from 0 to 1000',
    ]);
  });

  test('a variable named in both environment and secrets is refused, once for all such names', () => {
    const props = {
      environment: { MODE: 'web', DATABASE_URL: 'postgres://db', API_URL: 'https://api' },
      secrets: { API_URL: secret, DATABASE_URL: secret, DATABASE_PASSWORD: secret },
    };
    expect(problemsOf((v) => checkHardenedFargateServiceProps(v, props))).toEqual([
      'environment and secrets both name DATABASE_URL, API_URL; allowed: each variable in one of them (a secret value in secrets only)',
    ]);
  });

  test('distinct names in environment and secrets pass', () => {
    const props = { environment: { MODE: 'web' }, secrets: { DATABASE_URL: secret } };
    expect(problemsOf((v) => checkHardenedFargateServiceProps(v, props))).toEqual([]);
  });

  test('writable paths with control characters are shown escaped', () => {
    expect(
      problemsOf((v) => checkHardenedFargateServiceProps(v, { writablePaths: ['tmp\n', '/a\t', '/a\t'] })),
    ).toEqual([
      "writablePaths entry 'tmp\\n' is not an absolute path below '/'; allowed: such as '/tmp'",
      'writablePaths names /a\\t more than once; allowed: distinct paths',
    ]);
  });
});
