/**
 * Validation of ServiceDashboard: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import { ServiceDashboard, ServiceDashboardProps } from '../../src';
import { Acceptance, Rejection, expectOnlyProblem, lazyString, serviceFixture } from '../problems';
import { testStack } from '../util';

/** A Service Connect server's endpoint, for the dashboard of a service without a target group. */
const ENDPOINT = { dnsName: 'api', port: 8080, url: 'http://api:8080', discoveryName: 'prod-api-service' };

function buildDashboard(props: Partial<ServiceDashboardProps>): ServiceDashboard {
  const stack = testStack();
  const { service, loadBalancer, targetGroup, logGroup } = serviceFixture(stack);
  return new ServiceDashboard(stack, 'Dashboard', { service, loadBalancer, targetGroup, logGroup, ...props });
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('ServiceDashboard rejects', () => {
  const rows: Array<Rejection<Partial<ServiceDashboardProps>>> = [
    [
      'a dashboardName with a space',
      { dashboardName: 'web service' },
      "dashboardName 'web service' is not a dashboard name; allowed: 1 to 255 letters, digits, '-' and '_'",
    ],
    [
      'an empty dashboardName',
      { dashboardName: '' },
      "dashboardName '' is not a dashboard name; allowed: 1 to 255 letters, digits, '-' and '_'",
    ],
    [
      'a dashboardName of 256 characters',
      { dashboardName: 'd'.repeat(256) },
      `dashboardName '${'d'.repeat(256)}' is not a dashboard name; allowed: 1 to 255 letters, digits, '-' and '_'`,
    ],
    [
      'a period of 0 seconds',
      { period: Duration.seconds(0) },
      'period 0 s is not allowed; allowed: a whole number of minutes (load balancer and ECS metrics have 1-minute resolution)',
    ],
    [
      'a period of 90 seconds',
      { period: Duration.seconds(90) },
      'period 90 s is not allowed; allowed: a whole number of minutes (load balancer and ECS metrics have 1-minute resolution)',
    ],
    ['a blank errorQuery', { errorQuery: '   ' }, "errorQuery '   ' is empty; allowed: a Logs Insights query"],
    [
      'a target group without its load balancer',
      { loadBalancer: undefined },
      'targetGroup is given without loadBalancer, the load balancer in front of it; allowed: both',
    ],
    [
      'a load balancer without a target group',
      { targetGroup: undefined, serviceConnectEndpoint: ENDPOINT },
      'loadBalancer or alternateTargetGroup is given without targetGroup; allowed: targetGroup with them, or neither',
    ],
    [
      'no traffic to show',
      { targetGroup: undefined, loadBalancer: undefined },
      'the dashboard shows no traffic: neither targetGroup nor serviceConnectEndpoint was given; allowed: targetGroup with loadBalancer, or serviceConnectEndpoint',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('ServiceDashboard', () => buildDashboard(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const dashboard: Array<Acceptance<Partial<ServiceDashboardProps>>> = [
    ['dashboardName', { dashboardName: lazyString('web service') }],
    ['errorQuery', { errorQuery: lazyString(' ') }],
  ];
  test.each(dashboard)('ServiceDashboard: %s', (_, props) => {
    expect(() => buildDashboard(props)).not.toThrow();
  });
});
