import { IConstruct } from 'constructs';
import { PropsValidator } from '../../private/validation';

/** The props of a service on its own (`SecureFargateWebServiceProps`) whose resources a shared environment owns. */
const ENVIRONMENT_OWNED = [
  'vpc',
  'network',
  'httpsLoadBalancer',
  'firewall',
  'cloudFront',
  'alerts',
  'ephemeralStorageEncryptionKey',
];

/**
 * Refuses the props of a service on its own that a shared environment owns. `EnvironmentServiceProps` leaves them
 * out; a variable of the standalone props type (or JavaScript) can still bring them.
 */
function checkNoEnvironmentOwnedProps(v: PropsValidator, props: object): void {
  const given = ENVIRONMENT_OWNED.filter((name) => (props as Record<string, unknown>)[name] !== undefined);
  if (given.length > 0) {
    v.fail(
      `${given.join(', ')} given to a service in a shared environment, which owns them; allowed: set them on the WebServiceEnvironment (EnvironmentServiceProps has route for the service's own routing)`,
    );
  }
}

/**
 * Checks that a service's props fit where it runs: in a shared environment, none of the props the environment
 * owns; on its own, no `route` (a variable of the shared environment's props type can bring one, which a service
 * with a load balancer of its own would otherwise ignore).
 */
export function checkPropsFitPlacement(v: PropsValidator, props: object, inEnvironment: boolean): void {
  if (inEnvironment) return checkNoEnvironmentOwnedProps(v, props);
  const given = props as Record<string, unknown>;
  if (given.route !== undefined) {
    v.fail(
      "route given to a service with a load balancer of its own, which has no shared listener to route on; allowed: httpsLoadBalancer (host names, paths, priority, health check of the service's rule), or WebServiceEnvironment.addService for a route on a shared listener",
    );
  }
  const shared = ['loadBalanced', 'serviceConnect'].filter((name) => given[name] !== undefined);
  if (shared.length > 0) {
    v.fail(
      `${shared.join(', ')} given to a service with a load balancer of its own; allowed: WebServiceEnvironment.addService, in an environment with serviceConnect, for a service that other services call by name`,
    );
  }
}

/** The service of each shared environment that creates the account's audit, by environment. */
const AUDITED = new WeakMap<object, IConstruct>();

/**
 * Records that `service` creates the account's audit in `environment`, and refuses a second service that
 * does: the account has one GuardDuty detector per Region, and one free trail.
 */
export function claimAudit(v: PropsValidator, environment: object, service: IConstruct): void {
  const first = AUDITED.get(environment);
  if (first) {
    v.fail(
      `audit given to '${service.node.path}' and to '${first.node.path}' of the same shared environment, and the account has one GuardDuty detector per Region; allowed: audit on one service at most`,
    );
  } else {
    AUDITED.set(environment, service);
  }
}
