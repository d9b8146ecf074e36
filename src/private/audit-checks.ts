import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { PropsValidator, wholeDaysOf } from './validation';
import type { AccountAuditProps } from '../observability/account-audit';

/** Records the problems of `AccountAuditProps`, naming each prop after `prefix`. */
export function checkAccountAuditProps(v: PropsValidator, props: AccountAuditProps, prefix = ''): void {
  const p = (name: string) => `${prefix}${name}`;
  const trail = props.trail ?? true;
  const guardDuty = props.guardDuty ?? true;
  if (!trail && !guardDuty) {
    v.fail(
      `${p('trail')} false and ${p('guardDuty')} false leave nothing to create; allowed: at least one of them true`,
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
      v.fail(`${p(name)} is set but ${p('trail')} is false; allowed: ${p(name)} with ${p('trail')} true`);
    }
  }
  for (const [name, value] of newBucketOnly) {
    if (trail && props.trailBucket && value !== undefined) {
      v.fail(
        `${p(name)} is set but ${p('trailBucket')} is given, whose own settings apply; allowed: ${p(name)} without ${p('trailBucket')}`,
      );
    }
  }
  for (const [name, value] of detectorOnly) {
    if (!guardDuty && value !== undefined) {
      v.fail(`${p(name)} is set but ${p('guardDuty')} is false; allowed: ${p(name)} with ${p('guardDuty')} true`);
    }
  }
  const archive = wholeDaysOf(v, p('archiveAfter'), props.archiveAfter ?? Duration.days(90), 1);
  const expire = wholeDaysOf(v, p('expireAfter'), props.expireAfter ?? Duration.days(365), 1);
  if (archive !== undefined && expire !== undefined && expire <= archive) {
    v.fail(
      `${p('expireAfter')} ${expire} days is not after ${p('archiveAfter')} ${archive} days; allowed: ${p('expireAfter')} > ${p('archiveAfter')}`,
    );
  }
  if (props.cloudWatchLogsRetention === logs.RetentionDays.INFINITE) {
    v.fail(
      `${p('cloudWatchLogsRetention')} INFINITE keeps trail events forever; allowed: a bounded retention such as ONE_YEAR`,
    );
  }
}
