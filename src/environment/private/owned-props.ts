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
export function checkNoEnvironmentOwnedProps(v: PropsValidator, props: object): void {
  const given = ENVIRONMENT_OWNED.filter((name) => (props as Record<string, unknown>)[name] !== undefined);
  if (given.length > 0) {
    v.fail(
      `${given.join(', ')} given to a service in a shared environment, which owns them; allowed: set them on the WebServiceEnvironment (EnvironmentServiceProps has route for the service's own routing)`,
    );
  }
}
