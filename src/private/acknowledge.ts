import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The CloudFormation metadata key that cdk-nag 2.x reads its suppressions from. */
const NAG_V2_METADATA_KEY = 'cdk_nag';

/** cdk-nag 2.x rejects (throws at synth) suppression reasons shorter than this. */
const MIN_REASON_LENGTH = 10;

/** One entry of cdk-nag 2.x's `cdk_nag.rules_to_suppress`, in its CloudFormation (snake_case) form. */
interface NagV2Suppression {
  readonly id: string;
  readonly reason: string;
  readonly applies_to?: string[];
}

/**
 * Acknowledges a cdk-nag rule on `construct` and everything beneath it, in the forms both cdk-nag
 * majors read, without depending on cdk-nag:
 *
 * - cdk-nag 3.x: `Validations.of(construct).acknowledge(...)`. cdk-nag 3 honours an acknowledgement on
 *   the violating CfnResource or on any of its ancestors, so acknowledging an L2 (a Role) covers the
 *   resources below it (its `DefaultPolicy/Resource`). With `appliesTo`, one acknowledgement per
 *   finding, as `RuleId[Finding]` (e.g. `AwsSolutions-IAM5[Resource::*]`): cdk-nag 3 matches ids
 *   exactly, so a bare rule id does not cover a rule's granular findings.
 * - cdk-nag 2.x: `cdk_nag: { rules_to_suppress: [{ id, reason, applies_to? }] }` CloudFormation
 *   metadata, merged into every CfnResource under `construct` (itself included). cdk-nag 2 reads it
 *   only from the violating CfnResource itself (or its stack's template metadata), never from an
 *   ancestor, so the subtree is stamped to match cdk-nag 3's reach. Only CfnResources that exist when
 *   this is called are stamped: call it once the construct is complete (after grants, which create a
 *   role's DefaultPolicy lazily). The metadata shows up in the synthesized template.
 *
 * @param construct the violating resource, or a construct above it
 * @param ruleId a rule id, pack included, without a finding: `AwsSolutions-S1`, `NIST.800.53.R5-VPCFlowLogsEnabled`
 * @param reason why the finding is acceptable; at least 10 characters (cdk-nag 2 requires it)
 * @param appliesTo the granular findings to acknowledge (e.g. `['Resource::*']`); omit for the whole rule
 */
export function acknowledge(construct: IConstruct, ruleId: string, reason: string, appliesTo?: string[]): void {
  if (!/^[^\s[\]]+-[^\s[\]]+$/.test(ruleId)) {
    throw new Error(`Invalid cdk-nag rule id '${ruleId}': expected 'Pack-Rule', with findings passed as appliesTo`);
  }
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(`The reason for acknowledging ${ruleId} must be at least ${MIN_REASON_LENGTH} characters`);
  }
  if (appliesTo !== undefined && appliesTo.length === 0) {
    throw new Error(`appliesTo for ${ruleId} is empty; omit it to acknowledge the whole rule`);
  }

  // cdk-nag 3.x
  const ids = appliesTo ? appliesTo.map((finding) => `${ruleId}[${finding}]`) : [ruleId];
  for (const id of ids) {
    if (id.split('::').length <= 2) {
      Validations.of(construct).acknowledge({ id, reason });
    } else {
      // aws-cdk-lib rejects ids with more than one '::' (it reserves '::' for 'prefix::Rule'), e.g.
      // 'AwsSolutions-IAM5[Resource::arn:aws:s3:::bucket/*]'. cdk-nag 3 reads the same metadata
      // entry that `acknowledge` writes, so record it there directly.
      construct.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
    }
  }

  // cdk-nag 2.x
  const suppression: NagV2Suppression = appliesTo
    ? { id: ruleId, reason, applies_to: [...appliesTo] }
    : { id: ruleId, reason };
  const resources = construct.node.findAll().filter(CfnResource.isCfnResource);
  if (resources.length === 0) {
    throw new Error(`Cannot acknowledge ${ruleId} on ${construct.node.path}: it has no CloudFormation resources (yet)`);
  }
  for (const resource of resources) {
    const existing: unknown = resource.getMetadata(NAG_V2_METADATA_KEY);
    const metadata = isRecord(existing) ? existing : {};
    const rules = Array.isArray(metadata.rules_to_suppress) ? (metadata.rules_to_suppress as unknown[]) : [];
    const key = JSON.stringify(suppression);
    if (rules.some((rule) => JSON.stringify(rule) === key)) continue;
    resource.addMetadata(NAG_V2_METADATA_KEY, { ...metadata, rules_to_suppress: [...rules, suppression] });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The granular finding cdk-nag reports for a policy resource, `Resource::<value>`: the resource resolved in its
 * stack, flattened as cdk-nag flattens references (`<LogicalId>`, `<LogicalId.Arn>`, `<AWS::Partition>`, the
 * value of an `Fn::ImportValue`, `Fn::Sub`'s `${...}` as `<...>`, and JSON for anything else).
 */
export function resourceFinding(scope: IConstruct, resource: string): string {
  const visit = (node: unknown): string => {
    if (node === undefined) return '';
    if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
    const intrinsic = (node ?? {}) as Record<string, unknown>;
    if (intrinsic['Fn::Join']) {
      const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
      return parts.map(visit).join(separator);
    }
    if (intrinsic['Fn::Sub']) return visit(intrinsic['Fn::Sub']);
    if (intrinsic['Fn::GetAtt']) {
      const [id, attribute] = intrinsic['Fn::GetAtt'] as [unknown, unknown];
      return `<${visit(id)}.${visit(attribute)}>`;
    }
    if (intrinsic['Fn::ImportValue']) return visit(intrinsic['Fn::ImportValue']);
    if (intrinsic.Ref) return `<${visit(intrinsic.Ref)}>`;
    return JSON.stringify(node);
  };
  return `Resource::${visit(Stack.of(scope).resolve(resource))}`;
}
