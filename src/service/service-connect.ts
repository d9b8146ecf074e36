import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ServiceConnectNamespace } from './service-connect-namespace';

/** How a service takes part in ECS Service Connect. */
export interface ServiceConnectOptions {
  /**
   * The name other services call this one by, at `http://<dnsName>:<containerPort>`: lower-case letters, digits
   * and '-' (DNS labels, joined by '.'). Unique in the namespace.
   * @default - the construct id in lower case, with '-' for any other character
   */
  readonly dnsName?: string;

  /**
   * Whether other services can call this one (a server under `dnsName`), as well as it calling them. A
   * service that only calls others is a client only.
   * @default true
   */
  readonly server?: boolean;

  /**
   * The protocol the application speaks on its port: HTTP, HTTP/2 or gRPC. Service Connect then counts requests,
   * response codes and latency, and applies `perRequestTimeout`.
   * @default ecs.AppProtocol.http
   */
  readonly appProtocol?: ecs.AppProtocol;

  /**
   * How long Service Connect waits for this service's whole response before it answers a client with 504.
   * `Duration.seconds(0)` turns the limit off.
   * @default Duration.seconds(15)
   */
  readonly perRequestTimeout?: Duration;

  /**
   * Whether the Service Connect proxy writes an access log line (JSON) for each request to the service's log
   * group.
   * @default true
   */
  readonly accessLogs?: boolean;

  /**
   * Whether the access log lines include query strings, which may carry tokens or personal data.
   * @default false
   */
  readonly accessLogQueryParameters?: boolean;
}

/** Service Connect for a `HardenedFargateService`: the namespace it joins, and how. */
export interface ServiceConnectMembership extends ServiceConnectOptions {
  /** The namespace the service joins. */
  readonly namespace: ServiceConnectNamespace;
}

/** Where the services of a Service Connect namespace call a server. */
export interface ServiceConnectEndpoint {
  /** The name clients call (the client alias). */
  readonly dnsName: string;

  /** The port clients call: the application's container port. */
  readonly port: number;

  /** The address clients call: `http://<dnsName>:<port>` (the proxies add TLS where the namespace has it). */
  readonly url: string;

  /**
   * The AWS Cloud Map service's name: the server's Service Connect metrics in CloudWatch carry it as
   * `TargetDiscoveryName`. Unique in the account and Region: the stack name and construct path.
   */
  readonly discoveryName: string;
}
