import { Duration } from 'aws-cdk-lib';
import { lazy, problemsOf } from './problems';
import { checkServiceAlarmsProps } from '../../src/private/alarm-checks';

describe('checkServiceAlarmsProps', () => {
  test.each([
    ['in seconds', Duration.seconds(lazy(30))],
    ['in minutes, which cannot be converted', Duration.minutes(lazy(60))],
  ])('a Token period %s passes unchecked, and leaves the evaluation window unchecked', (_, period) => {
    // 1440 periods: more than a day with any period above a minute.
    const props = { highCpu: { period, evaluationPeriods: 1440 }, responseTime: { period } };
    expect(problemsOf((v) => checkServiceAlarmsProps(v, props, 'alarms.'))).toEqual([]);
  });

  test('a known period is still checked, with its evaluation window', () => {
    const props = { highCpu: { period: Duration.minutes(2), evaluationPeriods: 1440 } };
    expect(problemsOf((v) => checkServiceAlarmsProps(v, props, 'alarms.'))).toEqual([
      'alarms.highCpu evaluates 1440 periods of 2 minutes; allowed: at most one day (evaluationPeriods x period <= 1440 minutes)',
    ]);
  });

  test('the alarm name prefix is shown with its control characters escaped, each problem on one line', () => {
    const name = `${'x'.repeat(230)}\n`;
    expect(problemsOf((v) => checkServiceAlarmsProps(v, { alarmNamePrefix: name }, 'alarms.'))).toEqual([
      `alarms.alarmNamePrefix '${'x'.repeat(230)}\\n' has 231 characters; allowed: 1 to 230`,
      `alarms.alarmNamePrefix '${'x'.repeat(230)}\\n' contains control characters; allowed: printable characters`,
    ]);
  });
});
