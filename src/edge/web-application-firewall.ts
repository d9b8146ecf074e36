import { ArnFormat, Names, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { CLIENT_ADDRESS_RULE_GROUPS, DEFAULT_MANAGED_RULE_GROUPS } from './private/web-acl';
import { createEncryptedLogGroup } from '../private/encrypted-log-group';
import { escaped, isCidr, isKnown, PropsValidator, quoted } from '../private/validation';

/** Settings of a new web ACL: its rate limit, managed rule groups and their overrides, and its logs. */
export interface FirewallOptions {
  /**
   * Requests one client IP may send in any 5-minute window before it is blocked (100 to 2,000,000,000).
   * @default 2000
   */
  readonly rateLimit?: number;

  /**
   * AWS managed rule groups to apply, by name, in order.
   * @default ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']
   */
  readonly managedRuleGroups?: string[];

  /**
   * How long WAF logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The key that encrypts the WAF log group.
   * @default - a new customer managed key with yearly rotation
   */
  readonly logEncryptionKey?: kms.IKey;

  /**
   * Rules of the managed rule groups whose action changes: counted instead of blocking, or allowed. For
   * example `{ ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'SizeRestrictions_BODY', action:
   * ManagedRuleAction.COUNT }` lets request bodies over 8 KB through, for uploads.
   * @default - every rule acts as its group defines it
   */
  readonly ruleActionOverrides?: ManagedRuleOverride[];

  /**
   * AWS WAF Bot Control at its common inspection level: blocks self-identified bots such as scrapers and scanners,
   * lets verified search engines and monitors through (a managed rule group with a subscription fee: see the
   * cost estimate).
   * @default false
   */
  readonly botControl?: boolean;

  /**
   * Countries whose requests are blocked, as ISO 3166-1 alpha-2 codes (such as `KP`); AWS WAF locates a request by
   * its source address.
   * @default - no country blocked
   */
  readonly blockedCountries?: string[];

  /**
   * The client CIDR blocks (IPv4 or IPv6) that may reach the service at all: the web ACL blocks every other source
   * address, before any other rule (the load balancer's `allowedIngressCidrs` narrows the security group as well).
   * @default - any address
   */
  readonly allowedClientCidrs?: string[];

  /**
   * The anti-DDoS managed rule group, first in the web ACL: it learns the service's usual traffic and, during a
   * layer 7 flood, blocks the requests it attributes to the attack and challenges the suspect ones (a managed rule
   * group with a fee of its own: see the cost estimate). Browsers answer its challenge without the user noticing;
   * API clients cannot, so their paths are exempt (`challengeExemptPaths`).
   * @default - off
   */
  readonly antiDdos?: AntiDdosOptions;
}

/** Settings of the anti-DDoS managed rule group (`FirewallOptions.antiDdos`). */
export interface AntiDdosOptions {
  /**
   * Whether the group answers suspect requests during an attack with a silent browser challenge. Turn it off for a
   * service that only API clients call: the group then only blocks.
   * @default true
   */
  readonly challenge?: boolean;

  /**
   * Regular expressions of the request paths never challenged (1 to 5): the paths API clients call, and the files a
   * browser loads without running the challenge's script.
   * @default - AWS's suggestion: paths that contain /api/, and static files by extension (images, fonts, scripts,
   * style sheets, media, PDF)
   */
  readonly challengeExemptPaths?: string[];
}

/**
 * Props for `WebApplicationFirewall`.
 */
export interface WebApplicationFirewallProps extends FirewallOptions {
  /**
   * What the web ACL protects: a regional resource such as a load balancer, or a CloudFront distribution.
   * AWS WAF keeps CLOUDFRONT-scope web ACLs in us-east-1, so a stack in that Region must hold one.
   * @default FirewallScope.REGIONAL
   */
  readonly webAclScope?: FirewallScope;

  /**
   * Whether the protected load balancer is reached only through CloudFront. It then sees the addresses of
   * CloudFront's VPC origin, not the clients', so the rules that act on the client's address (the per-IP rate
   * limit, the IP reputation and anonymous IP groups) are left out: the distribution's CLOUDFRONT-scope web
   * ACL applies them. The rule groups that inspect the request itself stay.
   * @default false
   */
  readonly behindCloudFront?: boolean;
}

/** What a web ACL protects. */
export enum FirewallScope {
  /** A regional resource: an Application Load Balancer, in the stack's Region. */
  REGIONAL = 'REGIONAL',
  /** A CloudFront distribution: the web ACL must be created in us-east-1. */
  CLOUDFRONT = 'CLOUDFRONT',
}

/** The action a managed rule takes instead of its own. */
export enum ManagedRuleAction {
  /**
   * Count matching requests (they show in the metrics and the logs) and go on to the next rules: the rule
   * no longer blocks.
   */
  COUNT = 'COUNT',
  /**
   * Allow matching requests at once: no later rule, the rate limit included, sees them. Prefer `COUNT`
   * unless later rules must not see the request either.
   */
  ALLOW = 'ALLOW',
}

/** A managed rule whose action changes. */
export interface ManagedRuleOverride {
  /** The managed rule group that holds the rule, for example `AWSManagedRulesCommonRuleSet`. */
  readonly ruleGroup: string;

  /** The rule's name in that group, for example `SizeRestrictions_BODY`. */
  readonly rule: string;

  /** What the rule does instead of its own action. */
  readonly action: ManagedRuleAction;
}

/**
 * An AWS WAF web ACL: AWS managed rule groups (IP reputation, common rules, known bad inputs), a per-IP
 * rate limit, and logging to an encrypted CloudWatch Logs log group. A REGIONAL one protects a load
 * balancer (attach it with `associate()`); a CLOUDFRONT one, created in us-east-1, a distribution (give its
 * `webAclArn` to the distribution). Behind CloudFront (`behindCloudFront`), a load balancer's web ACL keeps only
 * the rules that inspect the request itself.
 *
 * @example
 * declare const loadBalancer: elbv2.IApplicationLoadBalancer;
 *
 * const firewall = new sfws.WebApplicationFirewall(this, 'Firewall', {
 *   rateLimit: 1000,
 *   ruleActionOverrides: [
 *     { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'SizeRestrictions_BODY', action: sfws.ManagedRuleAction.COUNT },
 *   ],
 * });
 * firewall.associate('LoadBalancer', loadBalancer.loadBalancerArn);
 */
export class WebApplicationFirewall extends Construct {
  /**
   * Records the problems of the firewall's props.
   * @param prefix prepended to prop names, as the enclosing construct calls them (for example `firewall.`)
   * @internal
   */
  public static _checkProps(v: PropsValidator, props: WebApplicationFirewallProps, prefix = ''): void {
    const p = (name: string) => `${prefix}${name}`;
    v.integerInRange(p('rateLimit'), props.rateLimit, 100, 2_000_000_000);
    const groups = (props.managedRuleGroups ?? []).filter(isKnown);
    for (const group of groups) {
      if (!/^AWSManagedRules[A-Za-z0-9]+$/.test(group)) {
        v.fail(
          `${p('managedRuleGroups')} entry ${quoted(group)} is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'`,
        );
      }
    }
    // Each group becomes a rule named after it, and rule names are unique within a web ACL.
    const repeated = [...new Set(groups.filter((g, i) => groups.indexOf(g) !== i))];
    if (repeated.length > 0) {
      v.fail(
        `${p('managedRuleGroups')} names ${repeated.map(escaped).join(', ')} more than once; allowed: each rule group once`,
      );
    }
    if (props.logRetention === logs.RetentionDays.INFINITE) {
      v.fail(
        `${p('logRetention')} INFINITE keeps WAF logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR`,
      );
    }
    if (props.behindCloudFront) checkBehindCloudFront(v, props, p);
    checkRuleActionOverrides(v, props, p);
    for (const country of props.blockedCountries ?? []) {
      if (isKnown(country) && !/^[A-Z]{2}$/.test(country)) {
        v.fail(
          `${p('blockedCountries')} entry ${quoted(country)} is not allowed; allowed: an ISO 3166-1 alpha-2 code such as 'KP'`,
        );
      }
    }
    if (props.allowedClientCidrs !== undefined && props.allowedClientCidrs.length === 0) {
      v.fail(
        `${p('allowedClientCidrs')} is empty: every request would be blocked; allowed: at least one CIDR block, or leave it out`,
      );
    }
    for (const cidr of props.allowedClientCidrs ?? []) {
      if (isKnown(cidr) && !isCidr(cidr)) {
        v.fail(
          `${p('allowedClientCidrs')} entry ${quoted(cidr)} is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'`,
        );
      }
    }
    if (props.botControl && (props.managedRuleGroups ?? []).includes(BOT_CONTROL)) {
      v.fail(
        `${p('botControl')} true with ${BOT_CONTROL} in ${p('managedRuleGroups')}; allowed: one of them (botControl sets its inspection level)`,
      );
    }
    checkAntiDdos(v, props, p);
  }

  /** The web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;

  /** The web ACL's ARN. */
  public readonly webAclArn: string;

  /** The log group that receives the WAF logs (its name starts with `aws-waf-logs-`, as WAF requires). */
  public readonly logGroup: logs.LogGroup;

  /** What the web ACL protects. */
  public readonly webAclScope: FirewallScope;

  /** Whether the web ACL runs Bot Control (`botControl`), which has a fee of its own. */
  public readonly botControl: boolean;

  /** Whether the web ACL runs the anti-DDoS rule group (`antiDdos`), which has a fee of its own. */
  public readonly antiDdos: boolean;

  constructor(scope: Construct, id: string, props: WebApplicationFirewallProps = {}) {
    super(scope, id);
    const v = new PropsValidator('WebApplicationFirewall');
    WebApplicationFirewall._checkProps(v, props);
    checkFirewallRegion(v, props.webAclScope, Stack.of(this).region);
    v.throwIfAny();
    this.webAclScope = props.webAclScope ?? FirewallScope.REGIONAL;
    this.botControl = props.botControl ?? false;
    this.antiDdos = props.antiDdos !== undefined;

    const name = Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    const managed = [...managedRuleGroupsOf(props), ...(props.botControl ? [BOT_CONTROL] : [])];
    // The anti-DDoS group sees every request first, as AWS advises (it learns the traffic's baseline); then the rules
    // by address: a request they block needs no further inspection.
    const rules: wafv2.CfnWebACL.RuleProperty[] = [
      ...antiDdosRules(props.antiDdos),
      ...this.allowListRules(props.allowedClientCidrs),
      ...geoBlockRules(props.blockedCountries),
    ];
    const first = rules.length;
    rules.push(
      ...managed.map((group, i) => ({
        name: group,
        priority: first + i,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: group,
            ruleActionOverrides: actionOverridesOf(props.ruleActionOverrides ?? [], group),
            managedRuleGroupConfigs:
              group === BOT_CONTROL && props.botControl
                ? [{ awsManagedRulesBotControlRuleSet: { inspectionLevel: 'COMMON' } }]
                : undefined,
          },
        },
        visibilityConfig: visibility(group),
      })),
    );
    if (!props.behindCloudFront) {
      rules.push({
        name: 'RateLimitPerIp',
        priority: rules.length,
        action: { block: {} },
        statement: {
          rateBasedStatement: { limit: props.rateLimit ?? 2000, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
        },
        visibilityConfig: visibility('RateLimitPerIp'),
      });
    }

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: this.webAclScope,
      defaultAction: { allow: {} },
      description: props.behindCloudFront
        ? 'Managed rule groups that inspect requests, behind CloudFront'
        : 'Managed rule groups and a per-IP rate limit in front of the web service',
      rules: rules.map((rule, priority) => ({ ...rule, priority })),
      visibilityConfig: visibility(name),
    });
    this.webAclArn = this.webAcl.attrArn;

    const logGroupName = `aws-waf-logs-${name}`;
    this.logGroup = createEncryptedLogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      encryptionKey: props.logEncryptionKey,
      purpose: 'the AWS WAF logs',
      logGroupName,
    }).logGroup;
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAclArn,
      // WAF expects the log group's ARN without the trailing ':*'.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    });
    logging.node.addDependency(this.logGroup);
  }

  /** The rule that blocks every source address outside `cidrs`, with an IP set per address family. */
  private allowListRules(cidrs: string[] | undefined): wafv2.CfnWebACL.RuleProperty[] {
    if (!cidrs || cidrs.length === 0) return [];
    const families = [
      { version: 'IPV4', id: 'AllowedClientsIpv4', addresses: cidrs.filter((c) => !c.includes(':')) },
      { version: 'IPV6', id: 'AllowedClientsIpv6', addresses: cidrs.filter((c) => c.includes(':')) },
    ].filter((f) => f.addresses.length > 0);
    const references = families.map((f) => ({
      ipSetReferenceStatement: {
        arn: new wafv2.CfnIPSet(this, f.id, {
          scope: this.webAclScope,
          ipAddressVersion: f.version,
          addresses: f.addresses,
          description: 'The client addresses that may reach the web service',
        }).attrArn,
      },
    }));
    const allowed = references.length === 1 ? references[0] : { orStatement: { statements: references } };
    return [blockRule('BlockOutsideAllowedClients', { notStatement: { statement: allowed } })];
  }

  /**
   * Protects a regional resource (for example a load balancer, by its ARN) with this web ACL. A
   * CLOUDFRONT-scope web ACL is given to the distribution instead (`webAclArn`).
   */
  public associate(id: string, resourceArn: string): wafv2.CfnWebACLAssociation {
    if (this.webAclScope !== FirewallScope.REGIONAL) {
      throw new Error(
        `associate('${id}') needs a REGIONAL web ACL, and this one's webAclScope is ${this.webAclScope}; allowed: give webAclArn to the CloudFront distribution (CloudFrontEdge webAclArn)`,
      );
    }
    return new wafv2.CfnWebACLAssociation(this, id, { resourceArn, webAclArn: this.webAclArn });
  }
}

