import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SPEC_PLAN_MAX_AZS, specCidrProblem } from '../private/network-checks';

/** Third octet of the first public subnet: public subnets are X.Y.1.0/24, X.Y.2.0/24, ... */
const PUBLIC_OCTET_BASE = 1;
/** Third octet of the first private subnet: private subnets are X.Y.11.0/24, X.Y.12.0/24, ... */
const PRIVATE_OCTET_BASE = 11;

/**
 * The spec's subnet plan as a VPC IP address allocation: in a /16, the public subnet of the AZ with
 * index i is X.Y.(1+i).0/24 and its private subnet X.Y.(11+i).0/24.
 *
 * CDK's default allocator packs subnets from the start of the block, which gives other addresses.
 * The plan holds one public and one private (or isolated) subnet group of /24s, in up to 10 AZs.
 */
export class SpecSubnetPlan implements ec2.IIpAddresses {
  /** The most Availability Zones the plan lays out: ten public /24s fit below X.Y.11.0. */
  public static readonly MAX_AZS = SPEC_PLAN_MAX_AZS;

  /**
   * @param cidr the VPC's IPv4 block; must be a /16 (for example `10.0.0.0/16`)
   */
  constructor(public readonly cidr: string) {
    const problem = specCidrProblem('cidr', cidr);
    if (problem) throw new Error(`Invalid SpecSubnetPlan: ${problem}`);
  }

  public allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.cidr };
  }

  public allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    const [a, b] = this.cidr.split('/')[0].split('.');
    const groups = new Map<string, string>();
    const seen = new Map<string, number>();
    const allocatedSubnets = input.requestedSubnets.map((subnet) => {
      const { name, subnetType, cidrMask } = subnet.configuration;
      const tier = subnetType === ec2.SubnetType.PUBLIC ? 'public' : 'private';
      const other = groups.get(tier);
      if (other !== undefined && other !== name) {
        throw new Error(
          `SpecSubnetPlan holds one ${tier} subnet group; got '${other}' and '${name}'; allowed: one public and one private or isolated group`,
        );
      }
      groups.set(tier, name);
      if (cidrMask !== undefined && cidrMask !== 24) {
        throw new Error(
          `SpecSubnetPlan lays out /24 subnets; subnet group '${name}' asks for cidrMask ${cidrMask}; allowed: 24`,
        );
      }
      const index = seen.get(name) ?? 0;
      seen.set(name, index + 1);
      if (index >= SpecSubnetPlan.MAX_AZS) {
        throw new Error(
          `SpecSubnetPlan holds at most ${SpecSubnetPlan.MAX_AZS} subnets per group; '${name}' asks for ${index + 1} or more`,
        );
      }
      const base = tier === 'public' ? PUBLIC_OCTET_BASE : PRIVATE_OCTET_BASE;
      return { cidr: `${a}.${b}.${base + index}.0/24` };
    });
    return { allocatedSubnets };
  }
}
