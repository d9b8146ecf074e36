/**
 * The inventory of every cdk-nag acknowledgement that `SecureFargateWebService` makes, per configuration
 * of the nag test, held against the table between the acknowledgements markers in docs/security.md
 * ("Acknowledged findings"): adding or removing an acknowledgement, or changing a reason, without updating
 * that table fails here.
 *
 * To print the table from the code (e.g. to paste it into docs/security.md):
 *
 *   ACKNOWLEDGEMENTS_TABLE=/tmp/acknowledgements.md npx jest test/secure-fargate-web-service.inventory.test.ts
 *
 * INVENTORY_DOC points the comparison at another copy of docs/security.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Stack, StackProps, Token, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';
import { SecureFargateWebService } from '../src';
import { acknowledgements } from './nag/harness';
import {
  completeConfiguration,
  CONFIGURATION_LABELS,
  CONFIGURATIONS,
  ENVIRONMENTS,
} from './nag/web-service-configurations';
import { FLAG_SETS, FlagSet, testApp } from './util';

/** The document whose table lists every acknowledgement. */
const SECURITY_DOC = process.env.INVENTORY_DOC || path.join(__dirname, '..', 'docs', 'security.md');
const START_MARKER = '<!-- acknowledgements:start -->';
const END_MARKER = '<!-- acknowledgements:end -->';

const STACK_ID = 'Web';
const SERVICE_ID = 'Service';
/**
 * aws-cdk-lib's AwsCustomResource provider: a singleton at the stack's root (its id is fixed by
 * aws-cdk-lib), which the CloudFront edge acknowledges where it is, since it cannot live below the service.
 */
const AWS_CUSTOM_RESOURCE_PROVIDER = 'AWS679f53fac002430cb0da5b7982bd2287';
/** How the table writes paths outside the service: relative to the stack. */
const STACK_PREFIX = '<stack>/';

const MIN_REASON_LENGTH = 30;

/** The compliance packs by the short names the table uses; AwsSolutions ids are written whole. */
const PACK_ABBREVIATIONS: ReadonlyArray<[string, string]> = [
  ['NIST', 'NIST.800.53.R5'],
  ['HIPAA', 'HIPAA.Security'],
  ['PCI', 'PCI.DSS.321'],
];

/** What the Configurations cell says when a row holds under one flag set only. */
const FLAG_NOTES: Record<FlagSet, string> = {
  'no flags': '(only without feature flags)',
  'cdk init flags': '(only with the `cdk init` flags)',
};

const HEADER = ['| Where (below the service) | Acknowledged | Configurations | Reason |', '| --- | --- | --- | --- |'];

/** One acknowledgement of one configuration: the unit the documented table and the code are compared in. */
interface Row {
  /** The configuration's short name (CONFIGURATION_LABELS). */
  readonly configuration: string;
  readonly flags: FlagSet;
  /** The resource's construct path below the service, without a trailing `/Resource`. */
  readonly path: string;
  /** The rule and finding, with the account, Region and partition of a pinned stack as placeholders. */
  readonly id: string;
  readonly reason: string;
}

/** One synthesized configuration. */
interface Synthesized {
  readonly configuration: string;
  readonly flags: FlagSet;
  readonly stack: Stack;
  readonly service: SecureFargateWebService;
  readonly rows: Row[];
}

function synthesize(name: string, stackProps: StackProps, flags: FlagSet): Synthesized {
  const configure = CONFIGURATIONS.find(([n]) => n === name)![1];
  const stack = new Stack(testApp(flags), STACK_ID, stackProps);
  const service = new SecureFargateWebService(stack, SERVICE_ID, configure(stack));
  completeConfiguration(name, service);
  const configuration = CONFIGURATION_LABELS[name];

  const paths = new Map<string, string>();
  for (const construct of stack.node.findAll()) {
    if (CfnResource.isCfnResource(construct)) paths.set(stack.resolve(construct.logicalId), construct.node.path);
  }
  const rows = acknowledgements(stack).map((a) => ({
    configuration,
    flags,
    path: relativePath(paths.get(a.resource) ?? a.resource),
    id: normalizeId(a.id, stack),
    reason: a.reason,
  }));
  return { configuration, flags, stack, service, rows: unique(rows) };
}

