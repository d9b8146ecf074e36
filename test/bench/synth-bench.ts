/**
 * The synthesis benchmark (`npx projen bench`). In one process, alternating the cases run by run after a
 * warm-up, it builds and synthesizes:
 *   (a) the example's SecureFargateWebService on its defaults;
 *   (b) aws-cdk-lib's ApplicationLoadBalancedFargateService with the same image, port, size, domain and redirect;
 *   (c) 1, 5, 10 and 25 services in one WebServiceEnvironment: its stack, and one stack per service;
 * with aws-cdk-lib's built-in CloudFormation validation off, and on where the installed aws-cdk-lib has it.
 * It prints a markdown report and writes it into its own section of docs/benchmark.md.
 *
 * Options: --runs=5 --warmup=1 --services=1,5,10,25 --label=installed (the section it replaces)
 * --out=docs/benchmark.md --repo=. (the checkout it reports on) --fresh-clone (also time the README's
 * commands in a clone of --repo; several minutes) --example-seconds=N --suite-seconds=N (record those
 * times as measured elsewhere, e.g. by CI).
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { App, AppProps, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { buildExampleStack, EXAMPLE_DEFAULTS as EXAMPLE } from '../../examples/app';
import { SecureFargateWebService, WebServiceEnvironment } from '../../src';

const options = new Map<string, string>();
for (const arg of process.argv.slice(2)) {
  const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
  if (!m) throw new Error(`Unexpected argument '${arg}'; usage: npx projen bench [--runs=N] [--fresh-clone] ...`);
  options.set(m[1], m[2] ?? 'true');
}
const option = (name: string, fallback: string) => options.get(name) ?? fallback;
const RUNS = Number(option('runs', '5'));
const WARMUP = Number(option('warmup', '1'));
const SERVICE_COUNTS = option('services', '1,5,10,25').split(',').map(Number);
const LABEL = option('label', 'installed');
const OUT = path.resolve(option('out', 'docs/benchmark.md'));
const REPO = path.resolve(option('repo', '.'));
const LOAD_AT_START = os.loadavg()[0];
const CDK_DIR = path.dirname(require.resolve('aws-cdk-lib/package.json'));
const CDK_VERSION: string = JSON.parse(fs.readFileSync(path.join(CDK_DIR, 'package.json'), 'utf-8')).version;

/** The Lambda-backed custom resources that a security control needs, and the control. */
const SECURITY_CONTROLS: Record<string, string> = {
  'Custom::VpcRestrictDefaultSG': "removes the rules of the VPC's default security group",
};

interface Case {
  readonly name: string;
  readonly services: number;
  build(app: App): void;
}

const image = () => ecs.ContainerImage.fromRegistry(EXAMPLE.image);
const zone = (stack: Stack) =>
  route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: EXAMPLE.hostedZoneId,
    zoneName: EXAMPLE.zoneName,
  });

/** (b): the example's service as aws-cdk-lib's pattern builds it. */
function buildPattern(app: App): void {
  const stack = new Stack(app, 'PatternBaseline');
  new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Service', {
    taskImageOptions: { image: image(), containerPort: EXAMPLE.containerPort },
    cpu: 256,
    memoryLimitMiB: 512,
    desiredCount: 2,
    domainName: EXAMPLE.domainName,
    domainZone: zone(stack),
    protocol: elbv2.ApplicationProtocol.HTTPS,
    redirectHTTP: true,
  });
}

/** (c): the environment's stack and one stack per service, each service routed by its own host name. */
function buildShared(app: App, services: number): void {
  const shared = new Stack(app, 'Shared');
  const environment = new WebServiceEnvironment(shared, 'Environment', {
    domainName: `*.${EXAMPLE.zoneName}`,
    hostedZone: zone(shared),
  });
  for (let i = 0; i < services; i++) {
    SecureFargateWebService.inEnvironment(new Stack(app, `Service${i}`), 'WebService', environment, {
      image: image(),
      containerPort: EXAMPLE.containerPort,
      healthCheckPath: EXAMPLE.healthCheckPath,
      environment: { WHOAMI_PORT_NUMBER: String(EXAMPLE.containerPort) },
      route: { hostHeaders: [`s${i}.${EXAMPLE.zoneName}`], rulePriority: i + 1 },
    });
  }
}

