/**
 * Validation of WebApplicationFirewall: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Lazy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FirewallScope, ManagedRuleAction, WebApplicationFirewall, WebApplicationFirewallProps } from '../../src';
import { Acceptance, Rejection, expectOnlyProblem, lazyNumber, lazyString, problemsOfCheck } from '../problems';
import { pinnedStack, testStack } from '../util';

const buildFirewall = (props: WebApplicationFirewallProps) => new WebApplicationFirewall(testStack(), 'Waf', props);

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('WebApplicationFirewall rejects', () => {
  const rows: Array<Rejection<WebApplicationFirewallProps>> = [
    ['rateLimit 99', { rateLimit: 99 }, 'rateLimit 99 is not allowed; allowed: an integer from 100 to 2000000000'],
    [
      'rateLimit above two billion',
      { rateLimit: 2_000_000_001 },
      'rateLimit 2000000001 is not allowed; allowed: an integer from 100 to 2000000000',
    ],
    [
      'a fractional rateLimit',
      { rateLimit: 150.5 },
      'rateLimit 150.5 is not allowed; allowed: an integer from 100 to 2000000000',
    ],
    [
      'a managed rule group without its AWSManagedRules prefix',
      { managedRuleGroups: ['CommonRuleSet'] },
      "managedRuleGroups entry 'CommonRuleSet' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
    ],
    [
      'the bare AWSManagedRules prefix',
      { managedRuleGroups: ['AWSManagedRules'] },
      "managedRuleGroups entry 'AWSManagedRules' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
    ],
    [
      'a managed rule group with a hyphen',
      { managedRuleGroups: ['AWSManagedRules-SQLi'] },
      "managedRuleGroups entry 'AWSManagedRules-SQLi' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
    ],
    [
      'two managed rule groups named more than once',
      {
        managedRuleGroups: [
          'AWSManagedRulesCommonRuleSet',
          'AWSManagedRulesSQLiRuleSet',
          'AWSManagedRulesCommonRuleSet',
          'AWSManagedRulesSQLiRuleSet',
          'AWSManagedRulesSQLiRuleSet',
        ],
      },
      'managedRuleGroups names AWSManagedRulesCommonRuleSet, AWSManagedRulesSQLiRuleSet more than once; allowed: each rule group once',
    ],
    [
      'logRetention INFINITE',
      { logRetention: logs.RetentionDays.INFINITE },
      'logRetention INFINITE keeps WAF logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR',
    ],
    [
      'a rateLimit behind CloudFront',
      { behindCloudFront: true, rateLimit: 1000 },
      "rateLimit 1000 with behindCloudFront would limit CloudFront's addresses, not clients'; allowed: leave it out (set it on the distribution's CLOUDFRONT-scope web ACL)",
    ],
    [
      'IP-based rule groups behind CloudFront',
      {
        behindCloudFront: true,
        managedRuleGroups: ['AWSManagedRulesAnonymousIpList', 'AWSManagedRulesCommonRuleSet'],
      },
      "managedRuleGroups AWSManagedRulesAnonymousIpList with behindCloudFront would judge CloudFront's addresses; allowed: groups that inspect the request, such as AWSManagedRulesCommonRuleSet",
    ],
    [
      'behindCloudFront for a CLOUDFRONT-scope web ACL',
      { behindCloudFront: true, webAclScope: FirewallScope.CLOUDFRONT },
      'behindCloudFront true with webAclScope CLOUDFRONT; allowed: behindCloudFront for a REGIONAL web ACL only',
    ],
    [
      'an override of a rule group the web ACL does not have',
      {
        ruleActionOverrides: [
          { ruleGroup: 'AWSManagedRulesSQLiRuleSet', rule: 'SQLi_BODY', action: ManagedRuleAction.COUNT },
        ],
      },
      "ruleActionOverrides[0].ruleGroup 'AWSManagedRulesSQLiRuleSet' is not one of the web ACL's managed rule groups; allowed: AWSManagedRulesAmazonIpReputationList, AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet",
    ],
    [
      'an override of a rule with a space in its name',
      {
        ruleActionOverrides: [
          { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'Size Restrictions', action: ManagedRuleAction.COUNT },
        ],
      },
      "ruleActionOverrides[0].rule 'Size Restrictions' is not a rule name; allowed: 1 to 128 letters, digits, '_' and '-'",
    ],
    [
      'two overrides of one rule',
      {
        ruleActionOverrides: [
          { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'SizeRestrictions_BODY', action: ManagedRuleAction.COUNT },
          { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'SizeRestrictions_BODY', action: ManagedRuleAction.ALLOW },
        ],
      },
      'ruleActionOverrides[1] overrides AWSManagedRulesCommonRuleSet/SizeRestrictions_BODY again; allowed: one override per rule',
    ],
    [
      'an override whose rule group is a Token, which could match no group',
      {
        ruleActionOverrides: [
          {
            ruleGroup: Lazy.string({ produce: () => 'AWSManagedRulesCommonRuleSet' }),
            rule: 'SizeRestrictions_BODY',
            action: ManagedRuleAction.COUNT,
          },
        ],
      },
      "ruleActionOverrides[0].ruleGroup is not known at synthesis; allowed: the name of one of the web ACL's managed rule groups, as a string",
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('WebApplicationFirewall', () => buildFirewall(props), message);
  });

  test('webAclScope CLOUDFRONT in a stack outside us-east-1', () => {
    expectOnlyProblem(
      'WebApplicationFirewall',
      () => new WebApplicationFirewall(pinnedStack(), 'Waf', { webAclScope: FirewallScope.CLOUDFRONT }),
      'webAclScope CLOUDFRONT in a stack in us-west-2; allowed: a stack in us-east-1, where AWS WAF keeps the web ACLs of CloudFront distributions',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const firewall: Array<Acceptance<WebApplicationFirewallProps>> = [
    ['rateLimit', { rateLimit: lazyNumber(1) }],
    ['managedRuleGroups entries', { managedRuleGroups: [lazyString('SQLi')] }],
    [
      'managedRuleGroups entries that would name one group twice',
      {
        managedRuleGroups: [lazyString('AWSManagedRulesCommonRuleSet'), lazyString('AWSManagedRulesCommonRuleSet')],
      },
    ],
  ];
  firewall.push(
    ['webAclScope CLOUDFRONT in an environment-agnostic stack', { webAclScope: FirewallScope.CLOUDFRONT }],
    [
      'an override whose rule is a Token',
      {
        ruleActionOverrides: [
          {
            ruleGroup: 'AWSManagedRulesCommonRuleSet',
            rule: lazyString('a b'),
            action: ManagedRuleAction.COUNT,
          },
        ],
      },
    ],
  );
  test.each(firewall)('WebApplicationFirewall: %s', (_, props) => {
    expect(() => buildFirewall(props)).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------
// The check alone (WebApplicationFirewall._checkProps), as an enclosing construct runs it
// ---------------------------------------------------------------------------------------------------------

describe('WebApplicationFirewall._checkProps', () => {
  test('a prefix names every prop, a repeated group is named once, and INFINITE log retention is refused', () => {
    const problems = problemsOfCheck((v) =>
      WebApplicationFirewall._checkProps(
        v,
        {
          rateLimit: 99,
          managedRuleGroups: ['SQLi', 'SQLi', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesCommonRuleSet'],
          logRetention: logs.RetentionDays.INFINITE,
        },
        'firewall.',
      ),
    );
    expect(problems).toEqual([
      'firewall.rateLimit 99 is not allowed; allowed: an integer from 100 to 2000000000',
      "firewall.managedRuleGroups entry 'SQLi' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
      "firewall.managedRuleGroups entry 'SQLi' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
      'firewall.managedRuleGroups names SQLi, AWSManagedRulesCommonRuleSet more than once; allowed: each rule group once',
      'firewall.logRetention INFINITE keeps WAF logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR',
    ]);
  });

  test('a bounded log retention and distinct groups pass', () => {
    const props = {
      managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesSQLiRuleSet'],
      logRetention: logs.RetentionDays.ONE_YEAR,
    };
    expect(problemsOfCheck((v) => WebApplicationFirewall._checkProps(v, props))).toEqual([]);
  });
});
