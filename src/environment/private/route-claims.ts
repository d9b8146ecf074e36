import { Token } from 'aws-cdk-lib';
import { RouteClaim } from '../../edge/service-route';
import { isKnown } from '../../private/validation';

/**
 * The problems of the services' claims on the shared listener: priorities and traffic claimed twice, a
 * catch-all rule next to others, and host names the environment's certificate does not cover.
 */
export function checkRouteClaims(
  routes: readonly RouteClaim[],
  certificateNames: readonly string[] | undefined,
): string[] {
  const problems: string[] = [];
  const byPriority = new Map<number, string>();
  const byTraffic = new Map<string, string>();
  for (const route of routes) {
    const priorities = [
      route.priority,
      ...(route.publicPathsPriority !== undefined ? [route.publicPathsPriority] : []),
    ];
    for (const priority of priorities.filter((p) => !Token.isUnresolved(p))) {
      const other = byPriority.get(priority);
      if (other) {
        problems.push(
          `routes '${other}' and '${route.owner}' both use listener rule priority ${priority}; allowed: a distinct rulePriority for each route (one with authentication.publicPaths also takes the priority before its own)`,
        );
      } else {
        byPriority.set(priority, route.owner);
      }
    }
    const hosts = route.hostHeaders.filter(isKnown).map((h) => h.toLowerCase());
    const paths = route.pathPatterns.filter(isKnown);
    const traffic = JSON.stringify([[...hosts].sort(), [...paths].sort()]);
    const other = byTraffic.get(traffic);
    if (other) {
      problems.push(
        `routes '${other}' and '${route.owner}' match the same host names [${hosts.join(', ')}] and paths [${paths.join(', ')}]; allowed: distinct hostHeaders or pathPatterns for each route`,
      );
    } else {
      byTraffic.set(traffic, route.owner);
    }
    if (routes.length > 1 && route.hostHeaders.length === 0 && route.pathPatterns.length === 0) {
      problems.push(
        `route '${route.owner}' matches every host and path, and ${routes.length - 1} other route(s) share the listener; allowed: hostHeaders or pathPatterns for each route (or a service domainName, whose host is routed)`,
      );
    }
    if (certificateNames && certificateNames.every(isKnown) && !route.ownCertificate) {
      for (const host of hosts) {
        if (!certificateNames.some((name) => covers(name, host))) {
          problems.push(
            `route '${route.owner}' matches host '${host}', which the environment's certificate (${certificateNames.join(', ')}) does not cover; allowed: a host it covers, or a certificate of the route's own (a service's domainName with hostedZone)`,
          );
        }
      }
    }
  }
  return problems;
}

/** Whether a certificate name (possibly `*.example.com`) covers a host name. */
function covers(name: string, host: string): boolean {
  const n = name.toLowerCase();
  if (n === host) return true;
  if (!n.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && !host.slice(0, dot).includes('*') && host.slice(dot + 1) === n.slice(2);
}
