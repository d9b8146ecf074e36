/**
 * The NAT strategies.
 */
export enum NatStrategy {
  /** One NAT gateway in each Availability Zone. */
  PER_AZ = 'perAz',
  /** One NAT gateway for all Availability Zones. */
  SINGLE = 'single',
  /** No NAT gateway. */
  NONE = 'none',
}

/**
 * How private subnets reach the internet over IPv4.
 */
export class NatGateways {
  /** One NAT gateway in each Availability Zone: no cross-AZ dependency (high availability). */
  public static perAz(): NatGateways {
    return new NatGateways(NatStrategy.PER_AZ);
  }

  /** One NAT gateway shared by all Availability Zones: cheaper, for development environments. */
  public static single(): NatGateways {
    return new NatGateways(NatStrategy.SINGLE);
  }

  /**
   * No NAT gateway: private subnets have no route to the internet, and tasks reach AWS services
   * through VPC endpoints, which are then required.
   */
  public static none(): NatGateways {
    return new NatGateways(NatStrategy.NONE);
  }

  private constructor(
    /** The strategy. */
    public readonly strategy: NatStrategy,
  ) {}

  /** How many NAT gateways this strategy creates for the given number of Availability Zones. */
  public countFor(azCount: number): number {
    switch (this.strategy) {
      case NatStrategy.PER_AZ:
        return azCount;
      case NatStrategy.SINGLE:
        return 1;
      default:
        return 0;
    }
  }
}
