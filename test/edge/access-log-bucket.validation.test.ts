/**
 * Validation of AccessLogBucket: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import { AccessLogBucket, AccessLogBucketProps } from '../../src';
import { Acceptance, Rejection, expectOnlyProblem, lazyNumber } from '../problems';
import { testStack } from '../util';

const buildAccessLogBucket = (props: AccessLogBucketProps) => new AccessLogBucket(testStack(), 'AccessLogs', props);

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('AccessLogBucket rejects', () => {
  const rows: Array<Rejection<AccessLogBucketProps>> = [
    [
      'glacierTransitionAfter of a day and a half',
      { glacierTransitionAfter: Duration.hours(36) },
      'glacierTransitionAfter 1 day 12 hours is not allowed; allowed: a whole number of days, 0 or more',
    ],
    [
      'expireAfter of 12 hours',
      { expireAfter: Duration.hours(12) },
      'expireAfter 12 hours is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'expireAfter of 0 days',
      { glacierTransitionAfter: Duration.days(0), expireAfter: Duration.days(0) },
      'expireAfter 0 days is not allowed; allowed: a whole number of days, at least 1',
    ],
    [
      'expireAfter before the default glacierTransitionAfter',
      { expireAfter: Duration.days(20) },
      'expireAfter 20 days is not after glacierTransitionAfter 30 days; allowed: expireAfter > glacierTransitionAfter',
    ],
    [
      'expireAfter at glacierTransitionAfter',
      { glacierTransitionAfter: Duration.days(90), expireAfter: Duration.days(90) },
      'expireAfter 90 days is not after glacierTransitionAfter 90 days; allowed: expireAfter > glacierTransitionAfter',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('AccessLogBucket', () => buildAccessLogBucket(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const accessLogBucket: Array<Acceptance<AccessLogBucketProps>> = [
    [
      'glacierTransitionAfter and expireAfter',
      { glacierTransitionAfter: Duration.days(lazyNumber(400)), expireAfter: Duration.days(lazyNumber(1)) },
    ],
  ];
  test.each(accessLogBucket)('AccessLogBucket: %s', (_, props) => {
    expect(() => buildAccessLogBucket(props)).not.toThrow();
  });
});
