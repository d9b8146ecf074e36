import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { NatGateways, NatStrategy } from './nat-gateways';
import { checkNatInstances, hardenNatInstances, natInstanceProvider } from './private/nat-instances';
import { ServiceEndpoint } from './service-endpoint';
import { TwoTierSubnetPlan } from './two-tier-subnet-plan';
import { acknowledge } from '../private/acknowledge';
import { createEncryptedLogGroup } from '../private/encrypted-log-group';
import { publicSubnetsOf, taskSubnetsOf } from '../private/subnets';
import { escaped, PropsValidator } from '../private/validation';

/**
 * Props for `WebServiceNetwork`.
 */
export interface WebServiceNetworkProps {
  /**
   * The VPC's IPv4 block; must be a /16. Subnets are laid out by `TwoTierSubnetPlan`.
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;

  /**
   * How many Availability Zones to span. More than 2 need a stack with an explicit account and Region,
   * or `availabilityZones`.
   * @default 2
   */
  readonly maxAzs?: number;

  /**
   * The Availability Zones to span, by name. Give this or `maxAzs`, not both.
   * @default - the first `maxAzs` zones of the stack's Region
   */
  readonly availabilityZones?: string[];

  /**
   * How private subnets reach the internet over IPv4.
   * @default NatGateways.perAz()
   */
  readonly natGateways?: NatGateways;

  /**
   * Whether instances launched in the public subnets get a public IPv4 address automatically. Nothing
   * here needs it (the load balancer and NAT gateways get theirs explicitly).
   * @default false
   */
  readonly mapPublicIpOnLaunch?: boolean;

  /**
   * Whether the VPC is dual-stack: an Amazon-provided IPv6 block and an IPv6 block per subnet, so
   * that the load balancer can serve IPv6. Private subnets send IPv6 out only through an egress-only
   * internet gateway. No subnet assigns IPv6 addresses automatically.
   * @default true
   */
  readonly dualStack?: boolean;

  /**
   * Whether VPC flow logs record all traffic.
   * @default true
   */
  readonly flowLogs?: boolean;

  /**
   * A bucket to deliver flow logs to instead of CloudWatch Logs.
   * @default - a CloudWatch Logs log group encrypted with a KMS key
   */
  readonly flowLogBucket?: s3.IBucket;

  /**
   * How long flow log records are kept in CloudWatch Logs.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly flowLogRetention?: logs.RetentionDays;

  /**
   * The key that encrypts the flow log group.
   * @default - a new customer managed key with yearly rotation
   */
  readonly flowLogEncryptionKey?: kms.IKey;

  /**
   * Interface VPC endpoints in the private subnets, reachable over HTTPS from the VPC only. Required
   * with `NatGateways.none()`: for example `ServiceEndpoint.forFargate()`.
   * @default - none
   */
  readonly endpoints?: ServiceEndpoint[];

  /**
   * Whether to add the S3 gateway endpoint (free of charge; ECR image layers and S3 traffic bypass NAT).
   * @default true
   */
  readonly s3GatewayEndpoint?: boolean;
}

/**
 * A VPC for web services: public subnets X.Y.1.0/24, X.Y.2.0/24, ... for the load
 * balancer and NAT gateways, private subnets X.Y.11.0/24, X.Y.12.0/24, ... for the tasks, NAT per
 * Availability Zone, DNS support and hostnames, dual-stack, flow logs, optional VPC endpoints, and a
 * default security group without rules.
 *
 * @example
 * const network = new sfws.WebServiceNetwork(this, 'Network', {
 *   cidr: '10.20.0.0/16',
 *   natGateways: sfws.NatGateways.single(),
 *   endpoints: sfws.ServiceEndpoint.forFargate(),
 * });
 * new ec2.SecurityGroup(this, 'Database', { vpc: network.vpc });
 */
