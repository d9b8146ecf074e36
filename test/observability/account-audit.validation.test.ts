/**
 * Validation of AccountAudit: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccountAudit, AccountAuditProps, FindingPublishingFrequency } from '../../src';
import { Acceptance, Rejection, expectOnlyProblem, lazyNumber, givenReferences } from '../problems';
import { testStack } from '../util';

const given = givenReferences();

const buildAccountAudit = (props: AccountAuditProps) => new AccountAudit(testStack(), 'Audit', props);

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('AccountAudit rejects', () => {
  const rows: Array<Rejection<AccountAuditProps>> = [
    [
      'neither trail nor GuardDuty',
      { trail: false, guardDuty: false },
      'trail false and guardDuty false leave nothing to create; allowed: at least one of them true',
    ],
    [
      'trailBucket without a trail',
      { trail: false, trailBucket: given.bucket },
      'trailBucket is set but trail is false; allowed: trailBucket with trail true',
    ],
    [
      'encryptionKey without a trail',
      { trail: false, encryptionKey: given.key },
      'encryptionKey is set but trail is false; allowed: encryptionKey with trail true',
    ],
    [
      'objectLockRetention without a trail',
      { trail: false, objectLockRetention: s3.ObjectLockRetention.governance(Duration.days(30)) },
      'objectLockRetention is set but trail is false; allowed: objectLockRetention with trail true',
    ],
    [
      'cloudWatchLogsRetention without a trail',
      { trail: false, cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR },
      'cloudWatchLogsRetention is set but trail is false; allowed: cloudWatchLogsRetention with trail true',
    ],
    [
      'archiveAfter with a trail bucket of your own',
      { trailBucket: given.bucket, archiveAfter: Duration.days(30) },
      'archiveAfter is set but trailBucket is given, whose own settings apply; allowed: archiveAfter without trailBucket',
    ],
    [
      'expireAfter with a trail bucket of your own',
      { trailBucket: given.bucket, expireAfter: Duration.days(400) },
      'expireAfter is set but trailBucket is given, whose own settings apply; allowed: expireAfter without trailBucket',
    ],
    [
      'fargateRuntimeMonitoring without GuardDuty',
      { guardDuty: false, fargateRuntimeMonitoring: true },
      'fargateRuntimeMonitoring is set but guardDuty is false; allowed: fargateRuntimeMonitoring with guardDuty true',
    ],
    [
      'findingPublishingFrequency without GuardDuty',
      { guardDuty: false, findingPublishingFrequency: FindingPublishingFrequency.ONE_HOUR },
      'findingPublishingFrequency is set but guardDuty is false; allowed: findingPublishingFrequency with guardDuty true',
    ],
    [
      'archiveAfter of a day and a half',
      { archiveAfter: Duration.hours(36) },
      'archiveAfter 1 day 12 hours is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'expireAfter of 0 days',
      { expireAfter: Duration.days(0) },
      'expireAfter 0 days is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'expireAfter at archiveAfter',
      { archiveAfter: Duration.days(90), expireAfter: Duration.days(90) },
      'expireAfter 90 days is not after archiveAfter 90 days; allowed: expireAfter > archiveAfter',
    ],
    [
      'expireAfter before the default archiveAfter',
      { expireAfter: Duration.days(30) },
      'expireAfter 30 days is not after archiveAfter 90 days; allowed: expireAfter > archiveAfter',
    ],
    [
      'cloudWatchLogsRetention INFINITE',
      { cloudWatchLogsRetention: logs.RetentionDays.INFINITE },
      'cloudWatchLogsRetention INFINITE keeps trail events forever; allowed: a bounded retention such as ONE_YEAR',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('AccountAudit', () => buildAccountAudit(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const accountAudit: Array<Acceptance<AccountAuditProps>> = [
    [
      'archiveAfter and expireAfter',
      { archiveAfter: Duration.days(lazyNumber(400)), expireAfter: Duration.days(lazyNumber(1)) },
    ],
    ['expireAfter in hours', { expireAfter: Duration.hours(lazyNumber(1)) }],
  ];
  test.each(accountAudit)('AccountAudit: %s', (_, props) => {
    expect(() => buildAccountAudit(props)).not.toThrow();
  });
});
