/**
 * The web ACL's opt-in protections: Bot Control at its common level, the anti-DDoS group, geo-blocking, and an allow-list of client
 * addresses; their order in the web ACL, what CloudFront in front changes, their bad inputs, and their cost.
 */
import { Lazy, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  CostComponent,
  Firewall,
  SecureFargateWebService,
  WebApplicationFirewall,
  WebApplicationFirewallProps,
} from '../../src';
import { formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { expectOnlyProblem, lazyString } from '../problems';
import { testStack } from '../util';
import { build as buildWeb } from '../web-service-fixture';

function rulesOf(props: WebApplicationFirewallProps) {
  const stack = testStack();
  new WebApplicationFirewall(stack, 'Waf', props);
  const template = Template.fromStack(stack);
  const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
  return { template, rules: acl.Properties.Rules as Array<Record<string, any>> };
}

describe('firewall options', () => {
  test('Bot Control at the common level, after the default groups and before the rate limit', () => {
    const { rules } = rulesOf({ botControl: true });
    expect(rules.map((r) => [r.Name, r.Priority])).toEqual([
      ['AWSManagedRulesAmazonIpReputationList', 0],
      ['AWSManagedRulesCommonRuleSet', 1],
      ['AWSManagedRulesKnownBadInputsRuleSet', 2],
      ['AWSManagedRulesBotControlRuleSet', 3],
      ['RateLimitPerIp', 4],
    ]);
    expect(rules[3].Statement.ManagedRuleGroupStatement.ManagedRuleGroupConfigs).toEqual([
      { AWSManagedRulesBotControlRuleSet: { InspectionLevel: 'COMMON' } },
    ]);
  });

  test('anti-DDoS first, challenging suspects except on the paths AWS suggests exempting', () => {
    const { rules } = rulesOf({ antiDdos: {}, allowedClientCidrs: ['203.0.113.0/24'] });
    expect(rules.map((r) => [r.Name, r.Priority]).slice(0, 2)).toEqual([
      ['AWSManagedRulesAntiDDoSRuleSet', 0],
      ['BlockOutsideAllowedClients', 1],
    ]);
    expect(rules[0].OverrideAction).toEqual({ None: {} });
    expect(rules[0].Statement.ManagedRuleGroupStatement.ManagedRuleGroupConfigs).toEqual([
      {
        AWSManagedRulesAntiDDoSRuleSet: {
          ClientSideActionConfig: {
            Challenge: {
              UsageOfAction: 'ENABLED',
              ExemptUriRegularExpressions: [
                {
                  RegexString:
                    '\\/api\\/|\\.(acc|avi|css|gif|jpe?g|js|mp[34]|ogg|otf|pdf|png|tiff?|ttf|webm|webp|woff2?)$',
                },
              ],
            },
          },
        },
      },
    ]);
  });

  test('anti-DDoS with paths of its own, or without the challenge for a service only API clients call', () => {
    const config = (props: WebApplicationFirewallProps) =>
      rulesOf(props).rules[0].Statement.ManagedRuleGroupStatement.ManagedRuleGroupConfigs[0]
        .AWSManagedRulesAntiDDoSRuleSet.ClientSideActionConfig.Challenge;
    expect(config({ antiDdos: { challengeExemptPaths: ['^/v1/', '^/webhooks/'] } })).toEqual({
      UsageOfAction: 'ENABLED',
      ExemptUriRegularExpressions: [{ RegexString: '^/v1/' }, { RegexString: '^/webhooks/' }],
    });
    expect(config({ antiDdos: { challenge: false } })).toEqual({ UsageOfAction: 'DISABLED' });
    // PCRE's inline flags, which JavaScript lacks, are accepted.
    expect(config({ antiDdos: { challengeExemptPaths: ['(?i)^/API/'] } }).ExemptUriRegularExpressions).toEqual([
      { RegexString: '(?i)^/API/' },
    ]);
  });

  test('SQL injection and Linux rule groups by name', () => {
    const { rules } = rulesOf({
      managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesLinuxRuleSet'],
    });
    expect(rules.map((r) => r.Name)).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesSQLiRuleSet',
      'AWSManagedRulesLinuxRuleSet',
      'RateLimitPerIp',
    ]);
  });

  test('an allow-list of IPv4 and IPv6 clients, then blocked countries, before every other rule', () => {
    const { rules, template } = rulesOf({
      allowedClientCidrs: ['203.0.113.0/24', '2001:db8::/32'],
      blockedCountries: ['KP', 'IR'],
    });
    expect(rules.slice(0, 2).map((r) => [r.Name, r.Priority])).toEqual([
      ['BlockOutsideAllowedClients', 0],
      ['BlockCountries', 1],
    ]);
    expect(rules[0].Action).toEqual({ Block: {} });
    const sets = Object.values(template.findResources('AWS::WAFv2::IPSet')).map((s) => s.Properties);
    expect(sets).toEqual([
      expect.objectContaining({ IPAddressVersion: 'IPV4', Addresses: ['203.0.113.0/24'], Scope: 'REGIONAL' }),
      expect.objectContaining({ IPAddressVersion: 'IPV6', Addresses: ['2001:db8::/32'], Scope: 'REGIONAL' }),
    ]);
    expect(rules[0].Statement.NotStatement.Statement.OrStatement.Statements).toHaveLength(2);
    expect(rules[1].Statement).toEqual({ GeoMatchStatement: { CountryCodes: ['KP', 'IR'] } });
    expect(rules.map((r) => r.Priority)).toEqual(rules.map((_, i) => i));
  });

  test('an IPv4-only allow-list needs no OR statement', () => {
    const { rules } = rulesOf({ allowedClientCidrs: ['198.51.100.0/24'] });
    expect(Object.keys(rules[0].Statement.NotStatement.Statement)).toEqual(['IPSetReferenceStatement']);
  });

  test('behind CloudFront the distribution applies the address rules and Bot Control; the load balancer neither', () => {
    const stack = testStack({ env: { account: '123456789012', region: 'us-east-1' } });
    const web = new SecureFargateWebService(stack, 'Web', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
      cloudFront: {},
      firewall: Firewall.managed({
        botControl: true,
        blockedCountries: ['KP'],
        allowedClientCidrs: ['203.0.113.0/24'],
        antiDdos: {},
      }),
    });
    const names = (f: WebApplicationFirewall | undefined) =>
      (stack.resolve(f!.webAcl.rules) as Array<{ name: string }>).map((r) => r.name);
    expect(names(web.cloudFrontFirewall)).toEqual(
      expect.arrayContaining([
        'AWSManagedRulesAntiDDoSRuleSet',
        'BlockOutsideAllowedClients',
        'BlockCountries',
        'AWSManagedRulesBotControlRuleSet',
      ]),
    );
    expect(names(web.firewall)).not.toContain('AWSManagedRulesAntiDDoSRuleSet');
    expect(names(web.firewall)).not.toContain('BlockCountries');
    expect(names(web.firewall)).not.toContain('BlockOutsideAllowedClients');
    expect(names(web.firewall)).not.toContain('AWSManagedRulesBotControlRuleSet');
  });

  test.each(installedNagModules())('%s: the packs find nothing unacknowledged with every option', (nagModule) => {
    const { stack } = buildWeb({
      firewall: Firewall.managed({
        botControl: true,
        antiDdos: {},
        blockedCountries: ['KP'],
        allowedClientCidrs: ['203.0.113.0/24', '2001:db8::/32'],
        managedRuleGroups: [
          'AWSManagedRulesCommonRuleSet',
          'AWSManagedRulesSQLiRuleSet',
          'AWSManagedRulesLinuxRuleSet',
        ],
      }),
    });
    expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
  });

  test('the cost estimate counts each web ACL with Bot Control', () => {
    const plain = buildWeb().web.costEstimate().monthlyUsdOf(CostComponent.WAF);
    const { web } = buildWeb({ firewall: Firewall.managed({ botControl: true }) });
    expect(web.costDrivers.webAclsWithBotControl).toBe(1);
    // One more rule ($1), the subscription ($10) and 10 M requests at $1
    expect(web.costEstimate().monthlyUsdOf(CostComponent.WAF) - plain).toBeCloseTo(1 + 10 + 10, 9);
  });

  test('the cost estimate counts each web ACL with the anti-DDoS group', () => {
    const plain = buildWeb().web.costEstimate().monthlyUsdOf(CostComponent.WAF);
    const { web } = buildWeb({ firewall: Firewall.managed({ antiDdos: {} }) });
    expect(web.costDrivers.webAclsWithAntiDdos).toBe(1);
    // One more rule ($1), the subscription ($20) and 10 M requests at $0.15
    expect(web.costEstimate().monthlyUsdOf(CostComponent.WAF) - plain).toBeCloseTo(1 + 20 + 1.5, 9);
  });
});

