/**
 * What the library keeps, across every configuration of the nag test: each retained resource is kept on
 * stack deletion and replacement, and deleted when the create that made it rolls back
 * (RetainExceptOnCreate), except the few that must stay even then, each for a reason written beside it.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DENY_GRANTS_STATEMENT } from './deny-grants-statement';
import { SecureFargateWebService } from '../../src';
import { RETAINED } from '../../src/private/retained';
import { CONFIGURATIONS } from '../nag/web-service-configurations';
import { FLAG_SETS, FlagSet, testApp } from '../util';

/** Where the library's resources are: aws-cdk-lib's own providers at the stack's root are not its to set. */
const SERVICE = 'Web/Service/';

interface Kept {
  readonly path: string;
  readonly type: string;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
  readonly logGroupName?: unknown;
  readonly keyPolicyStatements?: unknown[];
}

/** Every resource of a configuration, by construct path (`/Resource` left out). */
function resourcesOf(name: string, flags: FlagSet): Kept[] {
  const configure = CONFIGURATIONS.find(([n]) => n === name)![1];
  const stack = new Stack(testApp(flags), 'Web');
  new SecureFargateWebService(stack, 'Service', configure(stack));
  const paths = new Map<string, string>();
  for (const construct of stack.node.findAll()) {
    if (CfnResource.isCfnResource(construct)) paths.set(stack.resolve(construct.logicalId), construct.node.path);
  }
  const resources: Record<string, Record<string, any>> = Template.fromStack(stack).toJSON().Resources;
  return Object.entries(resources).map(([id, r]) => ({
    path: (paths.get(id) ?? id).replace(/\/Resource$/, ''),
    type: r.Type,
    deletionPolicy: r.DeletionPolicy,
    updateReplacePolicy: r.UpdateReplacePolicy,
    logGroupName: r.Properties?.LogGroupName,
    keyPolicyStatements: r.Properties?.KeyPolicy?.Statement,
  }));
}

/** The library's resources below the service that a stack deletion leaves behind. */
function keptResources(name: string, flags: FlagSet): Kept[] {
  return resourcesOf(name, flags).filter(
    (r) => r.path.startsWith(SERVICE) && r.deletionPolicy !== undefined && r.deletionPolicy !== 'Delete',
  );
}

/**
 * What stays even after a failed create, and why (the code says it too): buckets, because CloudFormation
 * cannot delete one that holds objects; the container log group and its key, because they hold why the
 * tasks failed.
 */
function keptAfterFailedCreate(kept: Kept): boolean {
  return (
    kept.type === 'AWS::S3::Bucket' ||
    kept.path === `${SERVICE}Service/Logs` ||
    kept.path === `${SERVICE}Service/LogsKey`
  );
}

const CASES = FLAG_SETS.flatMap((flags) => CONFIGURATIONS.map(([name]) => [name, flags] as [string, FlagSet]));

describe('retained resources', () => {
  test('RETAINED is RetainExceptOnCreate', () => {
    expect(RETAINED).toBe('retain-on-update-or-delete');
  });

  test.each(CASES)(
    '%s (%s): kept on deletion and replacement; gone after a failed create unless they must stay',
    (name, flags) => {
      const kept = keptResources(name, flags);
      expect(kept.length).toBeGreaterThan(0);
      for (const resource of kept) {
        expect(resource).toMatchObject({
          path: resource.path,
          updateReplacePolicy: 'Retain',
          deletionPolicy: keptAfterFailedCreate(resource) ? 'Retain' : 'RetainExceptOnCreate',
        });
      }
    },
  );

  test.each(CASES)('%s (%s): a log group with a fixed name is deleted when its create rolls back', (name, flags) => {
    // A literal name is fixed; one made from a generated name (aws-cdk-lib's /aws/lambda/<function>) is not.
    const named = resourcesOf(name, flags).filter(
      (k) => k.type === 'AWS::Logs::LogGroup' && typeof k.logGroupName === 'string',
    );
    for (const resource of named) expect(resource.deletionPolicy).toBe('RetainExceptOnCreate');
  });

  test('the WAF log group, named aws-waf-logs-... as WAF requires, is among them', () => {
    const waf = keptResources(CONFIGURATIONS[0][0], 'no flags').filter((k) => k.path === 'Web/Service/Firewall/Logs');
    expect(waf).toEqual([
      expect.objectContaining({
        logGroupName: expect.stringMatching(/^aws-waf-logs-/),
        deletionPolicy: 'RetainExceptOnCreate',
        updateReplacePolicy: 'Retain',
      }),
    ]);
  });

  test.each(CASES)('%s (%s): every key the library creates denies grants except to AWS services', (name, flags) => {
    const keys = resourcesOf(name, flags).filter((k) => k.type === 'AWS::KMS::Key' && k.path.startsWith(SERVICE));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect({ key: key.path, statements: key.keyPolicyStatements }).toEqual({
        key: key.path,
        statements: expect.arrayContaining([DENY_GRANTS_STATEMENT]),
      });
    }
  });
});