/** The Bot Control managed rule group. */
const BOT_CONTROL = 'AWSManagedRulesBotControlRuleSet';

/** The anti-DDoS managed rule group. */
const ANTI_DDOS = 'AWSManagedRulesAntiDDoSRuleSet';

/** The paths AWS suggests exempting from the anti-DDoS challenge: APIs, and static files by extension. */
const ANTI_DDOS_EXEMPT_PATHS = [
  '\\/api\\/|\\.(acc|avi|css|gif|jpe?g|js|mp[34]|ogg|otf|pdf|png|tiff?|ttf|webm|webp|woff2?)$',
];

/** The anti-DDoS rule group, with its challenge on (and the exempt paths) or off. */
function antiDdosRules(options: AntiDdosOptions | undefined): wafv2.CfnWebACL.RuleProperty[] {
  if (!options) return [];
  const challenge = options.challenge ?? true;
  return [
    {
      name: ANTI_DDOS,
      priority: 0,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: ANTI_DDOS,
          managedRuleGroupConfigs: [
            {
              awsManagedRulesAntiDDoSRuleSet: {
                clientSideActionConfig: {
                  challenge: challenge
                    ? {
                        usageOfAction: 'ENABLED',
                        exemptUriRegularExpressions: (options.challengeExemptPaths ?? ANTI_DDOS_EXEMPT_PATHS).map(
                          (regexString) => ({ regexString }),
                        ),
                      }
                    : { usageOfAction: 'DISABLED' },
                },
              },
            },
          ],
        },
      },
      visibilityConfig: visibility(ANTI_DDOS),
    },
  ];
}

