import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { TwoTierSubnetPlan } from '../../src';

function request(tier: string, subnetType: ec2.SubnetType, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    availabilityZone: `az-${i}`,
    subnetConstructId: `${tier}Subnet${i + 1}`,
    configuration: { name: tier, subnetType, cidrMask: 24 },
  }));
}

describe('TwoTierSubnetPlan', () => {
  test('public subnets get X.Y.(1+i).0/24 and private ones X.Y.(11+i).0/24, in request order', () => {
    const plan = new TwoTierSubnetPlan('10.7.0.0/16');
    const requestedSubnets = [
      ...request('Public', ec2.SubnetType.PUBLIC, 3),
      ...request('Private', ec2.SubnetType.PRIVATE_WITH_EGRESS, 3),
    ];
    expect(plan.allocateSubnetsCidr({ vpcCidr: 'ignored', requestedSubnets }).allocatedSubnets).toEqual([
      { cidr: '10.7.1.0/24' },
      { cidr: '10.7.2.0/24' },
      { cidr: '10.7.3.0/24' },
      { cidr: '10.7.11.0/24' },
      { cidr: '10.7.12.0/24' },
      { cidr: '10.7.13.0/24' },
    ]);
  });

  test('isolated subnets take the private numbers', () => {
    const plan = new TwoTierSubnetPlan('10.0.0.0/16');
    const requestedSubnets = request('Private', ec2.SubnetType.PRIVATE_ISOLATED, 2);
    expect(plan.allocateSubnetsCidr({ vpcCidr: '10.0.0.0/16', requestedSubnets }).allocatedSubnets).toEqual([
      { cidr: '10.0.11.0/24' },
      { cidr: '10.0.12.0/24' },
    ]);
  });

  test('refuses an eleventh subnet in a tier: the plan holds ten', () => {
    const plan = new TwoTierSubnetPlan('10.0.0.0/16');
    const requestedSubnets = request('Public', ec2.SubnetType.PUBLIC, 11);
    expect(() => plan.allocateSubnetsCidr({ vpcCidr: '10.0.0.0/16', requestedSubnets })).toThrow(
      "TwoTierSubnetPlan holds at most 10 subnets per group; 'Public' asks for 11 or more",
    );
  });

  test('allocates the VPC block as given', () => {
    expect(new TwoTierSubnetPlan('10.9.0.0/16').allocateVpcCidr()).toEqual({ cidrBlock: '10.9.0.0/16' });
  });

  test.each([
    ['banana', "Invalid TwoTierSubnetPlan: cidr 'banana' is not an IPv4 CIDR block"],
    ['10.0.0.0/24', "Invalid TwoTierSubnetPlan: cidr '10.0.0.0/24' is a /24 block"],
  ])('refuses the CIDR %s', (cidr, message) => {
    expect(() => new TwoTierSubnetPlan(cidr)).toThrow(message);
  });

  test('refuses a second private group: it would overlap the first', () => {
    const plan = new TwoTierSubnetPlan('10.0.0.0/16');
    const requestedSubnets = [
      ...request('App', ec2.SubnetType.PRIVATE_WITH_EGRESS, 2),
      ...request('Db', ec2.SubnetType.PRIVATE_ISOLATED, 2),
    ];
    expect(() => plan.allocateSubnetsCidr({ vpcCidr: '10.0.0.0/16', requestedSubnets })).toThrow(
      "TwoTierSubnetPlan holds one private subnet group; got 'App' and 'Db'; allowed: one public and one private or isolated group",
    );
  });

  test('refuses a mask other than /24', () => {
    const plan = new TwoTierSubnetPlan('10.0.0.0/16');
    const requestedSubnets = request('Public', ec2.SubnetType.PUBLIC, 1).map((r) => ({
      ...r,
      configuration: { ...r.configuration, cidrMask: 20 },
    }));
    expect(() => plan.allocateSubnetsCidr({ vpcCidr: '10.0.0.0/16', requestedSubnets })).toThrow(
      "TwoTierSubnetPlan lays out /24 subnets; subnet group 'Public' asks for cidrMask 20; allowed: 24",
    );
  });
});
