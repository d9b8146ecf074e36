/**
 * Validation of HardenedFargateService: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CapacityMix, ContainerRestartPolicy, HardenedFargateService, HardenedFargateServiceProps } from '../../src';
import {
  Acceptance,
  Rejection,
  expectOnlyProblem,
  lazyNumber,
  lazySeconds,
  lazyString,
  parameterNumber,
  PUBLIC_IMAGE,
  image,
  importedVpc,
  givenReferences,
  problemsOfCheck,
} from '../problems';
import { testStack } from '../util';

const given = givenReferences();

function buildFargateService(props: Partial<HardenedFargateServiceProps>): HardenedFargateService {
  const stack = testStack();
  return new HardenedFargateService(stack, 'Service', {
    vpc: importedVpc(stack, 'Vpc'),
    image: image(PUBLIC_IMAGE),
    ...props,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('HardenedFargateService rejects', () => {
  const rows: Array<Rejection<Partial<HardenedFargateServiceProps>>> = [
    [
      'a VPC without private or isolated subnets',
      { vpc: given.publicOnlyVpc },
      'vpc has no private subnets for the tasks; allowed: a VPC with PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets',
    ],
    ['containerPort 0', { containerPort: 0 }, 'containerPort 0 is not allowed; allowed: an integer from 1 to 65535'],
    [
      'containerPort 70000',
      { containerPort: 70000 },
      'containerPort 70000 is not allowed; allowed: an integer from 1 to 65535',
    ],
    ['cpu 128', { cpu: 128 }, 'cpu 128 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384'],
    [
      'memoryLimitMiB 512 with cpu 512',
      { cpu: 512, memoryLimitMiB: 512 },
      'cpu 512 does not allow memoryLimitMiB 512; allowed: 1024-4096 in steps of 1024',
    ],
    [
      'memoryLimitMiB off the 4 GiB steps of cpu 8192',
      { cpu: 8192, memoryLimitMiB: 17408 },
      'cpu 8192 does not allow memoryLimitMiB 17408; allowed: 16384-61440 in steps of 4096',
    ],
    [
      'memoryLimitMiB 3072 with the default cpu 256',
      { memoryLimitMiB: 3072 },
      'cpu 256 does not allow memoryLimitMiB 3072; allowed: 512, 1024, 2048',
    ],
    ['desiredCount 0', { desiredCount: 0 }, 'desiredCount 0 is not allowed; allowed: an integer from 1 to 5000'],
    [
      'ephemeralStorageGiB 201',
      { ephemeralStorageGiB: 201 },
      'ephemeralStorageGiB 201 is not allowed; allowed: an integer from 21 to 200',
    ],
    [
      'a relative writable path',
      { writablePaths: ['var/cache'] },
      "writablePaths entry 'var/cache' is not an absolute path below '/'; allowed: such as '/tmp'",
    ],
    [
      'a writable path named twice',
      { writablePaths: ['/tmp', '/cache', '/tmp'] },
      'writablePaths names /tmp more than once; allowed: distinct paths',
    ],
    [
      'an on-demand base above 100000',
      { capacity: CapacityMix.of({ onDemandBase: 100_001 }) },
      'capacity.onDemandBase 100001 is not allowed; allowed: an integer from 0 to 100000',
    ],
    [
      'a negative on-demand weight',
      { capacity: CapacityMix.of({ onDemandWeight: -1, spotWeight: 1 }) },
      'capacity.onDemandWeight -1 is not allowed; allowed: an integer from 0 to 1000',
    ],
    [
      'a spot weight above 1000',
      { capacity: CapacityMix.of({ spotWeight: 1001 }) },
      'capacity.spotWeight 1001 is not allowed; allowed: an integer from 0 to 1000',
    ],
    [
      'both capacity weights 0',
      { capacity: CapacityMix.of({ onDemandBase: 2, onDemandWeight: 0, spotWeight: 0 }) },
      'capacity has onDemandWeight 0 and spotWeight 0; allowed: at least one weight above 0',
    ],
    [
      'a negative minHealthyPercent',
      { minHealthyPercent: -1 },
      'minHealthyPercent -1 is not allowed; allowed: an integer from 0 to 100',
    ],
    [
      'maxHealthyPercent above 200',
      { maxHealthyPercent: 201 },
      'maxHealthyPercent 201 is not allowed; allowed: an integer from 100 to 200',
    ],
    [
      'logRetention INFINITE',
      { logRetention: logs.RetentionDays.INFINITE },
      'logRetention INFINITE keeps logs forever; allowed: a bounded retention such as ONE_MONTH or ONE_YEAR',
    ],
    [
      'two variables in both environment and secrets',
      {
        environment: { API_URL: 'https://api.internal', DATABASE_URL: 'postgres://db.internal/app', MODE: 'web' },
        secrets: { DATABASE_URL: given.secret, API_URL: given.secret },
      },
      'environment and secrets both name API_URL, DATABASE_URL; allowed: each variable in one of them (a secret value in secrets only)',
    ],
    [
      'a restart attempt period under a minute',
      { restartPolicy: ContainerRestartPolicy.restartOnExit({ attemptPeriod: Duration.seconds(59) }) },
      'restartPolicy.attemptPeriod 59 seconds is not allowed; allowed: a whole number of seconds from 60 (1 minute) to 1800 (30 minutes)',
    ],
    [
      'a restart attempt period over 30 minutes',
      { restartPolicy: ContainerRestartPolicy.restartOnExit({ attemptPeriod: Duration.minutes(31) }) },
      'restartPolicy.attemptPeriod 31 minutes is not allowed; allowed: a whole number of seconds from 60 (1 minute) to 1800 (30 minutes)',
    ],
    [
      'an ignored exit code above 255',
      { restartPolicy: ContainerRestartPolicy.restartOnExit({ ignoredExitCodes: [0, 256] }) },
      'restartPolicy.ignoredExitCodes entry 256 is not allowed; allowed: an integer from 0 to 255',
    ],
    [
      '51 ignored exit codes',
      { restartPolicy: ContainerRestartPolicy.restartOnExit({ ignoredExitCodes: [...Array(51).keys()] }) },
      "restartPolicy.ignoredExitCodes has 51 codes; allowed: up to 50 (ECS's limit)",
    ],
    [
      'an ignored exit code twice',
      { restartPolicy: ContainerRestartPolicy.restartOnExit({ ignoredExitCodes: [1, 1] }) },
      'restartPolicy.ignoredExitCodes names 1 more than once; allowed: each code once',
    ],
    [
      'a stop timeout of 1 second',
      { stopTimeout: Duration.seconds(1) },
      "stopTimeout 1 second is not allowed; allowed: a whole number of seconds from 2 to 120 (Fargate's range)",
    ],
    [
      'a stop timeout of 3 minutes',
      { stopTimeout: Duration.minutes(3) },
      "stopTimeout 3 minutes is not allowed; allowed: a whole number of seconds from 2 to 120 (Fargate's range)",
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('HardenedFargateService', () => buildFargateService(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const fargateService: Array<Acceptance<Partial<HardenedFargateServiceProps>>> = [
    ['containerPort', { containerPort: lazyNumber(0) }],
    ['cpu', { cpu: lazyNumber(300) }],
    ['memoryLimitMiB', { memoryLimitMiB: lazyNumber(100) }],
    ['desiredCount', { desiredCount: lazyNumber(0) }],
    ['ephemeralStorageGiB', { ephemeralStorageGiB: parameterNumber('Storage') }],
    ['writablePaths entries', { writablePaths: [lazyString('tmp')] }],
    ['capacity.onDemandBase', { capacity: CapacityMix.of({ onDemandBase: lazyNumber(-1) }) }],
    ['capacity weights', { capacity: CapacityMix.of({ onDemandWeight: lazyNumber(0), spotWeight: lazyNumber(0) }) }],
    ['minHealthyPercent', { minHealthyPercent: lazyNumber(500) }],
    ['maxHealthyPercent', { maxHealthyPercent: lazyNumber(50) }],
    ['stopTimeout', { stopTimeout: lazySeconds(1) }],
    // Not restartPolicy.attemptPeriod: aws-cdk-lib converts it at construction, which a Token cannot survive.
    [
      'restartPolicy.ignoredExitCodes entries',
      { restartPolicy: ContainerRestartPolicy.restartOnExit({ ignoredExitCodes: [lazyNumber(256), lazyNumber(256)] }) },
    ],
  ];
  test.each(fargateService)('HardenedFargateService: %s', (_, props) => {
    expect(() => buildFargateService(props)).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------
// The check alone (HardenedFargateService._checkProps), as an enclosing construct runs it
// ---------------------------------------------------------------------------------------------------------

describe('HardenedFargateService._checkProps', () => {
  const secret = given.secret;

  test('capacity props are named capacity.<field>', () => {
    const capacity = CapacityMix.of({ onDemandBase: -1, onDemandWeight: 1001, spotWeight: 0.5 });
    expect(problemsOfCheck((v) => HardenedFargateService._checkProps(v, { capacity }))).toEqual([
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
    expect(problemsOfCheck((v) => HardenedFargateService._checkProps(v, props))).toEqual([
      'environment and secrets both name DATABASE_URL, API_URL; allowed: each variable in one of them (a secret value in secrets only)',
    ]);
  });

  test('distinct names in environment and secrets pass', () => {
    const props = { environment: { MODE: 'web' }, secrets: { DATABASE_URL: secret } };
    expect(problemsOfCheck((v) => HardenedFargateService._checkProps(v, props))).toEqual([]);
  });

  test('writable paths with control characters are shown escaped', () => {
    expect(
      problemsOfCheck((v) => HardenedFargateService._checkProps(v, { writablePaths: ['tmp\n', '/a\t', '/a\t'] })),
    ).toEqual([
      "writablePaths entry 'tmp\\n' is not an absolute path below '/'; allowed: such as '/tmp'",
      'writablePaths names /a\\t more than once; allowed: distinct paths',
    ]);
  });
});
