import { PropsValidator, isKnown, quoted } from '../../private/validation';

/** The AWS managed rule groups that judge a request by its source address. */
export const CLIENT_ADDRESS_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesAnonymousIpList'];

/** The managed rule groups `WebApplicationFirewall` applies by default. */
export const DEFAULT_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
];

/** The scope of a web ACL: REGIONAL for a load balancer, CLOUDFRONT for a distribution. */
export type WebAclScope = 'REGIONAL' | 'CLOUDFRONT';

/** A WAFv2 web ACL ARN: its scope shows as `regional/` or, for CLOUDFRONT (in us-east-1), `global/`. */
const WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:(regional|global)\/webacl\/[^/]+\/[^/]+$/;

/** Records a problem when a known web ACL ARN is not one of the given scope. Tokens pass unchecked. */
export function checkWebAclArn(v: PropsValidator, prop: string, arn: string | undefined, scope: WebAclScope): void {
  if (!isKnown(arn)) return;
  const kind = WEB_ACL_ARN.exec(arn)?.[1];
  if (scope === 'REGIONAL' && kind !== 'regional') {
    v.fail(
      `${prop} ${quoted(arn)} is not the ARN of a REGIONAL web ACL; allowed: arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>, in the load balancer's Region`,
    );
  } else if (scope === 'CLOUDFRONT' && kind !== 'global') {
    v.fail(
      `${prop} ${quoted(arn)} is not the ARN of a CLOUDFRONT-scope web ACL; allowed: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`,
    );
  }
}
