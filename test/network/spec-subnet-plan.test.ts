import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { SpecSubnetPlan } from '../../src';

function request(tier: string, subnetType: ec2.SubnetType, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    availabilityZone: `az-${i}`,
    subnetConstructId: `${tier}Subnet${i + 1}`,
    configuration: { name: tier, subnetType, cidrMask: 24 },
  }));
}

describe('SpecSubnetPlan', () => {
  test('public subnets get X.Y.(1+i).0/24 and private ones X.Y.(11+i).0/24, in request order', () => {
    const plan = new SpecSubnetPlan('10.7.0.0/16');
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
    const plan = new SpecSubnetPlan('10.0.0.0/16');
    const requestedSubnets = request('Private', ec2.SubnetType.PRIVATE_ISOLATED, 2);
    expect(plan.allocateSubnetsCidr({ vpcCidr: '10.0.0.0/16', requestedSubnets }).allocatedSubnets).toEqual([
      { cidr: '10.0.11.0/24' },
      { cidr: '10.0.12.0/24' },
    ]);
  });

  test('refuses an eleventh subnet in a tier: the plan holds ten', () => {
    const plan = new SpecSubnetPlan('10.0.0.0/16');
    const requestedSubnets = request('Public', ec2.SubnetType.PUBLIC, 11);
    expect(() => plan.allocateSubnetsCidr({ vpcCidr: '10.0.0.0/16', requestedSubnets })).toThrow(
      'The spec\'s subnet plan holds at most 10 subnets per tier; got more in "Public"',
    );
  });

  test('allocates the VPC block as given', () => {
    expect(new SpecSubnetPlan('10.9.0.0/16').allocateVpcCidr()).toEqual({ cidrBlock: '10.9.0.0/16' });
  });
});
