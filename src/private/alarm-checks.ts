import { Token } from 'aws-cdk-lib';
import { isKnown, knownSeconds, PropsValidator, quoted } from './validation';
import type { AlarmSettings, ServiceAlarmsOptions } from '../observability/service-alarms';

/** CloudWatch evaluates at most one day of data per alarm (periods of a minute or more). */
const MAX_EVALUATION_SECONDS = 86_400;

/** The longest alarm name suffix; CloudWatch alarm names are at most 255 characters. */
const LONGEST_SUFFIX = '-RunningTasksBelowMinimum';

/** The allowed threshold of each alarm, and its default evaluation shape (to check overrides against). */
const ALARMS: Array<[keyof ServiceAlarmsOptions, number, number, number, number]> = [
  // [prop, min threshold, max threshold, default evaluationPeriods, default period in minutes]
  ['highCpu', 1, 100, 5, 1],
  ['highMemory', 1, 100, 5, 1],
  ['serverErrors', 0, Number.MAX_SAFE_INTEGER, 3, 1],
  ['unhealthyTargets', 0, Number.MAX_SAFE_INTEGER, 2, 1],
  ['runningTasks', 1, 5000, 3, 1],
  ['noHealthyTargets', 1, Number.MAX_SAFE_INTEGER, 2, 1],
  ['responseTime', 0.001, 3600, 3, 5],
  ['domainHealthCheck', 0.001, 1, 3, 1],
  ['errorRate', 0.001, 100, 3, 1],
  ['clientErrorRate', 0.001, 100, 3, 1],
];

/** Records the problems of the alarms' settings, the name prefix and the minimum task count. */
export function checkServiceAlarmsProps(
  v: PropsValidator,
  props: ServiceAlarmsOptions & { readonly minimumTaskCount?: number },
  prefix = '',
): void {
  v.integerInRange(`${prefix}minimumTaskCount`, props.minimumTaskCount, 1, 5000);
  const name = props.alarmNamePrefix;
  if (isKnown(name)) {
    const max = 255 - LONGEST_SUFFIX.length;
    // The name is shown with its control characters escaped, so that each problem stays one line.
    if (name.length === 0 || name.length > max) {
      v.fail(`${prefix}alarmNamePrefix ${quoted(name)} has ${name.length} characters; allowed: 1 to ${max}`);
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(name)) {
      v.fail(`${prefix}alarmNamePrefix ${quoted(name)} contains control characters; allowed: printable characters`);
    }
  }
  for (const [prop, min, max, defaultEvaluations, defaultMinutes] of ALARMS) {
    const settings = props[prop] as AlarmSettings | undefined;
    if (settings === undefined || settings.enabled === false) continue;
    checkAlarmSettings(v, `${prefix}${prop}`, settings, min, max, defaultEvaluations, defaultMinutes);
  }
}

function checkAlarmSettings(
  v: PropsValidator,
  prop: string,
  settings: AlarmSettings,
  min: number,
  max: number,
  defaultEvaluations: number,
  defaultMinutes: number,
): void {
  const { threshold, evaluationPeriods, datapointsToAlarm, period } = settings;
  if (threshold !== undefined && !Token.isUnresolved(threshold)) {
    if (!Number.isFinite(threshold) || threshold < min || threshold > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`;
      v.fail(`${prop}.threshold ${threshold} is not allowed; allowed: ${range}`);
    }
  }
  v.integerInRange(`${prop}.evaluationPeriods`, evaluationPeriods, 1, MAX_EVALUATION_SECONDS / 60);
  // A Token period (knownSeconds gives undefined) leaves the evaluation window unchecked.
  const seconds = period === undefined ? defaultMinutes * 60 : knownSeconds(period);
  if (period !== undefined && seconds !== undefined && (seconds < 60 || seconds % 60 !== 0)) {
    v.fail(`${prop}.period ${period.toHumanString()} is not allowed; allowed: a whole number of minutes, 1 or more`);
  }
  const evaluations = evaluationPeriods ?? defaultEvaluations;
  if (
    seconds !== undefined &&
    !Token.isUnresolved(evaluations) &&
    Number.isInteger(evaluations) &&
    evaluations * seconds > MAX_EVALUATION_SECONDS
  ) {
    v.fail(
      `${prop} evaluates ${evaluations} periods of ${seconds / 60} minutes; allowed: at most one day (evaluationPeriods x period <= 1440 minutes)`,
    );
  }
  if (datapointsToAlarm !== undefined && !Token.isUnresolved(datapointsToAlarm)) {
    if (!Number.isInteger(datapointsToAlarm) || datapointsToAlarm < 1 || datapointsToAlarm > evaluations) {
      v.fail(
        `${prop}.datapointsToAlarm ${datapointsToAlarm} is not allowed; allowed: an integer from 1 to evaluationPeriods (${evaluations})`,
      );
    }
  }
}