/**
 * Whether `pattern` is a regular expression, as far as JavaScript's syntax and AWS WAF's (PCRE) agree: leading
 * inline flags such as `(?i)`, which only PCRE has, are set aside first.
 */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern.replace(/^\(\?[imsx]+\)/, ''));
    return true;
  } catch {
    return false;
  }
}

/** Records the problems of the anti-DDoS settings. */
function checkAntiDdos(v: PropsValidator, props: WebApplicationFirewallProps, p: (name: string) => string): void {
  if ((props.managedRuleGroups ?? []).includes(ANTI_DDOS)) {
    v.fail(
      `${p('managedRuleGroups')} names ${ANTI_DDOS}, which needs its challenge settings; allowed: ${p('antiDdos')} instead`,
    );
  }
  const paths = props.antiDdos?.challengeExemptPaths;
  if (paths === undefined) return;
  if (Token.isUnresolved(paths)) {
    v.fail(
      `${p('antiDdos.challengeExemptPaths')} is a list Token, and the web ACL writes each expression into an object of its own; allowed: a list of strings (each of them may be a Token)`,
    );
    return;
  }
  if (props.antiDdos?.challenge === false) {
    v.fail(
      `${p('antiDdos.challengeExemptPaths')} is set with challenge false, and nothing is challenged; allowed: challenge true (the default), or no challengeExemptPaths`,
    );
  }
  if (paths.length < 1 || paths.length > 5) {
    v.fail(`${p('antiDdos.challengeExemptPaths')} has ${paths.length} entries; allowed: 1 to 5 regular expressions`);
  }
  for (const path of paths.filter(isKnown)) {
    if (path.length < 1 || path.length > 512) {
      v.fail(
        `${p('antiDdos.challengeExemptPaths')} entry ${quoted(path)} has ${path.length} characters; allowed: 1 to 512`,
      );
    } else if (!compiles(path)) {
      v.fail(
        `${p('antiDdos.challengeExemptPaths')} entry ${quoted(path)} is not a regular expression; allowed: such as '^/api/'`,
      );
    }
  }
}

