/**
 * The README's architecture diagram (its ```mermaid block) against the template of the smallest example.
 *
 * Every node of the diagram, and every subgraph, names the CloudFormation resource type it stands for, as the
 * last line of its label: `LoadBalancer["Application Load Balancer<br/>AWS::ElasticLoadBalancingV2::LoadBalancer"]`.
 * Only the nodes outside AWS (EXTERNAL) name none. The test reads those types back and holds them against the
 * synthesized default `SecureFargateWebService`: a type the template lacks, or a resource of the required list
 * that the diagram leaves out, fails here, and so does a node written in another form (which would escape the
 * check). Every edge between two resources must be one the template shows (EDGES says how: a reference, a
 * resource joining the two, or a route from a subnet); every edge to or from the world outside AWS is one the
 * template makes true (EXTERNAL_EDGES); every node sits in the subgraph PARENTS names, and the template agrees (what
 * the Public and Private subgraphs hold sits in subnets that route to the internet gateway or to a NAT gateway);
 * and the labels' numbers and settings are read back from the template.
 */
import * as fs from 'fs';
import * as path from 'path';
import { build } from './web-service-fixture';

const README = path.join(__dirname, '..', 'README.md');

/** Nodes that stand for no resource of the stack: who sends requests, and where outbound traffic goes. */
const EXTERNAL = ['Client', 'Internet'];

/** What the default service creates that the diagram must show. */
const REQUIRED = [
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::ECS::Cluster',
  'AWS::EC2::NatGateway',
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::WAFv2::WebACL',
  'AWS::Logs::LogGroup',
  'AWS::CloudWatch::Alarm',
  'AWS::SNS::Topic',
  'AWS::CloudWatch::Dashboard',
  'AWS::EC2::FlowLog',
  'AWS::KMS::Key',
];

/** A resource type, the last line of a node's label. */
const RESOURCE_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

/** Words of Mermaid's flowchart syntax, which are no node ids. */
const KEYWORDS = new Set(['flowchart', 'graph', 'TB', 'TD', 'BT', 'LR', 'RL', 'subgraph', 'end', 'direction']);

interface DiagramNode {
  readonly id: string;
  readonly label: string;
  /** The resource type its label ends with, if any. */
  readonly type?: string;
}

interface DiagramEdge {
  readonly from: string;
  readonly to: string;
}

type Resources = Record<string, { Type: string; Properties?: unknown; DependsOn?: string | string[] }>;

