import { Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { CostAssumptions, CostComponent, CostDrivers, CostEstimate, CostPrices } from '../../src/cost/cost-estimate';
import { FARGATE_CPU_VALUES, fargateMemoryValuesMiB } from '../../src/private/fargate-size';
import { LogDestination } from '../../src/service/log-routing';

/** The spec's production layout: two AZs, a NAT gateway in each, WAF, interface endpoints, two tasks. */
const PRODUCTION: CostDrivers = {
  natGateways: 2,
  publicIpv4Addresses: 4,
  taskCount: 2,
  cpu: 512,
  memoryLimitMiB: 1024,
  loadBalancers: 1,
  webAcls: 1,
  webAclRules: 4,
  kmsKeys: 3,
  alarms: 8,
  dashboards: 1,
  interfaceEndpoints: 6,
  availabilityZones: 2,
  logRetention: logs.RetentionDays.ONE_MONTH,
};

const C = CostComponent;
const ALL_COMPONENTS = Object.values(CostComponent);

describe('CostEstimate', () => {
  describe('each line for a known configuration, at the default prices and assumptions', () => {
    const estimate = CostEstimate.of({ drivers: PRODUCTION });
    test.each([
      [C.NAT_GATEWAYS, 65.7, '2 NAT gateways × 730 h × $0.045'],
      [C.NAT_DATA_PROCESSING, 2.25, '50 GB × $0.045'],
      [C.PUBLIC_IPV4_ADDRESSES, 14.6, '4 addresses × 730 h × $0.005'],
      [C.FARGATE_VCPU, 29.5504, '2 tasks × 0.5 vCPU × 730 h × $0.04048'],
      [C.FARGATE_MEMORY, 6.4897, '2 tasks × 1 GB × 730 h × $0.004445'],
      [C.LOAD_BALANCER_HOURS, 16.425, '1 load balancer × 730 h × $0.0225'],
      [C.LOAD_BALANCER_CAPACITY_UNITS, 5.84, '1 load balancer × 1 LCU × 730 h × $0.008'],
      [C.DATA_TRANSFER_OUT, 9, '100 GB × $0.09'],
      [C.CLOUDFRONT_REQUESTS, 0, 'no CloudFront'],
      [C.LOG_INGESTION, 2.5, '5 GB × $0.5'],
      [C.LOG_STORAGE, (5 * 30 * 0.03 * 24) / 730, '5 GB × 0.986301 months kept × $0.03'],
      [C.KMS_KEYS, 3, '3 keys × $1'],
      [C.ALARMS, 0.8, '8 alarms × $0.1'],
      [C.DASHBOARDS, 3, '1 dashboard × $3'],
      [C.WAF, 15, '1 web ACL × $5 + 4 rules × $1 + 10 M requests × $0.6'],
      [C.INTERFACE_ENDPOINTS, 87.6, '6 endpoints × 2 AZs × 730 h × $0.01'],
      [C.INTERFACE_ENDPOINT_DATA_PROCESSING, 0.1, '10 GB × $0.01'],
    ])('%s: $%d', (component, usd, basis) => {
      const line = estimate.lines.find((l) => l.component === component);
      expect(line?.monthlyUsd).toBeCloseTo(usd, 9);
      expect(line?.basis).toBe(basis);
      expect(estimate.monthlyUsdOf(component)).toBe(line?.monthlyUsd);
    });

    test('every component once, in CostComponent order; the total is their sum', () => {
      expect(estimate.lines.map((l) => l.component)).toEqual(ALL_COMPONENTS);
      expect(estimate.totalMonthlyUsd).toBeCloseTo(261.8551 + (5 * 30 * 0.03 * 24) / 730, 9);
    });
  });

  test('no drivers: only the assumed data transfer and logs cost anything', () => {
    const estimate = CostEstimate.of({ drivers: {} });
    const nonZero = estimate.lines.filter((l) => l.monthlyUsd > 0).map((l) => l.component);
    expect(nonZero).toEqual([C.DATA_TRANSFER_OUT, C.LOG_INGESTION, C.LOG_STORAGE]);
    expect(estimate.monthlyUsdOf(C.FARGATE_VCPU)).toBe(0);
    expect(estimate.lines.find((l) => l.component === C.FARGATE_VCPU)?.basis).toBe(
      '0 tasks × 0.25 vCPU × 730 h × $0.04048',
    );
  });

  test('Spot: the Spot share of the tasks costs 70% less', () => {
    const estimate = CostEstimate.of({ drivers: { taskCount: 2, spotPercent: 50 } });
    expect(estimate.monthlyUsdOf(C.FARGATE_VCPU)).toBeCloseTo(2 * 0.25 * 730 * 0.04048 * 0.65, 9);
    expect(estimate.monthlyUsdOf(C.FARGATE_MEMORY)).toBeCloseTo(2 * 0.5 * 730 * 0.004445 * 0.65, 9);
    expect(estimate.lines.find((l) => l.component === C.FARGATE_VCPU)?.basis).toBe(
      '2 tasks × 0.25 vCPU × 730 h × (1 − 50% Spot × 70% off) × $0.04048',
    );
  });

  test('ARM64 tasks use the Graviton prices; X86_64 and no architecture the x86 ones', () => {
    const size = { taskCount: 1, cpu: 1024, memoryLimitMiB: 2048 };
    const arm = CostEstimate.of({ drivers: { ...size, cpuArchitecture: ecs.CpuArchitecture.ARM64 } });
    expect(arm.monthlyUsdOf(C.FARGATE_VCPU)).toBeCloseTo(23.6374, 9);
    expect(arm.monthlyUsdOf(C.FARGATE_MEMORY)).toBeCloseTo(5.1976, 9);
    expect(arm.lines.find((l) => l.component === C.FARGATE_MEMORY)?.basis).toBe(
      '1 task × 2 GB ARM64 × 730 h × $0.00356',
    );
    const x86 = CostEstimate.of({ drivers: { ...size, cpuArchitecture: ecs.CpuArchitecture.X86_64 } });
    expect(x86.monthlyUsdOf(C.FARGATE_VCPU)).toBeCloseTo(29.5504, 9);
    expect(CostEstimate.of({ drivers: size }).lines).toEqual(x86.lines);
  });

  test('CloudFront: data goes out at CloudFront price and each request costs', () => {
    const estimate = CostEstimate.of({ drivers: { cloudFront: true } });
    expect(estimate.monthlyUsdOf(C.DATA_TRANSFER_OUT)).toBeCloseTo(8.5, 9);
    expect(estimate.monthlyUsdOf(C.CLOUDFRONT_REQUESTS)).toBeCloseTo(10, 9);
    expect(estimate.lines.find((l) => l.component === C.CLOUDFRONT_REQUESTS)?.basis).toBe(
      '1000 × 10,000 requests × $0.01',
    );
  });

  test.each([
    [logs.RetentionDays.ONE_WEEK, (5 * 7 * 24 * 0.03) / 730],
    [logs.RetentionDays.ONE_YEAR, 1.8],
    [logs.RetentionDays.TEN_YEARS, (5 * 3653 * 24 * 0.03) / 730],
    [logs.RetentionDays.INFINITE, (5 * 3653 * 24 * 0.03) / 730],
  ])('log storage with retention %d days: a full retention period of logs', (logRetention, usd) => {
    expect(CostEstimate.of({ drivers: { logRetention } }).monthlyUsdOf(C.LOG_STORAGE)).toBeCloseTo(usd, 9);
  });

  describe('tracing, log routing and EFS', () => {
    test('without them, their lines cost nothing and say why', () => {
      const estimate = CostEstimate.of({ drivers: PRODUCTION });
      const basis = (c: CostComponent) => estimate.lines.find((l) => l.component === c)?.basis;
      expect(estimate.monthlyUsdOf(C.TRACING)).toBe(0);
      expect(basis(C.TRACING)).toBe('no tracing');
      expect(basis(C.LOG_ROUTING)).toBe('logs in CloudWatch Logs');
      expect(basis(C.FILE_STORAGE)).toBe('no EFS file system');
    });

    test('tracing: a signal per request, and the sampled share recorded as X-Ray traces', () => {
      const estimate = CostEstimate.of({ drivers: { tracing: true } });
      // 10 M signals × $1.5 + 10 M requests × 5% × $5
      expect(estimate.monthlyUsdOf(C.TRACING)).toBeCloseTo(15 + 2.5, 9);
      const line = estimate.lines.find((l) => l.component === C.TRACING);
      expect(line?.basis).toBe('10 M signals × $1.5 + 10 M requests × 5% traced × $5');
      expect(estimate.toMarkdown()).toContain('10 million requests, 5% of them traced.');
      const more = CostEstimate.of({ drivers: { tracing: true }, assumptions: { tracedRequestsPercent: 100 } });
      expect(more.monthlyUsdOf(C.TRACING)).toBeCloseTo(15 + 50, 9);
    });

    test('Firehose: the routed share leaves CloudWatch Logs and is ingested by Firehose', () => {
      const estimate = CostEstimate.of({ drivers: { logDestination: LogDestination.FIREHOSE } });
      // 5 GB, 90% routed: 4.5 GB to Firehose, 0.5 GB stays in CloudWatch Logs
      expect(estimate.monthlyUsdOf(C.LOG_ROUTING)).toBeCloseTo(4.5 * 0.029, 9);
      expect(estimate.monthlyUsdOf(C.LOG_INGESTION)).toBeCloseTo(0.5 * 0.5, 9);
      const ingestion = estimate.lines.find((l) => l.component === C.LOG_INGESTION);
      expect(ingestion?.basis).toBe('0.5 GB (10% not routed) × $0.5');
      expect(estimate.toMarkdown()).toContain('90% of the logs routed by FireLens');
    });

    test('S3: an object per task every 5 minutes, and a month of the routed logs stored', () => {
      const estimate = CostEstimate.of({ drivers: { logDestination: LogDestination.S3, taskCount: 2 } });
      // 2 tasks × 730 h × 12 = 17,520 PUTs
      expect(estimate.monthlyUsdOf(C.LOG_ROUTING)).toBeCloseTo(17.52 * 0.005 + 4.5 * 0.023, 9);
      const busier = CostEstimate.of({
        drivers: { logDestination: LogDestination.S3, taskCount: 2, logObjectsPerTaskHour: 60 },
      });
      expect(busier.monthlyUsdOf(C.LOG_ROUTING)).toBeCloseTo(87.6 * 0.005 + 4.5 * 0.023, 9);
    });

    test('OpenSearch: the domain is priced on its own', () => {
      const estimate = CostEstimate.of({ drivers: { logDestination: LogDestination.OPENSEARCH } });
      expect(estimate.monthlyUsdOf(C.LOG_ROUTING)).toBe(0);
      expect(estimate.lines.find((l) => l.component === C.LOG_ROUTING)?.basis).toBe("the OpenSearch domain's own cost");
      expect(estimate.monthlyUsdOf(C.LOG_INGESTION)).toBeCloseTo(0.25, 9);
    });

    test('EFS: storage per file system, Elastic throughput, and backups of those backed up', () => {
      const estimate = CostEstimate.of({ drivers: { efsFileSystems: 2, efsBackups: 1 } });
      // 2 × 10 GB × $0.3 + 20 GB × $0.03 + 5 GB × $0.06 + 1 × 10 GB × $0.05
      expect(estimate.monthlyUsdOf(C.FILE_STORAGE)).toBeCloseTo(6 + 0.6 + 0.3 + 0.5, 9);
      expect(estimate.toMarkdown()).toContain('10 GB in each EFS file system with 20 GB read and 5 GB written');
    });

    test('Bot Control: its subscription and its requests, per web ACL that runs it', () => {
      const plain = CostEstimate.of({ drivers: { webAcls: 1, webAclRules: 5 } }).monthlyUsdOf(C.WAF);
      const bots = CostEstimate.of({ drivers: { webAcls: 1, webAclRules: 5, webAclsWithBotControl: 1 } });
      // $10 a month + 10 M requests × $1
      expect(bots.monthlyUsdOf(C.WAF) - plain).toBeCloseTo(10 + 10, 9);
      expect(bots.lines.find((l) => l.component === C.WAF)?.basis).toContain(
        '1 Bot Control web ACL × $10 + 10 M requests to Bot Control × $1',
      );
    });

    test('more backups than file systems, and percentages over 100, are refused', () => {
      expect(() =>
        CostEstimate.of({ drivers: { efsFileSystems: 1, efsBackups: 2 }, assumptions: { routedLogPercent: 120 } }),
      ).toThrow(
        'Invalid CostEstimate props:\n' +
          '  - efsBackups 2 exceeds efsFileSystems 1; allowed: at most one backup per file system\n' +
          '  - routedLogPercent 120 is not allowed; allowed: a number from 0 to 100',
      );
    });
  });

  test('INFINITE retention says it is priced as ten years', () => {
    const line = CostEstimate.of({ drivers: { logRetention: logs.RetentionDays.INFINITE } }).lines.find(
      (l) => l.component === C.LOG_STORAGE,
    );
    expect(line?.basis).toBe('5 GB × 120.09863 months kept (INFINITE priced as ten years) × $0.03');
  });

  test('default assumptions and prices are filled in and exposed', () => {
    const estimate = CostEstimate.of({ drivers: PRODUCTION });
    expect(estimate.assumptions).toEqual({
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
    });
    expect(estimate.prices).toEqual(CostEstimate.US_WEST_2_PRICES);
    expect(CostEstimate.PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(CostEstimate.HOURS_PER_MONTH).toBe(730);
  });

  test.each<[keyof CostAssumptions, number, CostComponent, number]>([
    ['dataTransferOutGigabytes', 1000, C.DATA_TRANSFER_OUT, 90],
    ['natProcessedGigabytes', 1000, C.NAT_DATA_PROCESSING, 45],
    ['endpointProcessedGigabytes', 1000, C.INTERFACE_ENDPOINT_DATA_PROCESSING, 10],
    ['loadBalancerCapacityUnits', 3, C.LOAD_BALANCER_CAPACITY_UNITS, 17.52],
    ['logIngestionGigabytes', 10, C.LOG_INGESTION, 5],
    ['requestsMillions', 100, C.WAF, 69],
  ])('assumption %s %d overrides the default', (field, value, component, usd) => {
    const estimate = CostEstimate.of({ drivers: PRODUCTION, assumptions: { [field]: value } });
    expect(estimate.monthlyUsdOf(component)).toBeCloseTo(usd, 9);
    expect(estimate.assumptions[field]).toBe(value);
  });

  test('an assumption given as undefined keeps its default', () => {
    expect(
      CostEstimate.of({ drivers: {}, assumptions: { dataTransferOutGigabytes: undefined } }).assumptions
        .dataTransferOutGigabytes,
    ).toBe(100);
  });

  test('a price overrides its default, and the Markdown says prices were overridden', () => {
    const estimate = CostEstimate.of({
      drivers: PRODUCTION,
      prices: { natGatewayUsdPerHour: 0.05, fargateSpotDiscountPercent: 50 },
    });
    expect(estimate.monthlyUsdOf(C.NAT_GATEWAYS)).toBeCloseTo(73, 9);
    expect(estimate.prices.natGatewayUsdPerHour).toBe(0.05);
    expect(estimate.prices.publicIpv4UsdPerHour).toBe(0.005);
    expect(estimate.toMarkdown()).toContain(`as of ${CostEstimate.PRICES_AS_OF}, some overridden,`);
    expect(CostEstimate.of({ drivers: PRODUCTION }).toMarkdown()).not.toContain('overridden');
    const spot = CostEstimate.of({
      drivers: { taskCount: 1, spotPercent: 100 },
      prices: { fargateSpotDiscountPercent: 50 },
    });
    expect(spot.monthlyUsdOf(C.FARGATE_VCPU)).toBeCloseTo(0.25 * 730 * 0.04048 * 0.5, 9);
  });

  test('every default price is the documented us-west-2 list price', () => {
    const documented: Required<CostPrices> = {
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
    expect(CostEstimate.US_WEST_2_PRICES).toEqual(documented);
  });

  test('toMarkdown: a row per line rounded to cents, the total, and the assumptions', () => {
    const estimate = CostEstimate.of({ drivers: PRODUCTION });
    const markdown = estimate.toMarkdown();
    expect(markdown.split('\n').slice(0, 3)).toEqual([
      '| Component | USD/month | Basis |',
      '| --- | ---: | --- |',
      '| NAT gateways | 65.70 | 2 NAT gateways × 730 h × $0.045 |',
    ]);
    for (const line of estimate.lines) {
      expect(markdown).toContain(`| ${line.component} | ${line.monthlyUsd.toFixed(2)} | ${line.basis} |`);
    }
    expect(markdown).toContain('| **Total** | **262.00** | |');
    expect(markdown).toContain(
      'Assumed per month: 100 GB out to the internet, 50 GB through NAT, 10 GB through interface endpoints, ' +
        '1 LCU per load balancer, 5 GB of logs, 10 million requests.',
    );
  });

  describe('validation', () => {
    const prefix = 'Invalid CostEstimate props:\n  - ';
    test.each<[string, CostDrivers, CostAssumptions, CostPrices, string]>([
      [
        'negative count',
        { natGateways: -1 },
        {},
        {},
        'natGateways -1 is not allowed; allowed: a whole number, 0 or more',
      ],
      [
        'fractional count',
        { taskCount: 1.5 },
        {},
        {},
        'taskCount 1.5 is not allowed; allowed: a whole number, 0 or more',
      ],
      ['NaN count', { alarms: NaN }, {}, {}, 'alarms NaN is not allowed; allowed: a whole number, 0 or more'],
      [
        'spotPercent above 100',
        { spotPercent: 101 },
        {},
        {},
        'spotPercent 101 is not allowed; allowed: a number from 0 to 100',
      ],
      [
        'spotPercent NaN',
        { spotPercent: NaN },
        {},
        {},
        'spotPercent NaN is not allowed; allowed: a number from 0 to 100',
      ],
      [
        'unknown cpu',
        { cpu: 300 },
        {},
        {},
        'cpu 300 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384',
      ],
      [
        'memory outside the cpu row',
        { cpu: 1024, memoryLimitMiB: 512 },
        {},
        {},
        'cpu 1024 does not allow memoryLimitMiB 512; allowed: 2048-8192 in steps of 1024',
      ],
      [
        'Token cpu',
        { cpu: Token.asNumber({ Ref: 'Cpu' }) },
        {},
        {},
        'cpu is a Token; allowed: a number known at synth time',
      ],
      [
        'bad logRetention',
        { logRetention: 0 as logs.RetentionDays },
        {},
        {},
        'logRetention 0 is not allowed; allowed: a logs.RetentionDays value',
      ],
      [
        'endpoints without AZs',
        { interfaceEndpoints: 2 },
        {},
        {},
        'interfaceEndpoints 2 needs availabilityZones; allowed: 1 or more AZs',
      ],
      [
        'negative assumption',
        {},
        { dataTransferOutGigabytes: -1 },
        {},
        'dataTransferOutGigabytes -1 is not allowed; allowed: a finite number, 0 or more',
      ],
      [
        'infinite assumption',
        {},
        { logIngestionGigabytes: Infinity },
        {},
        'logIngestionGigabytes Infinity is not allowed; allowed: a finite number, 0 or more',
      ],
      [
        'NaN price',
        {},
        {},
        { kmsKeyUsdPerMonth: NaN },
        'kmsKeyUsdPerMonth NaN is not allowed; allowed: a finite number, 0 or more',
      ],
      [
        'Spot discount above 100',
        {},
        {},
        { fargateSpotDiscountPercent: 120 },
        'fargateSpotDiscountPercent 120 is not allowed; allowed: a number from 0 to 100',
      ],
    ])('%s', (_, drivers, assumptions, prices, message) => {
      expect(() => CostEstimate.of({ drivers, assumptions, prices })).toThrow(prefix + message);
    });

    test('every problem at once', () => {
      expect(() =>
        CostEstimate.of({ drivers: { natGateways: -1, kmsKeys: 0.5 }, assumptions: { natProcessedGigabytes: -2 } }),
      ).toThrow(
        'Invalid CostEstimate props:\n' +
          '  - natGateways -1 is not allowed; allowed: a whole number, 0 or more\n' +
          '  - kmsKeys 0.5 is not allowed; allowed: a whole number, 0 or more\n' +
          '  - natProcessedGigabytes -2 is not allowed; allowed: a finite number, 0 or more',
      );
    });

    test('zero everywhere is valid', () => {
      const zero = Object.fromEntries(Object.keys(CostEstimate.DEFAULT_ASSUMPTIONS).map((k) => [k, 0]));
      expect(CostEstimate.of({ drivers: { spotPercent: 100 }, assumptions: zero }).totalMonthlyUsd).toBe(0);
    });
  });

  describe('properties', () => {
    const count = fc.integer({ min: 0, max: 50 });
    const size = fc
      .constantFrom(...FARGATE_CPU_VALUES)
      .chain((cpu) =>
        fc.constantFrom(...fargateMemoryValuesMiB(cpu)).map((memoryLimitMiB) => ({ cpu, memoryLimitMiB })),
      );
    const retention = fc.constantFrom(
      ...Object.values(logs.RetentionDays).filter((v): v is logs.RetentionDays => typeof v === 'number'),
    );
    const drivers: fc.Arbitrary<CostDrivers> = fc
      .record({
        natGateways: count,
        publicIpv4Addresses: count,
        taskCount: count,
        spotPercent: fc.double({ min: 0, max: 100, noNaN: true }),
        arm: fc.boolean(),
        loadBalancers: count,
        webAcls: count,
        webAclRules: count,
        cloudFront: fc.boolean(),
        kmsKeys: count,
        alarms: count,
        dashboards: count,
        interfaceEndpoints: count,
        availabilityZones: fc.integer({ min: 1, max: 6 }),
        logRetention: retention,
        size,
      })
      .map(({ arm, size: s, ...rest }) => ({
        ...rest,
        ...s,
        cpuArchitecture: arm ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
      }));
    const gb = fc.double({ min: 0, max: 1e6, noNaN: true });
    const assumptions: fc.Arbitrary<CostAssumptions> = fc.record({
      dataTransferOutGigabytes: gb,
      natProcessedGigabytes: gb,
      endpointProcessedGigabytes: gb,
      loadBalancerCapacityUnits: fc.double({ min: 0, max: 100, noNaN: true }),
      logIngestionGigabytes: gb,
      requestsMillions: gb,
    });
    const usd = (d: CostDrivers, a: CostAssumptions, c: CostComponent) =>
      CostEstimate.of({ drivers: d, assumptions: a }).monthlyUsdOf(c);

    /** Numeric drivers and the lines that grow with them. */
    const countDrivers: Array<[keyof CostDrivers, CostComponent[]]> = [
      ['natGateways', [C.NAT_GATEWAYS, C.NAT_DATA_PROCESSING]],
      ['publicIpv4Addresses', [C.PUBLIC_IPV4_ADDRESSES]],
      ['taskCount', [C.FARGATE_VCPU, C.FARGATE_MEMORY]],
      ['loadBalancers', [C.LOAD_BALANCER_HOURS, C.LOAD_BALANCER_CAPACITY_UNITS]],
      ['webAcls', [C.WAF]],
      ['webAclRules', [C.WAF]],
      ['kmsKeys', [C.KMS_KEYS]],
      ['alarms', [C.ALARMS]],
      ['dashboards', [C.DASHBOARDS]],
      ['interfaceEndpoints', [C.INTERFACE_ENDPOINTS, C.INTERFACE_ENDPOINT_DATA_PROCESSING]],
      ['availabilityZones', [C.INTERFACE_ENDPOINTS]],
    ];

    test.each(countDrivers)('%s: its lines and the total never fall as it grows', (field, components) => {
      fc.assert(
        fc.property(drivers, assumptions, fc.integer({ min: 1, max: 20 }), (d, a, more) => {
          const bigger = { ...d, [field]: (d[field] as number) + more };
          for (const c of components) expect(usd(bigger, a, c)).toBeGreaterThanOrEqual(usd(d, a, c));
          expect(CostEstimate.of({ drivers: bigger, assumptions: a }).totalMonthlyUsd).toBeGreaterThanOrEqual(
            CostEstimate.of({ drivers: d, assumptions: a }).totalMonthlyUsd,
          );
        }),
      );
    });

    test.each(countDrivers)('%s 0: its own line costs nothing', (field, components) => {
      fc.assert(
        fc.property(drivers, assumptions, (d, a) => {
          const zero = { ...d, [field]: 0 };
          // Zero AZs needs zero endpoints to be valid.
          if (field === 'availabilityZones') Object.assign(zero, { interfaceEndpoints: 0 });
          // A WAF line still counts the rules of a web ACL, and the web ACLs with their rules.
          const own = field === 'webAcls' || field === 'webAclRules' ? [] : components;
          for (const c of own) expect(usd(zero, a, c)).toBe(0);
        }),
      );
    });

    test('no web ACL and no rules: WAF costs nothing, whatever the requests', () => {
      fc.assert(
        fc.property(drivers, assumptions, (d, a) => {
          expect(usd({ ...d, webAcls: 0, webAclRules: 0 }, a, C.WAF)).toBe(0);
        }),
      );
    });

    test('more CPU or memory never costs less for its line', () => {
      fc.assert(
        fc.property(drivers, assumptions, size, (d, a, other) => {
          const big = { ...d, ...other };
          if (other.cpu >= d.cpu!) {
            expect(usd(big, a, C.FARGATE_VCPU)).toBeGreaterThanOrEqual(usd(d, a, C.FARGATE_VCPU));
          }
          if (other.memoryLimitMiB >= d.memoryLimitMiB!) {
            expect(usd(big, a, C.FARGATE_MEMORY)).toBeGreaterThanOrEqual(usd(d, a, C.FARGATE_MEMORY));
          }
        }),
      );
    });

    test('a larger Spot share never costs more; ARM64 never costs more than x86', () => {
      fc.assert(
        fc.property(drivers, assumptions, fc.double({ min: 0, max: 100, noNaN: true }), (d, a, spotPercent) => {
          const more = { ...d, spotPercent: Math.max(spotPercent, d.spotPercent!) };
          const fargate = (x: CostDrivers) => usd(x, a, C.FARGATE_VCPU) + usd(x, a, C.FARGATE_MEMORY);
          expect(fargate(more)).toBeLessThanOrEqual(fargate(d));
          const arm = { ...d, cpuArchitecture: ecs.CpuArchitecture.ARM64 };
          expect(fargate(arm)).toBeLessThanOrEqual(fargate({ ...d, cpuArchitecture: ecs.CpuArchitecture.X86_64 }));
        }),
      );
    });

    test('longer log retention never costs less to store', () => {
      fc.assert(
        fc.property(drivers, assumptions, retention, (d, a, other) => {
          const [short, long] = [d.logRetention!, other].sort((x, y) => x - y);
          const store = (logRetention: logs.RetentionDays) => usd({ ...d, logRetention }, a, C.LOG_STORAGE);
          expect(store(long)).toBeGreaterThanOrEqual(store(short));
        }),
      );
    });

    test.each<[keyof CostAssumptions, CostComponent[]]>([
      ['dataTransferOutGigabytes', [C.DATA_TRANSFER_OUT]],
      ['natProcessedGigabytes', [C.NAT_DATA_PROCESSING]],
      ['endpointProcessedGigabytes', [C.INTERFACE_ENDPOINT_DATA_PROCESSING]],
      ['loadBalancerCapacityUnits', [C.LOAD_BALANCER_CAPACITY_UNITS]],
      ['logIngestionGigabytes', [C.LOG_INGESTION, C.LOG_STORAGE]],
      ['requestsMillions', [C.WAF, C.CLOUDFRONT_REQUESTS]],
    ])('assumption %s: its lines never fall as it grows', (field, components) => {
      fc.assert(
        fc.property(drivers, assumptions, fc.double({ min: 0, max: 1e6, noNaN: true }), (d, a, more) => {
          const bigger = { ...a, [field]: a[field]! + more };
          for (const c of components) expect(usd(d, bigger, c)).toBeGreaterThanOrEqual(usd(d, a, c));
        }),
      );
    });

    test('the total is the sum of the lines, every line is non-negative, toMarkdown lists each', () => {
      fc.assert(
        fc.property(drivers, assumptions, (d, a) => {
          const estimate = CostEstimate.of({ drivers: d, assumptions: a });
          expect(estimate.lines.map((l) => l.component)).toEqual(ALL_COMPONENTS);
          expect(estimate.totalMonthlyUsd).toBe(estimate.lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
          const markdown = estimate.toMarkdown();
          for (const line of estimate.lines) {
            expect(line.monthlyUsd).toBeGreaterThanOrEqual(0);
            expect(markdown).toContain(`| ${line.component} | ${line.monthlyUsd.toFixed(2)} | ${line.basis} |`);
          }
        }),
      );
    });
  });
});