/** The rule that blocks requests from `countries`. */
function geoBlockRules(countries: string[] | undefined): wafv2.CfnWebACL.RuleProperty[] {
  if (!countries || countries.length === 0) return [];
  return [blockRule('BlockCountries', { geoMatchStatement: { countryCodes: countries } })];
}

/** A rule that blocks what `statement` matches; its priority is its place in the web ACL's list, set there. */
function blockRule(name: string, statement: wafv2.CfnWebACL.StatementProperty): wafv2.CfnWebACL.RuleProperty {
  return { name, priority: 0, action: { block: {} }, statement, visibilityConfig: visibility(name) };
}

/** The managed rule groups of a web ACL with these props, in order. */
function managedRuleGroupsOf(props: WebApplicationFirewallProps): string[] {
  const groups = props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS;
  // Behind CloudFront, the default address-based groups would judge CloudFront's addresses (given ones are refused).
  return props.behindCloudFront ? groups.filter((g) => !CLIENT_ADDRESS_RULE_GROUPS.includes(g)) : groups;
}

/** The rule action overrides of one managed rule group, or undefined when it has none. */
function actionOverridesOf(
  overrides: ManagedRuleOverride[],
  group: string,
): wafv2.CfnWebACL.RuleActionOverrideProperty[] | undefined {
  const own = overrides.filter((o) => o.ruleGroup === group);
  if (own.length === 0) return undefined;
  return own.map((o) => ({
    name: o.rule,
    actionToUse: o.action === ManagedRuleAction.ALLOW ? { allow: {} } : { count: {} },
  }));
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return {
    cloudWatchMetricsEnabled: true,
    sampledRequestsEnabled: true,
    metricName: metricName.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 128),
  };
}

