import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { NatGateways } from './nat-gateways';
import { SpecSubnetPlan } from './spec-subnet-plan';
import { PropsValidator } from '../private/validation';

/**
 * Props for `WebServiceNetwork`.
 */
export interface WebServiceNetworkProps {
  /**
   * The VPC's IPv4 block; must be a /16. Subnets are laid out as the spec numbers them.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;

  /**
   * How many Availability Zones to span.
   * @default 2
   */
  readonly maxAzs?: number;

  /**
   * How private subnets reach the internet.
   * @default NatGateways.perAz()
   */
  readonly natGateways?: NatGateways;

  /**
   * How long VPC flow log records are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly flowLogRetention?: logs.RetentionDays;
}

/**
 * A VPC laid out as the spec draws it: public subnets X.Y.1.0/24, X.Y.2.0/24, ... for the load
 * balancer and NAT gateways, private subnets X.Y.11.0/24, X.Y.12.0/24, ... for the tasks, NAT per
 * Availability Zone, DNS support and hostnames, flow logs, and a default security group without rules.
 */
export class WebServiceNetwork extends Construct {
  /** The VPC. */
  public readonly vpc: ec2.Vpc;

  /** The log group that receives the VPC flow logs. */
  public readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebServiceNetworkProps = {}) {
    super(scope, id);
    const cidr = props.cidr ?? '10.0.0.0/16';
    const maxAzs = props.maxAzs ?? 2;
    const natGateways = props.natGateways ?? NatGateways.perAz();
    validateNetworkProps(this, cidr, maxAzs);

    const azCount = Math.min(maxAzs, Stack.of(this).availabilityZones.length);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new SpecSubnetPlan(cidr),
      maxAzs,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      natGateways: natGateways.countFor(azCount),
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      ],
    });

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function validateNetworkProps(scope: Construct, cidr: string, maxAzs: number): void {
  const v = new PropsValidator('WebServiceNetwork');
  const stack = Stack.of(scope);
  if (!Token.isUnresolved(cidr)) {
    const m = IPV4_CIDR.exec(cidr);
    if (!m || m.slice(1, 5).some((octet) => Number(octet) > 255)) {
      v.fail(`cidr '${cidr}' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'`);
    } else if (m[5] !== '16' || m[3] !== '0' || m[4] !== '0') {
      v.fail(
        `cidr '${cidr}' is not a /16 block; allowed: a /16 such as '10.0.0.0/16' (the spec's subnet plan needs one)`,
      );
    }
  } else {
    v.fail("cidr must be known at synth time: the spec's subnet plan derives each subnet's addresses from it");
  }
  v.integerInRange('maxAzs', maxAzs, 1, SpecSubnetPlan.MAX_AZS);
  if (Token.isUnresolved(stack.region) && maxAzs > 2) {
    v.fail(
      `maxAzs ${maxAzs} needs explicit Availability Zones: an environment-agnostic stack knows only 2; ` +
        "set the stack's env (account and region) so that CDK can look up the region's zones",
    );
  }
  v.throwIfAny();
}
