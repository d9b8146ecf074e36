import { Token } from 'aws-cdk-lib';
import { CapacityMix, CapacityMixOptions } from '../../src';
import { lazyNumber } from '../problems';
import { testStack } from '../util';

describe('CapacityMix', () => {
  test('onDemand(): FARGATE only', () => {
    expect(CapacityMix.onDemand().toStrategies()).toEqual([{ capacityProvider: 'FARGATE', base: 0, weight: 1 }]);
  });

  test('spotWeighted(): one on demand, then three Spot for each on-demand task', () => {
    expect(CapacityMix.spotWeighted().toStrategies()).toEqual([
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
    ]);
  });

  test('of() with only Spot and no base: FARGATE_SPOT only', () => {
    expect(CapacityMix.of({ onDemandWeight: 0, spotWeight: 1 }).toStrategies()).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 1 },
    ]);
  });

  test('of() with an on-demand base and weight 0 keeps FARGATE for the base', () => {
    expect(CapacityMix.of({ onDemandBase: 2, onDemandWeight: 0, spotWeight: 1 }).toStrategies()).toEqual([
      { capacityProvider: 'FARGATE', base: 2, weight: 0 },
      { capacityProvider: 'FARGATE_SPOT', weight: 1 },
    ]);
  });

  test.each<[string, CapacityMixOptions, string[]]>([
    ['the Spot weight', { onDemandWeight: 0, spotWeight: lazyNumber(2) }, ['FARGATE_SPOT']],
    ['the on-demand weight', { onDemandWeight: lazyNumber(0), spotWeight: 1 }, ['FARGATE', 'FARGATE_SPOT']],
    [
      'the on-demand base',
      { onDemandBase: lazyNumber(1), onDemandWeight: 0, spotWeight: 1 },
      ['FARGATE', 'FARGATE_SPOT'],
    ],
    ['both weights', { onDemandWeight: lazyNumber(1), spotWeight: lazyNumber(3) }, ['FARGATE', 'FARGATE_SPOT']],
  ])('a Token as %s counts as present: no provider is dropped', (_, options, providers) => {
    const strategies = CapacityMix.of(options).toStrategies();
    expect(strategies.map((s) => s.capacityProvider)).toEqual(providers);
    // The Tokens themselves go into the strategy.
    const stack = testStack();
    expect(stack.resolve(strategies)).toEqual(
      stack.resolve(
        providers.map((p) =>
          p === 'FARGATE'
            ? { capacityProvider: p, base: options.onDemandBase ?? 0, weight: options.onDemandWeight }
            : { capacityProvider: p, weight: options.spotWeight },
        ),
      ),
    );
  });

  test('spotPercentOf: known numbers give a number', () => {
    expect(CapacityMix.spotWeighted().spotPercentOf(5)).toBeCloseTo(60);
    expect(CapacityMix.onDemand().spotPercentOf(5)).toBe(0);
    expect(CapacityMix.spotWeighted().spotPercentOf(0)).toBe(0);
  });

  test('spotPercentOf: a Token among the inputs gives a Token, which resolves to the share', () => {
    const stack = testStack();
    const percent = CapacityMix.of({ onDemandBase: 1, onDemandWeight: 1, spotWeight: lazyNumber(3) }).spotPercentOf(5);
    expect(Token.isUnresolved(percent)).toBe(true);
    expect(stack.resolve(percent)).toBeCloseTo(60);
    const fromParameter = CapacityMix.spotWeighted().spotPercentOf(Token.asNumber({ Ref: 'Tasks' }));
    expect(Token.isUnresolved(fromParameter)).toBe(true);
    expect(stack.resolve(fromParameter)).toBeUndefined();
  });
});
