/**
 * The main job: synthesizes the example app into cdk.out/ and prints what was built, read from the
 * synthesized template.
 */
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { buildExampleStack } from './app';
import { CostEstimate, SecureFargateWebService } from '../src';

/** Which layer each building block of SecureFargateWebService belongs to, by its construct id. */
const LAYER_OF_BLOCK: Record<string, string> = {
  Network: 'network',
  LoadBalancer: 'edge',
  Domain: 'edge',
  Firewall: 'edge',
  CloudFront: 'edge',
  Service: 'service',
  Scaling: 'scaling',
  Alerts: 'observability',
  Alarms: 'observability',
  Dashboard: 'observability',
  Audit: 'observability',
};
const LAYERS = ['network', 'edge', 'service', 'scaling', 'observability'];

interface TemplateResource {
  readonly Type: string;
  readonly Metadata?: { readonly 'aws:cdk:path'?: string };
}

/** The layer of one resource: by its type for scaling, else by the building block that made it. */
export function layerOf(resource: TemplateResource): string {
  if (resource.Type.startsWith('AWS::ApplicationAutoScaling::')) return 'scaling';
  const segments = (resource.Metadata?.['aws:cdk:path'] ?? '').split('/');
  for (const segment of segments) {
    if (LAYER_OF_BLOCK[segment]) return LAYER_OF_BLOCK[segment];
  }
  // Stack-level helpers: the provider that empties the default security group serves the network.
  if (segments.some((s) => s.startsWith('Custom::VpcRestrictDefaultSG'))) return 'network';
  return 'other';
}

/** Counts a template's resources per layer. */
export function countByLayer(resources: Record<string, TemplateResource>): Map<string, number> {
  const counts = new Map<string, number>(LAYERS.map((l) => [l, 0]));
  for (const resource of Object.values(resources)) {
    const layer = layerOf(resource);
    counts.set(layer, (counts.get(layer) ?? 0) + 1);
  }
  return counts;
}

/**
 * Reads `-c key=value` / `--context key=value` arguments, as the CDK CLI takes them, into context.
 */
export function parseContextArgs(args: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const inline = /^--context=(.*)$/.exec(arg);
    const pair = inline ? inline[1] : arg === '-c' || arg === '--context' ? args[++i] : undefined;
    const m = pair === undefined ? null : /^([^=]+)=(.*)$/.exec(pair);
    if (!m) {
      throw new Error(`Unexpected argument '${arg}'; usage: npx projen example [-c key=value ...]`);
    }
    context[m[1]] = m[2];
  }
  return context;
}

/** The example service's estimated monthly cost, per component, as text lines. */
export function costLines(stack: Stack): string[] {
  const web = stack.node.findAll().find((c): c is SecureFargateWebService => c instanceof SecureFargateWebService);
  if (!web) return ['Estimated monthly cost: no SecureFargateWebService in the stack'];
  const estimate = web.costEstimate();
  const usd = (n: number) => `$${n.toFixed(2)}`.padStart(10);
  const lines = [
    `Estimated monthly cost (us-west-2 list prices as of ${CostEstimate.PRICES_AS_OF}; assumptions in the README)`,
  ];
  for (const line of estimate.lines.filter((l) => l.monthlyUsd > 0)) {
    lines.push(`  ${line.component.padEnd(34)} ${usd(line.monthlyUsd)}  ${line.basis}`);
  }
  lines.push(`  ${'total'.padEnd(34)} ${usd(estimate.totalMonthlyUsd)}`);
  return lines;
}

function main(): void {
  const outdir = path.resolve(process.cwd(), 'cdk.out');
  const context = parseContextArgs(process.argv.slice(2));
  const app = new App({ outdir, context: { ...context, [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true } });
  const stack = buildExampleStack(app);
  const assembly = app.synth();
  const artifact = assembly.getStackArtifact(stack.artifactId);
  const resources: Record<string, TemplateResource> = artifact.template.Resources ?? {};
  const counts = countByLayer(resources);

  const lines: string[] = [];
  lines.push(`Synthesized ${artifact.stackName}: ${Object.keys(resources).length} resources`);
  lines.push('');
  lines.push('  Layer           Resources');
  for (const [layer, count] of counts) {
    if (layer === 'other' && count === 0) continue;
    lines.push(`  ${layer.padEnd(15)} ${String(count).padStart(9)}`);
  }
  lines.push('');
  lines.push(...costLines(stack));
  lines.push('');
  lines.push(`Template: ${path.relative(process.cwd(), artifact.templateFullPath)}`);
  const warnings = artifact.messages.filter((m) => m.level !== 'info');
  lines.push(`Warnings: ${warnings.length === 0 ? 'none' : warnings.length}`);
  for (const w of warnings) {
    lines.push(`  [${w.level}] ${w.id}: ${String(w.entry.data)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

if (require.main === module) {
  main();
}
