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

  private constructor(
    /** `perAz` or `single`. */
    public readonly strategy: string,
  ) {}

  /** How many NAT gateways this strategy creates for the given number of Availability Zones. */
  public countFor(azCount: number): number {
    return this.strategy === 'perAz' ? azCount : 1;
  }
}
