import { Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { DEFAULT_SERVICE_LOG_RETENTION } from '../private/encrypted-log-group';
import { validateFargateSize } from '../private/fargate-size';
import { NAT_INSTANCE_ROOT_VOLUME_GIB } from '../private/nat-instance';
import { PropsValidator } from '../private/validation';
import { LogDestination } from '../service/log-routing';

/**
 * What a configuration creates, as the cost model counts it. `SecureFargateWebService` derives it from its props.
 */
export interface CostDrivers {
  /**
   * NAT gateways.
   * @default 0
   */
  readonly natGateways?: number;

  /**
   * NAT instances (`NatGateways.instance()`).
   * @default 0
   */
  readonly natInstances?: number;

  /**
   * The NAT instances' type, as its name (`t4g.nano`), which names it in the estimate's basis.
   * @default 't4g.nano'
   */
  readonly natInstanceType?: string;

  /**
   * Public IPv4 addresses: the NAT gateways' Elastic IPs and the internet-facing load balancer's (one per AZ at least).
   * @default 0
   */
  readonly publicIpv4Addresses?: number;

  /**
   * Tasks expected to run on average.
   * @default 0
   */
  readonly taskCount?: number;

  /**
   * Each task's CPU units (1024 = 1 vCPU).
   * @default 256
   */
  readonly cpu?: number;

  /**
   * Each task's memory in MiB; must fit `cpu` in Fargate's table.
   * @default 512
   */
  readonly memoryLimitMiB?: number;

  /**
   * The tasks' CPU architecture.
   * @default ecs.CpuArchitecture.X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;

  /**
   * The share of the tasks on Fargate Spot, in percent (0-100).
   * @default 0
   */
  readonly spotPercent?: number;

  /**
   * Application Load Balancers.
   * @default 0
   */
  readonly loadBalancers?: number;

  /**
   * AWS WAF web ACLs.
   * @default 0
   */
  readonly webAcls?: number;

  /**
   * Rules in all web ACLs together (a managed rule group counts as one rule).
   * @default 0
   */
  readonly webAclRules?: number;

  /**
   * Web ACLs that run AWS WAF Bot Control (common level).
   * @default 0
   */
  readonly webAclsWithBotControl?: number;

  /**
   * Web ACLs that run the anti-DDoS managed rule group.
   * @default 0
   */
  readonly webAclsWithAntiDdos?: number;

  /**
   * AWS Private CAs in short-lived certificate mode (Service Connect TLS).
   * @default 0
   */
  readonly shortLivedCertificateAuthorities?: number;

  /**
   * AWS Private CAs in general-purpose mode (Service Connect TLS).
   * @default 0
   */
  readonly generalPurposeCertificateAuthorities?: number;

  /**
   * Whether CloudFront serves the traffic, so that data goes out at CloudFront's price and each request costs too.
   * @default false
   */
  readonly cloudFront?: boolean;

  /**
   * Customer managed KMS keys.
   * @default 0
   */
  readonly kmsKeys?: number;

  /**
   * Standard-resolution CloudWatch alarms (a composite alarm counts as one).
   * @default 0
   */
  readonly alarms?: number;

  /**
   * CloudWatch dashboards.
   * @default 0
   */
  readonly dashboards?: number;

  /**
   * Interface VPC endpoints (each is billed once per Availability Zone).
   * @default 0
   */
  readonly interfaceEndpoints?: number;

  /**
   * Availability Zones the interface endpoints are in.
   * @default 0
   */
  readonly availabilityZones?: number;

  /**
   * How long logs are kept (`INFINITE` is priced as ten years' worth).
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Whether the service is traced (Application Signals and AWS X-Ray).
   * @default false
   */
  readonly tracing?: boolean;

  /**
   * Where the containers' logs go.
   * @default LogDestination.CLOUDWATCH_LOGS
   */
  readonly logDestination?: LogDestination;

  /**
   * The objects the log router writes to Amazon S3 per task and hour: one per routed container and upload timeout.
   * @default 12
   */
  readonly logObjectsPerTaskHour?: number;

  /**
   * Amazon EFS file systems created (a file system given is not the service's cost).
   * @default 0
   */
  readonly efsFileSystems?: number;

  /**
   * How many of those have automatic backups on.
   * @default 0
   */
  readonly efsBackups?: number;
}

/**
 * Traffic per month: assumptions to replace with your own figures.
 */
export interface CostAssumptions {
  /**
   * GB per month sent to the internet (responses, through CloudFront when `cloudFront` is set).
   * @default 100
   */
  readonly dataTransferOutGigabytes?: number;

  /**
   * GB per month through all NAT gateways together (image pulls, calls to APIs outside the VPC).
   * @default 50
   */
  readonly natProcessedGigabytes?: number;

  /**
   * GB per month through all interface endpoints together.
   * @default 10
   */
  readonly endpointProcessedGigabytes?: number;

  /**
   * Average Load Balancer Capacity Units per load balancer (1 LCU: 25 new connections/s, 3,000 active
   * connections/min, 1 GB/h processed or 1,000 rule evaluations/s, whichever is highest).
   * @default 1
   */
  readonly loadBalancerCapacityUnits?: number;

  /**
   * GB of logs per month, all log groups together (stored uncompressed, an upper bound).
   * @default 5
   */
  readonly logIngestionGigabytes?: number;

  /**
   * Millions of requests per month (priced by AWS WAF and CloudFront, and by tracing: each request the service
   * serves is one Application Signals signal).
   * @default 10
   */
  readonly requestsMillions?: number;

  /**
   * The share of requests the X-Ray sampling rules record as traces, in percent (0-100).
   * @default 5
   */
  readonly tracedRequestsPercent?: number;

  /**
   * With logs routed away from CloudWatch Logs, the share of `logIngestionGigabytes` that the containers write
   * and FireLens routes, in percent (0-100); the rest (the router's own logs, flow logs) stays in CloudWatch Logs.
   * @default 90
   */
  readonly routedLogPercent?: number;

  /**
   * GB stored in each EFS file system (and in its backups).
   * @default 10
   */
  readonly efsStorageGigabytes?: number;

  /**
   * GB read per month from all EFS file systems together (Elastic throughput).
   * @default 20
   */
  readonly efsReadGigabytes?: number;

  /**
   * GB written per month to all EFS file systems together (Elastic throughput).
   * @default 5
   */
  readonly efsWriteGigabytes?: number;
}

/**
 * Unit prices in USD. Each defaults to its us-west-2 list price (`CostEstimate.PRICES_AS_OF`), from the AWS
 * pricing page named.
 */
export interface CostPrices {
  /** NAT gateway per hour (Amazon VPC pricing). @default 0.045 */
  readonly natGatewayUsdPerHour?: number;
  /** NAT gateway data processed per GB (Amazon VPC pricing). @default 0.045 */
  readonly natProcessingUsdPerGigabyte?: number;
  /** NAT instance per hour: t4g.nano on demand (Amazon EC2 pricing); set it for another type. @default 0.0042 */
  readonly natInstanceUsdPerHour?: number;
  /** EBS gp3 storage per GB-month, a NAT instance's root volume (Amazon EBS pricing). @default 0.08 */
  readonly ebsGp3UsdPerGigabyteMonth?: number;
  /** EC2 detailed monitoring per instance-month: 7 metrics at $0.30 (Amazon CloudWatch pricing). @default 2.1 */
  readonly ec2DetailedMonitoringUsdPerInstanceMonth?: number;
  /** Public IPv4 address per hour (Amazon VPC pricing). @default 0.005 */
  readonly publicIpv4UsdPerHour?: number;
  /** Fargate Linux/x86 per vCPU-hour (AWS Fargate pricing). @default 0.04048 */
  readonly fargateVcpuUsdPerHour?: number;
  /** Fargate Linux/x86 per GB-hour of memory (AWS Fargate pricing). @default 0.004445 */
  readonly fargateMemoryUsdPerGigabyteHour?: number;
  /** Fargate Linux/ARM per vCPU-hour (AWS Fargate pricing). @default 0.03238 */
  readonly fargateArmVcpuUsdPerHour?: number;
  /** Fargate Linux/ARM per GB-hour of memory (AWS Fargate pricing). @default 0.00356 */
  readonly fargateArmMemoryUsdPerGigabyteHour?: number;
  /** Fargate Spot's discount on the on-demand price, in percent (0-100). @default 70 */
  readonly fargateSpotDiscountPercent?: number;
  /** Application Load Balancer per hour (Elastic Load Balancing pricing). @default 0.0225 */
  readonly loadBalancerUsdPerHour?: number;
  /** Application Load Balancer per LCU-hour (Elastic Load Balancing pricing). @default 0.008 */
  readonly loadBalancerUsdPerLcuHour?: number;
  /** Data transfer out to the internet per GB, first tier (Amazon EC2 On-Demand pricing, data transfer). @default 0.09 */
  readonly dataTransferOutUsdPerGigabyte?: number;
  /** CloudFront data transfer out per GB, first 10 TB, North America (Amazon CloudFront pricing). @default 0.085 */
  readonly cloudFrontDataTransferOutUsdPerGigabyte?: number;
  /** CloudFront per 10,000 HTTPS requests, North America (Amazon CloudFront pricing). @default 0.01 */
  readonly cloudFrontUsdPerTenThousandHttpsRequests?: number;
  /** CloudWatch Logs ingestion per GB, standard class (Amazon CloudWatch pricing). @default 0.5 */
  readonly logIngestionUsdPerGigabyte?: number;
  /** CloudWatch Logs storage per GB-month (Amazon CloudWatch pricing). @default 0.03 */
  readonly logStorageUsdPerGigabyteMonth?: number;
  /** KMS customer managed key per month (AWS Key Management Service pricing). @default 1 */
  readonly kmsKeyUsdPerMonth?: number;
  /** Standard-resolution alarm per month (Amazon CloudWatch pricing). @default 0.1 */
  readonly alarmUsdPerMonth?: number;
  /** Dashboard per month (Amazon CloudWatch pricing). @default 3 */
  readonly dashboardUsdPerMonth?: number;
  /** Web ACL per month (AWS WAF pricing). @default 5 */
  readonly webAclUsdPerMonth?: number;
  /** Web ACL rule per month (AWS WAF pricing). @default 1 */
  readonly webAclRuleUsdPerMonth?: number;
  /** Per million requests inspected (AWS WAF pricing). @default 0.6 */
  readonly webAclUsdPerMillionRequests?: number;
  /** Bot Control (common level) subscription per web ACL per month (AWS WAF pricing). @default 10 */
  readonly wafBotControlUsdPerMonth?: number;
  /** Bot Control (common level) per million requests inspected (AWS WAF pricing). @default 1 */
  readonly wafBotControlUsdPerMillionRequests?: number;
  /** Anti-DDoS managed rule group subscription per web ACL per month (AWS WAF pricing). @default 20 */
  readonly wafAntiDdosUsdPerMonth?: number;
  /** Anti-DDoS managed rule group per million requests inspected (AWS WAF pricing). @default 0.15 */
  readonly wafAntiDdosUsdPerMillionRequests?: number;
  /** Private CA in short-lived certificate mode per month (AWS Private CA pricing). @default 50 */
  readonly privateCaShortLivedUsdPerMonth?: number;
  /** Private CA in general-purpose mode per month (AWS Private CA pricing). @default 400 */
  readonly privateCaGeneralPurposeUsdPerMonth?: number;
  /** Interface endpoint per AZ per hour (AWS PrivateLink pricing). @default 0.01 */
  readonly interfaceEndpointUsdPerAzHour?: number;
  /** Interface endpoint data processed per GB, first PB (AWS PrivateLink pricing). @default 0.01 */
  readonly interfaceEndpointUsdPerGigabyte?: number;
  /** Application Signals per million signals, first tier (Amazon CloudWatch pricing). @default 1.5 */
  readonly applicationSignalsUsdPerMillionSignals?: number;
  /** X-Ray per million traces recorded (AWS X-Ray pricing). @default 5 */
  readonly xrayUsdPerMillionTraces?: number;
  /** Data Firehose Direct PUT ingestion per GB, first 500 TB (Amazon Data Firehose pricing). @default 0.029 */
  readonly firehoseUsdPerGigabyte?: number;
  /** S3 Standard PUT requests per 1,000 (Amazon S3 pricing). @default 0.005 */
  readonly s3PutUsdPerThousandRequests?: number;
  /** S3 Standard storage per GB-month, first 50 TB (Amazon S3 pricing). @default 0.023 */
  readonly s3StorageUsdPerGigabyteMonth?: number;
  /** EFS Standard storage per GB-month (Amazon EFS pricing). @default 0.3 */
  readonly efsStorageUsdPerGigabyteMonth?: number;
  /** EFS Elastic throughput reads per GB (Amazon EFS pricing). @default 0.03 */
  readonly efsReadUsdPerGigabyte?: number;
  /** EFS Elastic throughput writes per GB (Amazon EFS pricing). @default 0.06 */
  readonly efsWriteUsdPerGigabyte?: number;
  /** AWS Backup warm storage for EFS per GB-month (AWS Backup pricing). @default 0.05 */
  readonly efsBackupUsdPerGigabyteMonth?: number;
}

/** The parts of the monthly cost, in the order `CostEstimate.lines` lists them. */
export enum CostComponent {
  /** NAT gateway hours. */
  NAT_GATEWAYS = 'NAT gateways',
  /** Data processed by the NAT gateways. */
  NAT_DATA_PROCESSING = 'NAT data processing',
  /** NAT instances: instance hours, root volumes, detailed monitoring and recovery alarms. */
  NAT_INSTANCES = 'NAT instances',
  /** Public IPv4 address hours. */
  PUBLIC_IPV4_ADDRESSES = 'Public IPv4 addresses',
  /** The tasks' vCPU hours, less the Spot discount. */
  FARGATE_VCPU = 'Fargate vCPU',
  /** The tasks' memory GB-hours, less the Spot discount. */
  FARGATE_MEMORY = 'Fargate memory',
  /** Load balancer hours. */
  LOAD_BALANCER_HOURS = 'Load balancer hours',
  /** Load Balancer Capacity Unit (LCU) hours. */
  LOAD_BALANCER_CAPACITY_UNITS = 'Load balancer capacity units',
  /** Data sent to the internet (from the region, or from CloudFront). */
  DATA_TRANSFER_OUT = 'Data transfer out',
  /** CloudFront HTTPS requests. */
  CLOUDFRONT_REQUESTS = 'CloudFront requests',
  /** CloudWatch Logs ingestion. */
  LOG_INGESTION = 'Log ingestion',
  /** CloudWatch Logs storage, once the retention period is full. */
  LOG_STORAGE = 'Log storage',
  /** Customer managed KMS keys. */
  KMS_KEYS = 'KMS keys',
  /** CloudWatch alarms. */
  ALARMS = 'Alarms',
  /** CloudWatch dashboards. */
  DASHBOARDS = 'Dashboards',
  /** AWS WAF web ACLs, rules and requests. */
  WAF = 'AWS WAF',
  /** Interface VPC endpoint hours, per AZ. */
  INTERFACE_ENDPOINTS = 'Interface endpoints',
  /** Data processed by the interface endpoints. */
  INTERFACE_ENDPOINT_DATA_PROCESSING = 'Interface endpoint data processing',
  /** Application Signals signals and X-Ray traces recorded. */
  TRACING = 'Tracing',
  /** The destination of logs routed by FireLens: Firehose ingestion, or S3 requests and a month's storage. */
  LOG_ROUTING = 'Log routing',
  /** EFS storage, Elastic throughput and backups. */
  FILE_STORAGE = 'EFS file storage',
  /** AWS Private CAs (Service Connect TLS). */
  PRIVATE_CERTIFICATE_AUTHORITIES = 'Private CAs',
}

/** What an estimate assumes besides the configuration: traffic and prices. */
export interface CostEstimateOptions {
  /**
   * Traffic per month and load balancer capacity units; a field left out takes its default.
   * @default - CostEstimate.DEFAULT_ASSUMPTIONS
   */
  readonly assumptions?: CostAssumptions;

  /**
   * Unit prices (USD); a field left out takes its us-west-2 list price.
   * @default - CostEstimate.US_WEST_2_PRICES
   */
  readonly prices?: CostPrices;
}

/** What `CostEstimate.of` prices: a configuration, and the traffic and prices to assume. */
export interface CostEstimateProps extends CostEstimateOptions {
  /** What the configuration creates. */
  readonly drivers: CostDrivers;
}

/** One part of the monthly cost. */
export interface CostLine {
  /** What is priced. */
  readonly component: CostComponent;
  /** USD per month, unrounded. */
  readonly monthlyUsd: number;
  /** How it is computed, e.g. `2 NAT gateways × 730 h × $0.045`. */
  readonly basis: string;
}

/**
 * The estimated monthly cost of a configuration, per component: list prices (us-west-2 by default) times what
 * the configuration creates (`CostDrivers`) and the traffic assumed (`CostAssumptions`). Free tiers, taxes,
 * Savings Plans, request charges of KMS and per-metric CloudWatch charges are not included.
 */
export class CostEstimate {
  /** Hours in a month, as AWS prices count them. */
  public static readonly HOURS_PER_MONTH = 730;

  /** When the default prices were taken from the AWS pricing pages. */
  public static readonly PRICES_AS_OF = '2026-11-26';

  /** The us-west-2 list prices (USD) used by default. */
  public static readonly US_WEST_2_PRICES: CostPrices = {
    natGatewayUsdPerHour: 0.045,
    natProcessingUsdPerGigabyte: 0.045,
    natInstanceUsdPerHour: 0.0042,
    ebsGp3UsdPerGigabyteMonth: 0.08,
    ec2DetailedMonitoringUsdPerInstanceMonth: 2.1,
    publicIpv4UsdPerHour: 0.005,
    fargateVcpuUsdPerHour: 0.04048,
    fargateMemoryUsdPerGigabyteHour: 0.004445,
    fargateArmVcpuUsdPerHour: 0.03238,
    fargateArmMemoryUsdPerGigabyteHour: 0.00356,
    fargateSpotDiscountPercent: 70,
    loadBalancerUsdPerHour: 0.0225,
    loadBalancerUsdPerLcuHour: 0.008,
    dataTransferOutUsdPerGigabyte: 0.09,
    cloudFrontDataTransferOutUsdPerGigabyte: 0.085,
    cloudFrontUsdPerTenThousandHttpsRequests: 0.01,
    logIngestionUsdPerGigabyte: 0.5,
    logStorageUsdPerGigabyteMonth: 0.03,
    kmsKeyUsdPerMonth: 1,
    alarmUsdPerMonth: 0.1,
    dashboardUsdPerMonth: 3,
    webAclUsdPerMonth: 5,
    webAclRuleUsdPerMonth: 1,
    webAclUsdPerMillionRequests: 0.6,
    wafBotControlUsdPerMonth: 10,
    wafBotControlUsdPerMillionRequests: 1,
    wafAntiDdosUsdPerMonth: 20,
    wafAntiDdosUsdPerMillionRequests: 0.15,
    privateCaShortLivedUsdPerMonth: 50,
    privateCaGeneralPurposeUsdPerMonth: 400,
    interfaceEndpointUsdPerAzHour: 0.01,
    interfaceEndpointUsdPerGigabyte: 0.01,
    applicationSignalsUsdPerMillionSignals: 1.5,
    xrayUsdPerMillionTraces: 5,
    firehoseUsdPerGigabyte: 0.029,
    s3PutUsdPerThousandRequests: 0.005,
    s3StorageUsdPerGigabyteMonth: 0.023,
    efsStorageUsdPerGigabyteMonth: 0.3,
    efsReadUsdPerGigabyte: 0.03,
    efsWriteUsdPerGigabyte: 0.06,
    efsBackupUsdPerGigabyteMonth: 0.05,
  };

  /** The traffic assumed when `CostAssumptions` leaves a field out. */
  public static readonly DEFAULT_ASSUMPTIONS: CostAssumptions = {
    dataTransferOutGigabytes: 100,
    natProcessedGigabytes: 50,
    endpointProcessedGigabytes: 10,
    loadBalancerCapacityUnits: 1,
    logIngestionGigabytes: 5,
    requestsMillions: 10,
    tracedRequestsPercent: 5,
    routedLogPercent: 90,
    efsStorageGigabytes: 10,
    efsReadGigabytes: 20,
    efsWriteGigabytes: 5,
  };

  /** Estimates the monthly cost of what `props.drivers` describes, at the default assumptions and us-west-2 prices unless `props` replaces them. */
  public static of(props: CostEstimateProps): CostEstimate {
    return new CostEstimate(props.drivers, props.assumptions ?? {}, props.prices ?? {});
  }

  /** Every component, in `CostComponent` order (a component the configuration does not use costs 0). */
  public readonly lines: CostLine[];

  /** The sum of the lines, USD per month, unrounded. */
  public readonly totalMonthlyUsd: number;

  /** The traffic assumed, every field filled in. */
  public readonly assumptions: CostAssumptions;

  /** The unit prices used, every field filled in. */
  public readonly prices: CostPrices;

  private readonly pricesOverridden: boolean;

  private constructor(drivers: CostDrivers, assumptions: CostAssumptions, prices: CostPrices) {
    validate(drivers, assumptions, prices);
    // (Plain objects, not frozen ones: jsii cannot hand a frozen object to Python, Java or .NET.)
    const a = (this.assumptions = { ...CostEstimate.DEFAULT_ASSUMPTIONS, ...defined(assumptions) });
    const p = (this.prices = { ...CostEstimate.US_WEST_2_PRICES, ...defined(prices) });
    this.pricesOverridden = Object.keys(defined(prices)).length > 0;
    const A = a as Required<CostAssumptions>;
    const P = p as Required<CostPrices>;
    const H = CostEstimate.HOURS_PER_MONTH;
    const hours: Factor = [H, `${H} h`];
    const n = (value: number | undefined, unit: string): Factor => [
      value ?? 0,
      `${num(value ?? 0)} ${plural(unit, value)}`,
    ];
    const gb = (value: number): Factor => [value, `${num(value)} GB`];
    const nat = drivers.natGateways ?? 0;
    const tasks = n(drivers.taskCount, 'task');
    const arm = drivers.cpuArchitecture?._cpuArchitecture === ecs.CpuArchitecture.ARM64._cpuArchitecture;
    const vcpu: Factor = [
      (drivers.cpu ?? 256) / 1024,
      `${num((drivers.cpu ?? 256) / 1024)} vCPU${arm ? ' ARM64' : ''}`,
    ];
    const memory: Factor = [
      (drivers.memoryLimitMiB ?? 512) / 1024,
      `${num((drivers.memoryLimitMiB ?? 512) / 1024)} GB${arm ? ' ARM64' : ''}`,
    ];
    const spot = drivers.spotPercent ?? 0;
    const off = P.fargateSpotDiscountPercent;
    const onSpot: Factor[] =
      spot > 0 ? [[1 - (spot / 100) * (off / 100), `(1 − ${num(spot)}% Spot × ${num(off)}% off)`]] : [];
    const albs = n(drivers.loadBalancers, 'load balancer');
    const acls = drivers.webAcls ?? 0;
    const cloudFront = drivers.cloudFront ?? false;
    const endpoints = drivers.interfaceEndpoints ?? 0;
    const retention = drivers.logRetention ?? DEFAULT_SERVICE_LOG_RETENTION;
    // Kept forever, logs pile up without bound: priced as the longest finite retention, ten years.
    const infinite = retention === logs.RetentionDays.INFINITE;
    const keptMonths = (infinite ? logs.RetentionDays.TEN_YEARS : retention) / (H / 24);
    const kept: Factor = [
      keptMonths,
      `${num(keptMonths)} months kept${infinite ? ' (INFINITE priced as ten years)' : ''}`,
    ];
    // Logs that FireLens routes elsewhere are not ingested into CloudWatch Logs.
    const destination = drivers.logDestination ?? LogDestination.CLOUDWATCH_LOGS;
    const routed = destination !== LogDestination.CLOUDWATCH_LOGS;
    const routedGb = routed ? (A.logIngestionGigabytes * A.routedLogPercent) / 100 : 0;
    const cloudWatchLogs: Factor = routed
      ? [
          A.logIngestionGigabytes - routedGb,
          `${num(A.logIngestionGigabytes - routedGb)} GB (${num(100 - A.routedLogPercent)}% not routed)`,
        ]
      : gb(A.logIngestionGigabytes);
    const efs = drivers.efsFileSystems ?? 0;
    const bots = drivers.webAclsWithBotControl ?? 0;
    const antiDdos = drivers.webAclsWithAntiDdos ?? 0;
    const shortLivedCas = drivers.shortLivedCertificateAuthorities ?? 0;
    const generalPurposeCas = drivers.generalPurposeCertificateAuthorities ?? 0;
    const C = CostComponent;
    this.lines = [
      line(C.NAT_GATEWAYS, [term(P.natGatewayUsdPerHour, n(nat, 'NAT gateway'), hours)]),
      line(
        C.NAT_DATA_PROCESSING,
        nat > 0 ? [term(P.natProcessingUsdPerGigabyte, gb(A.natProcessedGigabytes))] : [],
        'no NAT gateway',
      ),
      line(C.NAT_INSTANCES, natInstanceTerms(drivers, P), 'no NAT instance'),
      line(C.PUBLIC_IPV4_ADDRESSES, [term(P.publicIpv4UsdPerHour, n(drivers.publicIpv4Addresses, 'address'), hours)]),
      line(C.FARGATE_VCPU, [
        term(arm ? P.fargateArmVcpuUsdPerHour : P.fargateVcpuUsdPerHour, tasks, vcpu, hours, ...onSpot),
      ]),
      line(C.FARGATE_MEMORY, [
        term(
          arm ? P.fargateArmMemoryUsdPerGigabyteHour : P.fargateMemoryUsdPerGigabyteHour,
          tasks,
          memory,
          hours,
          ...onSpot,
        ),
      ]),
      line(C.LOAD_BALANCER_HOURS, [term(P.loadBalancerUsdPerHour, albs, hours)]),
      line(C.LOAD_BALANCER_CAPACITY_UNITS, [
        term(
          P.loadBalancerUsdPerLcuHour,
          albs,
          [A.loadBalancerCapacityUnits, `${num(A.loadBalancerCapacityUnits)} LCU`],
          hours,
        ),
      ]),
      line(C.DATA_TRANSFER_OUT, [
        cloudFront
          ? term(P.cloudFrontDataTransferOutUsdPerGigabyte, [
              A.dataTransferOutGigabytes,
              `${num(A.dataTransferOutGigabytes)} GB via CloudFront`,
            ])
          : term(P.dataTransferOutUsdPerGigabyte, gb(A.dataTransferOutGigabytes)),
      ]),
      line(
        C.CLOUDFRONT_REQUESTS,
        cloudFront
          ? [
              term(P.cloudFrontUsdPerTenThousandHttpsRequests, [
                A.requestsMillions * 100,
                `${num(A.requestsMillions * 100)} × 10,000 requests`,
              ]),
            ]
          : [],
        'no CloudFront',
      ),
      line(C.LOG_INGESTION, [term(P.logIngestionUsdPerGigabyte, cloudWatchLogs)]),
      line(C.LOG_STORAGE, [term(P.logStorageUsdPerGigabyteMonth, cloudWatchLogs, kept)]),
      line(C.KMS_KEYS, [term(P.kmsKeyUsdPerMonth, n(drivers.kmsKeys, 'key'))]),
      line(C.ALARMS, [term(P.alarmUsdPerMonth, n(drivers.alarms, 'alarm'))]),
      line(C.DASHBOARDS, [term(P.dashboardUsdPerMonth, n(drivers.dashboards, 'dashboard'))]),
      line(C.WAF, [
        term(P.webAclUsdPerMonth, n(acls, 'web ACL')),
        term(P.webAclRuleUsdPerMonth, n(drivers.webAclRules, 'rule')),
        ...(acls > 0
          ? [
              term(
                P.webAclUsdPerMillionRequests,
                [A.requestsMillions, `${num(A.requestsMillions)} M requests`],
                // Behind CloudFront each request passes the distribution's web ACL and the load balancer's.
                ...(acls > 1 ? [n(acls, 'web ACL')] : []),
              ),
            ]
          : []),
        ...(bots > 0
          ? [
              term(P.wafBotControlUsdPerMonth, n(bots, 'Bot Control web ACL')),
              term(P.wafBotControlUsdPerMillionRequests, [
                A.requestsMillions * bots,
                `${num(A.requestsMillions * bots)} M requests to Bot Control`,
              ]),
            ]
          : []),
        ...(antiDdos > 0
          ? [
              term(P.wafAntiDdosUsdPerMonth, n(antiDdos, 'anti-DDoS web ACL')),
              term(P.wafAntiDdosUsdPerMillionRequests, [
                A.requestsMillions * antiDdos,
                `${num(A.requestsMillions * antiDdos)} M requests to anti-DDoS`,
              ]),
            ]
          : []),
      ]),
      line(C.INTERFACE_ENDPOINTS, [
        term(P.interfaceEndpointUsdPerAzHour, n(endpoints, 'endpoint'), n(drivers.availabilityZones, 'AZ'), hours),
      ]),
      line(
        C.INTERFACE_ENDPOINT_DATA_PROCESSING,
        endpoints > 0 ? [term(P.interfaceEndpointUsdPerGigabyte, gb(A.endpointProcessedGigabytes))] : [],
        'no interface endpoint',
      ),
      line(
        C.TRACING,
        drivers.tracing
          ? [
              term(P.applicationSignalsUsdPerMillionSignals, [
                A.requestsMillions,
                `${num(A.requestsMillions)} M signals`,
              ]),
              term(
                P.xrayUsdPerMillionTraces,
                [A.requestsMillions, `${num(A.requestsMillions)} M requests`],
                [A.tracedRequestsPercent / 100, `${num(A.tracedRequestsPercent)}% traced`],
              ),
            ]
          : [],
        'no tracing',
      ),
      line(
        C.LOG_ROUTING,
        routedLogTerms(destination, routedGb, drivers.taskCount ?? 0, drivers.logObjectsPerTaskHour ?? 12, P),
        routedLogBasis(destination),
      ),
      line(
        C.FILE_STORAGE,
        efs > 0
          ? [
              term(P.efsStorageUsdPerGigabyteMonth, n(efs, 'file system'), gb(A.efsStorageGigabytes)),
              term(P.efsReadUsdPerGigabyte, [A.efsReadGigabytes, `${num(A.efsReadGigabytes)} GB read`]),
              term(P.efsWriteUsdPerGigabyte, [A.efsWriteGigabytes, `${num(A.efsWriteGigabytes)} GB written`]),
              ...(drivers.efsBackups
                ? [
                    term(
                      P.efsBackupUsdPerGigabyteMonth,
                      n(drivers.efsBackups, 'backed-up file system'),
                      gb(A.efsStorageGigabytes),
                    ),
                  ]
                : []),
            ]
          : [],
        'no EFS file system',
      ),
      line(
        C.PRIVATE_CERTIFICATE_AUTHORITIES,
        [
          ...(shortLivedCas > 0
            ? [term(P.privateCaShortLivedUsdPerMonth, n(shortLivedCas, 'short-lived certificate CA'))]
            : []),
          ...(generalPurposeCas > 0
            ? [term(P.privateCaGeneralPurposeUsdPerMonth, n(generalPurposeCas, 'general-purpose CA'))]
            : []),
        ],
        'no private CA',
      ),
    ];
    this.totalMonthlyUsd = this.lines.reduce((sum, l) => sum + l.monthlyUsd, 0);
  }

  /** The monthly cost (USD, unrounded) of one component. */
  public monthlyUsdOf(component: CostComponent): number {
    return this.lines.find((l) => l.component === component)?.monthlyUsd ?? 0;
  }

  /** The assumptions that only tracing, log routing and EFS use, where the configuration has them. */
  private assumedMore(): string {
    const a = this.assumptions as Required<CostAssumptions>;
    const cost = (c: CostComponent) => this.monthlyUsdOf(c) > 0;
    return [
      cost(CostComponent.TRACING) ? `, ${num(a.tracedRequestsPercent)}% of them traced` : '',
      cost(CostComponent.LOG_ROUTING) ? `, ${num(a.routedLogPercent)}% of the logs routed by FireLens` : '',
      cost(CostComponent.FILE_STORAGE)
        ? `, ${num(a.efsStorageGigabytes)} GB in each EFS file system with ${num(a.efsReadGigabytes)} GB read and ${num(a.efsWriteGigabytes)} GB written`
        : '',
    ].join('');
  }

  /** A Markdown table (component, USD per month rounded to cents, basis), the total, then the assumptions. */
  public toMarkdown(): string {
    const a = this.assumptions as Required<CostAssumptions>;
    const rows = this.lines.map((l) => `| ${l.component} | ${l.monthlyUsd.toFixed(2)} | ${l.basis} |`);
    return [
      '| Component | USD/month | Basis |',
      '| --- | ---: | --- |',
      ...rows,
      `| **Total** | **${this.totalMonthlyUsd.toFixed(2)}** | |`,
      '',
      `Assumed per month: ${num(a.dataTransferOutGigabytes)} GB out to the internet, ${num(a.natProcessedGigabytes)} GB through NAT, ` +
        `${num(a.endpointProcessedGigabytes)} GB through interface endpoints, ${num(a.loadBalancerCapacityUnits)} LCU per ` +
        `load balancer, ${num(a.logIngestionGigabytes)} GB of logs, ${num(a.requestsMillions)} million requests` +
        `${this.assumedMore()}. ` +
        `Prices: us-west-2 list prices as of ${CostEstimate.PRICES_AS_OF}${this.pricesOverridden ? ', some overridden' : ''}` +
        `, ${CostEstimate.HOURS_PER_MONTH} hours a month, without free tiers, taxes or discounts.`,
    ].join('\n');
  }
}

/**
 * What NAT instances cost: instance hours (at `natInstanceUsdPerHour`, t4g.nano's price unless set), an 8 GB gp3
 * root volume, detailed monitoring and a recovery alarm each; their public addresses are in that line.
 */
function natInstanceTerms(drivers: CostDrivers, P: Required<CostPrices>): Term[] {
  const count = drivers.natInstances ?? 0;
  if (count === 0) return [];
  const type = drivers.natInstanceType ?? 't4g.nano';
  const defaultPrice = P.natInstanceUsdPerHour === CostEstimate.US_WEST_2_PRICES.natInstanceUsdPerHour;
  const unpriced = type !== 't4g.nano' && defaultPrice ? `, at t4g.nano's price: set natInstanceUsdPerHour` : '';
  const instances: Factor = [count, `${num(count)} ${plural('NAT instance', count)} (${type}${unpriced})`];
  const hours: Factor = [CostEstimate.HOURS_PER_MONTH, `${CostEstimate.HOURS_PER_MONTH} h`];
  return [
    term(P.natInstanceUsdPerHour, instances, hours),
    term(P.ebsGp3UsdPerGigabyteMonth, [
      count * NAT_INSTANCE_ROOT_VOLUME_GIB,
      `${num(count * NAT_INSTANCE_ROOT_VOLUME_GIB)} GB gp3`,
    ]),
    term(P.ec2DetailedMonitoringUsdPerInstanceMonth, [count, `${num(count)} detailed monitoring`]),
    term(P.alarmUsdPerMonth, [count, `${num(count)} recovery ${plural('alarm', count)}`]),
  ];
}

/** What the destination of routed logs costs: Firehose ingestion, or S3 requests and a month's storage. */
function routedLogTerms(
  destination: LogDestination,
  routedGb: number,
  tasks: number,
  objectsPerTaskHour: number,
  P: Required<CostPrices>,
): Term[] {
  const routed: Factor = [routedGb, `${num(routedGb)} GB routed`];
  switch (destination) {
    case LogDestination.FIREHOSE:
      return [term(P.firehoseUsdPerGigabyte, routed)];
    case LogDestination.S3: {
      const puts = (tasks * CostEstimate.HOURS_PER_MONTH * objectsPerTaskHour) / 1000;
      return [
        term(P.s3PutUsdPerThousandRequests, [
          puts,
          `${num(puts)} × 1,000 PUTs (${num(objectsPerTaskHour)} per task-hour)`,
        ]),
        term(P.s3StorageUsdPerGigabyteMonth, routed, [1, 'a month kept']),
      ];
    }
    default:
      return [];
  }
}

function routedLogBasis(destination: LogDestination): string {
  if (destination === LogDestination.OPENSEARCH) return "the OpenSearch domain's own cost";
  return 'logs in CloudWatch Logs';
}

/** A quantity and how the basis shows it. */
type Factor = [number, string];

/** A price times quantities: its amount and how it is computed. */
interface Term {
  readonly usd: number;
  readonly basis: string;
}

function term(price: number, ...factors: Factor[]): Term {
  return {
    usd: factors.reduce((usd, [quantity]) => usd * quantity, price),
    basis: [...factors.map(([, shown]) => shown), `$${num(price)}`].join(' × '),
  };
}

/** A line summing its terms; with none, it costs nothing and the basis says why. */
function line(component: CostComponent, terms: Term[], why: string = ''): CostLine {
  return {
    component,
    monthlyUsd: terms.reduce((sum, t) => sum + t.usd, 0),
    basis: terms.length > 0 ? terms.map((t) => t.basis).join(' + ') : why,
  };
}

/** `unit` for a count: plural unless the count is 1. */
function plural(unit: string, count: number | undefined): string {
  if (count === 1) return unit;
  return unit.endsWith('s') ? `${unit}es` : `${unit}s`;
}

/** A number for a basis: up to 6 decimals, no float noise. */
function num(value: number): string {
  return String(Number(value.toFixed(6)));
}

/** The fields that are set (so that an explicit `undefined` keeps the default). */
function defined<T extends object>(struct: T): Partial<T> {
  return Object.fromEntries(Object.entries(struct).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function validate(drivers: CostDrivers, assumptions: CostAssumptions, prices: CostPrices): void {
  const v = new PropsValidator('CostEstimate');
  const check = (prop: string, value: number | undefined, ok: (x: number) => boolean, allowed: string) => {
    if (value === undefined) return;
    if (Token.isUnresolved(value)) v.fail(`${prop} is a Token; allowed: a number known at synth time`);
    else if (!ok(value)) v.fail(`${prop} ${value} is not allowed; allowed: ${allowed}`);
  };
  const whole = (x: number) => Number.isInteger(x) && x >= 0;
  const amount = (x: number) => Number.isFinite(x) && x >= 0;
  const percent = (x: number) => x >= 0 && x <= 100;
  const counts: Array<keyof CostDrivers> = [
    'natGateways',
    'natInstances',
    'publicIpv4Addresses',
    'taskCount',
    'loadBalancers',
    'webAcls',
    'webAclRules',
    'kmsKeys',
    'alarms',
    'dashboards',
    'interfaceEndpoints',
    'availabilityZones',
    'efsFileSystems',
    'efsBackups',
    'webAclsWithBotControl',
    'webAclsWithAntiDdos',
    'shortLivedCertificateAuthorities',
    'generalPurposeCertificateAuthorities',
  ];
  for (const prop of counts) check(prop, drivers[prop] as number | undefined, whole, 'a whole number, 0 or more');
  check('spotPercent', drivers.spotPercent, percent, 'a number from 0 to 100');
  check('logObjectsPerTaskHour', drivers.logObjectsPerTaskHour, amount, 'a finite number, 0 or more');
  check('logRetention', drivers.logRetention, (x) => whole(x) && x > 0, 'a logs.RetentionDays value');
  const sized = [drivers.cpu, drivers.memoryLimitMiB].every((x) => x === undefined || !Token.isUnresolved(x));
  check('cpu', drivers.cpu, () => true, '');
  check('memoryLimitMiB', drivers.memoryLimitMiB, () => true, '');
  if (sized) validateFargateSize(v, drivers.cpu ?? 256, drivers.memoryLimitMiB ?? 512);
  if ((drivers.interfaceEndpoints ?? 0) > 0 && (drivers.availabilityZones ?? 0) === 0) {
    v.fail(`interfaceEndpoints ${drivers.interfaceEndpoints} needs availabilityZones; allowed: 1 or more AZs`);
  }
  if ((drivers.efsBackups ?? 0) > (drivers.efsFileSystems ?? 0)) {
    v.fail(
      `efsBackups ${drivers.efsBackups} exceeds efsFileSystems ${drivers.efsFileSystems ?? 0}; allowed: at most one backup per file system`,
    );
  }
  for (const [prop, value] of Object.entries(assumptions)) {
    if (prop.endsWith('Percent')) check(prop, value, percent, 'a number from 0 to 100');
    else check(prop, value, amount, 'a finite number, 0 or more');
  }
  for (const [prop, value] of Object.entries(prices)) {
    if (prop === 'fargateSpotDiscountPercent') check(prop, value, percent, 'a number from 0 to 100');
    else check(prop, value, amount, 'a finite number, 0 or more');
  }
  v.throwIfAny();
}