/** Records what cannot work on a load balancer that sees CloudFront's addresses instead of the clients'. */
function checkBehindCloudFront(
  v: PropsValidator,
  props: WebApplicationFirewallProps,
  p: (name: string) => string,
): void {
  if (String(props.webAclScope) === 'CLOUDFRONT') {
    v.fail(
      `${p('behindCloudFront')} true with webAclScope CLOUDFRONT; allowed: behindCloudFront for a REGIONAL web ACL only`,
    );
  }
  if (props.rateLimit !== undefined) {
    v.fail(
      `${p('rateLimit')} ${props.rateLimit} with behindCloudFront would limit CloudFront's addresses, not clients'; allowed: leave it out (set it on the distribution's CLOUDFRONT-scope web ACL)`,
    );
  }
  if (props.botControl) {
    v.fail(
      `${p('botControl')} with behindCloudFront would see CloudFront's addresses, and Bot Control verifies bots by theirs; allowed: leave it out (set it on the distribution's CLOUDFRONT-scope web ACL)`,
    );
  }
  for (const prop of ['blockedCountries', 'allowedClientCidrs', 'antiDdos'] as const) {
    if (props[prop] !== undefined) {
      v.fail(
        `${p(prop)} with behindCloudFront would judge CloudFront's addresses, not clients'; allowed: leave it out (set it on the distribution's CLOUDFRONT-scope web ACL)`,
      );
    }
  }
  const byAddress = (props.managedRuleGroups ?? []).filter((g) => CLIENT_ADDRESS_RULE_GROUPS.includes(g));
  if (byAddress.length > 0) {
    v.fail(
      `${p('managedRuleGroups')} ${byAddress.join(', ')} with behindCloudFront would judge CloudFront's addresses; allowed: groups that inspect the request, such as AWSManagedRulesCommonRuleSet`,
    );
  }
}

