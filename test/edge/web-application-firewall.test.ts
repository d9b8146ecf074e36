import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FirewallScope, ManagedRuleAction, WebApplicationFirewall, WebApplicationFirewallProps } from '../../src';
import { testStack } from '../util';

function build(props: WebApplicationFirewallProps = {}) {
  const stack = testStack();
  const waf = new WebApplicationFirewall(stack, 'Waf', props);
  return { stack, waf, template: Template.fromStack(stack) };
}

const managed = (name: string, priority: number) => ({
  Name: name,
  Priority: priority,
  OverrideAction: { None: {} },
  Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
  VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: name },
});

describe('WebApplicationFirewall', () => {
  test('default: IP reputation, common rules, known bad inputs, then a 2000 per 5 minutes per-IP rate limit', () => {
    build().template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        managed('AWSManagedRulesCommonRuleSet', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          Name: 'RateLimitPerIp',
          Priority: 3,
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
          VisibilityConfig: Match.objectLike({ MetricName: 'RateLimitPerIp' }),
        },
      ],
    });
  });

  test('rateLimit and managedRuleGroups override the rules', () => {
    build({ rateLimit: 500, managedRuleGroups: ['AWSManagedRulesSQLiRuleSet'] }).template.hasResourceProperties(
      'AWS::WAFv2::WebACL',
      {
        Rules: [
          managed('AWSManagedRulesSQLiRuleSet', 0),
          Match.objectLike({
            Name: 'RateLimitPerIp',
            Priority: 1,
            Statement: { RateBasedStatement: Match.objectLike({ Limit: 500 }) },
          }),
        ],
      },
    );
  });

  test('logs go to an encrypted log group named aws-waf-logs-..., kept three months; the key admits only that group', () => {
    const { template, stack, waf } = build();
    const [name] = Object.values(template.findResources('AWS::Logs::LogGroup')).map((r) => r.Properties.LogGroupName);
    expect(name).toMatch(/^aws-waf-logs-Test-Waf-[A-F0-9]{8}$/);
    const logGroupId = stack.getLogicalId(waf.logGroup.node.defaultChild as logs.CfnLogGroup);
    template.hasResource('AWS::WAFv2::LoggingConfiguration', { DependsOn: Match.arrayWith([logGroupId]) });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: name,
      RetentionInDays: 90,
      KmsKeyId: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsForThisLogGroup',
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': ['', Match.arrayWith([`:log-group:${name}`])],
                },
              },
            },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('WafWebAcl'), 'Arn'] },
      LogDestinationConfigs: [{ 'Fn::Join': ['', Match.arrayWith([`:log-group:${name}`])] }],
    });
  });

  test('logRetention overrides the retention', () => {
    build({ logRetention: logs.RetentionDays.ONE_YEAR }).template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 365,
    });
  });

  test('associate() protects a resource by ARN', () => {
    const stack = testStack();
    const waf = new WebApplicationFirewall(stack, 'Waf');
    waf.associate('Alb', 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/web/1');
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: 'arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/web/1',
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('WafWebAcl'), 'Arn'] },
    });
  });

  test('behindCloudFront leaves out the rate limit and the address-based groups; the others stay', () => {
    const { template } = build({ behindCloudFront: true });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: [managed('AWSManagedRulesCommonRuleSet', 0), managed('AWSManagedRulesKnownBadInputsRuleSet', 1)],
    });
  });

  test('webAclScope CLOUDFRONT in us-east-1 makes a web ACL for a distribution, with every default rule', () => {
    const stack = testStack({ env: { account: '123456789012', region: 'us-east-1' } });
    const waf = new WebApplicationFirewall(stack, 'Waf', { webAclScope: FirewallScope.CLOUDFRONT });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([Match.objectLike({ Name: 'RateLimitPerIp' })]),
    });
    expect(waf.webAclScope).toBe(FirewallScope.CLOUDFRONT);
    expect(() =>
      waf.associate('Alb', 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1'),
    ).toThrow(
      "associate('Alb') needs a REGIONAL web ACL, and this one's webAclScope is CLOUDFRONT; allowed: give webAclArn to the CloudFront distribution (CloudFrontEdge webAclArn)",
    );
  });

  test('ruleActionOverrides count or allow named rules of their group only', () => {
    const { template } = build({
      ruleActionOverrides: [
        { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'SizeRestrictions_BODY', action: ManagedRuleAction.COUNT },
        { ruleGroup: 'AWSManagedRulesCommonRuleSet', rule: 'NoUserAgent_HEADER', action: ManagedRuleAction.ALLOW },
      ],
    });
    const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
    const statements = acl.Properties.Rules.map(
      (r: { Statement: { ManagedRuleGroupStatement?: { RuleActionOverrides?: unknown } } }) =>
        r.Statement.ManagedRuleGroupStatement?.RuleActionOverrides,
    );
    expect(statements).toEqual([
      undefined,
      [
        { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
        { Name: 'NoUserAgent_HEADER', ActionToUse: { Allow: {} } },
      ],
      undefined,
      undefined,
    ]);
  });

  test.each<[WebApplicationFirewallProps, string]>([
    [{ rateLimit: 99 }, 'rateLimit 99 is not allowed; allowed: an integer from 100 to 2000000000'],
    [
      { managedRuleGroups: ['CommonRuleSet'] },
      "managedRuleGroups entry 'CommonRuleSet' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'",
    ],
  ])('rejects %j', (props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