const BASELINE: Case = { name: '(b) ApplicationLoadBalancedFargateService', services: 1, build: buildPattern };
const SHARED: Case[] = SERVICE_COUNTS.map((n) => ({
  name: `(c) ${n} service${n > 1 ? 's' : ''}, shared environment`,
  services: n,
  build: (app: App) => buildShared(app, n),
}));
const CASES: Case[] = [
  { name: '(a) SecureFargateWebService', services: 1, build: buildExampleStack },
  BASELINE,
  ...SHARED,
];

/** Whether the installed aws-cdk-lib's App reads `builtinCloudFormationValidation` (newer than 2.257.0 do). */
function hasBuiltinValidation(): boolean {
  return fs
    .readFileSync(path.join(CDK_DIR, 'core', 'lib', 'app.d.ts'), 'utf-8')
    .includes('builtinCloudFormationValidation');
}
const VALIDATION = hasBuiltinValidation() && process.env.CDK_VALIDATION !== 'false';
const MODES = VALIDATION ? [false, true] : [false];

interface Sample {
  readonly ms: number;
  readonly stacks: number;
  readonly resources: number;
  readonly customResources: string[];
  readonly bytes: number;
}
type Resources = Record<string, { Type: string; Properties?: { ServiceToken?: unknown } }>;

/** The types of the custom resources whose service token is a Lambda function's ARN. */
function lambdaBackedCustomResources(resources: Resources): string[] {
  const isLambda = (token: unknown): boolean => {
    const getAtt = (token as { 'Fn::GetAtt'?: string[] } | undefined)?.['Fn::GetAtt'];
    if (getAtt) return resources[getAtt[0]]?.Type === 'AWS::Lambda::Function';
    return JSON.stringify(token ?? '').includes(':lambda:');
  };
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::CloudFormation::CustomResource' || r.Type.startsWith('Custom::'))
    .filter((r) => isLambda(r.Properties?.ServiceToken))
    .map((r) => r.Type);
}

/**
 * The built-in validation's engine: one per process, rebuilt when a template brings resource types it has not
 * loaded. Each run with validation on starts a new one, as one `cdk synth` does, whichever case ran before.
 */
const validationPlugin = (cdk as unknown as { CloudFormationValidatePlugin?: { _disposeSingleton?(): void } })
  .CloudFormationValidatePlugin;

