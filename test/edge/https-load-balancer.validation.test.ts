/**
 * Validation of HttpsLoadBalancer: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { HttpsLoadBalancer, HttpsLoadBalancerProps } from '../../src';
import {
  Acceptance,
  Rejection,
  expectOnlyProblem,
  runCheck,
  problemsOfCheck,
  lazyNumber,
  lazyString,
  parameterNumber,
  lazySeconds,
  lazyMinutes,
  importedVpc,
  givenReferences,
} from '../problems';
import { testStack } from '../util';
import { CERT_ARN } from '../web-service-fixture';

const given = givenReferences();

function buildLoadBalancer(props: Partial<HttpsLoadBalancerProps>): HttpsLoadBalancer {
  const stack = testStack();
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  return new HttpsLoadBalancer(stack, 'Edge', { vpc: importedVpc(stack, 'Vpc'), certificate, ...props });
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('HttpsLoadBalancer rejects', () => {
  const rows: Array<Rejection<Partial<HttpsLoadBalancerProps>>> = [
    [
      'an internet-facing load balancer without a certificate',
      { certificate: undefined },
      'certificate is required for an internet-facing load balancer; allowed: a certificate, or internetFacing false',
    ],
    [
      'an internet-facing load balancer in a VPC without public subnets',
      { vpc: given.privateOnlyVpc },
      'vpc has no public subnets for the internet-facing load balancer; allowed: a VPC with PUBLIC subnets',
    ],
    [
      'an internal load balancer in a VPC without private subnets',
      { internetFacing: false, vpc: given.publicOnlyVpc },
      'vpc has no private subnets for the internal load balancer; allowed: a VPC with PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets',
    ],
    [
      'route settings on a load balancer without a route of its own, which would ignore them',
      { serviceRoute: false, hostHeaders: ['app.example.com'], rulePriority: 7, testListenerPort: 8443 },
      "hostHeaders, rulePriority, testListenerPort given to a load balancer without a route of its own (serviceRoute false); allowed: set them on each service's ServiceRoute (a shared environment's services: route)",
    ],
    ['targetPort 0', { targetPort: 0 }, 'targetPort 0 is not allowed; allowed: an integer from 1 to 65535'],
    ['targetPort 65536', { targetPort: 65536 }, 'targetPort 65536 is not allowed; allowed: an integer from 1 to 65535'],
    [
      'a relative healthCheckPath',
      { healthCheckPath: 'health' },
      "healthCheckPath 'health' does not start with '/'; allowed: an absolute path such as '/health'",
    ],
    [
      'healthCheckInterval below 5 s (with a shorter timeout)',
      { healthCheckInterval: Duration.seconds(4), healthCheckTimeout: Duration.seconds(2) },
      'healthCheckInterval (seconds) 4 is not allowed; allowed: an integer from 5 to 300',
    ],
    [
      'a fractional healthCheckInterval',
      { healthCheckInterval: Duration.millis(7500) },
      'healthCheckInterval (seconds) 7.5 is not allowed; allowed: an integer from 5 to 300',
    ],
    [
      'healthCheckTimeout above 120 s (with a longer interval)',
      { healthCheckTimeout: Duration.seconds(121), healthCheckInterval: Duration.seconds(300) },
      'healthCheckTimeout (seconds) 121 is not allowed; allowed: an integer from 2 to 120',
    ],
    [
      'a timeout longer than the default interval',
      { healthCheckTimeout: Duration.seconds(60) },
      'healthCheckTimeout 60 s is not below healthCheckInterval 30 s; allowed: a timeout shorter than the interval',
    ],
    [
      'healthyThresholdCount 11',
      { healthyThresholdCount: 11 },
      'healthyThresholdCount 11 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'unhealthyThresholdCount 1',
      { unhealthyThresholdCount: 1 },
      'unhealthyThresholdCount 1 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'healthCheckSuccessCodes with spaces',
      { healthCheckSuccessCodes: '200, 302' },
      "healthCheckSuccessCodes '200, 302' is not a list of HTTP codes; allowed: such as '200', '200-299' or '200,302'",
    ],
    [
      'a fractional deregistrationDelay',
      { deregistrationDelay: Duration.millis(1500) },
      'deregistrationDelay (seconds) 1.5 is not allowed; allowed: an integer from 0 to 3600',
    ],
    [
      'idleTimeout 0',
      { idleTimeout: Duration.seconds(0) },
      'idleTimeout (seconds) 0 is not allowed; allowed: an integer from 1 to 4000',
    ],
    [
      'rulePriority 50001',
      { rulePriority: 50001 },
      'rulePriority 50001 is not allowed; allowed: an integer from 1 to 50000',
    ],
    [
      'four hostHeaders',
      { hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com'] },
      'hostHeaders has 4 values; allowed: up to 3 (a listener rule condition holds 3)',
    ],
    [
      'four pathPatterns',
      { pathPatterns: ['/a', '/b', '/c', '/d'] },
      'pathPatterns has 4 values; allowed: up to 3 (a listener rule condition holds 3)',
    ],
    [
      'six host and path values in one rule',
      { hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'], pathPatterns: ['/a', '/b', '/c'] },
      'hostHeaders and pathPatterns have 6 values together; allowed: up to 5 in one listener rule',
    ],
    [
      'desyncMitigationMode monitor',
      { desyncMitigationMode: elbv2.DesyncMitigationMode.MONITOR },
      "desyncMitigationMode 'monitor' lets possible desync attacks through; allowed: defensive, strictest",
    ],
    [
      'an allowed ingress CIDR with an octet above 255',
      { allowedIngressCidrs: ['203.0.113.256/24'] },
      "allowedIngressCidrs entry '203.0.113.256/24' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'",
    ],
    [
      'an allowed ingress IPv6 CIDR with a /129 prefix',
      { allowedIngressCidrs: ['2001:db8::/129'] },
      "allowedIngressCidrs entry '2001:db8::/129' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'",
    ],
    [
      'an allowed ingress address without a prefix',
      { allowedIngressCidrs: ['203.0.113.7'] },
      "allowedIngressCidrs entry '203.0.113.7' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'",
    ],
    [
      'an empty allowedIngressCidrs on an internet-facing load balancer',
      { allowedIngressCidrs: [] },
      'allowedIngressCidrs is empty: nothing could reach the service; allowed: at least one CIDR block, or leave it out',
    ],
    [
      'an empty accessLogPrefix',
      { accessLogPrefix: '' },
      "accessLogPrefix '' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'",
    ],
    [
      "an accessLogPrefix with a leading '/'",
      { accessLogPrefix: '/alb' },
      "accessLogPrefix '/alb' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'",
    ],
    [
      "an accessLogPrefix with a trailing '/'",
      { accessLogPrefix: 'alb/' },
      "accessLogPrefix 'alb/' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'",
    ],
    [
      "an accessLogPrefix with '//'",
      { accessLogPrefix: 'alb//web' },
      "accessLogPrefix 'alb//web' is not allowed; allowed: a non-empty key prefix without leading or trailing '/' that does not contain 'AWSLogs', such as 'alb'",
    ],
    [
      'an accessLogBucket with access logs off',
      { accessLogs: false, accessLogBucket: given.bucket },
      'accessLogBucket or accessLogPrefix given with accessLogs false; allowed: accessLogs true, or neither',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('HttpsLoadBalancer', () => buildLoadBalancer(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const loadBalancer: Array<Acceptance<Partial<HttpsLoadBalancerProps>>> = [
    ['targetPort', { targetPort: lazyNumber(0) }],
    ['healthCheckPath', { healthCheckPath: lazyString('health') }],
    [
      'healthCheckInterval and healthCheckTimeout',
      { healthCheckInterval: lazySeconds(1), healthCheckTimeout: lazySeconds(999) },
    ],
    ['healthyThresholdCount', { healthyThresholdCount: parameterNumber('Healthy') }],
    ['unhealthyThresholdCount', { unhealthyThresholdCount: lazyNumber(0) }],
    ['healthCheckSuccessCodes', { healthCheckSuccessCodes: lazyString('ok') }],
    ['a health check interval in minutes', { healthCheckInterval: Duration.minutes(lazyNumber(1)) }],
    ['deregistrationDelay', { deregistrationDelay: lazySeconds(99999) }],
    ['rulePriority', { rulePriority: lazyNumber(0) }],
    ['allowedIngressCidrs entries', { allowedIngressCidrs: [lazyString('10.0.0.0/33')] }],
    ['accessLogPrefix', { accessLogPrefix: lazyString('AWSLogs') }],
  ];
  test.each(loadBalancer)('HttpsLoadBalancer: %s', (_, props) => {
    expect(() => buildLoadBalancer(props)).not.toThrow();
  });
});

/**
 * Token values that aws-cdk-lib itself refuses (durations in minutes, where it asks for Duration.seconds;
 * periods of alarms; step scale-out thresholds): no construct can be built with them, so these rows run
 * the checks alone, to show that the checks neither convert nor compare them.
 */
