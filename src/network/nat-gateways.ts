/**
 * How private subnets reach the internet over IPv4.
 */
export class NatGateways {
  /** One NAT gateway in each Availability Zone: no cross-AZ dependency (the spec's high availability). */
  public static perAz(): NatGateways {
    return new NatGateways('perAz');
  }

  /** One NAT gateway shared by all Availability Zones: cheaper, for development environments. */
  public static single(): NatGateways {
    return new NatGateways('single');
  }

  /**
   * No NAT gateway: private subnets have no route to the internet, and tasks reach AWS services
   * through VPC endpoints, which are then required.
   */
  public static none(): NatGateways {
    return new NatGateways('none');
  }

  private constructor(
    /** `perAz`, `single` or `none`. */
    public readonly strategy: string,
  ) {}

  /** How many NAT gateways this strategy creates for the given number of Availability Zones. */
  public countFor(azCount: number): number {
    switch (this.strategy) {
      case 'perAz':
        return azCount;
      case 'single':
        return 1;
      default:
        return 0;
    }
  }
}
