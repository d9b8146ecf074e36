import { Lazy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NatGateways, ServiceEndpoint, WebServiceNetwork, WebServiceNetworkProps } from '../../src';
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

  test('flow logs: all traffic to a log group kept three months, encrypted with a rotated key, both kept except after a failed create', () => {
    const template = synth();
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 90, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('FlowLogsKey'), 'Arn'] } },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('the flow log key admits CloudWatch Logs for the flow log group only', () => {
    synth().hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsForThisLogGroup',
            Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':logs:',
                      { Ref: 'AWS::Region' },
                      ':',
                      { Ref: 'AWS::AccountId' },
                      ':log-group:',
                      { Ref: 'AWS::StackName' },
                      Match.stringLikeRegexp('^-NetworkFlowLogs[0-9A-F]{8}-\\*$'),
                    ],
                  ],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  test('the flow log role: trusted only for this account, a managed policy scoped to the log group, no inline policy', () => {
    const template = synth();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkFlowLogs'), 'Arn'] },
          },
        ],
      },
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('flowLogRetention and flowLogEncryptionKey override the log group', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'MyKey');
    const template = synth({ flowLogRetention: logs.RetentionDays.ONE_YEAR, flowLogEncryptionKey: key }, stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
    });
    template.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('flowLogBucket sends flow logs to S3 instead, without a log group', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'flow-log-bucket');
    const template = synth({ flowLogBucket: bucket }, stack);
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      LogDestinationType: 's3',
      TrafficType: 'ALL',
      LogDestination: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::flow-log-bucket']] },
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
  });

  test('flowLogs false: no flow log', () => {
    const template = synth({ flowLogs: false });
    template.resourceCountIs('AWS::EC2::FlowLog', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
  });

  test('dual-stack by default: an Amazon-provided IPv6 block and one per subnet, none assigned automatically', () => {
    const template = synth();
    template.hasResourceProperties('AWS::EC2::VPCCidrBlock', { AmazonProvidedIpv6CidrBlock: true });
    template.resourcePropertiesCountIs(
      'AWS::EC2::Subnet',
      { Ipv6CidrBlock: Match.anyValue(), AssignIpv6AddressOnCreation: false },
      4,
    );
  });

  test('dual-stack: public subnets route ::/0 to the internet gateway, private ones only to an egress-only gateway', () => {
    const template = synth();
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 1);
    template.resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: Match.anyValue() },
      2,
    );
    template.resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationIpv6CidrBlock: '::/0', GatewayId: Match.anyValue() },
      2,
    );
  });

  test('dualStack false: IPv4 only', () => {
    const template = synth({ dualStack: false });
    template.resourceCountIs('AWS::EC2::VPCCidrBlock', 0);
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 0);
    template.resourcePropertiesCountIs('AWS::EC2::Subnet', { Ipv6CidrBlock: Match.anyValue() }, 0);
  });

  test('mapPublicIpOnLaunch true: public subnets assign public IPv4 addresses (the spec as written)', () => {
    synth({ mapPublicIpOnLaunch: true }).resourcePropertiesCountIs(
      'AWS::EC2::Subnet',
      { MapPublicIpOnLaunch: true },
      2,
    );
  });

  test('NatGateways.none(): no NAT, no Elastic IP, isolated private subnets without any internet route', () => {
    const template = synth({ natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::EIP', 0);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { NatGatewayId: Match.anyValue() }, 0);
    template.resourcePropertiesCountIs('AWS::EC2::Route', { EgressOnlyInternetGatewayId: Match.anyValue() }, 0);
    // Only the two public subnets' IPv4 and IPv6 default routes remain.
    template.resourceCountIs('AWS::EC2::Route', 4);
  });

  test('S3 gateway endpoint on the private route tables by default; s3GatewayEndpoint false removes it', () => {
    synth().hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      RouteTableIds: [Match.anyValue(), Match.anyValue()],
    });
    synth({ s3GatewayEndpoint: false }).resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });

  test('endpoints: one interface endpoint each with private DNS, behind a group that admits HTTPS from the VPC only', () => {
    const template = synth({ endpoints: [...ServiceEndpoint.forFargate(), ServiceEndpoint.KMS] });
    template.resourcePropertiesCountIs(
      'AWS::EC2::VPCEndpoint',
      { VpcEndpointType: 'Interface', PrivateDnsEnabled: true },
      6,
    );
    for (const service of ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm', 'kms']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] },
      });
    }
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface VPC endpoints: HTTPS from the VPC only',
      SecurityGroupIngress: [
        { CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: 'HTTPS from the VPC' },
      ],
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32' })],
    });
  });

  test('ServiceEndpoint.forFargateWithEcsExec() adds SSM messages for ECS Exec', () => {
    const template = synth({ endpoints: ServiceEndpoint.forFargateWithEcsExec() });
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 7);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.ssmmessages']] },
    });
  });

  test('interface endpoints sit in the private subnets; interfaceEndpoint() returns each', () => {
    const stack = testStack();
    const network = new WebServiceNetwork(stack, 'Network', { endpoints: [ServiceEndpoint.ECR_API] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      SubnetIds: network.vpc.privateSubnets.map((s) => stack.resolve(s.subnetId)),
    });
    expect(network.interfaceEndpoint(ServiceEndpoint.ECR_API)).toBeDefined();
    expect(network.interfaceEndpoint(ServiceEndpoint.KMS)).toBeUndefined();
  });

  test('ServiceEndpoint.of() adds any other interface endpoint', () => {
    synth({ endpoints: [ServiceEndpoint.of('Sts', ec2.InterfaceVpcEndpointAwsService.STS)] }).hasResourceProperties(
      'AWS::EC2::VPCEndpoint',
      { ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.sts']] } },
    );
  });

  test('NatGateways.single(): both private route tables point to the one NAT gateway', () => {
    const stack = testStack();
    const network = new WebServiceNetwork(stack, 'Network', { natGateways: NatGateways.single() });
    const template = Template.fromStack(stack);
    const [nat] = Object.keys(template.findResources('AWS::EC2::NatGateway'));
    for (const subnet of network.vpc.privateSubnets) {
      template.hasResourceProperties('AWS::EC2::Route', {
        RouteTableId: stack.resolve(subnet.routeTable.routeTableId),
        DestinationCidrBlock: '0.0.0.0/0',
        NatGatewayId: { Ref: nat },
      });
    }
  });

  test('the only custom resource is the one that empties the default security group', () => {
    const template = synth({ endpoints: ServiceEndpoint.forFargate() });
    const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual(['Custom::VpcRestrictDefaultSG']);
    expect(types.filter((t) => t === 'AWS::Lambda::Function')).toHaveLength(1);
  });

  test('availabilityZones by name spans three zones in an environment-agnostic stack', () => {
    const template = synth({ availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c'] });
    expect(subnetCidrs(template)).toHaveLength(6);
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'us-west-2c', CidrBlock: '10.0.13.0/24' });
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
    [
      'a /20',
      { cidr: '10.0.0.0/20' },
      "cidr '10.0.0.0/20' is a /20 block; allowed: a /16 such as '10.0.0.0/16' (the subnet plan needs one)",
    ],
    ['host bits set', { cidr: '10.0.4.0/16' }, "cidr '10.0.4.0/16' has host bits set; allowed: '10.0.0.0/16'"],
    ['zero AZs', { maxAzs: 0 }, 'maxAzs 0 is not allowed; allowed: an integer from 1 to 10'],
    ['eleven AZs', { maxAzs: 11 }, 'maxAzs 11 is not allowed; allowed: an integer from 1 to 10'],
    [
      'three AZs env-agnostic',
      { maxAzs: 3 },
      'maxAzs 3 needs explicit Availability Zones: an environment-agnostic stack knows only 2; allowed: maxAzs 1 or 2, availabilityZones by name, or a stack with env (account and region)',
    ],
    [
      'maxAzs and availabilityZones',
      { maxAzs: 2, availabilityZones: ['a', 'b'] },
      'maxAzs 2 and availabilityZones both given; allowed: one of them',
    ],
    ['no zones', { availabilityZones: [] }, 'availabilityZones has 0 zones; allowed: 1 to 10'],
    [
      'no NAT and no endpoints',
      { natGateways: NatGateways.none() },
      'natGateways none leaves private subnets without internet access, and tasks then need ServiceEndpoint.ECR_API, ServiceEndpoint.ECR_DOCKER, ServiceEndpoint.CLOUDWATCH_LOGS; allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz() / instance()',
    ],
    [
      'flow log settings with flow logs off',
      { flowLogs: false, flowLogRetention: logs.RetentionDays.ONE_DAY },
      'flowLogRetention given with flowLogs false; allowed: flowLogs true, or none of them',
    ],
    ['leading zeros', { cidr: '010.0.0.0/16' }, "cidr '010.0.0.0/16' is not an IPv4 CIDR block"],
    ['a fractional zone count', { maxAzs: 2.5 }, 'maxAzs 2.5 is not allowed; allowed: an integer from 1 to 10'],
    [
      'a duplicate zone',
      { availabilityZones: ['us-west-2a', 'us-west-2a'] },
      'availabilityZones names us-west-2a more than once; allowed: distinct zones',
    ],
    [
      'no NAT with only KMS and no S3 gateway',
      { natGateways: NatGateways.none(), endpoints: [ServiceEndpoint.KMS], s3GatewayEndpoint: false },
      'natGateways none leaves private subnets without internet access, and tasks then need ServiceEndpoint.ECR_API, ServiceEndpoint.ECR_DOCKER, ServiceEndpoint.CLOUDWATCH_LOGS, the S3 gateway endpoint (s3GatewayEndpoint)',
    ],
    [
      'unbounded flow log retention',
      { flowLogRetention: logs.RetentionDays.INFINITE },
      'flowLogRetention INFINITE keeps flow logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR',
    ],
  ])('rejects %s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  test('a stack with a Region but no account is environment-agnostic: three AZs need names', () => {
    expect(() => synth({ maxAzs: 3 }, testStack({ env: { region: 'us-west-2' } }))).toThrow(
      'maxAzs 3 needs explicit Availability Zones',
    );
  });

  test("more AZs than the pinned Region has are refused, naming the Region's zones", () => {
    const stack = pinnedStack();
    stack.node.setContext('availability-zones:account=123456789012:region=us-west-2', [
      'us-west-2a',
      'us-west-2b',
      'us-west-2c',
    ]);
    expect(() => synth({ maxAzs: 4 }, stack)).toThrow(
      'maxAzs 4 exceeds the 3 zones of us-west-2 (us-west-2a, us-west-2b, us-west-2c); allowed: 1 to 3',
    );
  });

  test('zones of another Region are refused in a pinned stack', () => {
    expect(() => synth({ availabilityZones: ['us-west-2a', 'eu-west-1b'] }, pinnedStack())).toThrow(
      "availabilityZones eu-west-1b not in the stack's Region us-west-2; allowed: zones such as 'us-west-2a'",
    );
  });

  test('CloudWatch Logs settings with an S3 destination are rejected', () => {
    const stack = testStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'flow-log-bucket');
    expect(() => synth({ flowLogBucket: bucket, flowLogRetention: logs.RetentionDays.ONE_DAY }, stack)).toThrow(
      'flowLogRetention given with flowLogBucket; allowed: these settings only for CloudWatch Logs (without flowLogBucket)',
    );
  });

  test('a token CIDR is refused: the plan derives subnet addresses from it', () => {
    expect(() => synth({ cidr: Lazy.string({ produce: () => '10.0.0.0/16' }) })).toThrow(
      "cidr must be known at synth time (each subnet's address is derived from it); allowed: a literal /16 such as '10.0.0.0/16'",
    );
  });

  test('a token maxAzs is refused: it decides how many subnets the template holds', () => {
    expect(() => synth({ maxAzs: Lazy.number({ produce: () => 2 }) })).toThrow(
      'maxAzs must be known at synth time (it decides how many subnets the template holds); allowed: an integer from 1 to 10',
    );
  });
});
