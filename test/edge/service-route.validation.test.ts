/**
 * Validation of ServiceRoute on its own: every message it reports about its props, with the exact text a user
 * reads, and proof that the same props given as Tokens pass unchecked. The clashes between routes that share a
 * listener are checked at synthesis, in service-route.test.ts and the shared environment's validation test.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ServiceRoute, ServiceRouteProps } from '../../src';
import { Acceptance, Rejection, expectOnlyProblem, lazyNumber, lazyString } from '../problems';
import { routeFixture } from './route-fixture';

/** A route on the HTTPS listener of a load balancer that has no route of its own, synthesized. */
function buildServiceRoute(props: Partial<ServiceRouteProps>) {
  const { stack, vpc, listener } = routeFixture();
  new ServiceRoute(stack, 'Route', { vpc, listener, ...props });
  return Template.fromStack(stack);
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('ServiceRoute rejects', () => {
  const rows: Array<Rejection<Partial<ServiceRouteProps>>> = [
    ['rulePriority 0', { rulePriority: 0 }, 'rulePriority 0 is not allowed; allowed: an integer from 1 to 50000'],
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
      'a relative healthCheckPath',
      { healthCheckPath: 'health' },
      "healthCheckPath 'health' does not start with '/'; allowed: an absolute path such as '/health'",
    ],
    [
      'healthCheckInterval above 300 s',
      { healthCheckInterval: Duration.seconds(301) },
      'healthCheckInterval (seconds) 301 is not allowed; allowed: an integer from 5 to 300',
    ],
    [
      'healthCheckTimeout below 2 s',
      { healthCheckTimeout: Duration.seconds(1) },
      'healthCheckTimeout (seconds) 1 is not allowed; allowed: an integer from 2 to 120',
    ],
    [
      'a health check timeout as long as the interval',
      { healthCheckInterval: Duration.seconds(30), healthCheckTimeout: Duration.seconds(30) },
      'healthCheckTimeout 30 s is not below healthCheckInterval 30 s; allowed: a timeout shorter than the interval',
    ],
    [
      'healthyThresholdCount 1',
      { healthyThresholdCount: 1 },
      'healthyThresholdCount 1 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'unhealthyThresholdCount 11',
      { unhealthyThresholdCount: 11 },
      'unhealthyThresholdCount 11 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'healthCheckSuccessCodes that are not HTTP codes',
      { healthCheckSuccessCodes: '2xx' },
      "healthCheckSuccessCodes '2xx' is not a list of HTTP codes; allowed: such as '200', '200-299' or '200,302'",
    ],
    [
      'deregistrationDelay above an hour',
      { deregistrationDelay: Duration.seconds(3601) },
      'deregistrationDelay (seconds) 3601 is not allowed; allowed: an integer from 0 to 3600',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('ServiceRoute', () => buildServiceRoute(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const serviceRoute: Array<Acceptance<Partial<ServiceRouteProps>>> = [
    [
      'numbers and strings',
      {
        healthyThresholdCount: lazyNumber(1),
        unhealthyThresholdCount: lazyNumber(99),
        healthCheckSuccessCodes: lazyString('2xx'),
        rulePriority: lazyNumber(0),
        hostHeaders: [lazyString('a b')],
        healthCheckPath: lazyString('health'),
      },
    ],
  ];
  test.each(serviceRoute)('ServiceRoute: %s', (_, props) => {
    expect(() => buildServiceRoute(props)).not.toThrow();
  });
});
