/**
 * The README's architecture diagram (its ```mermaid block) against the template of the smallest example.
 *
 * Every node of the diagram, and every subgraph, names the CloudFormation resource type it stands for, as the
 * last line of its label: `LoadBalancer["Application Load Balancer<br/>AWS::ElasticLoadBalancingV2::LoadBalancer"]`.
 * Only the nodes outside AWS (EXTERNAL) name none. The test reads those types back and holds them against the
 * synthesized default `SecureFargateWebService`: a type the template lacks, or a resource of the required list
 * that the diagram leaves out, fails here, and so does a node written in another form (which would escape the
 * check).
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
function parseDiagram(diagram: string): { nodes: DiagramNode[]; problems: string[] } {
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
  return { nodes, problems };
}

describe("the README's architecture diagram", () => {
  const { nodes, problems } = parseDiagram(mermaidBlock(fs.readFileSync(README, 'utf-8')));
  const resources = Object.values(build().template.toJSON().Resources as Record<string, { Type: string }>);
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

  test('finds no diagram where there is none', () => {
    expect(() => mermaidBlock('# Title\n\n```ts\nconst a = 1;\n```\n')).toThrow(/found 0/);
  });
});
