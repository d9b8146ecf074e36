import { Duration, Lazy } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { lazy, problemsOf } from './problems';
import {
  checkHttpsLoadBalancerProps,
  checkWebAclArn,
  checkWebApplicationFirewallProps,
  WebAclScope,
} from '../../src/private/edge-checks';

describe('checkHttpsLoadBalancerProps', () => {
  test("a prefix names the load balancer's options as the enclosing construct does, and leaves the target's props", () => {
    const problems = problemsOf((v) =>
      checkHttpsLoadBalancerProps(
        v,
        {
          healthCheckPath: 'health',
          healthCheckInterval: Duration.seconds(10),
          healthCheckTimeout: Duration.seconds(10),
          rulePriority: 0,
          idleTimeout: Duration.seconds(0),
          desyncMitigationMode: elbv2.DesyncMitigationMode.MONITOR,
          accessLogs: false,
          accessLogPrefix: 'alb',
        },
        'loadBalancer.',
      ),
    );
    expect(problems).toEqual([
      "healthCheckPath 'health' does not start with '/'; allowed: an absolute path such as '/health'",
      'loadBalancer.healthCheckTimeout 10 s is not below loadBalancer.healthCheckInterval 10 s; allowed: a timeout shorter than the interval',
      'loadBalancer.rulePriority 0 is not allowed; allowed: an integer from 1 to 50000',
      'loadBalancer.idleTimeout (seconds) 0 is not allowed; allowed: an integer from 1 to 4000',
      "loadBalancer.desyncMitigationMode 'monitor' lets possible desync attacks through; allowed: defensive, strictest",
      'loadBalancer.accessLogBucket or loadBalancer.accessLogPrefix given with loadBalancer.accessLogs false; allowed: loadBalancer.accessLogs true, or neither',
    ]);
  });

  test('a target port is checked when given, and only then', () => {
    expect(problemsOf((v) => checkHttpsLoadBalancerProps(v, { targetPort: 0 }, 'loadBalancer.'))).toEqual([
      'targetPort 0 is not allowed; allowed: an integer from 1 to 65535',
    ]);
    expect(problemsOf((v) => checkHttpsLoadBalancerProps(v, {}, 'loadBalancer.'))).toEqual([]);
  });

  test.each([
    ['in seconds', (n: number) => Duration.seconds(lazy(n))],
    ['in minutes, which cannot be converted', (n: number) => Duration.minutes(lazy(n))],
  ])('Token durations %s pass unchecked, and are not compared', (_, tokenDuration) => {
    const problems = problemsOf((v) =>
      checkHttpsLoadBalancerProps(v, {
        healthCheckInterval: tokenDuration(1),
        healthCheckTimeout: tokenDuration(999),
        deregistrationDelay: tokenDuration(99999),
        idleTimeout: tokenDuration(0),
      }),
    );
    expect(problems).toEqual([]);
  });

  test('a Token timeout is not compared with the default interval, nor a Token interval with the default timeout', () => {
    expect(
      problemsOf((v) => checkHttpsLoadBalancerProps(v, { healthCheckTimeout: Duration.minutes(lazy(9)) })),
    ).toEqual([]);
    expect(
      problemsOf((v) => checkHttpsLoadBalancerProps(v, { healthCheckInterval: Duration.minutes(lazy(0)) })),
    ).toEqual([]);
  });

  test('a value with a line break is shown escaped, on one line', () => {
    expect(problemsOf((v) => checkHttpsLoadBalancerProps(v, { healthCheckPath: 'health\n/x' }))).toEqual([
      "healthCheckPath 'health\\n/x' does not start with '/'; allowed: an absolute path such as '/health'",
    ]);
  });
});

describe('checkWebApplicationFirewallProps', () => {
  test('a prefix names every prop, a repeated group is named once, and INFINITE log retention is refused', () => {
    const problems = problemsOf((v) =>
      checkWebApplicationFirewallProps(
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
    expect(problemsOf((v) => checkWebApplicationFirewallProps(v, props))).toEqual([]);
  });
});

describe('checkWebAclArn', () => {
  const regional = 'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/app/a1b2';
  const global = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/c3d4';
  const chinaRegional = 'arn:aws-cn:wafv2:cn-north-1:123456789012:regional/webacl/app/a1b2';
  const classic = 'arn:aws:waf-regional:us-west-2:123456789012:webacl/a1b2';
  const REGIONAL_ALLOWED =
    "allowed: arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>, in the load balancer's Region";
  const CLOUDFRONT_ALLOWED = 'allowed: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>';

  test.each<[string, WebAclScope]>([
    [regional, 'REGIONAL'],
    [chinaRegional, 'REGIONAL'],
    [global, 'CLOUDFRONT'],
  ])('%s is a %s web ACL', (arn, scope) => {
    expect(problemsOf((v) => checkWebAclArn(v, 'arn', arn, scope))).toEqual([]);
  });

  test.each<[string, WebAclScope, string]>([
    [global, 'REGIONAL', `arn '${global}' is not the ARN of a REGIONAL web ACL; ${REGIONAL_ALLOWED}`],
    [classic, 'REGIONAL', `arn '${classic}' is not the ARN of a REGIONAL web ACL; ${REGIONAL_ALLOWED}`],
    ['web-acl', 'REGIONAL', `arn 'web-acl' is not the ARN of a REGIONAL web ACL; ${REGIONAL_ALLOWED}`],
    [regional, 'CLOUDFRONT', `arn '${regional}' is not the ARN of a CLOUDFRONT-scope web ACL; ${CLOUDFRONT_ALLOWED}`],
    [
      `${global}/extra`,
      'CLOUDFRONT',
      `arn '${global}/extra' is not the ARN of a CLOUDFRONT-scope web ACL; ${CLOUDFRONT_ALLOWED}`,
    ],
  ])('%s is refused as %s', (arn, scope, message) => {
    expect(problemsOf((v) => checkWebAclArn(v, 'arn', arn, scope))).toEqual([message]);
  });

  test('a Token and an absent ARN pass unchecked', () => {
    const token = Lazy.string({ produce: () => 'not an ARN' });
    expect(problemsOf((v) => checkWebAclArn(v, 'arn', token, 'REGIONAL'))).toEqual([]);
    expect(problemsOf((v) => checkWebAclArn(v, 'arn', `arn:aws:wafv2:${token}`, 'CLOUDFRONT'))).toEqual([]);
    expect(problemsOf((v) => checkWebAclArn(v, 'arn', undefined, 'CLOUDFRONT'))).toEqual([]);
  });
});
