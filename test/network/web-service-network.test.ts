import { Lazy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NatGateways, SpecSubnetPlan, WebServiceNetwork, WebServiceNetworkProps } from '../../src';
import { pinnedStack, testStack } from '../util';

function synth(props: WebServiceNetworkProps = {}, stack = testStack()): Template {
  new WebServiceNetwork(stack, 'Network', props);
  return Template.fromStack(stack);
}

function subnetCidrs(template: Template): string[] {
  return Object.values(template.findResources('AWS::EC2::Subnet')).map((r) => r.Properties.CidrBlock);
}

describe('WebServiceNetwork', () => {
  test('default: 10.0.0.0/16 with DNS support and hostnames', () => {
    synth().hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.0.0.0/16',
      EnableDnsSupport: true,
      EnableDnsHostnames: true,
    });
  });

  test("default: the spec's four subnets, public ones without auto-assigned public IPs", () => {
    const template = synth();
    expect(subnetCidrs(template).sort()).toEqual(['10.0.1.0/24', '10.0.11.0/24', '10.0.12.0/24', '10.0.2.0/24']);
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false }, 4);
  });

  test('another /16 keeps the plan: 10.20.0.0/16 gives 10.20.1.0/24 ... 10.20.11.0/24 ...', () => {
    expect(subnetCidrs(synth({ cidr: '10.20.0.0/16' })).sort()).toEqual([
      '10.20.1.0/24',
      '10.20.11.0/24',
      '10.20.12.0/24',
      '10.20.2.0/24',
    ]);
  });

  test('three AZs in a pinned stack: three public and three private subnets', () => {
    const stack = pinnedStack();
    stack.node.setContext('availability-zones:account=123456789012:region=us-west-2', [
      'us-west-2a',
      'us-west-2b',
      'us-west-2c',
    ]);
    expect(subnetCidrs(synth({ maxAzs: 3 }, stack)).sort()).toEqual([
      '10.0.1.0/24',
      '10.0.11.0/24',
      '10.0.12.0/24',
      '10.0.13.0/24',
      '10.0.2.0/24',
      '10.0.3.0/24',
    ]);
  });

  test('default: one NAT gateway with an Elastic IP per AZ; private routes go to NAT, public to the IGW', () => {
    const template = synth();
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.resourceCountIs('AWS::EC2::EIP', 2);
    template.resourceCountIs('AWS::EC2::InternetGateway', 1);
    template.resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Match.anyValue() },
      2,
    );
    template.resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: Match.anyValue() },
      2,
    );
  });

  test('NatGateways.single(): one NAT gateway', () => {
    const template = synth({ natGateways: NatGateways.single() });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::EIP', 1);
  });

  test('flow logs: all traffic to a retained log group kept three months by default', () => {
    const template = synth();
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 90 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('flowLogRetention overrides the retention', () => {
    synth({ flowLogRetention: logs.RetentionDays.ONE_YEAR }).hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 365,
    });
  });

  test('the default security group is emptied', () => {
    synth().resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
  });

  test.each<[string, WebServiceNetworkProps, string]>([
    [
      'not a CIDR',
      { cidr: '10.0.0/16' },
      "cidr '10.0.0/16' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'",
    ],
    ['octet above 255', { cidr: '10.300.0.0/16' }, "cidr '10.300.0.0/16' is not an IPv4 CIDR block"],
    ['a /20', { cidr: '10.0.0.0/20' }, "cidr '10.0.0.0/20' is not a /16 block; allowed: a /16 such as '10.0.0.0/16'"],
    ['host bits set', { cidr: '10.0.4.0/16' }, "cidr '10.0.4.0/16' is not a /16 block"],
    ['zero AZs', { maxAzs: 0 }, 'maxAzs 0 is not allowed; allowed: an integer from 1 to 10'],
    ['eleven AZs', { maxAzs: 11 }, 'maxAzs 11 is not allowed; allowed: an integer from 1 to 10'],
    ['three AZs env-agnostic', { maxAzs: 3 }, 'maxAzs 3 needs explicit Availability Zones'],
  ])('rejects %s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('a token CIDR is refused: the plan derives subnet addresses from it', () => {
    expect(() => synth({ cidr: Lazy.string({ produce: () => '10.0.0.0/16' }) })).toThrow(
      "cidr must be known at synth time: the spec's subnet plan derives each subnet's addresses from it",
    );
  });

  test('a token maxAzs is not checked', () => {
    expect(() => synth({ maxAzs: Lazy.number({ produce: () => 2 }) })).not.toThrow('maxAzs');
  });
});

describe('SpecSubnetPlan', () => {
  test('refuses an eleventh subnet in a tier: the plan holds ten', () => {
    const plan = new SpecSubnetPlan('10.0.0.0/16');
    const requestedSubnets = Array.from({ length: 11 }, (_, i) => ({
      availabilityZone: `az-${i}`,
      subnetConstructId: `PublicSubnet${i + 1}`,
      configuration: { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    }));
    expect(() => plan.allocateSubnetsCidr({ vpcCidr: '10.0.0.0/16', requestedSubnets })).toThrow(
      'The spec\'s subnet plan holds at most 10 subnets per tier; got more in "Public"',
    );
  });

  test('allocates the VPC block as given', () => {
    expect(new SpecSubnetPlan('10.9.0.0/16').allocateVpcCidr()).toEqual({ cidrBlock: '10.9.0.0/16' });
  });
});
