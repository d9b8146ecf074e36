/**
 * Validation of ServiceAlarms: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import { ServiceAlarms, ServiceAlarmsProps } from '../../src';
import {
  Acceptance,
  Rejection,
  expectOnlyProblem,
  runCheck,
  problemsOfCheck,
  lazyNumber,
  lazyString,
  parameterNumber,
  lazyMinutes,
  serviceFixture,
} from '../problems';
import { testStack } from '../util';

/** A Service Connect server's endpoint, for the alarms of a service without a target group. */
const ENDPOINT = { dnsName: 'api', port: 8080, url: 'http://api:8080', discoveryName: 'prod-api-service' };

function buildAlarms(props: Partial<ServiceAlarmsProps>): ServiceAlarms {
  const stack = testStack();
  const { service, loadBalancer, targetGroup } = serviceFixture(stack);
  return new ServiceAlarms(stack, 'Alarms', { service, loadBalancer, targetGroup, ...props });
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('ServiceAlarms rejects', () => {
  const rows: Array<Rejection<Partial<ServiceAlarmsProps>>> = [
    [
      'minimumTaskCount 0',
      { minimumTaskCount: 0 },
      'minimumTaskCount 0 is not allowed; allowed: an integer from 1 to 5000',
    ],
    [
      'minimumTaskCount above 5000',
      { minimumTaskCount: 5001 },
      'minimumTaskCount 5001 is not allowed; allowed: an integer from 1 to 5000',
    ],
    ['an empty alarmNamePrefix', { alarmNamePrefix: '' }, "alarmNamePrefix '' has 0 characters; allowed: 1 to 230"],
    [
      'an alarmNamePrefix with a bell character',
      { alarmNamePrefix: 'Prod\u0007Web' },
      "alarmNamePrefix 'Prod\\u0007Web' contains control characters; allowed: printable characters",
    ],
    [
      'an alarmNamePrefix with a line break, shown escaped on one line',
      { alarmNamePrefix: 'Prod\nWeb' },
      "alarmNamePrefix 'Prod\\nWeb' contains control characters; allowed: printable characters",
    ],
    ['highCpu.threshold 0', { highCpu: { threshold: 0 } }, 'highCpu.threshold 0 is not allowed; allowed: 1 to 100'],
    [
      'highMemory.threshold above 100',
      { highMemory: { threshold: 100.5 } },
      'highMemory.threshold 100.5 is not allowed; allowed: 1 to 100',
    ],
    [
      'a threshold that is not a number',
      { serverErrors: { threshold: NaN } },
      'serverErrors.threshold NaN is not allowed; allowed: 0 or more',
    ],
    [
      'a negative unhealthyTargets.threshold',
      { unhealthyTargets: { threshold: -1 } },
      'unhealthyTargets.threshold -1 is not allowed; allowed: 0 or more',
    ],
    [
      'runningTasks.threshold above 5000',
      { runningTasks: { threshold: 5001 } },
      'runningTasks.threshold 5001 is not allowed; allowed: 1 to 5000',
    ],
    [
      'noHealthyTargets.threshold below 1',
      { noHealthyTargets: { threshold: 0.5 } },
      'noHealthyTargets.threshold 0.5 is not allowed; allowed: 1 or more',
    ],
    [
      'responseTime.threshold above an hour',
      { responseTime: { threshold: 3601 } },
      'responseTime.threshold 3601 is not allowed; allowed: 0.001 to 3600',
    ],
    [
      'a negative domainHealthCheck.threshold',
      { domainHealthCheck: { threshold: -0.5 } },
      'domainHealthCheck.threshold -0.5 is not allowed; allowed: 0.001 to 1',
    ],
    [
      'clientErrorRate.threshold 0',
      { clientErrorRate: { threshold: 0 } },
      'clientErrorRate.threshold 0 is not allowed; allowed: 0.001 to 100',
    ],
    [
      'clientErrorRate.threshold above 100',
      { clientErrorRate: { threshold: 100.5 } },
      'clientErrorRate.threshold 100.5 is not allowed; allowed: 0.001 to 100',
    ],
    [
      'errorRate.threshold above 100',
      { errorRate: { threshold: 150 } },
      'errorRate.threshold 150 is not allowed; allowed: 0.001 to 100',
    ],
    [
      'a fractional evaluationPeriods',
      { highCpu: { evaluationPeriods: 2.5 } },
      'highCpu.evaluationPeriods 2.5 is not allowed; allowed: an integer from 1 to 1440',
    ],
    [
      'a period of 90 seconds',
      { serverErrors: { period: Duration.seconds(90) } },
      'serverErrors.period 1 minute 30 seconds is not allowed; allowed: a whole number of minutes, 1 or more',
    ],
    [
      'evaluating 25 hours',
      { runningTasks: { evaluationPeriods: 25, period: Duration.hours(1) } },
      'runningTasks evaluates 25 periods of 60 minutes; allowed: at most one day (evaluationPeriods x period <= 1440 minutes)',
    ],
    [
      'datapointsToAlarm 0',
      { noHealthyTargets: { datapointsToAlarm: 0 } },
      'noHealthyTargets.datapointsToAlarm 0 is not allowed; allowed: an integer from 1 to evaluationPeriods (2)',
    ],
    [
      'datapointsToAlarm above an explicit evaluationPeriods',
      { highMemory: { evaluationPeriods: 3, datapointsToAlarm: 4 } },
      'highMemory.datapointsToAlarm 4 is not allowed; allowed: an integer from 1 to evaluationPeriods (3)',
    ],
    [
      'neither a target group nor a Service Connect endpoint',
      { targetGroup: undefined },
      'the alarms watch no traffic: neither targetGroup nor serviceConnectEndpoint was given; allowed: targetGroup with loadBalancer, or serviceConnectEndpoint',
    ],
    [
      'a target group without the load balancer whose own 5XX the alarms count',
      { loadBalancer: undefined },
      "loadBalancerErrors counts the load balancer's own 5XX, and no loadBalancer was given; allowed: loadBalancer, or loadBalancerErrors false",
    ],
    [
      'target health alarms on a Service Connect endpoint, which has no target group',
      { targetGroup: undefined, serviceConnectEndpoint: ENDPOINT, unhealthyTargets: { threshold: 1 } },
      'unhealthyTargets given without targetGroup, and only a target group has them; allowed: targetGroup, or none of them',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('ServiceAlarms', () => buildAlarms(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const alarms: Array<Acceptance<Partial<ServiceAlarmsProps>>> = [
    ['minimumTaskCount', { minimumTaskCount: lazyNumber(0) }],
    ['alarmNamePrefix', { alarmNamePrefix: lazyString('') }],
    ['threshold', { highCpu: { threshold: lazyNumber(101) } }],
    ['evaluationPeriods', { serverErrors: { evaluationPeriods: lazyNumber(99999) } }],
    ['datapointsToAlarm', { noHealthyTargets: { datapointsToAlarm: parameterNumber('Datapoints') } }],
    ['clientErrorRate.threshold', { clientErrorRate: { threshold: lazyNumber(0) } }],
  ];
  test.each(alarms)('ServiceAlarms: %s', (_, props) => {
    expect(() => buildAlarms(props)).not.toThrow();
  });
});

/**
 * Token values that aws-cdk-lib itself refuses (durations in minutes, where it asks for Duration.seconds;
 * periods of alarms; step scale-out thresholds): no construct can be built with them, so these rows run
 * the checks alone, to show that the checks neither convert nor compare them.
 */
describe('Tokens aws-cdk-lib refuses itself pass the checks', () => {
  test('ServiceAlarms: a period in minutes, with evaluation periods that a long period would refuse', () => {
    const props = { highCpu: { period: lazyMinutes(60), evaluationPeriods: 1440 } };
    expect(runCheck((v) => ServiceAlarms._checkProps(v, props))).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------
// The check alone (ServiceAlarms._checkProps), as an enclosing construct runs it
// ---------------------------------------------------------------------------------------------------------

describe('ServiceAlarms._checkProps', () => {
  test.each([
    ['in seconds', Duration.seconds(lazyNumber(30))],
    ['in minutes, which cannot be converted', Duration.minutes(lazyNumber(60))],
  ])('a Token period %s passes unchecked, and leaves the evaluation window unchecked', (_, period) => {
    // 1440 periods: more than a day with any period above a minute.
    const props = { highCpu: { period, evaluationPeriods: 1440 }, responseTime: { period } };
    expect(problemsOfCheck((v) => ServiceAlarms._checkProps(v, props, 'alarms.'))).toEqual([]);
  });

  test('a known period is still checked, with its evaluation window', () => {
    const props = { highCpu: { period: Duration.minutes(2), evaluationPeriods: 1440 } };
    expect(problemsOfCheck((v) => ServiceAlarms._checkProps(v, props, 'alarms.'))).toEqual([
      'alarms.highCpu evaluates 1440 periods of 2 minutes; allowed: at most one day (evaluationPeriods x period <= 1440 minutes)',
    ]);
  });

  test('the alarm name prefix is shown with its control characters escaped, each problem on one line', () => {
    const name = `${'x'.repeat(230)}\n`;
    expect(problemsOfCheck((v) => ServiceAlarms._checkProps(v, { alarmNamePrefix: name }, 'alarms.'))).toEqual([
      `alarms.alarmNamePrefix '${'x'.repeat(230)}\\n' has 231 characters; allowed: 1 to 230`,
      `alarms.alarmNamePrefix '${'x'.repeat(230)}\\n' contains control characters; allowed: printable characters`,
    ]);
  });
});
