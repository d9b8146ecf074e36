import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PropsValidator } from './validation';
import type { AccountAuditProps } from '../observability/account-audit';

/** Records the problems of `AccountAuditProps`, naming each prop after `prefix`. */
export function checkAccountAuditProps(v: PropsValidator, props: AccountAuditProps, prefix = ''): void {
  const trail = props.trail ?? true;
  const guardDuty = props.guardDuty ?? true;
  if (!trail && !guardDuty) {
    v.fail(
      `${prefix}trail false and ${prefix}guardDuty false leave nothing to create; allowed: at least one of them true`,
    );
  }
  const newBucketOnly: Array<[string, unknown]> = [
    ['archiveAfter', props.archiveAfter],
    ['expireAfter', props.expireAfter],
    ['objectLockRetention', props.objectLockRetention],
  ];
  const trailOnly: Array<[string, unknown]> = [
    ['trailBucket', props.trailBucket],
    ['encryptionKey', props.encryptionKey],
    ...newBucketOnly,
    ['cloudWatchLogsRetention', props.cloudWatchLogsRetention],
  ];
  const detectorOnly: Array<[string, unknown]> = [
    ['fargateRuntimeMonitoring', props.fargateRuntimeMonitoring],
    ['findingPublishingFrequency', props.findingPublishingFrequency],
  ];
  for (const [name, value] of trailOnly) {
    if (!trail && value !== undefined) {
      v.fail(`${prefix}${name} is set but ${prefix}trail is false; allowed: ${name} with trail true`);
    }
  }
  for (const [name, value] of newBucketOnly) {
    if (trail && props.trailBucket && value !== undefined) {
      v.fail(
        `${prefix}${name} is set but ${prefix}trailBucket is given, whose own settings apply; allowed: ${name} without trailBucket`,
      );
    }
  }
  for (const [name, value] of detectorOnly) {
    if (!guardDuty && value !== undefined) {
      v.fail(`${prefix}${name} is set but ${prefix}guardDuty is false; allowed: ${name} with guardDuty true`);
    }
  }
  const archive = wholeDays(v, `${prefix}archiveAfter`, props.archiveAfter ?? Duration.days(90));
  const expire = wholeDays(v, `${prefix}expireAfter`, props.expireAfter ?? Duration.days(365));
  if (archive !== undefined && expire !== undefined && expire <= archive) {
    v.fail(
      `${prefix}expireAfter ${expire} days is not after ${prefix}archiveAfter ${archive} days; allowed: expireAfter > archiveAfter`,
    );
  }
  if (props.cloudWatchLogsRetention === logs.RetentionDays.INFINITE) {
    v.fail(
      `${prefix}cloudWatchLogsRetention INFINITE keeps trail events forever; allowed: a bounded retention such as ONE_YEAR`,
    );
  }
}

/** The whole number of days of a known duration of at least one day; records a problem otherwise. */
function wholeDays(v: PropsValidator, prop: string, value: Duration): number | undefined {
  if (value.isUnresolved()) return undefined;
  const days = value.toDays({ integral: false });
  if (!Number.isInteger(days) || days < 1) {
    v.fail(`${prop} ${value.toHumanString()} is not allowed; allowed: a whole number of days, at least 1`);
    return undefined;
  }
  return days;
}
