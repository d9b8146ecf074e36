import { NatGateways, NatStrategy } from '../../src';

describe('NatGateways', () => {
  test.each([
    [NatStrategy.PER_AZ, NatGateways.perAz(), [1, 2, 3], [1, 2, 3]],
    [NatStrategy.SINGLE, NatGateways.single(), [1, 2, 3], [1, 1, 1]],
    [NatStrategy.NONE, NatGateways.none(), [1, 2, 3], [0, 0, 0]],
  ])('%s creates the right number of NAT gateways for 1, 2 and 3 AZs', (strategy, nat, azs, expected) => {
    expect(nat.strategy).toBe(strategy);
    expect(azs.map((n) => nat.countFor(n))).toEqual(expected);
  });
});
