import { Token } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { escaped, isKnown, knownSeconds, PropsValidator, quoted } from './validation';
import type { CloudFrontEdgeProps } from '../edge/cloud-front-edge';
import type { HttpsLoadBalancerOptions } from '../edge/https-load-balancer';
import type { ServiceDomainProps } from '../edge/service-domain';
import type { ServiceRouteOptions, ServiceRouteTarget } from '../edge/service-route';
import type { FirewallScope, WebApplicationFirewallProps } from '../edge/web-application-firewall';

/** The spec's health check: the defaults the checks compare against. */
export const HEALTH_CHECK_DEFAULTS = {
  path: '/health',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthy: 2,
  unhealthy: 3,
};

const SUCCESS_CODES = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/**
 * Records the problems of a service route's props: its target, health check and listener rule. A target
 * port left out is not checked (the enclosing construct may check it as its own prop, such as containerPort).
 * @param prefix prepended to the names of the route's options (`ServiceRouteOptions`), as the enclosing
 * construct calls them (for example `loadBalancer.`); `targetPort` and `healthCheckPath` keep their names
 */
export function checkServiceRouteProps(
  v: PropsValidator,
  props: ServiceRouteOptions & ServiceRouteTarget,
  prefix = '',
): void {
  const p = (name: string) => `${prefix}${name}`;
  v.integerInRange('targetPort', props.targetPort, 1, 65535);
  const path = props.healthCheckPath;
  if (isKnown(path) && !path.startsWith('/')) {
    v.fail(`healthCheckPath ${quoted(path)} does not start with '/'; allowed: an absolute path such as '/health'`);
  }
  const interval = knownSeconds(props.healthCheckInterval);
  const timeout = knownSeconds(props.healthCheckTimeout);
  v.integerInRange(`${p('healthCheckInterval')} (seconds)`, interval, 5, 300);
  v.integerInRange(`${p('healthCheckTimeout')} (seconds)`, timeout, 2, 120);
  // A Token duration is left out of the comparison (knownSeconds gives undefined), not replaced by the default.
  const effectiveTimeout = props.healthCheckTimeout ? timeout : HEALTH_CHECK_DEFAULTS.timeoutSeconds;
  const effectiveInterval = props.healthCheckInterval ? interval : HEALTH_CHECK_DEFAULTS.intervalSeconds;
  if (effectiveTimeout !== undefined && effectiveInterval !== undefined && effectiveTimeout >= effectiveInterval) {
    v.fail(
      `${p('healthCheckTimeout')} ${effectiveTimeout} s is not below ${p('healthCheckInterval')} ${effectiveInterval} s; allowed: a timeout shorter than the interval`,
    );
  }
  v.integerInRange(p('healthyThresholdCount'), props.healthyThresholdCount, 2, 10);
  v.integerInRange(p('unhealthyThresholdCount'), props.unhealthyThresholdCount, 2, 10);
  const codes = props.healthCheckSuccessCodes;
  if (isKnown(codes) && !SUCCESS_CODES.test(codes)) {
    v.fail(
      `${p('healthCheckSuccessCodes')} ${quoted(codes)} is not a list of HTTP codes; allowed: such as '200', '200-299' or '200,302'`,
    );
  }
  v.integerInRange(`${p('deregistrationDelay')} (seconds)`, knownSeconds(props.deregistrationDelay), 0, 3600);
  v.integerInRange(p('rulePriority'), props.rulePriority, 1, 50000);
  if (String(props.liveTargetGroup) === 'ALTERNATE' && !props.alternateTargetGroup) {
    v.fail(
      `${p('liveTargetGroup')} ALTERNATE needs a second target group; allowed: PRIMARY, or a deploymentStrategy that shifts traffic (canary(), linear() or blueGreen())`,
    );
  }
  // AWS: at most 3 match values per condition and 5 per rule.
  const hosts = props.hostHeaders?.length ?? 0;
  const paths = props.pathPatterns?.length ?? 0;
  if (hosts > 3) {
    v.fail(`${p('hostHeaders')} has ${hosts} values; allowed: up to 3 (a listener rule condition holds 3)`);
  }
  if (paths > 3) {
    v.fail(`${p('pathPatterns')} has ${paths} values; allowed: up to 3 (a listener rule condition holds 3)`);
  }
  if (hosts + paths > 5) {
    v.fail(
      `${p('hostHeaders')} and ${p('pathPatterns')} have ${hosts + paths} values together; allowed: up to 5 in one listener rule`,
    );
  }
}

