/**
 * Validation of CostEstimate: every message it reports, with the exact text a user reads, and proof that
 * drivers, assumptions and prices given as Tokens are refused (the estimate needs numbers).
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import * as logs from 'aws-cdk-lib/aws-logs';
import { CostAssumptions, CostDrivers, CostEstimate, CostPrices } from '../../src';
import { Rejection, problemsOf, expectOnlyProblem, lazyNumber, parameterNumber } from '../problems';

interface CostInput {
  readonly drivers?: CostDrivers;
  readonly assumptions?: CostAssumptions;
  readonly prices?: CostPrices;
}
const estimateCost = ({ drivers = {}, assumptions, prices }: CostInput) =>
  CostEstimate.of({ drivers, assumptions, prices });

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('CostEstimate rejects', () => {
  const rows: Array<Rejection<CostInput>> = [
    [
      'a negative NAT gateway count',
      { drivers: { natGateways: -1 } },
      'natGateways -1 is not allowed; allowed: a whole number, 0 or more',
    ],
    [
      'a fractional task count',
      { drivers: { taskCount: 1.5 } },
      'taskCount 1.5 is not allowed; allowed: a whole number, 0 or more',
    ],
    [
      'spotPercent above 100',
      { drivers: { spotPercent: 101 } },
      'spotPercent 101 is not allowed; allowed: a number from 0 to 100',
    ],
    [
      'a logRetention that is no RetentionDays value',
      { drivers: { logRetention: 0 as logs.RetentionDays } },
      'logRetention 0 is not allowed; allowed: a logs.RetentionDays value',
    ],
    [
      'a cpu value Fargate does not offer',
      { drivers: { cpu: 3000 } },
      'cpu 3000 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384',
    ],
    [
      'memory the cpu does not allow',
      { drivers: { cpu: 2048, memoryLimitMiB: 2048 } },
      'cpu 2048 does not allow memoryLimitMiB 2048; allowed: 4096-16384 in steps of 1024',
    ],
    [
      'interface endpoints without availability zones',
      { drivers: { interfaceEndpoints: 6 } },
      'interfaceEndpoints 6 needs availabilityZones; allowed: 1 or more AZs',
    ],
    [
      'a driver as a Token',
      { drivers: { taskCount: lazyNumber(2) } },
      'taskCount is a Token; allowed: a number known at synth time',
    ],
    [
      'a negative assumption',
      { assumptions: { dataTransferOutGigabytes: -5 } },
      'dataTransferOutGigabytes -5 is not allowed; allowed: a finite number, 0 or more',
    ],
    [
      'an infinite assumption',
      { assumptions: { requestsMillions: Infinity } },
      'requestsMillions Infinity is not allowed; allowed: a finite number, 0 or more',
    ],
    [
      'a price that is not a number',
      { prices: { natGatewayUsdPerHour: NaN } },
      'natGatewayUsdPerHour NaN is not allowed; allowed: a finite number, 0 or more',
    ],
    [
      'a Spot discount above 100 %',
      { prices: { fargateSpotDiscountPercent: 120 } },
      'fargateSpotDiscountPercent 120 is not allowed; allowed: a number from 0 to 100',
    ],
    [
      'a price as a Token',
      { prices: { kmsKeyUsdPerMonth: parameterNumber('KmsPrice') } },
      'kmsKeyUsdPerMonth is a Token; allowed: a number known at synth time',
    ],
  ];

  test.each(rows)('%s', (_, input, message) => {
    expectOnlyProblem('CostEstimate', () => estimateCost(input), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens: the estimate needs numbers known at synth time
// ---------------------------------------------------------------------------------------------------------

describe('Tokens that must be known at synth time are refused', () => {
  test('CostEstimate: every driver, assumption and price', () => {
    const attempt = () =>
      estimateCost({
        drivers: { cpu: lazyNumber(256), alarms: lazyNumber(3) },
        assumptions: { natProcessedGigabytes: lazyNumber(1) },
        prices: { alarmUsdPerMonth: lazyNumber(0.1) },
      });
    expect(problemsOf(attempt)).toEqual([
      'alarms is a Token; allowed: a number known at synth time',
      'cpu is a Token; allowed: a number known at synth time',
      'natProcessedGigabytes is a Token; allowed: a number known at synth time',
      'alarmUsdPerMonth is a Token; allowed: a number known at synth time',
    ]);
  });
});