export class WebServiceNetwork extends Construct {
  /**
   * Records the problems of an enclosing construct's network choice: a VPC of the user's, whose subnets must
   * suit, or the options of a new one, which must serve what runs in it.
   * @param uses what runs in the network: an internet-facing load balancer (public subnets), a dual-stack
   * one (IPv6 subnets), ECS Exec, tracing, log routing to Firehose and Service Connect (each endpoints without NAT)
   * @internal
   */
  public static _checkChoice(
    v: PropsValidator,
    scope: Construct,
    vpc: ec2.IVpc | undefined,
    network: WebServiceNetworkProps | undefined,
    uses: {
      readonly publicSubnets: boolean;
      readonly dualStack?: boolean;
      readonly ecsExec?: boolean;
      readonly tracing?: boolean;
      readonly firehose?: boolean;
      readonly serviceConnect?: boolean;
    },
  ): void {
    if (vpc) {
      if (network) {
        v.fail('network options apply only to a new VPC, and vpc was given; allowed: vpc or network, not both');
      }
      taskSubnetsOf(v, 'vpc', vpc);
      if (uses.publicSubnets) publicSubnetsOf(v, 'vpc', vpc);
      return;
    }
    WebServiceNetwork._checkProps(v, scope, network ?? {}, 'network.');
    if (network?.dualStack === false && uses.dualStack) {
      v.fail(
        'httpsLoadBalancer.dualStack true needs IPv6 subnets, and network.dualStack is false; allowed: network.dualStack true, or httpsLoadBalancer.dualStack false',
      );
    }
    if (network?.natGateways?.strategy !== NatStrategy.NONE) return;
    const has = (endpoint: ServiceEndpoint) => (network.endpoints ?? []).some((e) => e.id === endpoint.id);
    if (uses.ecsExec && !has(ServiceEndpoint.SSM_MESSAGES)) {
      v.fail(
        'ecsExec needs the SSM messages endpoint when network.natGateways is none; allowed: network.endpoints with ServiceEndpoint.SSM_MESSAGES (ServiceEndpoint.forFargateWithEcsExec()), or ecsExec false',
      );
    }
    if (uses.tracing && !has(ServiceEndpoint.XRAY)) {
      v.fail(
        'tracing sends traces to AWS X-Ray, which needs its endpoint when network.natGateways is none; allowed: network.endpoints with ServiceEndpoint.XRAY, or no tracing',
      );
    }
    if (uses.serviceConnect && !ServiceEndpoint.forServiceConnect().every(has)) {
      v.fail(
        'serviceConnect needs the ECS endpoints when network.natGateways is none: ECS manages the Service Connect proxy through them; allowed: network.endpoints with ServiceEndpoint.forServiceConnect() (ECS_AGENT, ECS_TELEMETRY, ECS), or NatGateways.single() / perAz() / instance()',
      );
    }
    if (uses.firehose && !has(ServiceEndpoint.FIREHOSE)) {
      v.fail(
        'logRouting to Amazon Data Firehose needs its endpoint when network.natGateways is none; allowed: network.endpoints with ServiceEndpoint.FIREHOSE, or another destination',
      );
    }
  }

  /**
   * Why tasks in the network have no route to the internet (for messages), or undefined when they have one.
   * @internal
   */
  public static _withoutInternet(
    vpc: ec2.IVpc | undefined,
    network: WebServiceNetworkProps | undefined,
  ): string | undefined {
    if (vpc) {
      const isolated = vpc.privateSubnets.length === 0 && vpc.isolatedSubnets.length > 0;
      return isolated ? 'the VPC given has only isolated subnets' : undefined;
    }
    return network?.natGateways?.strategy === NatStrategy.NONE ? 'network.natGateways is none' : undefined;
  }

  /**
   * Records the problems of the network's props; `scope` tells what the stack knows of its environment.
   * @param prefix prepended to prop names, as the enclosing construct calls them (for example `network.`)
   * @internal
   */
  public static _checkProps(v: PropsValidator, scope: Construct, props: WebServiceNetworkProps, prefix = ''): void {
    const p = (name: string) => `${prefix}${name}`;
    const stack = Stack.of(scope);
    const envAgnostic = Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region);

    const cidrProblem = TwoTierSubnetPlan._cidrProblem(p('cidr'), props.cidr ?? '10.0.0.0/16');
    if (cidrProblem) v.fail(cidrProblem);

