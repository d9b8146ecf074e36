import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { WebApplicationFirewall } from '../../edge/web-application-firewall';
import { NatStrategy } from '../../network/nat-gateways';
import { DEFAULT_NAT_INSTANCE_TYPE } from '../../network/private/nat-instances';
import { WebServiceNetwork } from '../../network/web-service-network';
import { DEFAULT_SERVICE_LOG_RETENTION } from '../../private/encrypted-log-group';
import { CapacityMix } from '../../service/capacity-mix';
import { LogDestination, LogRouting } from '../../service/log-routing';
import { CostDrivers } from '../cost-estimate';

/** The parts of a web service its monthly cost depends on (`SecureFargateWebService` is one). */
export interface CostedWebService extends IConstruct {
  readonly vpc: ec2.IVpc;
  /** The network, when the service created it (a shared or given VPC is not the service's cost). */
  readonly network?: WebServiceNetwork;
  /** The load balancer block, when the service has one of its own. */
  readonly httpsLoadBalancer?: object;
  readonly cloudFront?: object;
  readonly firewall?: WebApplicationFirewall;
  readonly cloudFrontFirewall?: WebApplicationFirewall;
  readonly alarms: { readonly all: unknown[] };
  readonly dashboard?: object;
}

/** The settings of a web service its monthly cost depends on, with the profile's defaults filled in. */
export interface CostedSettings {
  readonly desiredCount?: number;
  readonly minCapacity?: number;
  readonly cpu?: number;
  readonly memoryLimitMiB?: number;
  readonly cpuArchitecture?: CostDrivers['cpuArchitecture'];
  readonly capacity?: CapacityMix;
  readonly logRetention?: logs.RetentionDays;
  readonly httpsLoadBalancer?: { readonly internetFacing?: boolean };
  readonly tracing?: object;
  readonly logRouting?: LogRouting;
}

/** The cost drivers of a web service, from what it created and its settings. */
export function webServiceCostDrivers(
  service: CostedWebService,
  settings: CostedSettings,
  owned: (construct: IConstruct) => boolean = () => true,
): CostDrivers {
  const own = service.node.findAll().filter(owned);
  const count = (type: new (...args: never[]) => object) => own.filter((c) => c instanceof type).length;
  const availabilityZones = service.vpc.availabilityZones.length;
  const nat = service.network?.natGateways;
  const instances = nat?.strategy === NatStrategy.INSTANCE;
  const natCount = nat ? nat.countFor(availabilityZones) : 0;
  const natGateways = instances ? 0 : natCount;
  const natInstances = instances ? natCount : 0;
  // The tasks that run most of the time: a fixed count, or auto scaling's minimum.
  const taskCount = settings.desiredCount ?? settings.minCapacity ?? 2;
  // Behind CloudFront the load balancer is internal; a shared one is the environment's cost.
  const internetFacing =
    service.httpsLoadBalancer !== undefined &&
    service.cloudFront === undefined &&
    (settings.httpsLoadBalancer?.internetFacing ?? true);
  const fileSystems = own.filter((c): c is efs.FileSystem => c instanceof efs.FileSystem);
  const firewalls = [service.firewall, service.cloudFrontFirewall].filter((f) => f !== undefined);
  return {
    natGateways,
    natInstances,
    natInstanceType: instances
      ? (nat?.instanceOptions?.instanceType ?? DEFAULT_NAT_INSTANCE_TYPE).toString()
      : undefined,
    // Each NAT gateway's Elastic IP or NAT instance's address, and the internet-facing load balancer's in each zone.
    publicIpv4Addresses: natCount + (internetFacing ? availabilityZones : 0),
    taskCount,
    cpu: settings.cpu ?? 256,
    memoryLimitMiB: settings.memoryLimitMiB ?? 512,
    cpuArchitecture: settings.cpuArchitecture,
    spotPercent: (settings.capacity ?? CapacityMix.onDemand()).spotPercentOf(taskCount),
    loadBalancers: service.httpsLoadBalancer ? 1 : 0,
    webAcls: firewalls.length,
    webAclsWithBotControl: firewalls.filter((f) => f.botControl).length,
    webAclsWithAntiDdos: firewalls.filter((f) => f.antiDdos).length,
    webAclRules: firewalls.reduce((sum, f) => sum + ((f.webAcl.rules as unknown[] | undefined)?.length ?? 0), 0),
    cloudFront: service.cloudFront !== undefined,
    kmsKeys: count(kms.Key),
    alarms: service.alarms.all.length,
    dashboards: service.dashboard ? 1 : 0,
    interfaceEndpoints: count(ec2.InterfaceVpcEndpoint),
    availabilityZones,
    logRetention: settings.logRetention ?? DEFAULT_SERVICE_LOG_RETENTION,
    tracing: settings.tracing !== undefined,
    logDestination: settings.logRouting?.destination ?? LogDestination.CLOUDWATCH_LOGS,
    logObjectsPerTaskHour: logObjectsPerTaskHour(service, settings.logRouting),
    efsFileSystems: fileSystems.length,
    efsBackups: fileSystems.filter((fs) => {
      const policy = Stack.of(fs).resolve((fs.node.defaultChild as efs.CfnFileSystem).backupPolicy);
      return policy?.status === 'ENABLED';
    }).length,
  };
}

/** The objects the log router writes per task and hour: one per routed container and upload timeout. */
function logObjectsPerTaskHour(service: IConstruct, routing: LogRouting | undefined): number | undefined {
  const perContainer = routing?._firelens?.objectsPerContainerHour;
  if (perContainer === undefined) return undefined;
  const routed = service.node
    .findAll()
    .filter((c) => c instanceof ecs.ContainerDefinition && c.logDriverConfig?.logDriver === 'awsfirelens').length;
  return perContainer * routed;
}
