import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { quoted } from '../private/validation';

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Third octet of the first public subnet: public subnets are X.Y.1.0/24, X.Y.2.0/24, ... */
const PUBLIC_OCTET_BASE = 1;
/** Third octet of the first private subnet: private subnets are X.Y.11.0/24, X.Y.12.0/24, ... */
const PRIVATE_OCTET_BASE = 11;

/**
 * A VPC IP address allocation of two tiers of /24 subnets, numbered by Availability Zone: in a /16, the
 * public subnet of the zone with index i is X.Y.(1+i).0/24 and its private subnet X.Y.(11+i).0/24, so that
 * an address tells its tier and zone at a glance. `WebServiceNetwork` lays out its VPC with it.
 *
 * CDK's default allocator packs subnets from the start of the block, which gives other addresses.
 * The plan holds one public and one private (or isolated) subnet group of /24s, in up to 10 AZs.
 *
 * @example
 *
 * new ec2.Vpc(this, 'Vpc', {
 *   ipAddresses: new TwoTierSubnetPlan('10.20.0.0/16'),
 *   maxAzs: 2,
 *   subnetConfiguration: [
 *     { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
 *     { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
 *   ],
 * });
 */
export class TwoTierSubnetPlan implements ec2.IIpAddresses {
  /** The most Availability Zones the plan lays out: ten public /24s fit below X.Y.11.0. */
  public static readonly MAX_AZS = 10;

  /**
   * Why a CIDR block cannot carry the plan, or undefined when it can.
   * @internal
   */
  public static _cidrProblem(prop: string, cidr: string): string | undefined {
    if (Token.isUnresolved(cidr)) {
      return `${prop} must be known at synth time (each subnet's address is derived from it); allowed: a literal /16 such as '10.0.0.0/16'`;
    }
    const m = IPV4_CIDR.exec(cidr);
    if (!m || m.slice(1, 5).some((octet) => Number(octet) > 255 || (octet.length > 1 && octet.startsWith('0')))) {
      return `${prop} ${quoted(cidr)} is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'`;
    }
    if (m[5] !== '16') {
      return `${prop} ${quoted(cidr)} is a /${m[5]} block; allowed: a /16 such as '10.0.0.0/16' (the subnet plan needs one)`;
    }
    if (m[3] !== '0' || m[4] !== '0') {
      return `${prop} ${quoted(cidr)} has host bits set; allowed: '${m[1]}.${m[2]}.0.0/16'`;
    }
    return undefined;
  }

  /**
   * @param cidr the VPC's IPv4 block; must be a /16 (for example `10.0.0.0/16`)
   */

  constructor(public readonly cidr: string) {
    const problem = TwoTierSubnetPlan._cidrProblem('cidr', cidr);
    if (problem) throw new Error(`Invalid TwoTierSubnetPlan: ${problem}`);
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
          `TwoTierSubnetPlan holds one ${tier} subnet group; got '${other}' and '${name}'; allowed: one public and one private or isolated group`,
        );
      }
      groups.set(tier, name);
      if (cidrMask !== undefined && cidrMask !== 24) {
        throw new Error(
          `TwoTierSubnetPlan lays out /24 subnets; subnet group '${name}' asks for cidrMask ${cidrMask}; allowed: 24`,
        );
      }
      const index = seen.get(name) ?? 0;
      seen.set(name, index + 1);
      if (index >= TwoTierSubnetPlan.MAX_AZS) {
        throw new Error(
          `TwoTierSubnetPlan holds at most ${TwoTierSubnetPlan.MAX_AZS} subnets per group; '${name}' asks for ${index + 1} or more`,
        );
      }
      const base = tier === 'public' ? PUBLIC_OCTET_BASE : PRIVATE_OCTET_BASE;
      return { cidr: `${a}.${b}.${base + index}.0/24` };
    });
    return { allocatedSubnets };
  }
}
