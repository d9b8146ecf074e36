import { Annotations, Names, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { stackScopedName } from '../../private/naming';
import { isKnown, knownSeconds, PropsValidator, quoted } from '../../private/validation';
import { ServiceConnectEndpoint, ServiceConnectMembership, ServiceConnectOptions } from '../service-connect';
import { ServiceConnectNamespace } from '../service-connect-namespace';

/** The name of the application's port mapping, which Service Connect serves. */
export const SERVICE_CONNECT_PORT_NAME = 'app';

/** What the application container leaves of the task's memory for the Service Connect proxy (AWS's minimum). */
export const SERVICE_CONNECT_PROXY_MEMORY_MIB = 64;

/** A client alias: DNS labels of lower-case letters, digits and '-', joined by '.'. */
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Records the problems of a service's Service Connect options. */
export function checkServiceConnect(v: PropsValidator, options: ServiceConnectOptions | undefined): void {
  if (!options) return;
  const { dnsName } = options;
  if (isKnown(dnsName) && !DNS_NAME.test(dnsName)) {
    v.fail(
      `serviceConnect.dnsName ${quoted(dnsName)} is not a DNS name; allowed: lower-case letters, digits and '-' in labels of up to 63 (not starting or ending with '-'), joined by '.'`,
    );
  }
  if (options.server === false) {
    for (const prop of ['dnsName', 'appProtocol', 'perRequestTimeout'] as const) {
      if (options[prop] !== undefined) {
        v.fail(
          `serviceConnect.${prop} is set with server false, and it configures the server; allowed: server true (the default), or no ${prop}`,
        );
      }
    }
  }
  const timeout = knownSeconds(options.perRequestTimeout);
  if (timeout !== undefined && (timeout < 0 || !Number.isInteger(timeout))) {
    v.fail(
      `serviceConnect.perRequestTimeout ${timeout} s is not allowed; allowed: whole seconds, 0 to turn the limit off`,
    );
  }
  if (options.accessLogs === false && options.accessLogQueryParameters !== undefined) {
    v.fail(
      'serviceConnect.accessLogQueryParameters is set with accessLogs false; allowed: access logs on (the default), or no accessLogQueryParameters',
    );
  }
}

/** A service that joined a namespace, and what it serves there. */
interface Member {
  readonly namespace: ServiceConnectNamespace;
  readonly endpoint?: ServiceConnectEndpoint;
  readonly securityGroupPort: number;
}

const MEMBERS = new WeakMap<ecs.FargateService, Member>();

/** The default client alias: the construct id in lower case, with '-' for any other character. */
export function defaultDnsName(scope: Construct): string {
  const name = scope.node.id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name.slice(0, 63).replace(/-+$/, '') || 'service';
}

/**
 * The Cloud Map service name: unique in the account and Region (the stack name and construct path), since the
 * Service Connect metrics of a server carry it alone; up to 64 characters, with a hash when the path is longer.
 */
function discoveryNameOf(scope: Construct): string {
  const name = stackScopedName(scope)
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+/, '');
  if (!Token.isUnresolved(Stack.of(scope).stackName) && name.length <= 64) return name;
  return `${name.slice(0, 55).replace(/-+$/, '')}-${Names.uniqueId(scope).slice(-8).toLowerCase()}`;
}

/**
 * Joins `service` to the namespace: a client always, a server of its application port unless `server` is false,
 * with the proxy's own logs and the access logs in `logGroup`.
 */
export function joinServiceConnect(
  scope: Construct,
  service: ecs.FargateService,
  membership: ServiceConnectMembership,
  logGroup: logs.ILogGroup,
  containerPort: number,
): ServiceConnectEndpoint | undefined {
  const { namespace } = membership;
  let endpoint: ServiceConnectEndpoint | undefined;
  if (membership.server ?? true) {
    const dnsName = membership.dnsName ?? defaultDnsName(scope);
    namespace._claim(dnsName, scope.node.path);
    endpoint = {
      dnsName,
      discoveryName: discoveryNameOf(scope),
      port: containerPort,
      url: `http://${dnsName}:${containerPort}`,
    };
  }
  const tls = namespace.tls;
  service.enableServiceConnect({
    namespace: namespace.namespace.namespaceArn,
    services: endpoint
      ? [
          {
            portMappingName: SERVICE_CONNECT_PORT_NAME,
            discoveryName: endpoint.discoveryName,
            dnsName: endpoint.dnsName,
            port: endpoint.port,
            perRequestTimeout: membership.perRequestTimeout,
            tls: tls && {
              awsPcaAuthorityArn: tls.certificateAuthority.certificateAuthorityArn,
              kmsKey: tls.kmsKey,
              role: namespace.tlsRole,
            },
          },
        ]
      : [],
    logDriver: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'service-connect' }),
    accessLogConfiguration:
      (membership.accessLogs ?? true)
        ? {
            format: ecs.ServiceConnectAccessLogFormat.JSON,
            includeQueryParameters: membership.accessLogQueryParameters ?? false,
          }
        : undefined,
  });
  MEMBERS.set(service, { namespace, endpoint, securityGroupPort: containerPort });
  return endpoint;
}

