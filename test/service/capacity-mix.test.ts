import { CapacityMix } from '../../src';

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
});
