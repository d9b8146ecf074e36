/**
 * Validation of ServiceAutoScaling: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ScalingMode, ServiceAutoScaling, ServiceAutoScalingProps } from '../../src';
import {
  Acceptance,
  Rejection,
  expectOnlyProblem,
  runCheck,
  problemsOfCheck,
  lazyNumber,
  parameterNumber,
  lazySeconds,
  lazyMinutes,
  ACCOUNT,
  serviceFixture,
} from '../problems';
import { testStack } from '../util';

/** A stack for the references that rejection rows pass in: validation runs before anything uses them. */
const shared = testStack();

function buildAutoScaling(props: Partial<ServiceAutoScalingProps>): ServiceAutoScaling {
  const stack = testStack();
  const { service, targetGroup } = serviceFixture(stack);
  return new ServiceAutoScaling(stack, 'Scaling', { service, targetGroup, ...props });
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('ServiceAutoScaling rejects', () => {
  const rows: Array<Rejection<Partial<ServiceAutoScalingProps>>> = [
    [
      'requestsPerTarget without a target group',
      { targetGroup: undefined, requestsPerTarget: 100 },
      'requestsPerTarget 100 needs targetGroup, whose requests it counts; allowed: targetGroup with it, or no requestsPerTarget',
    ],
    [
      'requestsPerTarget above a million',
      { requestsPerTarget: 1_000_001 },
      'requestsPerTarget 1000001 is not allowed; allowed: an integer from 1 to 1000000',
    ],
    [
      'an alternateTargetGroup without a target group',
      {
        targetGroup: undefined,
        alternateTargetGroup: elbv2.ApplicationTargetGroup.fromTargetGroupAttributes(shared, 'GreenTargetGroup', {
          targetGroupArn: `arn:aws:elasticloadbalancing:us-west-2:${ACCOUNT}:targetgroup/green/0123456789abcdef`,
        }),
      },
      'alternateTargetGroup is given without targetGroup, the group it alternates with; allowed: targetGroup with it, or no alternateTargetGroup',
    ],
    [
      'a fractional minCapacity',
      { minCapacity: 1.5 },
      'minCapacity 1.5 is not allowed; allowed: an integer from 1 to 5000',
    ],
    [
      'maxCapacity above 5000',
      { maxCapacity: 5001 },
      'maxCapacity 5001 is not allowed; allowed: an integer from 1 to 5000',
    ],
    [
      'maxCapacity below the default minCapacity',
      { maxCapacity: 1 },
      'minCapacity 2 is greater than maxCapacity 1; allowed: minCapacity <= maxCapacity',
    ],
    [
      'minCapacity above the default maxCapacity',
      { minCapacity: 11 },
      'minCapacity 11 is greater than maxCapacity 10; allowed: minCapacity <= maxCapacity',
    ],
    [
      'cpuTargetUtilizationPercent 101',
      { cpuTargetUtilizationPercent: 101 },
      'cpuTargetUtilizationPercent 101 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'memoryTargetUtilizationPercent 0',
      { memoryTargetUtilizationPercent: 0 },
      'memoryTargetUtilizationPercent 0 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'a fractional step CPU scale-in threshold',
      { mode: ScalingMode.STEP, cpuScaleInBelowPercent: 1.5 },
      'cpuScaleInBelowPercent 1.5 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'a step memory scale-in threshold of 0',
      { mode: ScalingMode.STEP, memoryScaleInBelowPercent: 0 },
      'memoryScaleInBelowPercent 0 is not allowed; allowed: an integer from 1 to 100',
    ],
    [
      'the default CPU scale-in threshold above a lower scale-out one',
      { mode: ScalingMode.STEP, cpuTargetUtilizationPercent: 40 },
      'cpuScaleInBelowPercent 50 is not below cpuTargetUtilizationPercent 40; allowed: a scale-in threshold under the scale-out one',
    ],
    [
      'a memory scale-in threshold at the scale-out one',
      { mode: ScalingMode.STEP, memoryScaleInBelowPercent: 75, memoryTargetUtilizationPercent: 75 },
      'memoryScaleInBelowPercent 75 is not below memoryTargetUtilizationPercent 75; allowed: a scale-in threshold under the scale-out one',
    ],
    [
      'a shorter scale-out cooldown in step mode',
      { mode: ScalingMode.STEP, scaleOutCooldown: Duration.minutes(1) },
      'scaleInCooldown 300 s differs from scaleOutCooldown 60 s; allowed: the same cooldown in ScalingMode.STEP, whose policies take one',
    ],
    [
      'a memory scale-in threshold with target tracking',
      { mode: ScalingMode.TARGET_TRACKING, memoryScaleInBelowPercent: 40 },
      'cpuScaleInBelowPercent and memoryScaleInBelowPercent apply to ScalingMode.STEP; allowed: mode STEP, or neither',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('ServiceAutoScaling', () => buildAutoScaling(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const autoScaling: Array<Acceptance<Partial<ServiceAutoScalingProps>>> = [
    ['minCapacity', { minCapacity: lazyNumber(0) }],
    ['maxCapacity', { maxCapacity: lazyNumber(0) }],
    ['cpuTargetUtilizationPercent', { cpuTargetUtilizationPercent: lazyNumber(0) }],
    ['memoryTargetUtilizationPercent', { memoryTargetUtilizationPercent: lazyNumber(101) }],
    ['requestsPerTarget', { requestsPerTarget: lazyNumber(0) }],
    [
      'step scale-in thresholds',
      { mode: ScalingMode.STEP, cpuScaleInBelowPercent: lazyNumber(0), memoryScaleInBelowPercent: lazyNumber(101) },
    ],
    ['a cooldown in step mode', { mode: ScalingMode.STEP, scaleOutCooldown: lazySeconds(300) }],
  ];
  test.each(autoScaling)('ServiceAutoScaling: %s', (_, props) => {
    expect(() => buildAutoScaling(props)).not.toThrow();
  });
});

/**
 * Token values that aws-cdk-lib itself refuses (durations in minutes, where it asks for Duration.seconds;
 * periods of alarms; step scale-out thresholds): no construct can be built with them, so these rows run
 * the checks alone, to show that the checks neither convert nor compare them.
 */
describe('Tokens aws-cdk-lib refuses itself pass the checks', () => {
  test('ServiceAutoScaling: step scale-out thresholds below the default scale-in ones', () => {
    const props = {
      mode: ScalingMode.STEP,
      cpuTargetUtilizationPercent: lazyNumber(40),
      memoryTargetUtilizationPercent: parameterNumber('MemoryTarget'),
    };
    expect(runCheck((v) => ServiceAutoScaling._checkProps(v, props))).not.toThrow();
  });

  test('ServiceAutoScaling: a step cooldown in minutes', () => {
    const props = { mode: ScalingMode.STEP, scaleInCooldown: lazyMinutes(5) };
    expect(runCheck((v) => ServiceAutoScaling._checkProps(v, props))).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------
// The check alone (ServiceAutoScaling._checkProps), as an enclosing construct runs it
// ---------------------------------------------------------------------------------------------------------

describe('ServiceAutoScaling._checkProps', () => {
  test('a prefix names the scaling options as the enclosing construct does, and leaves minCapacity and maxCapacity', () => {
    const problems = problemsOfCheck((v) =>
      ServiceAutoScaling._checkProps(
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
    expect(
      problemsOfCheck((v) => ServiceAutoScaling._checkProps(v, { cpuScaleInBelowPercent: 40 }, 'autoScaling.')),
    ).toEqual([
      'autoScaling.cpuScaleInBelowPercent and autoScaling.memoryScaleInBelowPercent apply to ScalingMode.STEP; allowed: autoScaling.mode STEP, or neither',
    ]);
  });

  test.each([
    [
      'Token scale-out thresholds',
      { cpuTargetUtilizationPercent: lazyNumber(40), memoryTargetUtilizationPercent: lazyNumber(50) },
    ],
    [
      'Token scale-in thresholds',
      { cpuScaleInBelowPercent: lazyNumber(90), memoryScaleInBelowPercent: lazyNumber(95) },
    ],
    [
      'thresholds from parameters',
      {
        cpuScaleInBelowPercent: parameterNumber('In'),
        cpuTargetUtilizationPercent: parameterNumber('Out'),
      },
    ],
    ['a Token cooldown in seconds', { scaleOutCooldown: Duration.seconds(lazyNumber(60)) }],
    ['a Token cooldown in minutes', { scaleInCooldown: Duration.minutes(lazyNumber(1)) }],
  ])('step mode: %s are neither compared nor converted', (_, props) => {
    expect(problemsOfCheck((v) => ServiceAutoScaling._checkProps(v, { mode: ScalingMode.STEP, ...props }))).toEqual([]);
  });

  test('step mode: equal cooldowns given in different units pass, and a fractional one is compared as it is', () => {
    const minute = { scaleInCooldown: Duration.minutes(1), scaleOutCooldown: Duration.seconds(60) };
    expect(problemsOfCheck((v) => ServiceAutoScaling._checkProps(v, { mode: ScalingMode.STEP, ...minute }))).toEqual(
      [],
    );
    const fraction = { scaleInCooldown: Duration.millis(1500), scaleOutCooldown: Duration.seconds(1) };
    expect(problemsOfCheck((v) => ServiceAutoScaling._checkProps(v, { mode: ScalingMode.STEP, ...fraction }))).toEqual([
      'scaleInCooldown 1.5 s differs from scaleOutCooldown 1 s; allowed: the same cooldown in ScalingMode.STEP, whose policies take one',
    ]);
  });
});