/** `Web/Service/LoadBalancer/SecurityGroup/Resource` -> `LoadBalancer/SecurityGroup`; outside the service `<stack>/...`. */
function relativePath(constructPath: string): string {
  const trimmed = constructPath.replace(/\/Resource$/, '');
  const service = `${STACK_ID}/${SERVICE_ID}/`;
  if (trimmed.startsWith(service)) return trimmed.slice(service.length);
  return STACK_PREFIX + trimmed.replace(new RegExp(`^${STACK_ID}/`), '');
}

/**
 * A pinned stack's findings name its account, Region and partition where an environment-agnostic one
 * has `<AWS::AccountId>`, `<AWS::Region>` and `<AWS::Partition>`: write them as the latter.
 */
function normalizeId(id: string, stack: Stack): string {
  const m = /^([^[]+)\[(.*)\]$/s.exec(id);
  if (!m) return id;
  let finding = m[2];
  if (!Token.isUnresolved(stack.region)) {
    const partition = RegionInfo.get(stack.region).partition ?? 'aws';
    finding = finding.split(`arn:${partition}:`).join('arn:<AWS::Partition>:');
    finding = finding.split(`:${stack.region}:`).join(':<AWS::Region>:');
  }
  if (!Token.isUnresolved(stack.account)) finding = finding.split(`:${stack.account}:`).join(':<AWS::AccountId>:');
  return `${m[1]}[${finding}]`;
}

function rowKey(row: Row): string {
  return [row.configuration, row.flags, row.path, row.id, row.reason].join(' | ');
}

function unique(rows: Row[]): Row[] {
  return [...new Map(rows.map((row) => [rowKey(row), row])).values()];
}

function keys(rows: readonly Row[]): string[] {
  return [...new Set(rows.map(rowKey))].sort();
}

// ---- the table: render and parse --------------------------------------------------------------

const LABELS = CONFIGURATIONS.map(([name]) => CONFIGURATION_LABELS[name]);

/** Groups a collection by a string key. */
function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

interface TableRow {
  readonly paths: string[];
  readonly ids: string[];
  readonly configurations: string[];
  readonly flags: FlagSet[];
  readonly reason: string;
}

/**
 * Folds the rows into table rows, each the product of its paths, ids, configurations and flag sets:
 * first the flag sets of each (path, id, reason, configuration), then the configurations sharing them,
 * then the ids, then the paths. Every row of the inventory lands in exactly one table row.
 */
function fold(rows: readonly Row[]): TableRow[] {
  const sep = '\u0000';
  const byConfiguration = groupBy(rows, (r) => [r.path, r.id, r.reason, r.configuration].join(sep));
  const step1 = [...byConfiguration.values()].map((g) => ({
    ...g[0],
    flags: FLAG_SETS.filter((f) => g.some((r) => r.flags === f)),
  }));
  const byFlags = groupBy(step1, (r) => [r.path, r.id, r.reason, r.flags.join(',')].join(sep));
  const step2 = [...byFlags.values()].map((g) => ({
    ...g[0],
    configurations: LABELS.filter((l) => g.some((r) => r.configuration === l)),
  }));
  const byConfigurations = groupBy(step2, (r) =>
    [r.path, r.reason, r.flags.join(','), r.configurations.join(',')].join(sep),
  );
  const step3 = [...byConfigurations.values()].map((g) => ({ ...g[0], ids: g.map((r) => r.id).sort() }));
  const byIds = groupBy(step3, (r) =>
    [r.reason, r.flags.join(','), r.configurations.join(','), r.ids.join(',')].join(sep),
  );
  return [...byIds.values()]
    .map((g) => ({
      paths: g.map((r) => r.path).sort(),
      ids: g[0].ids,
      configurations: g[0].configurations,
      flags: g[0].flags,
      reason: g[0].reason,
    }))
    .sort((a, b) => compare(sortKey(a.paths[0]), sortKey(b.paths[0])) || compare(a.ids.join(), b.ids.join()));
}

/** Rows below the service first, then those at the stack's root. */
function sortKey(p: string): string {
  return `${p.startsWith(STACK_PREFIX) ? 1 : 0}${p}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The table's Markdown, markers included. */
function renderTable(rows: readonly Row[]): string {
  const lines = fold(rows).map((row) =>
    [
      '',
      row.paths.map((p) => `\`${p}\``).join('<br>'),
      renderIds(row.ids),
      renderConfigurations(row.configurations, row.flags),
      escapeMarkdown(row.reason),
      '',
    ]
      .join(' | ')
      .trim(),
  );
  return [START_MARKER, ...HEADER, ...lines, END_MARKER].join('\n');
}