/**
 * Lets `client` call `server` through Service Connect: the server's security group admits the client's on the
 * server's port (and the client's lets it out), and the client service is created after the server, as a task
 * reaches only the endpoints that existed when it started. Returns the address the client calls.
 */
export function connectServices(
  client: ecs.FargateService,
  server: ecs.FargateService,
  clientName: string,
  serverName: string,
): string {
  const from = MEMBERS.get(client);
  const to = MEMBERS.get(server);
  const names = `'${clientName}' to '${serverName}'`;
  if (!from || !to || from.namespace !== to.namespace) {
    throw new Error(
      `connectTo from ${names}: both services must join the same Service Connect namespace; allowed: serviceConnect on both, with one namespace (one WebServiceEnvironment with serviceConnect)`,
    );
  }
  if (!to.endpoint) {
    throw new Error(
      `connectTo from ${names}: the target has serviceConnect.server false, so nothing can call it; allowed: a service that serves (server true, the default)`,
    );
  }
  if (client === server) throw new Error(`connectTo from ${names}: a service cannot connect to itself`);
  // The rules go into the stack that depends on the other's (a service in a stack of its own depends on the
  // environment's stack): the client's, unless the server's stack already depends on it.
  const clientStack = Stack.of(client);
  const serverStack = Stack.of(server);
  const serverStackFirst =
    clientStack !== serverStack &&
    (serverStack.dependencies.includes(clientStack) || Stack.of(server.cluster) === clientStack);
  // Where the server already waits for the client (they call each other), its side holds the rules too.
  const mutual = dependsOn(server, client);
  const owner = serverStackFirst || mutual ? server : client;
  const id = `ServiceConnect${Names.uniqueId(client)}To${Names.uniqueId(server)}`;
  if (owner.node.tryFindChild(`${id}In`)) return to.endpoint.url;
  const [clientGroup] = client.connections.securityGroups;
  const [serverGroup] = server.connections.securityGroups;
  const port = { ipProtocol: 'tcp', fromPort: to.securityGroupPort, toPort: to.securityGroupPort };
  new ec2.CfnSecurityGroupIngress(owner, `${id}In`, {
    ...port,
    groupId: serverGroup.securityGroupId,
    sourceSecurityGroupId: clientGroup.securityGroupId,
    description: `Service Connect from ${clientName}`,
  });
  new ec2.CfnSecurityGroupEgress(owner, `${id}Out`, {
    ...port,
    groupId: clientGroup.securityGroupId,
    destinationSecurityGroupId: serverGroup.securityGroupId,
    description: `Service Connect to ${serverName}`,
  });
  if (serverStackFirst) {
    Annotations.of(client).addWarningV2(
      'secure-fargate:service-connect-order',
      `'${serverName}' is in a stack that depends on this service's stack: CloudFormation creates this service first, so it reaches '${serverName}' only after its next deployment`,
    );
  } else if (mutual) {
    Annotations.of(client).addWarningV2(
      'secure-fargate:service-connect-cycle',
      `This service and '${serverName}' call each other: CloudFormation can create only one of them first, so the one created first reaches the other only after its next deployment`,
    );
  } else {
    client.node.addDependency(server);
  }
  return to.endpoint.url;
}

/** Whether `a` already depends on `b`, directly or through the services it depends on. */
function dependsOn(a: Construct, b: Construct, seen = new Set<Construct>()): boolean {
  if (seen.has(a)) return false;
  seen.add(a);
  return a.node.dependencies.some((d) => d === b || dependsOn(d, b, seen));
}
