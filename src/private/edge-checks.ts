import { Duration, Token } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { isKnown, PropsValidator } from './validation';
import type { CloudFrontEdgeProps } from '../edge/cloud-front-edge';
import type { HttpsLoadBalancerOptions } from '../edge/https-load-balancer';
import type { ServiceRouteOptions, ServiceRouteTarget } from '../edge/service-route';
import type { ServiceDomainProps } from '../edge/service-domain';
import type { WebApplicationFirewallProps } from '../edge/web-application-firewall';

/** The spec's health check: the defaults the checks compare against. */
export const HEALTH_CHECK_DEFAULTS = {
  path: '/health',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthy: 2,
  unhealthy: 3,
};

/** A duration in seconds (fractions kept, so that the range check can refuse them), or undefined. */
function seconds(d: Duration | undefined): number | undefined {
  return d?.toSeconds({ integral: false });
}

const SUCCESS_CODES = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/** Records the problems of a service route's props: its target, health check and listener rule. */
export function checkServiceRouteProps(v: PropsValidator, props: ServiceRouteOptions & ServiceRouteTarget): void {
  v.integerInRange('targetPort', props.targetPort, 1, 65535);
  const path = props.healthCheckPath;
  if (isKnown(path) && !path.startsWith('/')) {
    v.fail(`healthCheckPath '${path}' does not start with '/'; allowed: an absolute path such as '/health'`);
  }
  v.integerInRange('healthCheckInterval (seconds)', seconds(props.healthCheckInterval), 5, 300);
  v.integerInRange('healthCheckTimeout (seconds)', seconds(props.healthCheckTimeout), 2, 120);
  const timeout = seconds(props.healthCheckTimeout) ?? HEALTH_CHECK_DEFAULTS.timeoutSeconds;
  const interval = seconds(props.healthCheckInterval) ?? HEALTH_CHECK_DEFAULTS.intervalSeconds;
  if (!Token.isUnresolved(timeout) && !Token.isUnresolved(interval) && timeout >= interval) {
    v.fail(
      `healthCheckTimeout ${timeout} s is not below healthCheckInterval ${interval} s; allowed: a timeout shorter than the interval`,
    );
  }
  v.integerInRange('healthyThresholdCount', props.healthyThresholdCount, 2, 10);
  v.integerInRange('unhealthyThresholdCount', props.unhealthyThresholdCount, 2, 10);
  const codes = props.healthCheckSuccessCodes;
  if (isKnown(codes) && !SUCCESS_CODES.test(codes)) {
    v.fail(
      `healthCheckSuccessCodes '${codes}' is not a list of HTTP codes; allowed: such as '200', '200-299' or '200,302'`,
    );
  }
  v.integerInRange('deregistrationDelay (seconds)', seconds(props.deregistrationDelay), 0, 3600);
  v.integerInRange('rulePriority', props.rulePriority, 1, 50000);
  // AWS: at most 3 match values per condition and 5 per rule.
  const hosts = props.hostHeaders?.length ?? 0;
  const paths = props.pathPatterns?.length ?? 0;
  if (hosts > 3) v.fail(`hostHeaders has ${hosts} values; allowed: up to 3 (a listener rule condition holds 3)`);
  if (paths > 3) v.fail(`pathPatterns has ${paths} values; allowed: up to 3 (a listener rule condition holds 3)`);
  if (hosts + paths > 5) {
    v.fail(`hostHeaders and pathPatterns have ${hosts + paths} values together; allowed: up to 5 in one listener rule`);
  }
}