    if (props.availabilityZones !== undefined) {
      const zones = props.availabilityZones;
      if (props.maxAzs !== undefined) {
        v.fail(`${p('maxAzs')} ${props.maxAzs} and ${p('availabilityZones')} both given; allowed: one of them`);
      }
      if (zones.length < 1 || zones.length > TwoTierSubnetPlan.MAX_AZS) {
        v.fail(`${p('availabilityZones')} has ${zones.length} zones; allowed: 1 to ${TwoTierSubnetPlan.MAX_AZS}`);
      }
      const duplicates = zones.filter((z, i) => zones.indexOf(z) !== i);
      if (duplicates.length > 0) {
        v.fail(
          `${p('availabilityZones')} names ${duplicates.map(escaped).join(', ')} more than once; allowed: distinct zones`,
        );
      }
      if (!Token.isUnresolved(stack.region)) {
        const foreign = zones.filter((z) => !Token.isUnresolved(z) && !z.startsWith(stack.region));
        if (foreign.length > 0) {
          v.fail(
            `${p('availabilityZones')} ${foreign.map(escaped).join(', ')} not in the stack's Region ${stack.region}; allowed: zones such as '${stack.region}a'`,
          );
        }
      }
    } else {
      const maxAzs = props.maxAzs ?? 2;
      if (Token.isUnresolved(maxAzs)) {
        v.fail(
          `${p('maxAzs')} must be known at synth time (it decides how many subnets the template holds); allowed: an integer from 1 to ${TwoTierSubnetPlan.MAX_AZS}`,
        );
      } else if (!Number.isInteger(maxAzs) || maxAzs < 1 || maxAzs > TwoTierSubnetPlan.MAX_AZS) {
        v.fail(`${p('maxAzs')} ${maxAzs} is not allowed; allowed: an integer from 1 to ${TwoTierSubnetPlan.MAX_AZS}`);
      } else if (envAgnostic && maxAzs > 2) {
        v.fail(
          `${p('maxAzs')} ${maxAzs} needs explicit Availability Zones: an environment-agnostic stack knows only 2; ` +
            `allowed: ${p('maxAzs')} 1 or 2, ${p('availabilityZones')} by name, or a stack with env (account and region)`,
        );
      } else if (!envAgnostic) {
        const known = stack.availabilityZones;
        const isLookupPlaceholder = known.some((z) => z.startsWith('dummy'));
        if (!isLookupPlaceholder && maxAzs > known.length) {
          v.fail(
            `${p('maxAzs')} ${maxAzs} exceeds the ${known.length} zones of ${stack.region} (${known.join(', ')}); allowed: 1 to ${known.length}`,
          );
        }
      }
    }

    if (props.natGateways?.strategy === NatStrategy.NONE) {
      const ids = new Set((props.endpoints ?? []).map((e) => e.id));
      const missing = REQUIRED_WITHOUT_NAT.filter((e) => !ids.has(e.id)).map(
        (e) => `ServiceEndpoint.${endpointConstant(e)}`,
      );
      if (props.s3GatewayEndpoint === false) missing.push('the S3 gateway endpoint (s3GatewayEndpoint)');
      if (missing.length > 0) {
        v.fail(
          `${p('natGateways')} none leaves private subnets without internet access, and tasks then need ${missing.join(', ')}; ` +
            'allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz() / instance()',
        );
      }
    }

    if (props.natGateways?.strategy === NatStrategy.INSTANCE) {
      const maxAzs = props.maxAzs ?? 2;
      const azCount =
        props.availabilityZones?.length ??
        (Token.isUnresolved(maxAzs) ? undefined : Math.min(maxAzs, stack.availabilityZones.length));
      checkNatInstances(v, props.natGateways.instanceOptions ?? {}, azCount, `${p('natGateways')}.instance `);
    }