/**
 * Records the problems of the load balancer's props (the VPC's subnets are checked on use).
 * @param prefix prepended to the names of the load balancer's options (`HttpsLoadBalancerOptions`), as the
 * enclosing construct calls them (for example `loadBalancer.`); see `checkServiceRouteProps`
 */
export function checkHttpsLoadBalancerProps(
  v: PropsValidator,
  props: HttpsLoadBalancerOptions & ServiceRouteTarget,
  prefix = '',
): void {
  const p = (name: string) => `${prefix}${name}`;
  checkServiceRouteProps(v, props, prefix);
  v.integerInRange(`${p('idleTimeout')} (seconds)`, knownSeconds(props.idleTimeout), 1, 4000);
  if (props.desyncMitigationMode === elbv2.DesyncMitigationMode.MONITOR) {
    v.fail(
      `${p('desyncMitigationMode')} 'monitor' lets possible desync attacks through; allowed: defensive, strictest`,
    );
  }
  for (const cidr of props.allowedIngressCidrs ?? []) {
    if (isKnown(cidr) && !isCidr(cidr)) {
      v.fail(
        `${p('allowedIngressCidrs')} entry ${quoted(cidr)} is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'`,
      );
    }
  }
  if (
    props.allowedIngressCidrs !== undefined &&
    props.allowedIngressCidrs.length === 0 &&
    props.internetFacing !== false
  ) {
    v.fail(
      `${p('allowedIngressCidrs')} is empty: nothing could reach the service; allowed: at least one CIDR block, or leave it out`,
    );
  }
  const logPrefix = props.accessLogPrefix;
  if (
    isKnown(logPrefix) &&
    (logPrefix === '' ||
      logPrefix.startsWith('/') ||
      logPrefix.endsWith('/') ||
      logPrefix.includes('//') ||
      /AWSLogs/i.test(logPrefix))
  ) {
    v.fail(
      `${p('accessLogPrefix')} ${quoted(logPrefix)} is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'`,
    );
  }
  if (props.accessLogs === false && (props.accessLogBucket || props.accessLogPrefix !== undefined)) {
    v.fail(
      `${p('accessLogBucket')} or ${p('accessLogPrefix')} given with ${p('accessLogs')} false; allowed: ${p('accessLogs')} true, or neither`,
    );
  }
}

const DOMAIN_NAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function checkName(v: PropsValidator, prop: string, name: string, zoneName: string): void {
  if (!isKnown(name)) return;
  if (name === '') {
    v.fail(`${prop} is empty; allowed: a fully qualified name such as 'app.example.com'`);
  } else if (!DOMAIN_NAME.test(name)) {
    v.fail(
      `${prop} ${quoted(name)} is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'`,
    );
  } else if (isKnown(zoneName)) {
    const zone = zoneName.replace(/\.$/, '').toLowerCase();
    const lower = name.toLowerCase().replace(/^\*\./, '');
    if (lower !== zone && !lower.endsWith(`.${zone}`)) {
      v.fail(
        `${prop} ${quoted(name)} is not in hostedZone ${quoted(zone)}; allowed: ${quoted(zone)} or a name ending in ${quoted(`.${zone}`)}`,
      );
    }
  }
}

/** Records the problems of the domain name, its alternative names and its hosted zone. */
export function checkServiceDomainProps(
  v: PropsValidator,
  props: Pick<ServiceDomainProps, 'domainName' | 'hostedZone' | 'subjectAlternativeNames' | 'certificate'>,
): void {
  const zoneName = props.hostedZone.zoneName;
  checkName(v, 'domainName', props.domainName, zoneName);
  for (const name of props.subjectAlternativeNames ?? []) {
    checkName(v, 'subjectAlternativeNames entry', name, zoneName);
  }
  if (props.certificate && props.subjectAlternativeNames?.length) {
    v.fail('subjectAlternativeNames apply to a new certificate, and certificate was given; allowed: one of them');
  }
}

