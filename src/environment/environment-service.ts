import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IRouteRegistry, ServiceRouteOptions } from '../edge/service-route';
import { AlertTopics } from '../observability/alert-topics';
import { ServiceConnectOptions } from '../service/service-connect';
import { ServiceConnectNamespace } from '../service/service-connect-namespace';
import { WebServiceOptions } from '../web-service-options';

/**
 * What a service in a shared environment uses of it: the network, the cluster, the load balancer's
 * listeners, the alert topics, and the registry of the listener's routes. `WebServiceEnvironment` is one.
 */
export interface IWebServiceEnvironment extends IRouteRegistry {
  /** The VPC. */
  readonly vpc: ec2.IVpc;

  /** The subnets the services' tasks run in, when the environment created the network. */
  readonly taskSubnets?: ec2.SubnetSelection;

  /** The shared cluster. */
  readonly cluster: ecs.Cluster;

  /** The shared load balancer. */
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  /** The shared HTTPS listener; each service adds its rule to it. */
  readonly httpsListener: elbv2.ApplicationListener;

  /** The HTTP listener: it only redirects to HTTPS. */
  readonly httpListener: elbv2.ApplicationListener;

  /** Whether the load balancer has IPv6 addresses as well. */
  readonly dualStack: boolean;

  /** The alert topics every service's alarms notify. */
  readonly alerts: AlertTopics;

  /** The ECS Service Connect namespace the services join, if the environment has one. */
  readonly serviceConnect?: ServiceConnectNamespace;
}

/**
 * Props of a service in a shared environment (`WebServiceEnvironment.addService`): the settings of every web
 * service, and its route on the shared listener. The environment owns the network, the load balancer, AWS
 * WAF and the alert topics, so their settings are not here.
 */
export interface EnvironmentServiceProps extends WebServiceOptions {
  /**
   * How the shared listener routes to this service (host names, paths, priority) and checks its tasks'
   * health. Give each service host names or paths of its own and a priority of its own.
   * @default - the host names of `domainName` (and `subjectAlternativeNames`), priority 100, any path
   */
  readonly route?: ServiceRouteOptions;

  /**
   * Whether the shared load balancer routes to this service. A service that only serves the environment's other
   * services (through Service Connect) needs no route: then it has no listener rule or target group, and its
   * alarms and dashboard read the Service Connect metrics instead.
   * @default true
   */
  readonly loadBalanced?: boolean;

  /**
   * How the service takes part in the environment's Service Connect namespace (the environment's
   * `serviceConnect`): a client always, and a server under `dnsName` unless `server` is false. Call
   * `connectTo(server)` for each service this one calls.
   * @default - with the environment's serviceConnect: a client, and a server under the construct id in lower case
   */
  readonly serviceConnect?: ServiceConnectOptions;
}