    if (props.flowLogRetention === logs.RetentionDays.INFINITE) {
      v.fail(
        `${p('flowLogRetention')} INFINITE keeps flow logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR`,
      );
    }
    if (props.flowLogs === false) {
      const given = (['flowLogBucket', 'flowLogRetention', 'flowLogEncryptionKey'] as const).filter(
        (k) => props[k] !== undefined,
      );
      if (given.length > 0) {
        v.fail(
          `${given.map(p).join(', ')} given with ${p('flowLogs')} false; allowed: ${p('flowLogs')} true, or none of them`,
        );
      }
    } else if (props.flowLogBucket) {
      const given = (['flowLogRetention', 'flowLogEncryptionKey'] as const).filter((k) => props[k] !== undefined);
      if (given.length > 0) {
        v.fail(
          `${given.map(p).join(', ')} given with ${p('flowLogBucket')}; allowed: these settings only for CloudWatch Logs (without ${p('flowLogBucket')})`,
        );
      }
    }
  }

  /** The VPC. */
  public readonly vpc: ec2.Vpc;

  /** The NAT strategy. */
  public readonly natGateways: NatGateways;

  /** Whether the VPC is dual-stack. */
  public readonly dualStack: boolean;

  /** The subnets the tasks run in: private with egress through NAT, or isolated without NAT. */
  public readonly taskSubnets: ec2.SubnetSelection;

  /** The log group that receives the flow logs, when they go to CloudWatch Logs. */
  public readonly flowLogGroup?: logs.LogGroup;

  /** The key that encrypts the flow log group, when the flow logs go to CloudWatch Logs. */
  public readonly flowLogEncryptionKey?: kms.IKey;

  /** The flow log, unless flow logs are off. */
  public readonly flowLog?: ec2.FlowLog;

  private readonly interfaceEndpoints = new Map<string, ec2.InterfaceVpcEndpoint>();

  /** The NAT instances, with `NatGateways.instance()`. */
  public readonly natInstances?: ec2.Instance[];

  /** The security group of the interface endpoints, when there are any. */
  public readonly endpointSecurityGroup?: ec2.SecurityGroup;

  /** The S3 gateway endpoint, unless turned off. */
  public readonly s3GatewayEndpoint?: ec2.GatewayVpcEndpoint;

  constructor(scope: Construct, id: string, props: WebServiceNetworkProps = {}) {
    super(scope, id);
    const cidr = props.cidr ?? '10.0.0.0/16';
    this.natGateways = props.natGateways ?? NatGateways.perAz();
    const endpoints = props.endpoints ?? [];
    const dualStack = props.dualStack ?? true;
    this.dualStack = dualStack;
    const v = new PropsValidator('WebServiceNetwork');
    WebServiceNetwork._checkProps(v, this, props);
    v.throwIfAny();

    const maxAzs = props.availabilityZones ? undefined : (props.maxAzs ?? 2);
    const azCount = props.availabilityZones?.length ?? Math.min(maxAzs!, Stack.of(this).availabilityZones.length);
    const privateType =
      this.natGateways.countFor(azCount) > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED;

    const natInstances =
      this.natGateways.strategy === NatStrategy.INSTANCE
        ? natInstanceProvider(this.natGateways.instanceOptions ?? {})
        : undefined;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new TwoTierSubnetPlan(cidr),
      ipProtocol: dualStack ? ec2.IpProtocol.DUAL_STACK : ec2.IpProtocol.IPV4_ONLY,
      maxAzs,
      availabilityZones: props.availabilityZones,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      natGateways: this.natGateways.countFor(azCount),
      natGatewayProvider: natInstances,
      // Set here rather than through the consumer's feature flags; CDK empties the group with a small
      // custom resource, the only Lambda-backed one in this block.
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        {
          name: 'Public',
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: 24,
          mapPublicIpOnLaunch: props.mapPublicIpOnLaunch ?? false,
          ipv6AssignAddressOnCreation: dualStack ? false : undefined,
        },
        {
          name: 'Private',
          subnetType: privateType,
          cidrMask: 24,
          ipv6AssignAddressOnCreation: dualStack ? false : undefined,
        },
      ],
    });
    this.taskSubnets = { subnetType: privateType };
    acknowledgePublicRoutes(this.vpc);
    if (natInstances) {
      hardenNatInstances(natInstances, cidr);
      this.natInstances = natInstances.gatewayInstances;
    }

    if (props.flowLogs ?? true) {
      let destination: ec2.FlowLogDestination;
      if (props.flowLogBucket) {
        destination = ec2.FlowLogDestination.toS3(props.flowLogBucket);
      } else {
        const encrypted = createEncryptedLogGroup(this, 'FlowLogs', {
          retention: props.flowLogRetention ?? logs.RetentionDays.THREE_MONTHS,
          encryptionKey: props.flowLogEncryptionKey,
          purpose: 'the VPC flow logs',
        });
        this.flowLogGroup = encrypted.logGroup;
        this.flowLogEncryptionKey = encrypted.encryptionKey;
        destination = ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup, flowLogRole(this, this.flowLogGroup));
      }
      this.flowLog = this.vpc.addFlowLog('FlowLog', { destination, trafficType: ec2.FlowLogTrafficType.ALL });
    }

    if (props.s3GatewayEndpoint ?? true) {
      this.s3GatewayEndpoint = this.vpc.addGatewayEndpoint('S3', {
        service: ec2.GatewayVpcEndpointAwsService.S3,
        subnets: [this.taskSubnets],
      });
    }

    if (endpoints.length > 0) {
      this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
        vpc: this.vpc,
        description: 'Interface VPC endpoints: HTTPS from the VPC only',
        allowAllOutbound: false,
      });
      // The literal block (not the VPC's attribute), so that rule checkers can read it. Endpoints answer
      // over IPv4 (their private DNS names resolve to IPv4 addresses), also in a dual-stack VPC.
      this.endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
      for (const endpoint of dedupe(endpoints)) {
        const created = this.vpc.addInterfaceEndpoint(endpoint.id, {
          service: endpoint.service,
          subnets: this.taskSubnets,
          securityGroups: [this.endpointSecurityGroup],
          privateDnsEnabled: true,
          open: false,
        });
        this.interfaceEndpoints.set(endpoint.id, created);
      }
    }
  }

  /** The interface endpoint created for a service, if any. */
  public interfaceEndpoint(endpoint: ServiceEndpoint): ec2.InterfaceVpcEndpoint | undefined {
    return this.interfaceEndpoints.get(endpoint.id);
  }
}

