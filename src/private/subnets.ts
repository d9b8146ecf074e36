import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { PropsValidator } from './validation';

/**
 * The subnets tasks run in: private subnets with egress, or else isolated ones (a VPC without NAT,
 * reaching AWS services through endpoints). Records a problem when the VPC has neither.
 */
export function taskSubnetsOf(v: PropsValidator, prop: string, vpc: ec2.IVpc): ec2.SubnetSelection {
  return privateSubnetsOf(v, prop, vpc, 'the tasks');
}

/**
 * The subnets an internal load balancer goes into: private subnets with egress, or else isolated ones.
 * Records a problem when the VPC has neither.
 */
export function internalSubnetsOf(v: PropsValidator, prop: string, vpc: ec2.IVpc): ec2.SubnetSelection {
  return privateSubnetsOf(v, prop, vpc, 'the internal load balancer');
}

/** The public subnets an internet-facing load balancer goes into. Records a problem when there are none. */
export function publicSubnetsOf(v: PropsValidator, prop: string, vpc: ec2.IVpc): ec2.SubnetSelection {
  if (vpc.publicSubnets.length === 0) {
    v.fail(`${prop} has no public subnets for the internet-facing load balancer; allowed: a VPC with PUBLIC subnets`);
  }
  return { subnetType: ec2.SubnetType.PUBLIC };
}

function privateSubnetsOf(v: PropsValidator, prop: string, vpc: ec2.IVpc, user: string): ec2.SubnetSelection {
  if (vpc.privateSubnets.length > 0) return { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  if (vpc.isolatedSubnets.length > 0) return { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  v.fail(
    `${prop} has no private subnets for ${user}; allowed: a VPC with PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets`,
  );
  return { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
}
