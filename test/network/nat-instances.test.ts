/**
 * NAT through EC2 instances (`NatGateways.instance()`): the hardening of each instance, the routes through it, its
 * security group, the counts, the bad inputs, and the cdk-nag packs.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NatGateways, ServiceEndpoint, WebServiceNetwork, WebServiceNetworkProps } from '../../src';
import { formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { expectOnlyProblem, lazyString } from '../problems';
import { testApp } from '../util';

function network(props: WebServiceNetworkProps = { natGateways: NatGateways.instance() }) {
  const stack = new Stack(testApp(), 'Net');
  const built = new WebServiceNetwork(stack, 'Network', props);
  return { stack, network: built, template: Template.fromStack(stack) };
}

const instancesOf = (template: Template) =>
  Object.values(template.findResources('AWS::EC2::Instance')).map((r) => r.Properties);

describe('NatGateways.instance()', () => {
  test('one t4g.nano per Availability Zone by default, on Amazon Linux 2023 for ARM64, and no NAT gateway', () => {
    const { template, network: net } = network();
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::EIP', 0);
    const instances = instancesOf(template);
    expect(instances).toHaveLength(2);
    expect(net.natInstances).toHaveLength(2);
    for (const instance of instances) {
      expect(instance.InstanceType).toBe('t4g.nano');
      expect(instance.SourceDestCheck).toBe(false);
      expect(JSON.stringify(instance.ImageId)).toContain('al2023amikernel61arm64');
      expect(instance.CreditSpecification).toEqual({ CPUCredits: 'standard' });
      expect(instance.KeyName).toBeUndefined();
      expect(instance.NetworkInterfaces).toEqual([
        expect.objectContaining({ AssociatePublicIpAddress: true, DeviceIndex: '0' }),
      ]);
    }
  });

  test('hardened: IMDSv2 through an unnamed launch template, encrypted gp3 root volume, detailed monitoring', () => {
    const { template } = network();
    const templates = template.findResources('AWS::EC2::LaunchTemplate');
    const properties = Object.values(templates).map((t) => t.Properties);
    expect(properties).toHaveLength(2);
    for (const launchTemplate of properties) {
      expect(launchTemplate.LaunchTemplateData.MetadataOptions).toEqual({ HttpTokens: 'required' });
      expect(launchTemplate.LaunchTemplateName).toBeUndefined();
    }
    for (const instance of instancesOf(template)) {
      expect(Object.keys(templates)).toContain(instance.LaunchTemplate.LaunchTemplateId.Ref);
      expect(instance.BlockDeviceMappings).toEqual([
        {
          DeviceName: '/dev/xvda',
          Ebs: { Encrypted: true, VolumeType: 'gp3', VolumeSize: 8, DeleteOnTermination: true },
        },
      ]);
      expect(instance.Monitoring).toBe(true);
      expect(instance.EbsOptimized).toBe(true);
    }
  });

  test('managed through Systems Manager: the instance role has the SSM core policy, no key pair, no port 22', () => {
    const { template } = network();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })] },
      ManagedPolicyArns: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] },
      ],
    });
    const groups = Object.values(template.findResources('AWS::EC2::SecurityGroup')).map((g) => g.Properties);
    const nat = groups.find((g) => g.GroupDescription === 'Security Group for NAT instances');
    expect(nat.SecurityGroupIngress).toEqual([
      { CidrIp: '10.0.0.0/16', Description: 'What the VPC sends out', IpProtocol: '-1' },
    ]);
  });

  test('user data: iptables installed with retries, forwarding and masquerading, SSH turned off', () => {
    const { template } = network({ natGateways: NatGateways.instance({ count: 1 }) });
    const [instance] = instancesOf(template);
    const script = instance.UserData['Fn::Base64'] as string;
    expect(script.split('\n')).toEqual([
      '#!/bin/bash',
      'set -euo pipefail',
      'for attempt in 1 2 3 4 5 6 7 8 9 10; do dnf install -y iptables-services && break; sleep 15; done',
      'rpm -q iptables-services',
      "echo 'net.ipv4.ip_forward=1' > /etc/sysctl.d/90-nat.conf",
      'sysctl -p /etc/sysctl.d/90-nat.conf',
      'systemctl enable --now iptables',
      "interface=$(ip route show default | awk '{print $5; exit}')",
      'iptables -t nat -A POSTROUTING -o "$interface" -j MASQUERADE',
      'iptables -F FORWARD',
      'service iptables save',
      'systemctl disable --now sshd',
      'dnf remove -y ec2-instance-connect || true',
    ]);
  });

  test('a fixed image of your own instead of the newest release', () => {
    const machineImage = ec2.MachineImage.genericLinux({ 'us-west-2': 'ami-0123456789abcdef0' });
    const stack = new Stack(testApp(), 'Net', { env: { account: '123456789012', region: 'us-west-2' } });
    new WebServiceNetwork(stack, 'Network', { natGateways: NatGateways.instance({ count: 1, machineImage }) });
    expect(instancesOf(Template.fromStack(stack))[0].ImageId).toBe('ami-0123456789abcdef0');
  });

  test('flow logs, interface endpoints and the checks that need NAT keep working with NAT instances', () => {
    const { template, network: net } = network({
      natGateways: NatGateways.instance({ count: 1 }),
      endpoints: ServiceEndpoint.forFargate(),
    });
    template.resourceCountIs('AWS::EC2::FlowLog', 1);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', ServiceEndpoint.forFargate().length + 1);
    expect(net.taskSubnets).toEqual({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    // With NAT instances the tasks have a way out: nothing asks for the endpoints that only a network without NAT needs.
    expect(WebServiceNetwork._withoutInternet(undefined, { natGateways: NatGateways.instance() })).toBeUndefined();
    expect(WebServiceNetwork._withoutInternet(undefined, { natGateways: NatGateways.none() })).toBeDefined();
  });

  test('automatic recovery: an alarm on the system status check recovers each instance', () => {
    const { template, stack, network: net } = network();
    for (const instance of net.natInstances!) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'StatusCheckFailed_System',
        Namespace: 'AWS/EC2',
        Dimensions: [{ Name: 'InstanceId', Value: { Ref: stack.getLogicalId(instance.instance) } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 2,
        AlarmActions: [
          {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':automate:', { Ref: 'AWS::Region' }, ':ec2:recover']],
          },
        ],
      });
    }
  });

  test("the private subnets' IPv4 default route goes through the NAT instance of their zone, or the single one", () => {
    const routes = (props: WebServiceNetworkProps) => {
      const { template } = network(props);
      return Object.values(template.findResources('AWS::EC2::Route'))
        .map((r) => r.Properties)
        .filter((r) => r.InstanceId)
        .map((r) => r.InstanceId.Ref);
    };
    const perAz = routes({ natGateways: NatGateways.instance() });
    expect(new Set(perAz).size).toBe(2);
    const single = routes({ natGateways: NatGateways.instance({ count: 1 }) });
    expect(single).toHaveLength(2);
    expect(new Set(single).size).toBe(1);
  });

  test('another instance type picks the image of its architecture; burstable credits stay standard only on T types', () => {
    const { template } = network({
      natGateways: NatGateways.instance({
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.C6I, ec2.InstanceSize.LARGE),
        count: 1,
      }),
    });
    const [instance] = instancesOf(template);
    expect(instance.InstanceType).toBe('c6i.large');
    expect(JSON.stringify(instance.ImageId)).toContain('al2023amikernel61x8664');
    expect(instance.CreditSpecification).toBeUndefined();
  });

  test('the NAT strategy counts its instances', () => {
    expect(NatGateways.instance().countFor(3)).toBe(3);
    expect(NatGateways.instance({ count: 1 }).countFor(3)).toBe(1);
  });

  test.each(installedNagModules())('%s: no unacknowledged finding, one instance or one per zone', (nagModule) => {
    for (const count of [1, 2]) {
      const { stack } = network({ natGateways: NatGateways.instance({ count }) });
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    }
  });
});

describe('NatGateways.instance() rejects', () => {
  test.each<[string, NatGateways, string]>([
    [
      'more instances than zones',
      NatGateways.instance({ count: 3 }),
      "natGateways.instance count 3 exceeds the 2 Availability Zones: NAT instances live one per zone's public subnet; allowed: 1 to 2",
    ],
    [
      'no instance',
      NatGateways.instance({ count: 0 }),
      'natGateways.instance count 0 is not allowed; allowed: an integer from 1 to 16',
    ],
    [
      'an instance type that is not one',
      NatGateways.instance({ instanceType: new ec2.InstanceType('nano') }),
      "natGateways.instance instanceType 'nano' is not an instance type; allowed: such as 't4g.nano' or 't3.micro'",
    ],
    [
      'a bare-metal instance type',
      NatGateways.instance({ instanceType: new ec2.InstanceType('c7gn.metal') }),
      "natGateways.instance instanceType 'c7gn.metal' is a bare-metal type, a whole host for forwarding packets; allowed: a virtualized type such as 't4g.nano' or 'c7gn.medium'",
    ],
  ])('%s', (_, natGateways, message) => {
    expectOnlyProblem(
      'WebServiceNetwork',
      () => new WebServiceNetwork(new Stack(testApp(), 'Net'), 'Network', { natGateways }),
      message,
    );
  });

  test('a count of up to the explicit zones is allowed', () => {
    const stack = new Stack(testApp(), 'Net', { env: { account: '123456789012', region: 'us-west-2' } });
    expect(
      () =>
        new WebServiceNetwork(stack, 'Network', {
          availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'],
          natGateways: NatGateways.instance({ count: 3 }),
        }),
    ).not.toThrow();
  });

  test('a Token instance type is refused: its architecture picks the image', () => {
    expectOnlyProblem(
      'WebServiceNetwork',
      () =>
        new WebServiceNetwork(new Stack(testApp(), 'Net'), 'Network', {
          natGateways: NatGateways.instance({ instanceType: new ec2.InstanceType(lazyString('x')), count: 1 }),
        }),
      "natGateways.instance instanceType is a Token, and its architecture picks the Amazon Linux 2023 image at synthesis; allowed: an instance type known at synth time, such as 't4g.nano'",
    );
  });
});
