import * as ec2 from 'aws-cdk-lib/aws-ec2';

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
  /** NAT through EC2 instances (`NatGateways.instance()`), one per Availability Zone or fewer. */
  INSTANCE = 'instance',
}

/** How NAT instances are set up (`NatGateways.instance`). */
export interface NatInstanceOptions {
  /**
   * The instance type; its architecture picks the Amazon Linux 2023 image. A burstable Graviton type is the
   * cheapest; larger types have more network bandwidth.
   * @default ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO)
   */
  readonly instanceType?: ec2.InstanceType;

  /**
   * The image. The default follows the newest Amazon Linux 2023 release: CloudFormation reads it again on each stack
   * update, and a new release replaces the instance (patched; a minute without outbound traffic and a new public
   * address). Give a fixed image, such as `ec2.MachineImage.latestAmazonLinux2023({ cachedInContext: true })` in a
   * stack with an account and Region, to replace it only when you choose; it must be Amazon Linux 2023.
   * @default ec2.MachineImage.latestAmazonLinux2023() for the instance type's architecture
   */
  readonly machineImage?: ec2.IMachineImage;

  /**
   * How many instances: one for all Availability Zones (the others route through its zone), up to one per zone.
   * @default - one per Availability Zone
   */
  readonly count?: number;
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

  /**
   * NAT through small EC2 instances instead of NAT gateways: a fraction of a NAT gateway's hourly price and no
   * charge per GB processed, for the bandwidth of one instance and its availability. Hardened: Amazon Linux 2023,
   * IMDSv2 required, managed through Systems Manager with SSH off (no key pair, sshd and EC2 Instance Connect
   * disabled), a security group that admits only the VPC's own traffic, an encrypted root volume, detailed
   * monitoring, and automatic recovery.
   */
  public static instance(options: NatInstanceOptions = {}): NatGateways {
    return new NatGateways(NatStrategy.INSTANCE, options);
  }

  private constructor(
    /** The strategy. */
    public readonly strategy: NatStrategy,
    /** The NAT instances' settings, with `instance()`. */
    public readonly instanceOptions?: NatInstanceOptions,
  ) {}

  /** How many NAT gateways (or instances) this strategy creates for the given number of Availability Zones. */
  public countFor(azCount: number): number {
    switch (this.strategy) {
      case NatStrategy.PER_AZ:
        return azCount;
      case NatStrategy.SINGLE:
        return 1;
      case NatStrategy.INSTANCE:
        return this.instanceOptions?.count ?? azCount;
      default:
        return 0;
    }
  }
}
