import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { internalSubnetsOf, publicSubnetsOf, taskSubnetsOf } from '../../src/private/subnets';
import { PropsValidator } from '../../src/private/validation';
import { testStack } from '../util';

function vpcWith(...subnetConfiguration: ec2.SubnetConfiguration[]): ec2.Vpc {
  return new ec2.Vpc(testStack(), 'Vpc', {
    subnetConfiguration,
    natGateways: subnetConfiguration.some((s) => s.subnetType === ec2.SubnetType.PRIVATE_WITH_EGRESS) ? 1 : 0,
  });
}

describe('subnet selection', () => {
  const pub = { name: 'Public', subnetType: ec2.SubnetType.PUBLIC };
  const priv = { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  const iso = { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

  test.each([
    ['private with egress first', [pub, priv, iso], ec2.SubnetType.PRIVATE_WITH_EGRESS],
    ['isolated when there is no other', [pub, iso], ec2.SubnetType.PRIVATE_ISOLATED],
  ])('tasks and internal load balancers: %s', (_name, config, type) => {
    const v = new PropsValidator('T');
    const vpc = vpcWith(...config);
    expect(taskSubnetsOf(v, 'vpc', vpc)).toEqual({ subnetType: type });
    expect(internalSubnetsOf(v, 'vpc', vpc)).toEqual({ subnetType: type });
    expect(() => v.throwIfAny()).not.toThrow();
  });

  test('no private subnets and no public subnets are problems, named for what needs them', () => {
    const v = new PropsValidator('T');
    taskSubnetsOf(v, 'vpc', vpcWith(pub));
    internalSubnetsOf(v, 'vpc', vpcWith(pub));
    publicSubnetsOf(v, 'vpc', vpcWith(iso));
    expect(() => v.throwIfAny()).toThrow(
      new Error(
        [
          'Invalid T props:',
          '  - vpc has no private subnets for the tasks; allowed: a VPC with PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets',
          '  - vpc has no private subnets for the internal load balancer; allowed: a VPC with PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets',
          '  - vpc has no public subnets for the internet-facing load balancer; allowed: a VPC with PUBLIC subnets',
        ].join('\n'),
      ),
    );
  });
});
