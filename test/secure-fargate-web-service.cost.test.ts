import * as fs from 'fs';
import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import {
  CapacityMix,
  CertificateAuthorityUsageMode,
  CostComponent,
  Firewall,
  NatGateways,
  ServiceDeploymentStrategy,
  LogDestination,
  LogRouting,
  ServiceEndpoint,
  WebServiceProfile,
} from '../src';
import { attach, environmentIn, IMAGE } from './environment/fixture';
import { EDGE_WEB_ACL_ARN } from './nag/web-service-configurations';
import { testApp } from './util';
import { build } from './web-service-fixture';

const CA_ARN = 'arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/0123abcd-0123-4567-89ab-0123456789ab';

/** The monthly cost of an environment with the smallest example's settings, and of one service in it. */
function sharedCosts(profile: WebServiceProfile): { environment: number; service: number } {
  const stack = new Stack(testApp(), 'Shared', { env: { account: '123456789012', region: 'us-west-2' } });
  const environment = environmentIn(stack, { profile });
  const service = environment.addService('Web', { image: IMAGE, profile });
  return { environment: environment.costEstimate().totalMonthlyUsd, service: service.costEstimate().totalMonthlyUsd };
}

/** A stack for references that the service's props need before it exists. */
const stack0 = () => new Stack();