describe('firewall options reject', () => {
  test.each<[string, WebApplicationFirewallProps, string]>([
    [
      'a country by name',
      { blockedCountries: ['Narnia'] },
      "blockedCountries entry 'Narnia' is not allowed; allowed: an ISO 3166-1 alpha-2 code such as 'KP'",
    ],
    [
      'an empty allow-list',
      { allowedClientCidrs: [] },
      'allowedClientCidrs is empty: every request would be blocked; allowed: at least one CIDR block, or leave it out',
    ],
    [
      'an address without a prefix length',
      { allowedClientCidrs: ['203.0.113.7'] },
      "allowedClientCidrs entry '203.0.113.7' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'",
    ],
    [
      'Bot Control twice',
      { botControl: true, managedRuleGroups: ['AWSManagedRulesBotControlRuleSet'] },
      'botControl true with AWSManagedRulesBotControlRuleSet in managedRuleGroups; allowed: one of them (botControl sets its inspection level)',
    ],
    [
      'the anti-DDoS group by name, without its settings',
      { managedRuleGroups: ['AWSManagedRulesAntiDDoSRuleSet'] },
      'managedRuleGroups names AWSManagedRulesAntiDDoSRuleSet, which needs its challenge settings; allowed: antiDdos instead',
    ],
    [
      'exempt paths without the challenge',
      { antiDdos: { challenge: false, challengeExemptPaths: ['^/api/'] } },
      'antiDdos.challengeExemptPaths is set with challenge false, and nothing is challenged; allowed: challenge true (the default), or no challengeExemptPaths',
    ],
    [
      'six exempt paths',
      { antiDdos: { challengeExemptPaths: ['a', 'b', 'c', 'd', 'e', 'f'] } },
      'antiDdos.challengeExemptPaths has 6 entries; allowed: 1 to 5 regular expressions',
    ],
    [
      'an empty exempt path',
      { antiDdos: { challengeExemptPaths: [''] } },
      "antiDdos.challengeExemptPaths entry '' has 0 characters; allowed: 1 to 512",
    ],
    [
      'an exempt path that is not a regular expression',
      { antiDdos: { challengeExemptPaths: ['(unclosed'] } },
      "antiDdos.challengeExemptPaths entry '(unclosed' is not a regular expression; allowed: such as '^/api/'",
    ],
    [
      'exempt paths as a list Token',
      { antiDdos: { challengeExemptPaths: Token.asList(Lazy.any({ produce: () => ['^/api/'] })) } },
      'antiDdos.challengeExemptPaths is a list Token, and the web ACL writes each expression into an object of its own; allowed: a list of strings (each of them may be a Token)',
    ],
    [
      'anti-DDoS on a web ACL behind CloudFront',
      { behindCloudFront: true, antiDdos: {} },
      "antiDdos with behindCloudFront would judge CloudFront's addresses, not clients'; allowed: leave it out (set it on the distribution's CLOUDFRONT-scope web ACL)",
    ],
    [
      'Bot Control on a web ACL behind CloudFront',
      { behindCloudFront: true, botControl: true },
      "botControl with behindCloudFront would see CloudFront's addresses, and Bot Control verifies bots by theirs; allowed: leave it out (set it on the distribution's CLOUDFRONT-scope web ACL)",
    ],
    [
      'countries on a web ACL behind CloudFront',
      { behindCloudFront: true, blockedCountries: ['KP'] },
      "blockedCountries with behindCloudFront would judge CloudFront's addresses, not clients'; allowed: leave it out (set it on the distribution's CLOUDFRONT-scope web ACL)",
    ],
  ])('%s', (_, props, message) => {
    expectOnlyProblem('WebApplicationFirewall', () => new WebApplicationFirewall(testStack(), 'Waf', props), message);
  });

  test("with the distribution's web ACL given, the options that judge the client's address are refused", () => {
    expectOnlyProblem(
      'SecureFargateWebService',
      () =>
        new SecureFargateWebService(testStack(), 'Web', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
          cloudFront: { webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/abc' },
          firewall: Firewall.managed({ botControl: true, antiDdos: {}, blockedCountries: ['KP'] }),
        }),
      "firewall.botControl, firewall.antiDdos, firewall.blockedCountries with cloudFront.webAclArn belongs to the distribution's web ACL, which cloudFront.webAclArn gives, so it would apply nowhere; allowed: set them on that web ACL and leave them out here",
    );
  });

  test('SecureFargateWebService names them under firewall', () => {
    expectOnlyProblem(
      'SecureFargateWebService',
      () => buildWeb({ firewall: Firewall.managed({ blockedCountries: ['kp'] }) }),
      "firewall.blockedCountries entry 'kp' is not allowed; allowed: an ISO 3166-1 alpha-2 code such as 'KP'",
    );
  });

  test('Tokens pass unchecked', () => {
    expect(
      () =>
        new WebApplicationFirewall(testStack(), 'Waf', {
          blockedCountries: [lazyString('x')],
          allowedClientCidrs: [lazyString('x')],
          antiDdos: { challengeExemptPaths: [lazyString('x')] },
        }),
    ).not.toThrow();
  });
});
