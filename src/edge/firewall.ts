import { Token } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { HttpsLoadBalancer } from './https-load-balancer';
import { checkWebAclArn, CLIENT_ADDRESS_RULE_GROUPS, DEFAULT_MANAGED_RULE_GROUPS } from './private/web-acl';
import { FirewallOptions, FirewallScope, WebApplicationFirewall } from './web-application-firewall';
import { acknowledge } from '../private/acknowledge';
import { escaped, PropsValidator } from '../private/validation';

/**
 * Which AWS WAF web ACL protects a load balancer: a new one with AWS managed rules and a per-IP rate limit,
 * a regional web ACL of your own, or none.
 *
 * @example
 * declare const image: ecs.ContainerImage;
 * declare const certificate: acm.ICertificate;
 *
 * new SecureFargateWebService(this, 'Api', {
 *   image,
 *   certificate,
 *   firewall: Firewall.managed({ rateLimit: 500 }),
 * });
 */
export class Firewall {
  /**
   * A new web ACL (`WebApplicationFirewall`): the IP reputation, common and known-bad-inputs rule groups, a
   * per-IP rate limit and encrypted logs, unless the options say otherwise.
   * @param options the new web ACL's settings
   */
  public static managed(options: FirewallOptions = {}): Firewall {
    return new Firewall(true, options, undefined);
  }

  /**
   * A REGIONAL web ACL of your own, by its ARN, for example one your security team manages with AWS Firewall
   * Manager.
   * @param webAclArn arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>, in the load balancer's Region
   */
  public static fromWebAclArn(webAclArn: string): Firewall {
    return new Firewall(true, undefined, webAclArn);
  }

  /**
   * No web ACL, as for a development environment: the cdk-nag findings for a load balancer without AWS WAF
   * are acknowledged with that reason.
   */
  public static none(): Firewall {
    return new Firewall(false, undefined, undefined);
  }

  /** Whether a web ACL protects the load balancer. */
  public readonly enabled: boolean;

  /** The new web ACL's settings, with `managed()`. */
  public readonly options?: FirewallOptions;

  /** The ARN of the web ACL of your own, with `fromWebAclArn()`. */
  public readonly webAclArn?: string;

  private constructor(enabled: boolean, options: FirewallOptions | undefined, webAclArn: string | undefined) {
    this.enabled = enabled;
    this.options = options;
    this.webAclArn = webAclArn;
  }

  /**
   * Records the problems of the choice: a new web ACL's settings, or the ARN's scope.
   * @param prop the prop's name, as the enclosing construct calls it (for example `firewall`)
   * @internal
   */
  public _checkProps(v: PropsValidator, prop: string): void {
    checkWebAclArn(v, `${prop}.webAclArn`, this.webAclArn, 'REGIONAL');
    if (this.options) WebApplicationFirewall._checkProps(v, this.options, `${prop}.`);
  }

  /**
   * Records what a distribution in front of the load balancer needs of this choice: a CLOUDFRONT-scope web ACL
   * (the given one, or one created in a us-east-1 stack), and no settings that would apply nowhere.
   * @param prop the prop's name, as the enclosing construct calls it
   * @param webAclArnProp the name of the distribution's web ACL ARN prop
   * @param distributionWebAclArn the distribution's web ACL, when given
   * @param region the stack's Region
   * @internal
   */
  public _checkBehindCloudFront(
    v: PropsValidator,
    prop: string,
    webAclArnProp: string,
    distributionWebAclArn: string | undefined,
    region: string,
  ): void {
    if (distributionWebAclArn !== undefined) {
      this.checkDistributionSettings(v, prop, webAclArnProp);
      return;
    }
    if (!this.enabled || region === 'us-east-1') return;
    const where = Token.isUnresolved(region)
      ? "the stack's Region is not known at synth time (an environment-agnostic stack)"
      : `the stack is in ${escaped(region)}`;
    v.fail(
      `cloudFront with AWS WAF needs a CLOUDFRONT-scope web ACL for the distribution (only it sees the clients' addresses), which AWS WAF keeps in us-east-1, and ${where}; ` +
        `allowed: ${webAclArnProp} (for example a WebApplicationFirewall with webAclScope CLOUDFRONT in a us-east-1 stack), a stack in us-east-1 (one is created), or ${prop} Firewall.none()`,
    );
  }