/**
 * The role VPC Flow Logs assumes to write to the log group: a customer managed policy scoped to that
 * log group (no inline policy), trusted only for this account's flow logs.
 */
function flowLogRole(scope: Construct, logGroup: logs.ILogGroup): iam.IRole {
  const role = new iam.Role(scope, 'FlowLogRole', {
    assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
    description: 'Lets VPC Flow Logs write to the flow log group',
  });
  new iam.ManagedPolicy(scope, 'FlowLogPolicy', {
    description: 'Writes VPC flow log records to the flow log group',
    roles: [role],
    statements: [
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroup.logGroupArn],
      }),
    ],
  });
  // The managed policy holds every permission: keep aws-cdk-lib's grants from adding an inline one.
  return role.withoutPolicyUpdates();
}

/** A public subnet's default routes to the internet gateway are what makes it public. */
function acknowledgePublicRoutes(vpc: ec2.Vpc): void {
  for (const subnet of vpc.publicSubnets) {
    for (const route of subnet.node.children.filter((c): c is ec2.CfnRoute => c instanceof ec2.CfnRoute)) {
      if (!route.gatewayId) continue;
      for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
        acknowledge(
          route,
          `${pack}-VPCNoUnrestrictedRouteToIGW`,
          'The default route of a public subnet: the internet-facing load balancer and the NAT gateways ' +
            'live here; tasks run in private subnets without such a route.',
        );
      }
    }
  }
}

function dedupe(endpoints: ServiceEndpoint[]): ServiceEndpoint[] {
  return [...new Map(endpoints.map((e) => [e.id, e])).values()];
}

/** The endpoints tasks need to start without NAT: the image from ECR, and logs. */
const REQUIRED_WITHOUT_NAT = [ServiceEndpoint.ECR_API, ServiceEndpoint.ECR_DOCKER, ServiceEndpoint.CLOUDWATCH_LOGS];

function endpointConstant(endpoint: ServiceEndpoint): string {
  return { EcrApi: 'ECR_API', EcrDocker: 'ECR_DOCKER', Logs: 'CLOUDWATCH_LOGS' }[endpoint.id] ?? endpoint.id;
}
