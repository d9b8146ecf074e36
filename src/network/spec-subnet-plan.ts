import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** Third octet of the first public subnet: public subnets are X.Y.1.0/24, X.Y.2.0/24, ... */
const PUBLIC_OCTET_BASE = 1;
/** Third octet of the first private subnet: private subnets are X.Y.11.0/24, X.Y.12.0/24, ... */
const PRIVATE_OCTET_BASE = 11;

/**
 * The spec's subnet plan as a VPC IP address allocation: in a /16, the public subnet of the AZ with
 * index i is X.Y.(1+i).0/24 and its private subnet X.Y.(11+i).0/24.
 *
 * CDK's default allocator packs subnets from the start of the block, which gives other addresses.
 */
export class SpecSubnetPlan implements ec2.IIpAddresses {
  /** The most Availability Zones the plan lays out: ten public /24s fit below X.Y.11.0. */
  public static readonly MAX_AZS = PRIVATE_OCTET_BASE - PUBLIC_OCTET_BASE;

  /**
   * @param cidr the VPC's IPv4 block; must be a /16 (for example `10.0.0.0/16`)
   */
  constructor(public readonly cidr: string) {}

  public allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.cidr };
  }

  public allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    const [a, b] = this.cidr.split('/')[0].split('.');
    const seen = new Map<string, number>();
    const allocatedSubnets = input.requestedSubnets.map((subnet) => {
      const group = subnet.configuration.name;
      const index = seen.get(group) ?? 0;
      seen.set(group, index + 1);
      const base = subnet.configuration.subnetType === ec2.SubnetType.PUBLIC ? PUBLIC_OCTET_BASE : PRIVATE_OCTET_BASE;
      if (index >= SpecSubnetPlan.MAX_AZS) {
        throw new Error(
          `The spec's subnet plan holds at most ${SpecSubnetPlan.MAX_AZS} subnets per tier; got more in "${group}"`,
        );
      }
      return { cidr: `${a}.${b}.${base + index}.0/24` };
    });
    return { allocatedSubnets };
  }
}