/** Records overrides of rule groups the web ACL does not have, malformed rule names and repeated rules. */
function checkRuleActionOverrides(
  v: PropsValidator,
  props: WebApplicationFirewallProps,
  p: (name: string) => string,
): void {
  const overrides = props.ruleActionOverrides ?? [];
  const groups = props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS;
  const seen = new Set<string>();
  overrides.forEach((o, i) => {
    const prop = p(`ruleActionOverrides[${i}]`);
    if (!isKnown(o.ruleGroup)) {
      // The override is placed in its group's statement at synthesis: a group known only at deployment matches none.
      v.fail(
        `${prop}.ruleGroup is not known at synthesis; allowed: the name of one of the web ACL's managed rule groups, as a string`,
      );
    } else if (!groups.includes(o.ruleGroup)) {
      v.fail(
        `${prop}.ruleGroup ${quoted(o.ruleGroup)} is not one of the web ACL's managed rule groups; allowed: ${groups.join(', ')}`,
      );
    }
    if (isKnown(o.rule) && !/^[A-Za-z0-9_-]{1,128}$/.test(o.rule)) {
      v.fail(`${prop}.rule ${quoted(o.rule)} is not a rule name; allowed: 1 to 128 letters, digits, '_' and '-'`);
    }
    const key = `${o.ruleGroup}/${o.rule}`;
    if (seen.has(key)) {
      v.fail(`${prop} overrides ${escaped(key)} again; allowed: one override per rule`);
    }
    seen.add(key);
  });
}

/** Records a CLOUDFRONT-scope web ACL in a stack outside us-east-1, where AWS WAF cannot create it. */
function checkFirewallRegion(v: PropsValidator, scope: FirewallScope | undefined, region: string): void {
  if (String(scope) !== 'CLOUDFRONT' || Token.isUnresolved(region) || region === 'us-east-1') return;
  v.fail(
    `webAclScope CLOUDFRONT in a stack in ${escaped(region)}; allowed: a stack in us-east-1, where AWS WAF keeps the web ACLs of CloudFront distributions`,
  );
}