/**
 * Records the problems of the firewall's props.
 * @param prefix prepended to prop names, as the enclosing construct calls them (for example `firewall.`)
 */
export function checkWebApplicationFirewallProps(
  v: PropsValidator,
  props: WebApplicationFirewallProps,
  prefix = '',
): void {
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
}

/** The AWS managed rule groups that judge a request by its source address. */
export const CLIENT_ADDRESS_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesAnonymousIpList'];

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

/** The managed rule groups `WebApplicationFirewall` applies by default. */
export const DEFAULT_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
];

/** Records a CLOUDFRONT-scope web ACL in a stack outside us-east-1, where AWS WAF cannot create it. */
export function checkFirewallRegion(v: PropsValidator, scope: FirewallScope | undefined, region: string): void {
  if (String(scope) !== 'CLOUDFRONT' || Token.isUnresolved(region) || region === 'us-east-1') return;
  v.fail(
    `webAclScope CLOUDFRONT in a stack in ${escaped(region)}; allowed: a stack in us-east-1, where AWS WAF keeps the web ACLs of CloudFront distributions`,
  );
}

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

/**
 * Records the problems of the CloudFront props.
 * @param certificateProp the name of the viewer certificate prop, as the enclosing construct calls it
 * @param webAclArnProp the name of the web ACL ARN prop, as the enclosing construct calls it
 */
export function checkCloudFrontEdgeProps(
  v: PropsValidator,
  props: Pick<CloudFrontEdgeProps, 'domainNames' | 'certificate' | 'webAclArn'>,
  certificateProp = 'certificate',
  webAclArnProp = 'webAclArn',
): void {
  if (props.domainNames?.length && !props.certificate) {
    v.fail(
      `domainNames [${props.domainNames.map(escaped).join(', ')}] need a viewer certificate; allowed: ${certificateProp} in us-east-1 that covers them`,
    );
  }
  const arn = props.certificate?.certificateArn;
  if (isKnown(arn)) {
    const region = arn.split(':')[3];
    if (region && region !== 'us-east-1') {
      v.fail(
        `${certificateProp} ${quoted(arn)} is in ${escaped(region)}; allowed: a certificate in us-east-1 (CloudFront requires it)`,
      );
    }
  }
  checkWebAclArn(v, webAclArnProp, props.webAclArn, 'CLOUDFRONT');
}

/** An IPv4 CIDR with octets up to 255 and a prefix up to 32, or an IPv6 CIDR with a prefix up to 128. */
function isCidr(cidr: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32;
  const v6 = /^([0-9a-f:]+)\/(\d{1,3})$/i.exec(cidr);
  return v6 !== null && v6[1].includes(':') && Number(v6[2]) <= 128;
}

/** The firewall props of a construct that protects its load balancer: `waf`, `firewall`, `webAclArn`. */
export interface FirewallChoice {
  readonly waf?: boolean;
  readonly firewall?: WebApplicationFirewallProps;
  readonly webAclArn?: string;
}

/** Records the problems of a firewall choice: a new web ACL's settings, or the ARN of one, or neither with waf false. */
export function checkFirewallChoice(v: PropsValidator, props: FirewallChoice): void {
  if (props.waf === false && (props.webAclArn !== undefined || props.firewall)) {
    v.fail('webAclArn or firewall given with waf false; allowed: waf true, or neither');
  }
  if (props.webAclArn !== undefined && props.firewall) {
    v.fail('firewall settings apply to a new web ACL, and webAclArn was given; allowed: one of them');
  }
  checkWebAclArn(v, 'webAclArn', props.webAclArn, 'REGIONAL');
  if (props.firewall) checkWebApplicationFirewallProps(v, props.firewall, 'firewall.');
}
