import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { acknowledge } from '../../private/acknowledge';
import { NAT_INSTANCE_ROOT_VOLUME_GIB } from '../../private/nat-instance';
import { isKnown, PropsValidator, quoted } from '../../private/validation';
import { NatInstanceOptions } from '../nat-gateways';

/** The NAT instance type unless given: the smallest Graviton burstable type. */
export const DEFAULT_NAT_INSTANCE_TYPE = ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO);

/** The root volume's device on Amazon Linux 2023. */
const ROOT_DEVICE = '/dev/xvda';

/** An instance type's name: a family, a dot, a size (`t4g.nano`, `c7gn.medium`). */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** Records the problems of the NAT instances' options for a network of `azCount` Availability Zones. */
export function checkNatInstances(
  v: PropsValidator,
  options: NatInstanceOptions,
  azCount: number | undefined,
  prefix: string,
): void {
  const type = options.instanceType?.toString();
  if (type !== undefined && Token.isUnresolved(type)) {
    v.fail(
      `${prefix}instanceType is a Token, and its architecture picks the Amazon Linux 2023 image at synthesis; allowed: an instance type known at synth time, such as 't4g.nano'`,
    );
  }
  if (isKnown(type) && type !== undefined && !INSTANCE_TYPE.test(type)) {
    v.fail(`${prefix}instanceType ${quoted(type)} is not an instance type; allowed: such as 't4g.nano' or 't3.micro'`);
  }
  if (isKnown(type) && type !== undefined && /\.metal/.test(type)) {
    v.fail(
      `${prefix}instanceType ${quoted(type)} is a bare-metal type, a whole host for forwarding packets; allowed: a virtualized type such as 't4g.nano' or 'c7gn.medium'`,
    );
  }
  const count = options.count;
  if (count === undefined) return;
  v.integerInRange(`${prefix}count`, count, 1, 16);
  if (azCount !== undefined && Number.isInteger(count) && count > azCount) {
    v.fail(
      `${prefix}count ${count} exceeds the ${azCount} Availability Zones: NAT instances live one per zone's public subnet; allowed: 1 to ${azCount}`,
    );
  }
}

/** The NAT provider of `NatGateways.instance()`: Amazon Linux 2023 for the type's architecture, a public address. */
export function natInstanceProvider(options: NatInstanceOptions): ec2.NatInstanceProviderV2 {
  const instanceType = options.instanceType ?? DEFAULT_NAT_INSTANCE_TYPE;
  const cpuType =
    instanceType.architecture === ec2.InstanceArchitecture.ARM_64
      ? ec2.AmazonLinuxCpuType.ARM_64
      : ec2.AmazonLinuxCpuType.X86_64;
  return ec2.NatProvider.instanceV2({
    instanceType,
    machineImage: options.machineImage ?? ec2.MachineImage.latestAmazonLinux2023({ cpuType }),
    userData: natUserData(),
    // The public subnets do not map public addresses on launch: the instance asks for its own.
    associatePublicIpAddress: true,
    // Nothing comes in from the internet; what comes in from the VPC is opened below, to the VPC's block only.
    defaultAllowedTraffic: ec2.NatTrafficDirection.OUTBOUND_ONLY,
    // Burstable types throttle when out of credits instead of billing for more (unlimited mode).
    creditSpecification: instanceType.isBurstable() ? ec2.CpuCredits.STANDARD : undefined,
  });
}

/**
 * Sets up NAT on Amazon Linux 2023: installs iptables' service (retried, since dnf can be busy right after boot),
 * forwards IPv4 and masquerades it out of the default route's interface, and turns SSH off (sshd and EC2 Instance
 * Connect), since Session Manager is the way in. Any failing step stops the script with an error in the console log.
 */
function natUserData(): ec2.UserData {
  const userData = ec2.UserData.forLinux();
  userData.addCommands(
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
  );
  return userData;
}

/**
 * Hardens the instances `provider` created in `vpc`: the security group admits only the VPC's IPv4 block, each
 * instance is managed through Systems Manager (no key pair, no port 22), requires IMDSv2, has an encrypted gp3
 * root volume and detailed monitoring, and an alarm recovers it onto new hardware when its host fails.
 */
export function hardenNatInstances(provider: ec2.NatInstanceProviderV2, vpcCidr: string): void {
  provider.securityGroup.addIngressRule(ec2.Peer.ipv4(vpcCidr), ec2.Port.allTraffic(), 'What the VPC sends out');
  for (const instance of provider.gatewayInstances) {
    instance.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'));
    const cfn = instance.node.defaultChild as ec2.CfnInstance;
    // IMDSv2 only, through a launch template of its own: CloudFormation names it (aws-cdk-lib's aspect gives every
    // NAT instance's template the same name, which two instances or two stacks would share and fail on).
    const metadata = new ec2.LaunchTemplate(instance, 'MetadataOptions', { requireImdsv2: true });
    cfn.launchTemplate = { launchTemplateId: metadata.launchTemplateId, version: metadata.latestVersionNumber };
    cfn.monitoring = true;
    cfn.ebsOptimized = true;
    cfn.blockDeviceMappings = [
      {
        deviceName: ROOT_DEVICE,
        ebs: {
          encrypted: true,
          volumeType: 'gp3',
          volumeSize: NAT_INSTANCE_ROOT_VOLUME_GIB,
          deleteOnTermination: true,
        },
      },
    ];
    const recovery = new cloudwatch.Alarm(instance, 'Recovery', {
      alarmDescription: 'The NAT instance failed its system status check: EC2 recovers it onto healthy hardware',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/EC2',
        metricName: 'StatusCheckFailed_System',
        dimensionsMap: { InstanceId: instance.instanceId },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.minutes(1),
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    recovery.addAlarmAction(new actions.Ec2Action(actions.Ec2InstanceAction.RECOVER));
    acknowledgeNatInstance(instance);
  }
  for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
    acknowledge(
      provider.securityGroup,
      `${pack}-EC2RestrictedCommonPorts`,
      "A NAT instance forwards whatever the VPC's own hosts send out: its group admits every port, from the VPC's block only",
    );
  }
}

/** The findings a NAT instance raises by what it is, each with its reason. */
function acknowledgeNatInstance(instance: ec2.Instance): void {
  const nat = 'A NAT instance';
  // On the instance's resource alone: its launch template, profile and alarm below it raise none of these.
  const resource = instance.node.defaultChild as ec2.CfnInstance;
  acknowledge(
    resource,
    'AwsSolutions-EC29',
    `${nat} is replaced by CloudFormation when its image changes (a new Amazon Linux 2023 release, which patches it); termination protection would block that update, and EC2 automatic recovery keeps it running`,
  );
  for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
    acknowledge(
      resource,
      `${pack}-EC2InstanceNoPublicIp`,
      `${nat} needs a public address to forward the private subnets' traffic to the internet; its security group admits only the VPC's block`,
    );
    acknowledge(
      resource,
      `${pack}-EC2InstancesInVPC`,
      `${nat} is in a public subnet of the VPC through its network interface (NetworkInterfaces[0].SubnetId, which a public address requires); the rule reads only the instance's own SubnetId`,
    );
  }
  acknowledge(
    instance.role,
    'AwsSolutions-IAM4',
    "AWS's policy for Systems Manager's agent, kept current by AWS: the instance is managed through Session Manager instead of SSH",
    ['Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore'],
  );
}