/** AwsSolutions ids whole; a compliance rule once, with the packs that have it: `` `ALBWAFEnabled` (NIST, PCI) ``. */
function renderIds(ids: readonly string[]): string {
  const whole: string[] = [];
  const packsByRule = new Map<string, string[]>();
  for (const id of ids) {
    const pack = PACK_ABBREVIATIONS.find(([, prefix]) => id.startsWith(`${prefix}-`));
    if (!pack) {
      whole.push(`\`${id}\``);
      continue;
    }
    const rule = id.slice(pack[1].length + 1);
    packsByRule.set(rule, [...(packsByRule.get(rule) ?? []), pack[0]]);
  }
  const abbreviated = [...packsByRule.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([rule, packs]) => {
      const ordered = PACK_ABBREVIATIONS.map(([abbr]) => abbr).filter((abbr) => packs.includes(abbr));
      return `\`${rule}\` (${ordered.join(', ')})`;
    });
  return [...whole.sort(), ...abbreviated].join('<br>');
}

function renderConfigurations(configurations: readonly string[], flags: readonly FlagSet[]): string {
  const names = configurations.length === LABELS.length ? 'all' : configurations.join(', ');
  return flags.length === FLAG_SETS.length ? names : `${names} ${FLAG_NOTES[flags[0]]}`;
}

