import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkAlertTopicsProps } from './alert-checks';
import { checkHttpsLoadBalancerProps, checkServiceDomainProps, checkFirewallChoice } from './edge-checks';
import { checkWebServiceNetworkProps } from './network-checks';
import { publicSubnetsOf, taskSubnetsOf } from './subnets';
import { isKnown, PropsValidator, quoted } from './validation';
import type { ServiceRouteOptions } from '../edge/service-route';
import type { WebServiceEnvironmentProps } from '../environment/web-service-environment';

/** One service's claim on the shared listener. */
export interface RouteClaim {
  readonly service: string;
  readonly priority: number;
  readonly hostHeaders: string[];
  readonly pathPatterns: string[];
  readonly coveredByOwnCertificate: boolean;
}

/** The route settings that belong to each service, not to the shared load balancer. */
const ROUTE_OPTIONS: Array<keyof ServiceRouteOptions> = [
  'healthCheckInterval',
  'healthCheckTimeout',
  'healthyThresholdCount',
  'unhealthyThresholdCount',
  'healthCheckSuccessCodes',
  'deregistrationDelay',
  'hostHeaders',
  'pathPatterns',
  'rulePriority',
];

/** Records the problems of `WebServiceEnvironmentProps`. */
export function checkWebServiceEnvironmentProps(
  v: PropsValidator,
  scope: Construct,
  props: WebServiceEnvironmentProps,
): void {
  const { domainName, hostedZone, certificate } = props;
  if (props.vpc) {
    if (props.network) {
      v.fail('network options apply only to a new VPC, and vpc was given; allowed: vpc or network, not both');
    }
    taskSubnetsOf(v, 'vpc', props.vpc);
    if (props.loadBalancer?.internetFacing !== false) publicSubnetsOf(v, 'vpc', props.vpc);
  } else {
    checkWebServiceNetworkProps(v, scope, props.network ?? {}, 'network.');
  }
  if (!certificate && domainName === undefined) {
    v.fail('HTTPS needs a certificate; allowed: certificate, or domainName with hostedZone (a certificate is created)');
  }
  if (certificate && (domainName !== undefined || props.subjectAlternativeNames)) {
    v.fail(
      'domainName and subjectAlternativeNames are for a new certificate, and certificate was given; allowed: one of them',
    );
  }
  if (domainName !== undefined && !hostedZone) {
    v.fail(
      `domainName ${quoted(domainName)} needs hostedZone, the public hosted zone that validates the certificate; allowed: hostedZone with it, or certificate without domainName`,
    );
  }
  if (hostedZone && domainName === undefined) {
    v.fail(
      'hostedZone needs domainName, the name of the new certificate; allowed: domainName with it, or no hostedZone',
    );
  }
  if (domainName !== undefined && hostedZone) {
    checkServiceDomainProps(v, { domainName, hostedZone, subjectAlternativeNames: props.subjectAlternativeNames });
  }
  const lb = props.loadBalancer ?? {};
  for (const option of ROUTE_OPTIONS) {
    if (lb[option] !== undefined) {
      v.fail(
        `loadBalancer.${option} belongs to a service's route, not to the shared load balancer; allowed: set it in the service's loadBalancer options`,
      );
    }
  }
  checkHttpsLoadBalancerProps(v, lb, 'loadBalancer.');
  checkFirewallChoice(v, props);
  if (props.alerts) checkAlertTopicsProps(v, props.alerts, 'alerts.');
}

/**
 * The problems of the services' claims on the shared listener: priorities and traffic claimed twice, a
 * catch-all rule next to others, and host names the environment's certificate does not cover.
 */
export function checkRoutes(routes: readonly RouteClaim[], certificateNames: readonly string[] | undefined): string[] {
  const problems: string[] = [];
  const byPriority = new Map<number, string>();
  const byTraffic = new Map<string, string>();
  for (const route of routes) {
    if (!Token.isUnresolved(route.priority)) {
      const other = byPriority.get(route.priority);
      if (other) {
        problems.push(
          `services '${other}' and '${route.service}' both use listener rule priority ${route.priority}; allowed: a distinct loadBalancer.rulePriority for each service`,
        );
      } else {
        byPriority.set(route.priority, route.service);
      }
    }
    const hosts = route.hostHeaders.filter(isKnown).map((h) => h.toLowerCase());
    const paths = route.pathPatterns.filter(isKnown);
    const traffic = JSON.stringify([[...hosts].sort(), [...paths].sort()]);
    const other = byTraffic.get(traffic);
    if (other) {
      problems.push(
        `services '${other}' and '${route.service}' route the same host names [${hosts.join(', ')}] and paths [${paths.join(', ')}]; allowed: distinct hostHeaders or pathPatterns for each service`,
      );
    } else {
      byTraffic.set(traffic, route.service);
    }
    if (routes.length > 1 && route.hostHeaders.length === 0 && route.pathPatterns.length === 0) {
      problems.push(
        `service '${route.service}' routes every host and path, and ${routes.length - 1} other service(s) attach as well; allowed: hostHeaders or pathPatterns for each service (or a domainName, whose host is routed)`,
      );
    }
    if (certificateNames && certificateNames.every(isKnown) && !route.coveredByOwnCertificate) {
      for (const host of hosts) {
        if (!certificateNames.some((name) => covers(name, host))) {
          problems.push(
            `service '${route.service}' routes host '${host}', which the environment's certificate (${certificateNames.join(', ')}) does not cover; allowed: a host it covers, or domainName with hostedZone on the service (its own certificate)`,
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
