import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccountAudit, AccountAuditProps } from '../../src/observability/account-audit';
import { acknowledgements, formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { FLAG_SETS, testApp } from '../util';

const CONFIGURATIONS: Array<[string, (stack: Stack) => AccountAuditProps]> = [
  ['default', () => ({})],
  ['trail only', () => ({ guardDuty: false })],
  ['GuardDuty only', () => ({ trail: false })],
  [
    'bring-your-own bucket',
    (stack) => ({ trailBucket: s3.Bucket.fromBucketName(stack, 'Central', 'central-cloudtrail-logs') }),
  ],
];

describe.each(installedNagModules())('AccountAudit under %s', (nagModule) => {
  describe.each(FLAG_SETS)('with %s', (flags) => {
    test.each(CONFIGURATIONS)('%s: no unacknowledged finding in the four packs', (_name, props) => {
      const stack = new Stack(testApp(flags), 'Audit');
      new AccountAudit(stack, 'Audit', props(stack));
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    });
  });
});

describe('AccountAudit acknowledgements', () => {
  const accessLogReason =
    'This bucket holds access logs; logging or replicating it would log the logs. Versioning, SSL-only ' +
    'access and blocked public access protect it instead.';
  const replicationReason =
    "The trail's bucket is not replicated: the multi-Region trail gathers every Region into it, log file " +
    'validation detects a lost or changed log file, and CloudWatch Logs holds a second copy of the events. ' +
    "A copy in another account belongs to the organization's log archive (pass it as trailBucket).";

  test('the default carries exactly these, each with its reason', () => {
    const stack = new Stack(testApp(), 'Audit');
    new AccountAudit(stack, 'Audit');
    const found = acknowledgements(stack).map((a) => `${a.resource} ${a.id}: ${a.reason}`);
    const accessLogs = ['AuditAccessLogsBucketCFC322AF', 'AuditAccessLogsBucketPolicy823FAE22'].flatMap((resource) => [
      `${resource} AwsSolutions-S1: ${accessLogReason}`,
      ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].flatMap((pack) => [
        `${resource} ${pack}-S3BucketLoggingEnabled: ${accessLogReason}`,
        `${resource} ${pack}-S3BucketReplicationEnabled: ${accessLogReason}`,
        `${resource} ${pack}-S3DefaultEncryptionKMS: Elastic Load Balancing access log delivery supports only S3-managed encryption (SSE-S3), not KMS keys.`,
      ]),
    ]);
    const trailBucket = ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map(
      (pack) => `AuditBucket7486E833 ${pack}-S3BucketReplicationEnabled: ${replicationReason}`,
    );
    expect(found).toEqual([...accessLogs, ...trailBucket]);
  });

  test.each<[string, (stack: Stack) => AccountAuditProps]>([
    ['GuardDuty only', () => ({ trail: false })],
    ['bring-your-own bucket', (stack) => ({ trailBucket: s3.Bucket.fromBucketName(stack, 'Central', 'central') })],
  ])('%s carries none', (_name, props) => {
    const stack = new Stack(testApp(), 'Audit');
    new AccountAudit(stack, 'Audit', props(stack));
    expect(acknowledgements(stack)).toEqual([]);
  });
});