  /**
   * Protects the load balancer of `edge` with this choice's web ACL: a new one (`Firewall` under `scope`) or
   * the one of `webAclArn`. With `none()`, acknowledges the missing web ACL on the load balancer instead.
   * @param behindCloudFront whether the load balancer is reached only through CloudFront: a new web ACL then
   * keeps only the rules that inspect the request, since the distribution's web ACL judges the clients
   * @returns the web ACL created, if any
   * @internal
   */
  public _protect(
    scope: Construct,
    edge: HttpsLoadBalancer,
    behindCloudFront: boolean,
  ): WebApplicationFirewall | undefined {
    if (!this.enabled) {
      for (const pack of ['NIST.800.53.R5', 'PCI.DSS.321']) {
        acknowledge(
          edge.loadBalancer,
          `${pack}-ALBWAFEnabled`,
          'AWS WAF was turned off by configuration (Firewall.none()), as for a development environment.',
        );
      }
      return undefined;
    }
    const options = this.options ?? {};
    const firewall =
      this.webAclArn === undefined
        ? new WebApplicationFirewall(scope, 'Firewall', behindCloudFront ? requestRulesOf(options) : options)
        : undefined;
    new wafv2.CfnWebACLAssociation(edge, 'WebAclAssociation', {
      resourceArn: edge.loadBalancer.loadBalancerArn,
      webAclArn: firewall?.webAclArn ?? this.webAclArn!,
    });
    return firewall;
  }

  /**
   * A new CLOUDFRONT-scope web ACL for a distribution, when the choice protects and no web ACL of the
   * distribution's own is given: with `managed()`'s settings, or the defaults with `fromWebAclArn()` (a regional
   * web ACL cannot protect a distribution).
   * @internal
   */
  public _protectDistribution(
    scope: Construct,
    distributionWebAclArn: string | undefined,
  ): WebApplicationFirewall | undefined {
    if (!this.enabled || distributionWebAclArn !== undefined) return undefined;
    return new WebApplicationFirewall(scope, 'CloudFrontFirewall', {
      ...this.options,
      webAclScope: FirewallScope.CLOUDFRONT,
    });
  }

  /**
   * Records the settings that belong to the distribution's web ACL when one of the user's gives it: the load
   * balancer's web ACL leaves them out, and the given one is not the library's to change.
   */
  private checkDistributionSettings(v: PropsValidator, prop: string, webAclArnProp: string): void {
    const options = this.options ?? {};
    const elsewhere = `belongs to the distribution's web ACL, which ${webAclArnProp} gives, so it would apply nowhere`;
    if (options.rateLimit !== undefined) {
      v.fail(
        `${prop}.rateLimit ${options.rateLimit} with ${webAclArnProp} ${elsewhere}; allowed: set the rate limit on that web ACL and leave ${prop}.rateLimit out`,
      );
    }
    const byAddress = (options.managedRuleGroups ?? []).filter((g) => CLIENT_ADDRESS_RULE_GROUPS.includes(g));
    if (byAddress.length > 0) {
      v.fail(
        `${prop}.managedRuleGroups ${byAddress.join(', ')} with ${webAclArnProp} ${elsewhere}; allowed: add them to that web ACL, and here only groups that inspect the request, such as AWSManagedRulesCommonRuleSet`,
      );
    }
    const byClient = (['botControl', 'antiDdos', 'blockedCountries', 'allowedClientCidrs'] as const).filter(
      (name) => options[name] !== undefined && options[name] !== false,
    );
    if (byClient.length > 0) {
      v.fail(
        `${byClient.map((name) => `${prop}.${name}`).join(', ')} with ${webAclArnProp} ${elsewhere}; allowed: set them on that web ACL and leave them out here`,
      );
    }
    for (const o of options.ruleActionOverrides ?? []) {
      if (!CLIENT_ADDRESS_RULE_GROUPS.includes(o.ruleGroup)) continue;
      v.fail(
        `${prop}.ruleActionOverrides entry for ${escaped(o.ruleGroup)} with ${webAclArnProp} ${elsewhere}; allowed: override it on that web ACL`,
      );
    }
  }
}

/**
 * The settings of a load balancer's web ACL behind CloudFront: the rule groups that judge the source address,
 * their overrides and the per-IP rate limit go to the distribution's web ACL, which sees the clients' addresses.
 */
function requestRulesOf(options: FirewallOptions): FirewallOptions & { readonly behindCloudFront: boolean } {
  const groups = (options.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS).filter(
    (g) => !CLIENT_ADDRESS_RULE_GROUPS.includes(g),
  );
  return {
    ...options,
    rateLimit: undefined,
    blockedCountries: undefined,
    allowedClientCidrs: undefined,
    antiDdos: undefined,
    // Bot Control verifies good bots by their source address, which behind CloudFront is CloudFront's.
    botControl: undefined,
    managedRuleGroups: groups,
    ruleActionOverrides: options.ruleActionOverrides?.filter((o) => groups.includes(o.ruleGroup)),
    behindCloudFront: true,
  };
}