const MARKDOWN_SPECIALS = /[\\|*_<>`[\]]/g;

function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIALS, (c) => `\\${c}`);
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** The rows a Markdown document's table between the markers stands for. */
function parseTable(markdown: string): Row[] {
  const start = markdown.indexOf(START_MARKER);
  const end = markdown.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`No table between '${START_MARKER}' and '${END_MARKER}'`);
  const lines = markdown
    .slice(start + START_MARKER.length, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines[0] !== HEADER[0] || !/^\|(\s*-+\s*\|){4}$/.test(lines[1] ?? '')) {
    throw new Error(
      `The table must start with:\n${HEADER.join('\n')}\nbut starts with:\n${lines.slice(0, 2).join('\n')}`,
    );
  }
  return lines.slice(2).flatMap(parseLine);
}

function parseLine(line: string): Row[] {
  // Cells are separated by '|' not escaped with a backslash.
  const cells = line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
  if (cells.length !== 4) throw new Error(`Expected 4 cells in: ${line}`);
  const [pathsCell, idsCell, configurationsCell, reasonCell] = cells;
  const paths = pathsCell.split('<br>').map((p) => code(p, line));
  const ids = idsCell.split('<br>').flatMap((item) => parseIds(item, line));
  const { configurations, flags } = parseConfigurations(configurationsCell, line);
  const reason = unescapeMarkdown(reasonCell);
  return paths.flatMap((p) =>
    ids.flatMap((id) =>
      configurations.flatMap((configuration) => flags.map((f) => ({ configuration, flags: f, path: p, id, reason }))),
    ),
  );
}

function code(text: string, line: string): string {
  const m = /^`([^`]+)`$/.exec(text.trim());
  if (!m) throw new Error(`Expected \`...\` but found '${text}' in: ${line}`);
  return m[1];
}

function parseIds(item: string, line: string): string[] {
  const m = /^(`[^`]+`)(?:\s+\(([^)]*)\))?$/.exec(item.trim());
  if (!m) throw new Error(`Expected \`Rule\` or \`Rule\` (PACK, ...) but found '${item}' in: ${line}`);
  const rule = code(m[1], line);
  if (m[2] === undefined) return [rule];
  return m[2].split(',').map((abbr) => {
    const pack = PACK_ABBREVIATIONS.find(([a]) => a === abbr.trim());
    if (!pack) throw new Error(`Unknown pack '${abbr.trim()}' in: ${line}`);
    return `${pack[1]}-${rule}`;
  });
}

function parseConfigurations(cell: string, line: string): { configurations: string[]; flags: FlagSet[] } {
  let flags: FlagSet[] = [...FLAG_SETS];
  let names = cell;
  for (const f of FLAG_SETS) {
    if (cell.endsWith(` ${FLAG_NOTES[f]}`)) {
      flags = [f];
      names = cell.slice(0, -FLAG_NOTES[f].length - 1);
    }
  }
  if (names.trim() === 'all') return { configurations: [...LABELS], flags };
  const configurations = names.split(',').map((n) => n.trim());
  for (const n of configurations) {
    if (!LABELS.includes(n)) {
      throw new Error(`Unknown configuration '${n}' (known: all, ${LABELS.join(', ')}) in: ${line}`);
    }
  }
  return { configurations, flags };
}

// ---- the tests --------------------------------------------------------------------------------

const PINNED = ENVIRONMENTS.find(([, props]) => props.env !== undefined)!;
const AGNOSTIC = ENVIRONMENTS.find(([, props]) => props.env === undefined)!;

function synthesizeAll(stackProps: StackProps): Synthesized[] {
  return FLAG_SETS.flatMap((flags) => CONFIGURATIONS.map(([name]) => synthesize(name, stackProps, flags)));
}

/** The acknowledgements of each construct in cdk-nag 3's form (aws-cdk-lib's acknowledged-rules metadata). */
function v3Acknowledgements(scope: IConstruct): Array<{ construct: IConstruct; id: string; reason: string }> {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([id, reason]) => ({ construct, id: id.replace(/^annotation::/i, ''), reason })),
  );
}