describe('SecureFargateWebService cost estimate', () => {
  test('the drivers come from what the default configuration creates', () => {
    const { web } = build();
    expect(web.costDrivers).toEqual({
      natGateways: 2,
      natInstances: 0,
      natInstanceType: undefined,
      publicIpv4Addresses: 4,
      taskCount: 2,
      cpu: 256,
      memoryLimitMiB: 512,
      cpuArchitecture: undefined,
      spotPercent: 0,
      loadBalancers: 1,
      webAcls: 1,
      webAclRules: 4,
      webAclsWithBotControl: 0,
      webAclsWithAntiDdos: 0,
      cloudFront: false,
      kmsKeys: 4,
      alarms: 7,
      dashboards: 1,
      interfaceEndpoints: 0,
      availabilityZones: 2,
      logRetention: 30,
      tracing: false,
      logDestination: LogDestination.CLOUDWATCH_LOGS,
      efsFileSystems: 0,
      efsBackups: 0,
    });
  });

  test('tracing, log routing and EFS volumes (added after construction too) are costed', () => {
    const { web, stack } = build({
      tracing: {},
      logRouting: LogRouting.toFirehose(firehose.DeliveryStream.fromDeliveryStreamName(stack0(), 'Logs', 'app-logs')),
    });
    web.addEfsVolume('Uploads', { containerPath: '/uploads' });
    web.addEfsVolume('Cache', { containerPath: '/cache', automaticBackups: false });
    const given = efs.FileSystem.fromFileSystemAttributes(stack, 'Given', {
      fileSystemId: 'fs-0123456789abcdef0',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'GivenGroup', 'sg-0123456789abcdef0'),
    });
    web.addEfsVolume('Shared', { containerPath: '/shared', fileSystem: given });
    expect(web.costDrivers).toMatchObject({
      tracing: true,
      logDestination: LogDestination.FIREHOSE,
      efsFileSystems: 2,
      efsBackups: 1,
    });
    const estimate = web.costEstimate();
    for (const component of [CostComponent.TRACING, CostComponent.LOG_ROUTING, CostComponent.FILE_STORAGE]) {
      expect(estimate.monthlyUsdOf(component)).toBeGreaterThan(0);
    }
    expect(estimate.totalMonthlyUsd).toBeGreaterThan(build().web.costEstimate().totalMonthlyUsd);
  });

  test('S3 log routing: one object per routed container and upload timeout, priced as PUTs', () => {
    const routed = (uploadTimeout: Duration, sidecar: boolean) => {
      const { web } = build({
        logRouting: LogRouting.toS3(s3.Bucket.fromBucketName(stack0(), 'Logs', 'app-logs'), { uploadTimeout }),
      });
      if (sidecar) {
        web.addSidecar('proxy', { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/proxy:1') });
      }
      return web;
    };
    expect(routed(Duration.minutes(5), false).costDrivers.logObjectsPerTaskHour).toBe(12);
    const busy = routed(Duration.minutes(1), true);
    expect(busy.costDrivers.logObjectsPerTaskHour).toBe(120);
    // 2 tasks × 730 h × 120 objects = 175,200 PUTs at $0.005 per 1,000, plus 4.5 GB stored a month at $0.023
    expect(busy.costEstimate().monthlyUsdOf(CostComponent.LOG_ROUTING)).toBeCloseTo(175.2 * 0.005 + 4.5 * 0.023, 9);
    expect(build().web.costDrivers.logObjectsPerTaskHour).toBeUndefined();
  });

  test("the task count is auto scaling's minimum, or the desired count when given, and the cost follows it", () => {
    const two = build().web;
    const four = build({ minCapacity: 4 }).web;
    const three = build({ minCapacity: 2, desiredCount: 3 }).web;
    expect([two, four, three].map((w) => w.costDrivers.taskCount)).toEqual([2, 4, 3]);
    const fargate = (w: typeof two) => w.costEstimate().monthlyUsdOf(CostComponent.FARGATE_VCPU);
    expect(fargate(four)).toBeCloseTo(2 * fargate(two));
  });

  test('the alarm and key drivers count what the template holds, progressive alarms included', () => {
    for (const options of [{}, { deploymentStrategy: ServiceDeploymentStrategy.canary() }]) {
      const { web, template } = build(options);
      expect(web.costDrivers.alarms).toBe(Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length);
      expect(web.costDrivers.kmsKeys).toBe(Object.keys(template.findResources('AWS::KMS::Key')).length);
    }
    expect(build({ deploymentStrategy: ServiceDeploymentStrategy.canary() }).web.costDrivers.alarms).toBe(8);
  });

  test('the development profile costs at most half of production for the default service', () => {
    const production = build().web.costEstimate();
    const development = build({ profile: WebServiceProfile.DEVELOPMENT }).web.costEstimate();
    expect(development.totalMonthlyUsd).toBeLessThanOrEqual(production.totalMonthlyUsd * 0.5);
    // What the profile changes: one NAT instance instead of NAT gateways, one task on demand, no WAF, shorter logs.
    expect(development.monthlyUsdOf(CostComponent.NAT_GATEWAYS)).toBe(0);
    expect(development.monthlyUsdOf(CostComponent.NAT_DATA_PROCESSING)).toBe(0);
    expect(development.monthlyUsdOf(CostComponent.NAT_INSTANCES)).toBeGreaterThan(0);
    expect(production.monthlyUsdOf(CostComponent.NAT_INSTANCES)).toBe(0);
    expect(development.monthlyUsdOf(CostComponent.FARGATE_VCPU)).toBeLessThan(
      production.monthlyUsdOf(CostComponent.FARGATE_VCPU),
    );
    expect(development.monthlyUsdOf(CostComponent.WAF)).toBe(0);
  });

  test("the README's and docs/cost-estimate.md's tables are the estimates of the smallest example", () => {
    const read = (file: string) => fs.readFileSync(path.join(__dirname, '..', file), 'utf8');
    const [readme, docs] = [read('README.md'), read('docs/cost-estimate.md')];
    /** The two figures (production, development) of the row that starts with `label` in `text`. */
    const figures = (text: string, label: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`| ${label}`));
      expect(line).toBeDefined();
      const cells = line!.split('|').map((c) => c.replace(/\*/g, '').trim());
      return [cells[2], cells[3]];
    };
    const profiles = [WebServiceProfile.PRODUCTION, WebServiceProfile.DEVELOPMENT];
    const alone = profiles.map((profile) => build({ profile }).web.costEstimate());
    const shared = profiles.map(sharedCosts);
    const usd = (values: number[]) => values.map((v) => v.toFixed(2));

    // The README: one service on its own, and per service with 1, 5 and 10 sharing an environment.
    expect(figures(readme, 'One service on its own')).toEqual(usd(alone.map((e) => e.totalMonthlyUsd)));
    for (const count of [1, 5, 10]) {
      const perService = shared.map(({ environment, service }) => environment / count + service);
      expect(figures(readme, `Per service, ${count} sharing an environment`)).toEqual(usd(perService));
      expect(figures(docs, `Per service, ${count} sharing an environment`)).toEqual(usd(perService));
    }
    const ratio = (alone[1].totalMonthlyUsd / alone[0].totalMonthlyUsd).toFixed(3);
    expect(readme).toContain(`Development costs ${Math.round(Number(ratio) * 100)}% of production (${ratio})`);

    // docs/cost-estimate.md: the lines of the smallest example, and the environment's split.
    const rows: Array<[string, CostComponent[]]> = [
      [
        'NAT: 2 gateways and their data processing, or 1 instance',
        [CostComponent.NAT_GATEWAYS, CostComponent.NAT_DATA_PROCESSING, CostComponent.NAT_INSTANCES],
      ],
      ['Public IPv4 addresses', [CostComponent.PUBLIC_IPV4_ADDRESSES]],
      ['Fargate vCPU and memory', [CostComponent.FARGATE_VCPU, CostComponent.FARGATE_MEMORY]],
      [
        'Load balancer hours and 1 LCU',
        [CostComponent.LOAD_BALANCER_HOURS, CostComponent.LOAD_BALANCER_CAPACITY_UNITS],
      ],
      ['Data transfer out', [CostComponent.DATA_TRANSFER_OUT]],
      ['Logs', [CostComponent.LOG_INGESTION, CostComponent.LOG_STORAGE]],
      ['KMS keys', [CostComponent.KMS_KEYS, CostComponent.ALARMS, CostComponent.DASHBOARDS]],
      ['AWS WAF', [CostComponent.WAF]],
    ];
    for (const [label, components] of rows) {
      const sums = alone.map((e) => components.reduce((sum, c) => sum + e.monthlyUsdOf(c), 0));
      expect(figures(docs, label)).toEqual(usd(sums));
    }
    expect(figures(docs, '**Total**')).toEqual(usd(alone.map((e) => e.totalMonthlyUsd)));
    expect(figures(docs, 'The environment alone')).toEqual(usd(shared.map((c) => c.environment)));
    expect(figures(docs, 'What each service adds')).toEqual(usd(shared.map((c) => c.service)));
  });

  test('a shared environment and one service cost what the same service on its own does', () => {
    for (const profile of [WebServiceProfile.PRODUCTION, WebServiceProfile.DEVELOPMENT]) {
      const { environment, service } = sharedCosts(profile);
      expect(environment + service).toBeCloseTo(build({ profile }).web.costEstimate().totalMonthlyUsd, 1);
    }
  });

  test("the environment's estimate leaves out its services and their traffic, unless assumptions say otherwise", () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const alone = environment.costDrivers;
    attach(stack, 'Shop', environment, { route: { hostHeaders: ['shop.example.com'], rulePriority: 1 } });
    environment.addService('Api', { image: IMAGE, route: { hostHeaders: ['api.example.com'], rulePriority: 2 } });
    // Services added in the environment's own scope add nothing to it.
    expect(environment.costDrivers).toEqual(alone);
    expect(alone).toMatchObject({ natGateways: 2, loadBalancers: 1, webAcls: 1, taskCount: 0, alarms: 0, kmsKeys: 3 });
    const estimate = environment.costEstimate();
    expect(estimate.monthlyUsdOf(CostComponent.DATA_TRANSFER_OUT)).toBe(0);
    expect(estimate.monthlyUsdOf(CostComponent.LOG_INGESTION)).toBe(0);
    expect(estimate.monthlyUsdOf(CostComponent.FARGATE_VCPU)).toBe(0);
    const withTraffic = environment.costEstimate({ assumptions: { dataTransferOutGigabytes: 100 } });
    expect(withTraffic.monthlyUsdOf(CostComponent.DATA_TRANSFER_OUT)).toBeCloseTo(9, 9);
  });

  test("the environment's estimate counts its NAT instances and the Service Connect CA", () => {
    const stack = new Stack(testApp(), 'Shared');
    const certificateAuthority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca', CA_ARN);
    const environment = environmentIn(stack, {
      network: { natGateways: NatGateways.instance({ count: 1 }) },
      serviceConnect: {
        tls: { certificateAuthority, usageMode: CertificateAuthorityUsageMode.SHORT_LIVED_CERTIFICATE },
      },
    });
    expect(environment.costDrivers).toMatchObject({
      natGateways: 0,
      natInstances: 1,
      natInstanceType: 't4g.nano',
      publicIpv4Addresses: 3,
      shortLivedCertificateAuthorities: 1,
    });
    const estimate = environment.costEstimate();
    expect(estimate.monthlyUsdOf(CostComponent.PRIVATE_CERTIFICATE_AUTHORITIES)).toBe(50);
    expect(estimate.monthlyUsdOf(CostComponent.NAT_INSTANCES)).toBeCloseTo(730 * 0.0042 + 8 * 0.08 + 2.1 + 0.1, 9);
  });

  test('endpoints, CloudFront, ARM64 and no NAT reach the drivers', () => {
    const { web } = build({
      network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
      image: ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-west-2.amazonaws.com/app:1'),
      cpuArchitecture: ecs.CpuArchitecture.ARM64,
      firewall: Firewall.none(),
      dashboard: false,
    });
    expect(web.costDrivers).toMatchObject({
      natGateways: 0,
      publicIpv4Addresses: 2,
      interfaceEndpoints: ServiceEndpoint.forFargate().length,
      cpuArchitecture: ecs.CpuArchitecture.ARM64,
      webAcls: 0,
      webAclRules: 0,
      dashboards: 0,
    });
    expect(build({ cloudFront: { webAclArn: EDGE_WEB_ACL_ARN }, withZone: false }).web.costDrivers).toMatchObject({
      cloudFront: true,
      publicIpv4Addresses: 2,
    });
  });

  test('more tasks, or larger ones, never cost less; more Spot never costs more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (a, b) => {
        const [fewer, more] = [Math.min(a, b), Math.max(a, b)];
        const cost = (count: number, capacity?: CapacityMix) =>
          build({ minCapacity: count, maxCapacity: 20, capacity }).web.costEstimate().totalMonthlyUsd;
        if (fewer < more) expect(cost(fewer)).toBeLessThan(cost(more));
        else expect(cost(fewer)).toBeCloseTo(cost(more));
        expect(cost(more, CapacityMix.spotWeighted())).toBeLessThanOrEqual(cost(more));
      }),
      { numRuns: 8 },
    );
  });
});

describe('CapacityMix.spotPercentOf', () => {
  test.each([
    [CapacityMix.onDemand(), 2, 0],
    [CapacityMix.spotWeighted(), 1, 0],
    [CapacityMix.spotWeighted(), 5, 60], // 1 on demand, then 4 split 1:3
    [CapacityMix.of({ onDemandBase: 0, onDemandWeight: 0, spotWeight: 1 }), 4, 100],
    [CapacityMix.spotWeighted(), 0, 0],
  ])('%# : %p of %d tasks is %d%% Spot', (mix, tasks, percent) => {
    expect(mix.spotPercentOf(tasks)).toBeCloseTo(percent);
  });
});
