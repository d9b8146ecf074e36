/**
 * Runs cdk-nag rule packs over a CDK app in a unit test and returns the unacknowledged findings
 * (errors and warnings) as plain data, under either cdk-nag major:
 *
 *   expect(nagFindings(stack)).toEqual([]);
 *
 * The cdk-nag module is loaded by name (default: $CDK_NAG_MODULE, else 'cdk-nag'), so the same tests
 * run under cdk-nag 3 (the devDependency) and cdk-nag 2 installed under an alias:
 *
 *   npm install --no-save cdk-nag-v2@npm:cdk-nag@2.38.2
 *   CDK_NAG_MODULE=cdk-nag-v2 npx jest
 *
 * How each major is driven, and why not through `cdk synth`'s own machinery:
 *
 * - cdk-nag 3 packs are policy-validation plugins (`Validations.of(app).addPlugins(...)`), but their
 *   `validate()` needs the construct tree on the context (`appConstruct`), which aws-cdk-lib 2.257
 *   does not pass: the plugin fails and synth prints a failure report, writes
 *   policy-validation-report.json and sets `process.exitCode = 1` (newer aws-cdk-lib throws instead).
 *   The harness calls the packs' public `validateScope(scope)`, which returns the same violations,
 *   with acknowledgements (`Validations.of(c).acknowledge`) already left out.
 * - cdk-nag 2 packs are Aspects that report through loggers (Annotations, CSV files). The harness
 *   visits every construct itself with a logger of its own in place of those, so it reads structured
 *   data instead of parsing annotation text, leaves no annotations or report files behind, sees
 *   suppressions added after an earlier run, and does not depend on whether the app was synthesized.
 *
 * Both run after `synth()` of the root, so that the app's own Aspects and lazy resources are in place.
 */
import { CfnResource, PolicyValidationPluginReport, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';

/** The rule packs the harness knows, by their rule-id prefix. */
export type NagPackName = 'AwsSolutions' | 'NIST.800.53.R5' | 'HIPAA.Security' | 'PCI.DSS.321';

/** The four packs the library is held to. */
export const ALL_PACKS: readonly NagPackName[] = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/** The class each pack is exported as, identically in cdk-nag 2 and 3. */
const PACK_CLASSES: Record<NagPackName, string> = {
  AwsSolutions: 'AwsSolutionsChecks',
  'NIST.800.53.R5': 'NIST80053R5Checks',
  'HIPAA.Security': 'HIPAASecurityChecks',
  'PCI.DSS.321': 'PCIDSS321Checks',
};

/** One unacknowledged finding. */
export interface NagFinding {
  /** The id to acknowledge it by in cdk-nag 3: `AwsSolutions-S1`, `AwsSolutions-IAM5[Resource::*]`. */
  readonly id: string;
  /** The pack: `AwsSolutions`. */
  readonly pack: NagPackName;
  /** The rule, pack included: `AwsSolutions-IAM5` (what cdk-nag 2 suppressions name). */
  readonly ruleId: string;
  /** The granular finding, for rules that report several per resource: `Resource::*` (cdk-nag 2's `appliesTo`). */
  readonly findingId?: string;
  readonly level: 'error' | 'warning';
  /** The construct path of the violating CfnResource: `Stack/Bucket/Resource`. */
  readonly path: string;
  /** What the rule found (with `verbose`, followed by why the rule exists). */
  readonly message: string;
}

export interface NagOptions {
  /**
   * The cdk-nag module to load.
   * @default - $CDK_NAG_MODULE, else 'cdk-nag'
   */
  readonly module?: string;
  /**
   * The packs to run.
   * @default ALL_PACKS
   */
  readonly packs?: readonly NagPackName[];
  /**
   * Append each rule's explanation to the message.
   * @default false
   */
  readonly verbose?: boolean;
}

/**
 * The unacknowledged findings of the packs on `scope` (an App, Stage, Stack or any construct below),
 * sorted by path and id. The whole app is synthesized first; only findings in `scope` are returned.
 */
export function nagFindings(scope: IConstruct, options: NagOptions = {}): NagFinding[] {
  const moduleName = options.module ?? defaultNagModule();
  const nag = loadModule(moduleName);
  const packs = options.packs ?? ALL_PACKS;
  const verbose = options.verbose ?? false;

  const root = scope.node.root;
  if (!Stage.isStage(root)) throw new Error(`The root of ${scope.node.path} is not an App or Stage`);
  root.synth();

  const findings: NagFinding[] = [];
  for (const pack of packs) {
    const Pack = nag[PACK_CLASSES[pack]] as (new (...args: unknown[]) => unknown) | undefined;
    if (typeof Pack !== 'function') throw new Error(`${moduleName} has no ${PACK_CLASSES[pack]}`);
    if (typeof Pack.prototype.validateScope === 'function') {
      const instance = new Pack(undefined, { verbose }) as NagV3Pack;
      findings.push(...fromV3Report(pack, instance.validateScope(scope)));
    } else if (typeof Pack.prototype.visit === 'function') {
      findings.push(...runV2Pack(Pack, pack, scope, verbose));
    } else {
      throw new Error(`${moduleName}.${PACK_CLASSES[pack]} is neither a cdk-nag 2 nor a cdk-nag 3 pack`);
    }
  }
  return findings.sort((a, b) => compare(a.path, b.path) || compare(a.id, b.id));
}

/** The findings as one line each, `level id at path: message`, for compact assertion diffs. */
export function formatFindings(findings: readonly NagFinding[]): string[] {
  return findings.map((f) => `${f.level} ${f.id} at ${f.path}: ${f.message}`);
}

/** The cdk-nag major of a module: 3 if its packs are validation plugins, 2 if they are Aspects. */
export function nagMajor(moduleName: string = defaultNagModule()): 2 | 3 {
  const Pack = loadModule(moduleName).AwsSolutionsChecks as { prototype: Record<string, unknown> };
  return typeof Pack.prototype.validateScope === 'function' ? 3 : 2;
}

/** Which of the given cdk-nag modules are installed (for `describe.each`). */
export function installedNagModules(candidates: readonly string[] = ['cdk-nag', 'cdk-nag-v2']): string[] {
  return candidates.filter((name) => {
    try {
      require.resolve(name);
      return true;
    } catch {
      return false;
    }
  });
}

function defaultNagModule(): string {
  return process.env.CDK_NAG_MODULE || 'cdk-nag';
}

function loadModule(name: string): Record<string, unknown> {
  // Loaded by name so the aliased cdk-nag 2 need not be installed for this file to compile.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(name) as Record<string, unknown>;
}

// ---- cdk-nag 3 -------------------------------------------------------------------------------

/** The part of a cdk-nag 3 NagPack the harness uses. */
interface NagV3Pack {
  validateScope(scope: IConstruct): PolicyValidationPluginReport;
}

function fromV3Report(pack: NagPackName, report: PolicyValidationPluginReport): NagFinding[] {
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) =>
      finding(
        pack,
        violation.ruleName,
        violation.severity === 'error' ? 'error' : 'warning',
        resource.constructPath ?? '',
        violation.description,
      ),
    ),
  );
}