describe('SecureFargateWebService acknowledgements, as docs/security.md lists them', () => {
  let pinned: Synthesized[];
  let agnostic: Synthesized[];
  let inventory: Row[];

  beforeAll(() => {
    pinned = synthesizeAll(PINNED[1]);
    agnostic = synthesizeAll(AGNOSTIC[1]);
    inventory = pinned.flatMap((s) => s.rows);
    const out = process.env.ACKNOWLEDGEMENTS_TABLE;
    if (out) fs.writeFileSync(out, `${renderTable(inventory)}\n`);
  });

  test('every configuration has a short name of its own', () => {
    expect(new Set(LABELS).size).toBe(CONFIGURATIONS.length);
    for (const label of LABELS) expect(label).toMatch(/^[a-z][a-z-]*$/);
  });

  test('each configuration of the nag test has acknowledgements to list', () => {
    for (const s of pinned) expect(s.rows.length).toBeGreaterThan(0);
  });

  test("docs/security.md's table lists exactly the acknowledgements of every configuration", () => {
    // GIVEN the acknowledgements of every configuration, under both flag sets (beforeAll)
    // WHEN the table of docs/security.md is read back into the same rows
    const documented = parseTable(fs.readFileSync(SECURITY_DOC, 'utf-8'));
    // THEN they are the same; regenerate with ACKNOWLEDGEMENTS_TABLE=<file> (see the top of this file)
    expect(keys(documented)).toEqual(keys(inventory));
    // Each acknowledgement is listed once.
    expect(documented.length).toBe(keys(documented).length);
  });

  test('an environment-agnostic stack carries the same acknowledgements as one pinned to us-west-2', () => {
    expect(keys(agnostic.flatMap((s) => s.rows))).toEqual(keys(inventory));
  });

  test(`every reason is at least ${MIN_REASON_LENGTH} characters`, () => {
    const reasons = [...new Set(inventory.map((r) => r.reason))];
    expect(reasons.filter((reason) => reason.trim().length < MIN_REASON_LENGTH)).toEqual([]);
  });

  test('no acknowledgement sits on the stack: each is below the service, or on the AwsCustomResource provider', () => {
    for (const s of [...pinned, ...agnostic]) {
      expect(Template.fromStack(s.stack).toJSON().Metadata?.cdk_nag).toBeUndefined();
      const outside = s.rows
        .map((r) => r.path)
        .filter((p) => p.startsWith(STACK_PREFIX))
        .filter((p) => !p.startsWith(`${STACK_PREFIX}${AWS_CUSTOM_RESOURCE_PROVIDER}`));
      expect(outside).toEqual([]);

      const owners = v3Acknowledgements(s.stack.node.root).map((a) => a.construct.node.path);
      expect(owners.filter((p) => p === '' || p === s.stack.node.path)).toEqual([]);
      expect(
        owners.filter(
          (p) =>
            !p.startsWith(`${s.service.node.path}/`) && !p.startsWith(`${STACK_ID}/${AWS_CUSTOM_RESOURCE_PROVIDER}`),
        ),
      ).toEqual([]);
    }
  });

  test('the provider is acknowledged only where CloudFront puts it', () => {
    const withProvider = new Set(inventory.filter((r) => r.path.startsWith(STACK_PREFIX)).map((r) => r.configuration));
    expect([...withProvider].sort()).toEqual(['cloudfront', 'cloudfront-domain', 'fullest']);
  });

  test("both cdk-nag majors' forms carry the same acknowledgements", () => {
    for (const s of [...pinned, ...agnostic]) {
      const v3 = v3Acknowledgements(s.stack);
      const v3Keys = new Set(v3.map((a) => `${a.id} | ${a.reason}`));
      const v2Keys = new Set(acknowledgements(s.stack).map((a) => `${a.id} | ${a.reason}`));
      expect([...v3Keys].sort()).toEqual([...v2Keys].sort());
      // Each cdk-nag 2 entry sits on a resource that its cdk-nag 3 acknowledgement (on it or an ancestor) covers.
      const byLogicalId = new Map(
        s.stack.node
          .findAll()
          .filter(CfnResource.isCfnResource)
          .map((r) => [s.stack.resolve(r.logicalId) as string, r.node.path]),
      );
      const uncovered = acknowledgements(s.stack).filter((a) => {
        const resourcePath = byLogicalId.get(a.resource) ?? '';
        return !v3.some(
          (b) =>
            b.id === a.id &&
            b.reason === a.reason &&
            (resourcePath === b.construct.node.path || resourcePath.startsWith(`${b.construct.node.path}/`)),
        );
      });
      expect(uncovered).toEqual([]);
    }
  });

  test('the table reads back as the rows it was written from, and tells any change', () => {
    const table = renderTable(inventory);
    expect(keys(parseTable(table))).toEqual(keys(inventory));

    const changedReason = inventory.map((r, i) => (i === 0 ? { ...r, reason: `${r.reason} (changed)` } : r));
    expect(keys(parseTable(renderTable(changedReason)))).not.toEqual(keys(inventory));
    expect(keys(parseTable(renderTable(inventory.slice(1))))).not.toEqual(keys(inventory));
  });

  test.each<[string, string, RegExp]>([
    ['no markers', 'text', /No table between/],
    ['another header', `${START_MARKER}\n| a | b |\n| --- | --- |\n${END_MARKER}`, /The table must start with/],
    [
      'an unknown configuration',
      `${START_MARKER}\n${HEADER.join('\n')}\n| \`X\` | \`AwsSolutions-S1\` | staging | A reason long enough to count. |\n${END_MARKER}`,
      /Unknown configuration 'staging'/,
    ],
    [
      'an unknown pack',
      `${START_MARKER}\n${HEADER.join('\n')}\n| \`X\` | \`S3BucketLoggingEnabled\` (SOC) | all | A reason long enough to count. |\n${END_MARKER}`,
      /Unknown pack 'SOC'/,
    ],
  ])('a table with %s is refused', (_name, markdown, message) => {
    expect(() => parseTable(markdown)).toThrow(message);
  });
});