/** The text of the README's Mermaid block. */
function mermaidBlock(markdown: string): string {
  const blocks = [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  if (blocks.length !== 1) throw new Error(`expected one mermaid block in the README, found ${blocks.length}`);
  return blocks[0];
}

/**
 * The nodes and subgraphs that the diagram declares with a label (`Id["..."]`, `Id(["..."])`, `subgraph Id["..."]`),
 * and the problems of the diagram's form: labels without quotes, and ids used in edges but never declared.
 */
function parseDiagram(diagram: string): {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  parents: Map<string, string>;
  edgeLabels: Map<string, string>;
  problems: string[];
} {
  const problems: string[] = [];
  const body = diagram
    .split('\n')
    .filter((line) => !line.trim().startsWith('%%'))
    .join('\n');
  const declaration =
    /\b([A-Za-z][A-Za-z0-9_]*)(\(\[|\[\[|\[\(|\(\(|\[|\(|\{\{|\{)"([^"]*)"(\]\)|\]\]|\)\]|\)\)|\]|\)|\}\}|\})/g;
  const nodes: DiagramNode[] = [];
  for (const m of body.matchAll(declaration)) {
    const lines = m[3].split(/<br\s*\/?>/);
    const last = lines[lines.length - 1].trim();
    nodes.push({ id: m[1], label: m[3], type: RESOURCE_TYPE.test(last) ? last : undefined });
  }
  // What is left once declarations, edge labels and arrows are gone: ids and keywords only.
  const rest = body
    .replace(declaration, ' $1 ')
    .replace(/\|[^|\n]*\|/g, ' ')
    .replace(/[-.=<>]{2,}/g, ' ')
    .replace(/&/g, ' ');
  if (/["[\](){}]/.test(rest)) {
    problems.push(`a node label in another form than Id["..."]: ${rest.match(/.*["[\](){}].*/)?.[0].trim()}`);
  }
  const declared = new Set(nodes.map((n) => n.id));
  for (const word of rest.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []) {
    if (!KEYWORDS.has(word) && !declared.has(word)) problems.push(`'${word}' is used but never declared with a label`);
  }
  for (const id of new Set(nodes.map((n) => n.id))) {
    const labels = new Set(nodes.filter((n) => n.id === id).map((n) => n.label));
    if (labels.size > 1) problems.push(`'${id}' is declared with ${labels.size} different labels`);
  }
  // Which subgraph each node and subgraph is declared in: `subgraph Id[...]` opens one, `end` closes it.
  const parents = new Map<string, string>();
  const open: string[] = [];
  for (const line of body.split('\n')) {
    const ids = [...line.matchAll(declaration)].map((m) => m[1]);
    if (open.length > 0) ids.forEach((id) => parents.set(id, open[open.length - 1]));
    if (/^\s*subgraph\b/.test(line)) open.push(ids[0]!);
    if (/^\s*end\s*$/.test(line) && open.pop() === undefined) problems.push("an 'end' without its subgraph");
  }
  if (open.length > 0) problems.push(`subgraph ${open.join(', ')} without its 'end'`);
  const edgeLabels = new Map<string, string>();
  for (const m of body.matchAll(/\b([A-Za-z][A-Za-z0-9_]*)\s*[-.=]+>\|([^|\n]*)\|\s*([A-Za-z][A-Za-z0-9_]*)/g)) {
    edgeLabels.set(`${m[1]}-${m[3]}`, m[2]);
  }
  const edges: DiagramEdge[] = [];
  for (const line of rest.split('\n')) {
    const ids = line.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [];
    if (ids.length < 2 || KEYWORDS.has(ids[0]!)) continue;
    for (let i = 1; i < ids.length; i++) edges.push({ from: ids[i - 1], to: ids[i] });
  }
  return { nodes, edges, parents, edgeLabels, problems };
}

/**
 * The resources each resource references (Ref, Fn::GetAtt, DependsOn) and is referenced by: the template's
 * references as an undirected graph.
 */
function referenceGraph(resources: Resources): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>(Object.keys(resources).map((id) => [id, new Set<string>()]));
  const link = (a: string, b: string) => {
    if (a === b || !graph.has(b)) return;
    graph.get(a)!.add(b);
    graph.get(b)!.add(a);
  };
  const visit = (id: string, value: unknown): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(id, v));
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') link(id, inner);
      else if (key === 'Fn::GetAtt') link(id, Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0]);
      else visit(id, inner);
    }
  };
  for (const [id, resource] of Object.entries(resources)) {
    visit(id, resource.Properties);
    for (const dependency of [resource.DependsOn ?? []].flat()) link(id, dependency);
  }
  return graph;
}

/**
 * How the template shows an edge of the diagram between two resource types: one of them references the other
 * (`direct`), both are joined by a resource of another type (`via`), or traffic flows through the route tables of
 * the subnets the first sits in to the second (`route`).
 */
type Evidence = { readonly direct: true } | { readonly via: string } | { readonly route: true };

/** The ids of the resources of a type. */
function idsOf(resources: Resources, type: string): string[] {
  return Object.keys(resources).filter((id) => resources[id].Type === type);
}

/** Whether the template shows an edge between a resource of type `a` and one of type `b` as `evidence` says. */
function shows(resources: Resources, graph: Map<string, Set<string>>, a: string, b: string, evidence: Evidence) {
  const as = idsOf(resources, a);
  const bs = new Set(idsOf(resources, b));
  if ('direct' in evidence) return as.some((id) => [...graph.get(id)!].some((n) => bs.has(n)));
  if ('via' in evidence) {
    return idsOf(resources, evidence.via).some(
      (via) => as.some((id) => graph.get(via)!.has(id)) && [...graph.get(via)!].some((n) => bs.has(n)),
    );
  }
  return routesTo(resources, graph, as, bs) || routesTo(resources, graph, [...bs], new Set(as));
}

/** Whether a resource of `from` sits in a subnet whose route table routes to (or is served by) one of `to`. */
function routesTo(resources: Resources, graph: Map<string, Set<string>>, from: string[], to: Set<string>): boolean {
  const neighbours = (id: string, type: string) => [...graph.get(id)!].filter((n) => resources[n].Type === type);
  const subnets = new Set(from.flatMap((id) => neighbours(id, 'AWS::EC2::Subnet')));
  const tables = idsOf(resources, 'AWS::EC2::SubnetRouteTableAssociation')
    .filter((assoc) => [...graph.get(assoc)!].some((n) => subnets.has(n)))
    .flatMap((assoc) => neighbours(assoc, 'AWS::EC2::RouteTable'));
  const targets = tables.flatMap((table) => [
    ...neighbours(table, 'AWS::EC2::Route').flatMap((route) => [...graph.get(route)!]),
    ...graph.get(table)!,
  ]);
  return targets.some((n) => to.has(n));
}

/**
 * How the template shows each edge of the diagram between two resources, by the ids of the diagram. An edge the
 * diagram draws must be in this table (and the table holds no edge the diagram lacks).
 */
const EDGES: Record<string, Evidence> = {
  'Records-LoadBalancer': { direct: true },
  'Gateway-LoadBalancer': { route: true },
  'WebAcl-LoadBalancer': { via: 'AWS::WAFv2::WebACLAssociation' },
  'LoadBalancer-Http': { direct: true },
  'LoadBalancer-Https': { direct: true },
  'Certificate-Https': { direct: true },
  'Https-Rule': { direct: true },
  'Rule-TargetGroup': { direct: true },
  'TargetGroup-Service': { direct: true },
  'Service-Nat': { route: true },
  'Nat-Gateway': { route: true },
  'Service-Endpoint': { route: true },
  'Cluster-Service': { direct: true },
  'TaskDefinition-Service': { direct: true },
  'Scaling-Service': { direct: true },
  'LoadBalancer-AccessLogs': { direct: true },
  'Service-LogGroups': { via: 'AWS::ECS::TaskDefinition' },
  'FlowLog-LogGroups': { direct: true },
  'WebAcl-LogGroups': { via: 'AWS::WAFv2::LoggingConfiguration' },
  'Keys-LogGroups': { direct: true },
  'Keys-Topics': { direct: true },
  'Alarms-Topics': { direct: true },
  'Dashboard-Alarms': { direct: true },
};

/**
 * Where each node sits in the diagram: the subgraph it is drawn in (`undefined`: outside every subgraph). The diagram
 * must place its nodes as this table says, and the template must agree with the table: what sits in `Public` or
 * `Private` lives in subnets whose route tables route to the internet gateway or to a NAT gateway, and what sits in
 * the `Vpc` links to the VPC as IN_VPC says.
 */
const PARENTS: Record<string, string | undefined> = {
  Client: undefined,
  Internet: undefined,
  Records: undefined,
  Certificate: undefined,
  WebAcl: undefined,
  Vpc: undefined,
  Gateway: 'Vpc',
  Public: 'Vpc',
  LoadBalancer: 'Public',
  Http: 'Public',
  Https: 'Public',
  Nat: 'Public',
  Rule: 'Vpc',
  TargetGroup: 'Vpc',
  Private: 'Vpc',
  Service: 'Private',
  Endpoint: 'Vpc',
  FlowLog: 'Vpc',
  Cluster: undefined,
  TaskDefinition: undefined,
  Scaling: undefined,
  AccessLogs: undefined,
  LogGroups: undefined,
  Keys: undefined,
  Alarms: undefined,
  Topics: undefined,
  Dashboard: undefined,
};

/** How the template links what the diagram draws inside the VPC (but in neither kind of subnet) to the VPC. */
const IN_VPC: Record<string, Evidence> = {
  Gateway: { via: 'AWS::EC2::VPCGatewayAttachment' },
  Public: { direct: true },
  Private: { direct: true },
  Rule: { via: 'AWS::ElasticLoadBalancingV2::TargetGroup' },
  TargetGroup: { direct: true },
  Endpoint: { direct: true },
  FlowLog: { direct: true },
};

/** What each kind of subnet routes its default IPv4 route to. */
const SUBNET_ROUTES: Record<string, string> = {
  Public: 'AWS::EC2::InternetGateway',
  Private: 'AWS::EC2::NatGateway',
};

/** The subnets a resource sits in: those it references, or those of the load balancer it belongs to. */
function subnetsOf(resources: Resources, graph: Map<string, Set<string>>, id: string): string[] {
  const neighbours = (of: string, type: string) => [...graph.get(of)!].filter((n) => resources[n].Type === type);
  const own = neighbours(id, 'AWS::EC2::Subnet');
  if (own.length > 0 || resources[id].Type === 'AWS::EC2::Subnet') return own;
  return neighbours(id, 'AWS::ElasticLoadBalancingV2::LoadBalancer').flatMap((lb) =>
    neighbours(lb, 'AWS::EC2::Subnet'),
  );
}

/** The resource types that the default IPv4 routes of a subnet's route table lead to (gateway or NAT gateway). */
function defaultRouteTargets(resources: Resources, graph: Map<string, Set<string>>, subnet: string): string[] {
  const tables = [...graph.get(subnet)!]
    .filter((n) => resources[n].Type === 'AWS::EC2::SubnetRouteTableAssociation')
    .flatMap((assoc) => [...graph.get(assoc)!].filter((n) => resources[n].Type === 'AWS::EC2::RouteTable'));
  return tables.flatMap((table) =>
    [...graph.get(table)!]
      .filter((n) => resources[n].Type === 'AWS::EC2::Route')
      .map((route) => resources[route].Properties as Record<string, any>)
      .filter((route) => route.DestinationCidrBlock === '0.0.0.0/0')
      .flatMap((route) => [route.GatewayId?.Ref, route.NatGatewayId?.Ref].filter((target) => target !== undefined))
      .map((target) => resources[target].Type),
  );
}

/**
 * The edges between the nodes outside AWS and the stack, and what in the template makes each true. An edge to or
 * from Client or Internet must be in this table (and the table holds no edge the diagram lacks).
 */
const EXTERNAL_EDGES: Record<string, (resources: Resources) => boolean> = {
  // Public alias records, A and AAAA, that lead to the load balancer.
  'Client-Records': (resources) =>
    ['A', 'AAAA'].every((type) =>
      Object.values(resources).some(
        (r) =>
          r.Type === 'AWS::Route53::RecordSet' &&
          (r.Properties as any).Type === type &&
          JSON.stringify((r.Properties as any).AliasTarget).includes('LoadBalancer'),
      ),
    ),
  // An internet-facing load balancer whose security group admits everyone on ports 80 and 443.
  'Client-Gateway': (resources) => {
    const values = Object.values(resources);
    const facing = values.some(
      (r) =>
        r.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && (r.Properties as any).Scheme === 'internet-facing',
    );
    const ingress = values
      .filter((r) => r.Type === 'AWS::EC2::SecurityGroup')
      .flatMap((r) => ((r.Properties as any).SecurityGroupIngress ?? []) as Array<Record<string, unknown>>);
    const open = (port: number) => ingress.some((rule) => rule.CidrIp === '0.0.0.0/0' && rule.FromPort === port);
    return facing && open(80) && open(443);
  },
  // The HTTP listener answers with a permanent redirect to HTTPS.
  'Http-Client': (resources) =>
    Object.values(resources).some(
      (r) =>
        r.Type === 'AWS::ElasticLoadBalancingV2::Listener' &&
        (r.Properties as any).Port === 80 &&
        (r.Properties as any).DefaultActions[0].RedirectConfig?.StatusCode === 'HTTP_301',
    ),
  // A default IPv4 route to the internet gateway.
  'Gateway-Internet': (resources) =>
    Object.values(resources).some(
      (r) =>
        r.Type === 'AWS::EC2::Route' &&
        (r.Properties as any).DestinationCidrBlock === '0.0.0.0/0' &&
        JSON.stringify((r.Properties as any).GatewayId ?? '').includes('IGW'),
    ),
};

/**
 * The words on the diagram's edges, by edge: each edge's label must be the one here (a label the table lacks
 * fails), and the edges and the labels' settings are checked against the template above and below.
 */
const EDGE_LABELS: Record<string, string> = {
  'Client-Records': 'resolves the domain',
  'Records-LoadBalancer': 'alias',
  'Client-Gateway': 'HTTP and HTTPS',
  'WebAcl-LoadBalancer': 'inspects every request',
  'Http-Client': '301 to HTTPS',
  'TargetGroup-Service': 'container port',
  'Service-Nat': 'outbound',
  'Service-Endpoint': 'image layers',
  'Scaling-Service': 'task count',
  'LoadBalancer-AccessLogs': 'access logs',
  'Service-LogGroups': 'stdout',
  'WebAcl-LogGroups': 'logs',
  'Keys-LogGroups': 'encrypt',
  'Keys-Topics': 'encrypt',
  'Alarms-Topics': 'notify',
  'Dashboard-Alarms': 'shows',
};

describe("the README's architecture diagram", () => {
  const { nodes, edges, parents, edgeLabels, problems } = parseDiagram(mermaidBlock(fs.readFileSync(README, 'utf-8')));
  const template = build().template.toJSON().Resources as Resources;
  const resources = Object.values(template);
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.Type, (counts.get(r.Type) ?? 0) + 1);
  const diagramTypes = nodes.filter((n) => n.type).map((n) => n.type!);

  test('is written in the form the test reads: quoted labels, every id declared', () => {
    expect(problems).toEqual([]);
    expect(nodes.length).toBeGreaterThanOrEqual(REQUIRED.length);
  });

  test('every node names a resource type, except the nodes outside AWS', () => {
    const untyped = nodes.filter((n) => !n.type).map((n) => n.id);
    expect(untyped.sort()).toEqual([...EXTERNAL].sort());
    for (const id of EXTERNAL) expect(nodes.find((n) => n.id === id)?.type).toBeUndefined();
  });

  test('every resource type in the diagram is in the template, no more often than the template has it', () => {
    const missing = [...new Set(diagramTypes)].filter((type) => !counts.has(type));
    expect(missing).toEqual([]);
    const tooMany = [...new Set(diagramTypes)].filter(
      (type) => diagramTypes.filter((t) => t === type).length > (counts.get(type) ?? 0),
    );
    expect(tooMany).toEqual([]);
  });

  test('every required resource type is in the diagram', () => {
    expect(REQUIRED.filter((type) => !diagramTypes.includes(type))).toEqual([]);
  });

  test('every edge between two resources is one the template shows: a reference, a joining resource or a route', () => {
    const graph = referenceGraph(template);
    const typeOf = (id: string) => nodes.find((n) => n.id === id)?.type;
    const internal = edges.filter((e) => typeOf(e.from) && typeOf(e.to));
    const keys = internal.map((e) => `${e.from}-${e.to}`);
    expect(keys.filter((key) => !EDGES[key])).toEqual([]);
    expect(Object.keys(EDGES).filter((key) => !keys.includes(key))).toEqual([]);
    const unshown = internal.filter(
      (e) => !shows(template, graph, typeOf(e.from)!, typeOf(e.to)!, EDGES[`${e.from}-${e.to}`]),
    );
    expect(unshown).toEqual([]);
  });

  test('every node sits where PARENTS says, and the template places it there', () => {
    const drawn = Object.fromEntries([...new Set(nodes.map((n) => n.id))].map((id) => [id, parents.get(id)]));
    expect(drawn).toEqual(PARENTS);
    const graph = referenceGraph(template);
    const typeOf = (id: string) => nodes.find((n) => n.id === id)!.type!;
    for (const [id, parent] of Object.entries(PARENTS)) {
      if (parent === 'Vpc') {
        expect([id, shows(template, graph, typeOf(id), 'AWS::EC2::VPC', IN_VPC[id])]).toEqual([id, true]);
      } else if (parent !== undefined) {
        // Every resource of the node's type sits only in subnets whose default route leads where the subgraph says.
        const targets = idsOf(template, typeOf(id)).flatMap((resource) => {
          const subnets = subnetsOf(template, graph, resource);
          return subnets.length === 0 ? ['no subnet'] : subnets.flatMap((s) => defaultRouteTargets(template, graph, s));
        });
        expect([id, [...new Set(targets)]]).toEqual([id, [SUBNET_ROUTES[parent]]]);
      }
    }
    expect(Object.keys(IN_VPC).sort()).toEqual(
      Object.keys(PARENTS)
        .filter((id) => PARENTS[id] === 'Vpc')
        .sort(),
    );
  });

  test('every edge to or from the world outside AWS is one the template makes true', () => {
    const external = edges.filter((e) => EXTERNAL.includes(e.from) || EXTERNAL.includes(e.to));
    const keys = external.map((e) => `${e.from}-${e.to}`);
    expect(keys.sort()).toEqual(Object.keys(EXTERNAL_EDGES).sort());
    expect(keys.filter((key) => !EXTERNAL_EDGES[key](template))).toEqual([]);
  });

  test("the edges' labels are those EDGE_LABELS lists", () => {
    expect(Object.fromEntries(edgeLabels)).toEqual(EDGE_LABELS);
  });

  test('the labels state what the template configures', () => {
    const label = (id: string) => nodes.find((n) => n.id === id)!.label;
    const only = <T>(type: string, pick: (p: Record<string, any>) => T) =>
      resources.filter((r) => r.Type === type).map((r) => pick(r.Properties as Record<string, any>));
    expect(label('Vpc')).toContain(only('AWS::EC2::VPC', (p) => p.CidrBlock)[0]);
    const listeners = only('AWS::ElasticLoadBalancingV2::Listener', (p) => p);
    const http = listeners.find((l) => l.Port === 80)!;
    expect(http.DefaultActions[0].RedirectConfig).toMatchObject({ Protocol: 'HTTPS', StatusCode: 'HTTP_301' });
    expect(label('Http')).toContain('port 80: HTTP 301 to HTTPS');
    expect(listeners.find((l) => l.Port === 443)!.SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(label('Https')).toContain('port 443: TLS 1.3 and 1.2');
    const [targetGroup] = only('AWS::ElasticLoadBalancingV2::TargetGroup', (p) => p);
    expect(label('TargetGroup')).toContain(
      `${targetGroup.TargetType.toUpperCase()} targets, health check ${targetGroup.HealthCheckPath}`,
    );
    const [scaling] = only('AWS::ApplicationAutoScaling::ScalableTarget', (p) => p);
    expect(label('Scaling')).toContain(`${scaling.MinCapacity} to ${scaling.MaxCapacity} tasks`);
    expect(counts.get('AWS::EC2::NatGateway')).toBe(2);
    expect(label('Nat')).toContain('one per Availability Zone');
    expect(label('Vpc')).toContain('two Availability Zones');
    expect(only('AWS::SNS::Topic', (p) => String(p.DisplayName ?? p.TopicName).toLowerCase()).sort()).toEqual([
      expect.stringContaining('critical'),
      expect.stringContaining('info'),
      expect.stringContaining('warning'),
    ]);
    expect(label('Topics')).toContain('critical, warning, info');
    expect(new Set(only('AWS::KMS::Key', (p) => p.EnableKeyRotation))).toEqual(new Set([true]));
    expect(label('Keys')).toContain('rotated yearly');
    expect(only('AWS::EC2::FlowLog', (p) => p.TrafficType)).toEqual(['ALL']);
    expect(label('FlowLog')).toContain('all traffic');
    expect(only('AWS::ECS::Cluster', (p) => p.ClusterSettings)[0]).toEqual([
      { Name: 'containerInsights', Value: expect.stringMatching(/^(enabled|enhanced)$/) },
    ]);
    expect(label('Cluster')).toContain('Container Insights');
    const [task] = only('AWS::ECS::TaskDefinition', (p) => p);
    expect(task.ContainerDefinitions[0]).toMatchObject({
      ReadonlyRootFilesystem: true,
      Privileged: false,
      User: '1000:1000',
      LinuxParameters: { Capabilities: { Drop: ['ALL'] } },
    });
    expect(label('TaskDefinition')).toContain('hardened container');
    const [endpoint] = only('AWS::EC2::VPCEndpoint', (p) => p);
    expect(endpoint.VpcEndpointType).toBe('Gateway');
    expect(JSON.stringify(endpoint.ServiceName)).toContain('.s3');
    expect(label('Endpoint')).toContain('S3 gateway endpoint');
    const [loadBalancer] = only('AWS::ElasticLoadBalancingV2::LoadBalancer', (p) => p);
    expect(loadBalancer.LoadBalancerAttributes).toContainEqual({ Key: 'access_logs.s3.enabled', Value: 'true' });
    expect(label('AccessLogs')).toContain('Access log bucket');
    const [service] = only('AWS::ECS::Service', (p) => p);
    expect(service.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    expect(label('Service')).toContain('tasks without public IPs');
    expect(service.DeploymentConfiguration.Alarms).toMatchObject({ Enable: true, Rollback: true });
    expect(service.DeploymentConfiguration.Alarms.AlarmNames.length).toBeGreaterThan(0);
    expect(label('Alarms')).toContain('the critical ones roll deployments back');
    const [webAcl] = only('AWS::WAFv2::WebACL', (p) => p);
    const statements = webAcl.Rules.map((rule: any) => rule.Statement);
    expect(statements.filter((st: any) => st.ManagedRuleGroupStatement).length).toBeGreaterThan(0);
    expect(statements.filter((st: any) => st.RateBasedStatement?.AggregateKeyType === 'IP')).toHaveLength(1);
    expect(label('WebAcl')).toContain('managed rules, per-IP rate limit');
    const [rule] = only('AWS::ElasticLoadBalancingV2::ListenerRule', (p) => p);
    expect(rule.Conditions).toEqual([{ Field: 'host-header', HostHeaderConfig: { Values: ['app.example.com'] } }]);
    expect(listeners.find((l) => l.Port === 443)!.DefaultActions[0].FixedResponseConfig.StatusCode).toBe('404');
    expect(label('Rule')).toContain('the domain, anything else 404');
    expect(only('AWS::Route53::RecordSet', (p) => p.Type).sort()).toEqual(['A', 'AAAA']);
    expect(label('Records')).toContain('A and AAAA');
    expect(only('AWS::CertificateManager::Certificate', (p) => p.ValidationMethod)).toEqual(['DNS']);
    expect(label('Certificate')).toContain('validated through DNS');
    expect(counts.get('AWS::Logs::LogGroup')).toBe(3);
    expect(label('LogGroups')).toContain('container, flow log, AWS WAF');
  });

  test('the required resource types are what the default service creates', () => {
    // A required type the template lost would make the diagram test above pass for the wrong reason.
    expect(REQUIRED.filter((type) => !counts.has(type))).toEqual([]);
  });
});

describe('the diagram parser', () => {
  test('reads a node, its label and its resource type', () => {
    const { nodes, problems } = parseDiagram(
      'flowchart TB\n  A(["Client"])\n  B["Load balancer<br/>AWS::ElasticLoadBalancingV2::LoadBalancer"]\n  A -->|HTTPS| B\n',
    );
    expect(problems).toEqual([]);
    expect(nodes).toEqual([
      { id: 'A', label: 'Client', type: undefined },
      {
        id: 'B',
        label: 'Load balancer<br/>AWS::ElasticLoadBalancingV2::LoadBalancer',
        type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      },
    ]);
  });

  test.each([
    ['an unquoted label', 'flowchart TB\n  A[Load balancer]\n', /another form/],
    [
      'an id never declared',
      'flowchart TB\n  A["x<br/>AWS::S3::Bucket"]\n  A --> Typo\n',
      /'Typo' is used but never declared/,
    ],
    [
      'one id with two labels',
      'flowchart TB\n  A["x<br/>AWS::S3::Bucket"]\n  A["y<br/>AWS::SNS::Topic"]\n',
      /declared with 2 different labels/,
    ],
  ])('refuses %s', (_what, diagram, message) => {
    expect(parseDiagram(diagram).problems.join('\n')).toMatch(message);
  });

  test('finds an edge in the template only where a reference, a joining resource or a route shows it', () => {
    const resources: Resources = {
      Vpc: { Type: 'AWS::EC2::VPC' },
      Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' } } },
      Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      Assoc: {
        Type: 'AWS::EC2::SubnetRouteTableAssociation',
        Properties: { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Table' } },
      },
      Nat: { Type: 'AWS::EC2::NatGateway' },
      Route: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, NatGatewayId: { Ref: 'Nat' } } },
      Service: { Type: 'AWS::ECS::Service', Properties: { Subnets: [{ Ref: 'Subnet' }], Task: { Ref: 'Task' } } },
      Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Logs: { 'Fn::GetAtt': ['Logs', 'Arn'] } } },
      Logs: { Type: 'AWS::Logs::LogGroup' },
      Topic: { Type: 'AWS::SNS::Topic' },
    };
    const graph = referenceGraph(resources);
    const check = (a: string, b: string, evidence: Evidence) => shows(resources, graph, a, b, evidence);
    expect(check('AWS::ECS::Service', 'AWS::ECS::TaskDefinition', { direct: true })).toBe(true);
    expect(check('AWS::ECS::Service', 'AWS::Logs::LogGroup', { direct: true })).toBe(false);
    expect(check('AWS::ECS::Service', 'AWS::Logs::LogGroup', { via: 'AWS::ECS::TaskDefinition' })).toBe(true);
    expect(check('AWS::ECS::Service', 'AWS::SNS::Topic', { via: 'AWS::ECS::TaskDefinition' })).toBe(false);
    expect(check('AWS::ECS::Service', 'AWS::EC2::NatGateway', { route: true })).toBe(true);
    expect(check('AWS::EC2::NatGateway', 'AWS::ECS::Service', { route: true })).toBe(true);
    expect(check('AWS::Logs::LogGroup', 'AWS::EC2::NatGateway', { route: true })).toBe(false);
  });

  test('finds no diagram where there is none', () => {
    expect(() => mermaidBlock('# Title\n\n```ts\nconst a = 1;\n```\n')).toThrow(/found 0/);
  });
});