// ---- cdk-nag 2 -------------------------------------------------------------------------------

/** The parts of cdk-nag 2's logger data the harness uses. */
interface NagV2LoggerData {
  readonly resource: CfnResource;
  readonly ruleId: string;
  readonly ruleInfo: string;
  readonly ruleExplanation: string;
  readonly ruleLevel: string; // NagMessageLevel: 'Error' | 'Warning' | 'Info'
  readonly findingId?: string;
  readonly errorMessage?: string;
}

function runV2Pack(
  Pack: new (...args: unknown[]) => unknown,
  pack: NagPackName,
  scope: IConstruct,
  verbose: boolean,
): NagFinding[] {
  const found: NagFinding[] = [];
  const level = (data: NagV2LoggerData): NagFinding['level'] | undefined =>
    data.ruleLevel === 'Error' ? 'error' : data.ruleLevel === 'Warning' ? 'warning' : undefined;
  const ignore = (): void => undefined;
  const collector = {
    onCompliance: ignore,
    onSuppressed: ignore,
    onSuppressedError: ignore,
    onNotApplicable: ignore,
    onNonCompliance(data: NagV2LoggerData): void {
      const lvl = level(data);
      if (!lvl) return;
      const id = data.findingId ? `${data.ruleId}[${data.findingId}]` : data.ruleId;
      found.push(
        finding(
          pack,
          id,
          lvl,
          data.resource.node.path,
          verbose ? `${data.ruleInfo} ${data.ruleExplanation}` : data.ruleInfo,
        ),
      );
    },
    onError(data: NagV2LoggerData): void {
      // cdk-nag 2 annotates these as warnings 'CdkNagValidationFailure[RuleId]'; they are reported
      // here as cdk-nag 3 does, under the rule's own id and level, and the rule's id suppresses them
      // in both majors.
      const lvl = level(data);
      if (!lvl) return;
      const detail = verbose
        ? data.errorMessage
        : 'This is generally caused by a parameter referencing an intrinsic function.';
      found.push(
        finding(pack, data.ruleId, lvl, data.resource.node.path, `Rule threw an error during validation. ${detail}`),
      );
    },
  };
  const instance = new Pack({ verbose, reports: false, additionalLoggers: [collector] }) as {
    loggers?: unknown;
    visit(node: IConstruct): void;
  };
  // Keep only the collector: the built-in AnnotationLogger would leave annotations that later
  // synths report (and, with the annotationsInValidationReport flag, fail on).
  if (Array.isArray(instance.loggers)) instance.loggers = [collector];
  for (const construct of scope.node.findAll()) instance.visit(construct);
  return found;
}

// ---- shared ----------------------------------------------------------------------------------

function finding(
  pack: NagPackName,
  id: string,
  level: NagFinding['level'],
  constructPath: string,
  message: string,
): NagFinding {
  const m = /^([^[]+)\[(.*)\]$/s.exec(id);
  const ruleId = m ? m[1] : id;
  const base = { id, pack, ruleId, level, path: constructPath.replace(/^\//, ''), message: message.trim() };
  return m ? { ...base, findingId: m[2] } : base;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One acknowledgement as the synthesized template carries it (cdk-nag 2's metadata form). */
export interface Acknowledgement {
  /** The logical id of the resource it sits on. */
  readonly resource: string;
  /** The rule, and the findings it covers when granular: `AwsSolutions-IAM5[Resource::*]`. */
  readonly id: string;
  readonly reason: string;
}

/** Every acknowledgement in a stack's template, sorted by resource and id. */
export function acknowledgements(stack: Stack): Acknowledgement[] {
  const resources: Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress?: NagV2Rule[] } } }> =
    Template.fromStack(stack).toJSON().Resources ?? {};
  const result: Acknowledgement[] = [];
  for (const [resource, body] of Object.entries(resources)) {
    for (const rule of body.Metadata?.cdk_nag?.rules_to_suppress ?? []) {
      const ids = rule.applies_to ? rule.applies_to.map((f) => `${rule.id}[${f}]`) : [rule.id];
      for (const id of ids) result.push({ resource, id, reason: rule.reason });
    }
  }
  return result.sort((a, b) => compare(a.resource, b.resource) || compare(a.id, b.id));
}

interface NagV2Rule {
  readonly id: string;
  readonly reason: string;
  readonly applies_to?: string[];
}