/** Builds and synthesizes one case into a temporary directory; the time covers construction and synthesis. */
function runOnce(c: Case, validation: boolean): Sample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfws-bench-'));
  if (validation) validationPlugin?._disposeSingleton?.();
  try {
    const start = process.hrtime.bigint();
    const app = new App({ outdir, ...({ builtinCloudFormationValidation: validation } as AppProps) });
    c.build(app);
    const assembly = app.synth();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const resources = assembly.stacks.map((s) => (s.template.Resources ?? {}) as Resources);
    return {
      ms,
      stacks: assembly.stacks.length,
      resources: resources.reduce((sum, r) => sum + Object.keys(r).length, 0),
      customResources: resources.flatMap(lambdaBackedCustomResources),
      bytes: assembly.stacks.reduce((sum, s) => sum + fs.statSync(s.templateFullPath).size, 0),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Runs every case in every mode, round by round (a, b, c1, c5, ... then again); warm-up rounds are dropped. */
function measure(): Map<string, Sample[]> {
  const samples = new Map<string, Sample[]>();
  for (let round = 1; round <= WARMUP + RUNS; round++) {
    for (const c of CASES) {
      for (const validation of MODES) {
        const sample = runOnce(c, validation);
        const key = `${c.name}|${validation}`;
        if (round > WARMUP) samples.set(key, [...(samples.get(key) ?? []), sample]);
      }
    }
    console.error(`round ${round}/${WARMUP + RUNS}${round <= WARMUP ? ' (warm-up)' : ''} done`);
  }
  return samples;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
};
const round = (x: number) => `${Math.round(x)}`;
const spread = (xs: number[]) => `${round(median(xs))} (${round(Math.min(...xs))}–${round(Math.max(...xs))})`;
const seconds = (since: bigint) => (Number(process.hrtime.bigint() - since) / 1e9).toFixed(0);

/** Times the README's commands in a fresh clone of the repository, in seconds. */
function freshClone(): { example: string; suite: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfws-clone-'));
  const run = (command: string) => execSync(command, { cwd: dir, stdio: ['ignore', 2, 2] });
  try {
    execSync(`git clone --quiet ${JSON.stringify(REPO)} ${JSON.stringify(dir)}`, { stdio: ['ignore', 2, 2] });
    let start = process.hrtime.bigint();
    run('npm ci && npx projen example');
    const example = seconds(start);
    start = process.hrtime.bigint();
    run('npx projen build && npx projen test:consumers && npx projen test:latest-cdk');
    return { example, suite: seconds(start) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The checkout's commit, marked `-dirty` when tracked files have changed. */
function commit(): string {
  try {
    return execSync('git describe --always --dirty', { cwd: REPO, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** The report for the installed aws-cdk-lib: the tables, the targets and the machine. */
function report(samples: Map<string, Sample[]>, clone?: { example: string; suite: string }): string {
  const times = (c: Case, v: boolean) => samples.get(`${c.name}|${v}`)!.map((s) => s.ms);
  const facts = (c: Case) => samples.get(`${c.name}|false`)![0];
  const ratio = (c: Case, v: boolean) => median(times(c, v)) / c.services / median(times(BASELINE, v));
  const onOff = (f: (v: boolean) => string, none: string) => `${f(false)} | ${VALIDATION ? f(true) : none}`;
  const none = `n/a (aws-cdk-lib ${CDK_VERSION} has none)`;
  const lines = [
    `## aws-cdk-lib ${CDK_VERSION} (${LABEL})`,
    '',
    `Construct + synth time in ms: median (min–max) of ${RUNS} runs after ${WARMUP} warm-up round(s), the cases ` +
      'alternating run by run, each synthesized into a temporary directory; with validation on, each run starts the ' +
      'validation engine afresh, as one `cdk synth` does. Ratio: time per service / time of (b). ' +
      '(c) puts the environment in one stack and each service in a stack of its own (25 services and their environment ' +
      "exceed one stack's 500 resources) and synthesizes the whole app. Library at commit " +
      `\`${commit()}\`.`,
    '',
    '| Case | Stacks | Validation off | Ratio | Validation on | Ratio | Resources | Lambda-backed custom resources | Template bytes |',
    '|---|--:|--:|--:|--:|--:|--:|---|--:|',
  ];
  for (const c of CASES) {
    const { stacks, resources, customResources: crs, bytes } = facts(c);
    const types = [...new Set(crs)].map((t) => `${t} ×${crs.filter((x) => x === t).length}`).join(', ');
    const cells = onOff((v) => `${spread(times(c, v))} | ${ratio(c, v).toFixed(2)}`, `${none} | n/a`);
    lines.push(
      `| ${c.name} | ${stacks} | ${cells} | ${resources} | ${crs.length}${types ? `: ${types}` : ''} | ${bytes} |`,
    );
  }

  // (c) step by step: what each step adds, per service it adds.
  const added = (c: Case, i: number, f: (x: Case) => number) =>
    i === 0 ? f(c) / c.services : (f(c) - f(SHARED[i - 1])) / (c.services - SHARED[i - 1].services);
  const addedMs = (v: boolean) => SHARED.map((c, i) => added(c, i, (x) => median(times(x, v))));
  const addedResources = SHARED.map((c, i) => added(c, i, (x) => facts(x).resources));
  lines.push('', '(c) per service: what each step adds, divided by the services it adds.', '');
  lines.push(
    '| Services | ms per service, off | Added ms per added service, off | Added ms per added service, on | Resources per service | Added resources per added service | Added bytes per added service |',
  );
  lines.push('|--:|--:|--:|--:|--:|--:|--:|');
  SHARED.forEach((c, i) => {
    const on = VALIDATION ? round(addedMs(true)[i]) : 'n/a';
    const bytes = added(c, i, (x) => facts(x).bytes);
    lines.push(
      `| ${c.services} | ${round(median(times(c, false)) / c.services)} | ${round(addedMs(false)[i])} | ${on} | ` +
        `${(facts(c).resources / c.services).toFixed(1)} | ${addedResources[i].toFixed(1)} | ${round(bytes)} |`,
    );
  });

  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const perService = MODES.map((v) => {
    const cases = CASES.filter((c) => c !== BASELINE).map(
      (c) => `${c.name.split(',')[0]} ${ratio(c, v).toFixed(2)} (${verdict(ratio(c, v) <= 1.5)})`,
    );
    return `validation ${v ? 'on' : 'off'}: ${cases.join('; ')}`;
  });
  const types = [...new Set(CASES.flatMap((c) => facts(c).customResources))];
  const beyond = types.filter((t) => !SECURITY_CONTROLS[t]);
  const steps = addedMs(false).slice(1);
  const linear = steps.length < 2 || steps[steps.length - 1] <= 1.5 * steps[0];
  const constantResources = addedResources.slice(1).every((r) => r === addedResources[1]);
  const given = (measured: string | undefined, name: string) => {
    if (measured) return `${measured} s`;
    return options.has(name) ? `${options.get(name)} s (measured elsewhere)` : 'not measured in this run';
  };
  lines.push(
    '',
    'Targets:',
    '',
    `- Synth time per service no worse than 1.5× (b): ${perService.join('. ')}.`,
    `- No Lambda-backed custom resource beyond what a security control needs: ${verdict(beyond.length === 0)}. ` +
      types.map((t) => `${t}: ${SECURITY_CONTROLS[t] ?? '**not a security control**'}`).join('; ') +
      '.',
    `- Per-service cost linear, not quadratic, in the number of services: ${verdict(linear && constantResources)}. ` +
      `Added ms per added service from ${SHARED[1]?.services ?? '-'} services on: ${steps.map(round).join(', ')}; added resources: ` +
      `${addedResources.slice(1).join(', ')}.`,
    '',
    `Fresh clone: the README's first command (\`npm ci && npx projen example\`): ${given(clone?.example, 'example-seconds')}; ` +
      `the test suite (\`npx projen build && npx projen test:consumers && npx projen test:latest-cdk\`, after that \`npm ci\`): ${given(clone?.suite, 'suite-seconds')}.`,
    '',
    `Machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM ` +
      `(shared; load average ${LOAD_AT_START.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end); Node ${process.version}; ` +
      `aws-cdk-lib ${CDK_VERSION}; ${new Date().toISOString().slice(0, 10)}.`,
  );
  return lines.join('\n');
}

const HEADER = `# Synthesis benchmark

Written by \`npx projen bench\` (test/bench/synth-bench.ts; its options are at the top of the file) against the
installed aws-cdk-lib, and by \`npx projen bench:latest-cdk\` against the newest, in a scratch copy.
`;

/** Replaces this label's section of the markdown file and keeps the others. */
function write(section: string): void {
  const old = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf-8') : '';
  const sections = new Map<string, string>();
  for (const m of old.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)\n<!-- \/bench:\1 -->/g)) sections.set(m[1], m[2]);
  sections.set(LABEL, section);
  const labels = [...sections.keys()].sort(
    (x, y) => Number(y === 'installed') - Number(x === 'installed') || x.localeCompare(y),
  );
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(
    OUT,
    `${HEADER}\n${labels.map((l) => `<!-- bench:${l} -->\n${sections.get(l)}\n<!-- /bench:${l} -->`).join('\n\n')}\n`,
  );
}

const section = report(measure(), options.has('fresh-clone') ? freshClone() : undefined);
write(section);
console.log(section);