describe('Tokens aws-cdk-lib refuses itself pass the checks', () => {
  test('HttpsLoadBalancer: durations in minutes', () => {
    const props = {
      healthCheckInterval: lazyMinutes(1),
      healthCheckTimeout: lazyMinutes(2),
      deregistrationDelay: lazyMinutes(1),
      idleTimeout: lazyMinutes(1),
    };
    expect(runCheck((v) => HttpsLoadBalancer._checkProps(v, props))).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------
// The check alone (HttpsLoadBalancer._checkProps), as an enclosing construct runs it
// ---------------------------------------------------------------------------------------------------------

describe('HttpsLoadBalancer._checkProps', () => {
  test("a prefix names the load balancer's options as the enclosing construct does, and leaves the target's props", () => {
    const problems = problemsOfCheck((v) =>
      HttpsLoadBalancer._checkProps(
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
        'httpsLoadBalancer.',
      ),
    );
    expect(problems).toEqual([
      "healthCheckPath 'health' does not start with '/'; allowed: an absolute path such as '/health'",
      'httpsLoadBalancer.healthCheckTimeout 10 s is not below httpsLoadBalancer.healthCheckInterval 10 s; allowed: a timeout shorter than the interval',
      'httpsLoadBalancer.rulePriority 0 is not allowed; allowed: an integer from 1 to 50000',
      'httpsLoadBalancer.idleTimeout (seconds) 0 is not allowed; allowed: an integer from 1 to 4000',
      "httpsLoadBalancer.desyncMitigationMode 'monitor' lets possible desync attacks through; allowed: defensive, strictest",
      'httpsLoadBalancer.accessLogBucket or httpsLoadBalancer.accessLogPrefix given with httpsLoadBalancer.accessLogs false; allowed: httpsLoadBalancer.accessLogs true, or neither',
    ]);
  });

  test('a target port is checked when given, and only then', () => {
    expect(problemsOfCheck((v) => HttpsLoadBalancer._checkProps(v, { targetPort: 0 }, 'httpsLoadBalancer.'))).toEqual([
      'targetPort 0 is not allowed; allowed: an integer from 1 to 65535',
    ]);
    expect(problemsOfCheck((v) => HttpsLoadBalancer._checkProps(v, {}, 'httpsLoadBalancer.'))).toEqual([]);
  });

  test.each([
    ['in seconds', (n: number) => Duration.seconds(lazyNumber(n))],
    ['in minutes, which cannot be converted', (n: number) => Duration.minutes(lazyNumber(n))],
  ])('Token durations %s pass unchecked, and are not compared', (_, tokenDuration) => {
    const problems = problemsOfCheck((v) =>
      HttpsLoadBalancer._checkProps(v, {
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
      problemsOfCheck((v) => HttpsLoadBalancer._checkProps(v, { healthCheckTimeout: Duration.minutes(lazyNumber(9)) })),
    ).toEqual([]);
    expect(
      problemsOfCheck((v) =>
        HttpsLoadBalancer._checkProps(v, { healthCheckInterval: Duration.minutes(lazyNumber(0)) }),
      ),
    ).toEqual([]);
  });

  test('a value with a line break is shown escaped, on one line', () => {
    expect(problemsOfCheck((v) => HttpsLoadBalancer._checkProps(v, { healthCheckPath: 'health\n/x' }))).toEqual([
      "healthCheckPath 'health\\n/x' does not start with '/'; allowed: an absolute path such as '/health'",
    ]);
  });
});