/** Records the problems of the load balancer's props (the VPC's subnets are checked on use). */
export function checkHttpsLoadBalancerProps(
  v: PropsValidator,
  props: HttpsLoadBalancerOptions & ServiceRouteTarget,
): void {
  checkServiceRouteProps(v, props);
  v.integerInRange('idleTimeout (seconds)', seconds(props.idleTimeout), 1, 4000);
  if (props.desyncMitigationMode === elbv2.DesyncMitigationMode.MONITOR) {
    v.fail("desyncMitigationMode 'monitor' lets possible desync attacks through; allowed: defensive, strictest");
  }
  for (const cidr of props.allowedIngressCidrs ?? []) {
    if (isKnown(cidr) && !isCidr(cidr)) {
      v.fail(
        `allowedIngressCidrs entry '${cidr}' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'`,
      );
    }
  }
  if (
    props.allowedIngressCidrs !== undefined &&
    props.allowedIngressCidrs.length === 0 &&
    props.internetFacing !== false
  ) {
    v.fail(
      'allowedIngressCidrs is empty: nothing could reach the service; allowed: at least one CIDR block, or leave it out',
    );
  }
  const prefix = props.accessLogPrefix;
  if (
    isKnown(prefix) &&
    (prefix === '' ||
      prefix.startsWith('/') ||
      prefix.endsWith('/') ||
      prefix.includes('//') ||
      /AWSLogs/i.test(prefix))
  ) {
    v.fail(
      `accessLogPrefix '${prefix}' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'`,
    );
  }
  if (props.accessLogs === false && (props.accessLogBucket || props.accessLogPrefix !== undefined)) {
    v.fail('accessLogBucket or accessLogPrefix given with accessLogs false; allowed: accessLogs true, or neither');
  }
}

const DOMAIN_NAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function checkName(v: PropsValidator, prop: string, name: string, zoneName: string): void {
  if (!isKnown(name)) return;
  if (name === '') {
    v.fail(`${prop} is empty; allowed: a fully qualified name such as 'app.example.com'`);
  } else if (!DOMAIN_NAME.test(name)) {
    v.fail(`${prop} '${name}' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'`);
  } else if (isKnown(zoneName)) {
    const zone = zoneName.replace(/\.$/, '').toLowerCase();
    const lower = name.toLowerCase().replace(/^\*\./, '');
    if (lower !== zone && !lower.endsWith(`.${zone}`)) {
      v.fail(`${prop} '${name}' is not in hostedZone '${zone}'; allowed: '${zone}' or a name ending in '.${zone}'`);
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

/** Records the problems of the firewall's props. */
export function checkWebApplicationFirewallProps(v: PropsValidator, props: WebApplicationFirewallProps): void {
  v.integerInRange('rateLimit', props.rateLimit, 100, 2_000_000_000);
  if (props.managedRuleGroups !== undefined) {
    for (const group of props.managedRuleGroups) {
      if (!Token.isUnresolved(group) && !/^AWSManagedRules[A-Za-z0-9]+$/.test(group)) {
        v.fail(
          `managedRuleGroups entry '${group}' is not an AWS managed rule group name; allowed: such as 'AWSManagedRulesSQLiRuleSet'`,
        );
      }
    }
  }
}

/** Records the problems of the CloudFront props. */
export function checkCloudFrontEdgeProps(
  v: PropsValidator,
  props: Pick<CloudFrontEdgeProps, 'domainNames' | 'certificate'>,
  certificateProp = 'certificate',
): void {
  if (props.domainNames?.length && !props.certificate) {
    v.fail(
      `domainNames [${props.domainNames.join(', ')}] need a viewer certificate; allowed: ${certificateProp} in us-east-1 that covers them`,
    );
  }
  const arn = props.certificate?.certificateArn;
  if (isKnown(arn) && !Token.isUnresolved(arn)) {
    const region = arn.split(':')[3];
    if (region && region !== 'us-east-1') {
      v.fail(
        `${certificateProp} '${arn}' is in ${region}; allowed: a certificate in us-east-1 (CloudFront requires it)`,
      );
    }
  }
}

/** An IPv4 CIDR with octets up to 255 and a prefix up to 32, or an IPv6 CIDR with a prefix up to 128. */
function isCidr(cidr: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32;
  const v6 = /^([0-9a-f:]+)\/(\d{1,3})$/i.exec(cidr);
  return v6 !== null && v6[1].includes(':') && Number(v6[2]) <= 128;
}
