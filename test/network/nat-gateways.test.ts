import { NatGateways } from '../../src';

describe('NatGateways', () => {
  test.each([
    ['perAz', NatGateways.perAz(), [1, 2, 3], [1, 2, 3]],
    ['single', NatGateways.single(), [1, 2, 3], [1, 1, 1]],
    ['none', NatGateways.none(), [1, 2, 3], [0, 0, 0]],
  ])('%s creates the right number of NAT gateways for 1, 2 and 3 AZs', (strategy, nat, azs, expected) => {
    expect(nat.strategy).toBe(strategy);
    expect(azs.map((n) => nat.countFor(n))).toEqual(expected);
  });
});
