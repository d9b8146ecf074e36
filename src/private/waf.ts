import { Token } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { CLIENT_ADDRESS_RULE_GROUPS, DEFAULT_MANAGED_RULE_GROUPS, type FirewallChoice } from './edge-checks';
import { escaped, type PropsValidator } from './validation';
import type { HttpsLoadBalancer } from '../edge/https-load-balancer';
import { WebApplicationFirewall, type WebApplicationFirewallProps } from '../edge/web-application-firewall';

/**
 * Associates a web ACL with the load balancer of `edge`: a new one (`Firewall` under `scope`, with
 * `firewall`'s settings) or the one `webAclArn` names. With `on` false, acknowledges the missing web ACL
 * on the load balancer instead. Returns the web ACL created, if any.
 */
export function protectWithWaf(
  scope: Construct,
  edge: HttpsLoadBalancer,
  props: FirewallChoice,
  on: boolean,
): WebApplicationFirewall | undefined {
  if (!on) {
    for (const pack of ['NIST.800.53.R5', 'PCI.DSS.321']) {
      acknowledge(
        edge.loadBalancer,
        `${pack}-ALBWAFEnabled`,
        'AWS WAF was turned off by configuration (waf: false), as for a development environment.',
      );
    }
    return undefined;
  }
  const firewall =
    props.webAclArn === undefined ? new WebApplicationFirewall(scope, 'Firewall', props.firewall) : undefined;
  new wafv2.CfnWebACLAssociation(edge, 'WebAclAssociation', {
    resourceArn: edge.loadBalancer.loadBalancerArn,
    webAclArn: firewall?.webAclArn ?? props.webAclArn!,
  });
  return firewall;
}

/**
 * The settings of a load balancer's web ACL behind CloudFront, from the settings of the service's
 * firewall: the rule groups that judge the source address, their overrides and the per-IP rate limit go to
 * the distribution's web ACL, which sees the clients' addresses; the rest stays.
 */
export function behindCloudFront(props: WebApplicationFirewallProps = {}): WebApplicationFirewallProps {
  const groups = (props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS).filter(
    (g) => !CLIENT_ADDRESS_RULE_GROUPS.includes(g),
  );
  return {
    ...props,
    rateLimit: undefined,
    managedRuleGroups: groups,
    ruleActionOverrides: props.ruleActionOverrides?.filter((o) => groups.includes(o.ruleGroup)),
    behindCloudFront: true,
  };
}

/**
 * Records a distribution that AWS WAF would leave unprotected: with AWS WAF on, it needs a CLOUDFRONT-scope
 * web ACL, which this construct can create only in a stack in us-east-1.
 */
export function checkCloudFrontFirewall(
  v: PropsValidator,
  props: {
    readonly waf?: boolean;
    readonly cloudFrontWebAclArn?: string;
    readonly firewall?: WebApplicationFirewallProps;
  },
  region: string,
): void {
  if (props.waf === false) {
    if (props.cloudFrontWebAclArn !== undefined) {
      v.fail('cloudFrontWebAclArn given with waf false; allowed: waf true, or no cloudFrontWebAclArn');
    }
    return;
  }
  if (props.cloudFrontWebAclArn !== undefined) {
    checkDistributionSettings(v, props.firewall ?? {});
    return;
  }
  if (region === 'us-east-1') return;
  const where = Token.isUnresolved(region)
    ? "the stack's Region is not known at synth time (an environment-agnostic stack)"
    : `the stack is in ${escaped(region)}`;
  v.fail(
    `cloudFront with AWS WAF needs a CLOUDFRONT-scope web ACL for the distribution (only it sees the clients' addresses), which AWS WAF keeps in us-east-1, and ${where}; ` +
      'allowed: cloudFrontWebAclArn (for example a WebApplicationFirewall with webAclScope CLOUDFRONT in a us-east-1 stack), a stack in us-east-1 (one is created), or waf false',
  );
}

/**
 * Records the `firewall` settings that belong to the distribution's web ACL when `cloudFrontWebAclArn` gives
 * it: the load balancer's web ACL leaves them out, and the given one is not the library's to change, so they
 * would apply nowhere.
 */
function checkDistributionSettings(v: PropsValidator, firewall: WebApplicationFirewallProps): void {
  const elsewhere = "belongs to the distribution's web ACL, which cloudFrontWebAclArn gives, so it would apply nowhere";
  if (firewall.rateLimit !== undefined) {
    v.fail(
      `firewall.rateLimit ${firewall.rateLimit} with cloudFrontWebAclArn ${elsewhere}; allowed: set the rate limit on that web ACL and leave firewall.rateLimit out`,
    );
  }
  const byAddress = (firewall.managedRuleGroups ?? []).filter((g) => CLIENT_ADDRESS_RULE_GROUPS.includes(g));
  if (byAddress.length > 0) {
    v.fail(
      `firewall.managedRuleGroups ${byAddress.join(', ')} with cloudFrontWebAclArn ${elsewhere}; allowed: add them to that web ACL, and here only groups that inspect the request, such as AWSManagedRulesCommonRuleSet`,
    );
  }
  const overrides = (firewall.ruleActionOverrides ?? []).filter((o) =>
    CLIENT_ADDRESS_RULE_GROUPS.includes(o.ruleGroup),
  );
  for (const o of overrides) {
    v.fail(
      `firewall.ruleActionOverrides entry for ${escaped(o.ruleGroup)} with cloudFrontWebAclArn ${elsewhere}; allowed: override it on that web ACL`,
    );
  }
}
