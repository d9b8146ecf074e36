import { ArnFormat, Names, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { checkWebApplicationFirewallProps } from '../private/edge-checks';
import { createEncryptedLogGroup } from '../private/encrypted-log-group';
import { PropsValidator } from '../private/validation';

/**
 * Props for `WebApplicationFirewall`.
 */
export interface WebApplicationFirewallProps {
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
}

/** The AWS managed rule groups applied by default. */
const DEFAULT_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
];

/**
 * An AWS WAF web ACL for a regional resource such as a load balancer: AWS managed rule groups (IP
 * reputation, common rules, known bad inputs), a per-IP rate limit, and logging to an encrypted
 * CloudWatch Logs log group. Attach it with `associate()`.
 */
export class WebApplicationFirewall extends Construct {
  /** The web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;

  /** The web ACL's ARN. */
  public readonly webAclArn: string;

  /** The log group that receives the WAF logs (its name starts with `aws-waf-logs-`, as WAF requires). */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebApplicationFirewallProps = {}) {
    super(scope, id);
    const v = new PropsValidator('WebApplicationFirewall');
    checkWebApplicationFirewallProps(v, props);
    v.throwIfAny();

    const name = Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    const managed = props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS;
    const rules: wafv2.CfnWebACL.RuleProperty[] = managed.map((group, i) => ({
      name: group,
      priority: i,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group } },
      visibilityConfig: visibility(group),
    }));
    rules.push({
      name: 'RateLimitPerIp',
      priority: managed.length,
      action: { block: {} },
      statement: {
        rateBasedStatement: { limit: props.rateLimit ?? 2000, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
      },
      visibilityConfig: visibility('RateLimitPerIp'),
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      description: 'Managed rule groups and a per-IP rate limit in front of the web service',
      rules,
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

  /** Protects a regional resource (for example a load balancer, by its ARN) with this web ACL. */
  public associate(id: string, resourceArn: string): wafv2.CfnWebACLAssociation {
    return new wafv2.CfnWebACLAssociation(this, id, { resourceArn, webAclArn: this.webAclArn });
  }
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return {
    cloudWatchMetricsEnabled: true,
    sampledRequestsEnabled: true,
    metricName: metricName.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 128),
  };
}
