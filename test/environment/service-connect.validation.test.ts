/**
 * Validation of Service Connect: the namespace's settings, a service's Service Connect options, a service without a
 * route, and `connectTo` between services that cannot talk. Each message is asserted with the exact text a user reads.
 */
import { Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  EnvironmentServiceProps,
  HardenedFargateService,
  NatGateways,
  SecureFargateWebService,
  SecureFargateWebServiceProps,
  ServiceConnectNamespace,
  ServiceDeploymentStrategy,
  ServiceEndpoint,
} from '../../src';
import { expectOnlyProblem, Rejection } from '../problems';
import { testApp } from '../util';
import { attach, environmentIn, IMAGE } from './fixture';

const SERVICE = 'SecureFargateWebService';

describe('Service Connect rejects', () => {
  const rejections: Array<Rejection<Partial<EnvironmentServiceProps>>> = [
    [
      'a dnsName that is not a DNS name',
      { serviceConnect: { dnsName: 'Orders_API' } },
      "serviceConnect.dnsName 'Orders_API' is not a DNS name; allowed: lower-case letters, digits and '-' in labels of up to 63 (not starting or ending with '-'), joined by '.'",
    ],
    [
      'a dnsName on a client only',
      { serviceConnect: { server: false, dnsName: 'api' } },
      'serviceConnect.dnsName is set with server false, and it configures the server; allowed: server true (the default), or no dnsName',
    ],
    [
      'a per-request timeout on a client only',
      { serviceConnect: { server: false, perRequestTimeout: Duration.seconds(5) } },
      'serviceConnect.perRequestTimeout is set with server false, and it configures the server; allowed: server true (the default), or no perRequestTimeout',
    ],
    [
      'a per-request timeout of part of a second',
      { serviceConnect: { perRequestTimeout: Duration.millis(1500) } },
      'serviceConnect.perRequestTimeout 1.5 s is not allowed; allowed: whole seconds, 0 to turn the limit off',
    ],
    [
      'query strings in access logs that are off',
      { serviceConnect: { accessLogs: false, accessLogQueryParameters: true } },
      'serviceConnect.accessLogQueryParameters is set with accessLogs false; allowed: access logs on (the default), or no accessLogQueryParameters',
    ],
    [
      'no route for a client only: nothing reaches it',
      { loadBalanced: false, serviceConnect: { server: false } },
      'loadBalanced false leaves the service unreachable: it needs to serve through Service Connect; allowed: serviceConnect on the WebServiceEnvironment with the service a server (the default), or loadBalanced true',
    ],
    [
      'route settings on a service without a route',
      {
        loadBalanced: false,
        route: { pathPatterns: ['/api/*'] },
        healthCheckPath: '/ready',
        autoScaling: { requestsPerTarget: 100 },
        alarms: { unhealthyTargets: { threshold: 1 } },
      },
      'route, healthCheckPath, autoScaling.requestsPerTarget, alarms.unhealthyTargets given with loadBalanced false, and only a route or its target group uses them; allowed: loadBalanced true, or none of them',
    ],
    [
      'a deployment that shifts traffic, without a route',
      { loadBalanced: false, deploymentStrategy: ServiceDeploymentStrategy.canary() },
      'deploymentStrategy shifts traffic between two target groups, and with loadBalanced false there is none; allowed: ServiceDeploymentStrategy.rolling(), or loadBalanced true',
    ],
  ];

  test.each(rejections)('%s', (_, props, message) => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, { serviceConnect: {} });
    expectOnlyProblem(SERVICE, () => attach(stack, 'Api', environment, props), message);
  });

  test('Service Connect options in an environment without a namespace', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    expectOnlyProblem(
      SERVICE,
      () => attach(stack, 'Api', environment, { serviceConnect: { dnsName: 'api' } }),
      'serviceConnect is given, and the environment has no Service Connect namespace; allowed: serviceConnect on the WebServiceEnvironment, or no serviceConnect',
    );
  });

  test('a service without a route in an environment without a namespace', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    expectOnlyProblem(
      SERVICE,
      () => attach(stack, 'Api', environment, { loadBalanced: false }),
      'loadBalanced false leaves the service unreachable: it needs to serve through Service Connect; allowed: serviceConnect on the WebServiceEnvironment with the service a server (the default), or loadBalanced true',
    );
  });

  test('Service Connect options on a service with a load balancer of its own', () => {
    const stack = new Stack(testApp(), 'Solo');
    const standalone = {
      image: IMAGE,
      certificate: { certificateArn: 'arn:aws:acm:us-west-2:123456789012:certificate/abc' } as never,
      loadBalanced: false,
      serviceConnect: {},
    } as SecureFargateWebServiceProps;
    expectOnlyProblem(
      SERVICE,
      () => new SecureFargateWebService(stack, 'Web', standalone),
      'loadBalanced, serviceConnect given to a service with a load balancer of its own; allowed: WebServiceEnvironment.addService, in an environment with serviceConnect, for a service that other services call by name',
    );
  });

  test('two services with one dnsName in a namespace', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, { serviceConnect: {} });
    attach(stack, 'Api', environment, { loadBalanced: false });
    expect(() =>
      attach(stack, 'Orders', environment, { loadBalanced: false, serviceConnect: { dnsName: 'api' } }),
    ).toThrow(
      "serviceConnect.dnsName 'api' of 'Shared/Orders/Service' is taken by 'Shared/Api/Service' in the namespace 'Shared/Shared/ServiceConnect'; allowed: a dnsName of its own for each service",
    );
  });

  test('an HTTP namespace name with a space', () => {
    const stack = new Stack(testApp(), 'Shared');
    expectOnlyProblem(
      'WebServiceEnvironment',
      () => environmentIn(stack, { serviceConnect: { namespaceName: 'my services' } }),
      "serviceConnect.namespaceName 'my services' is not an HTTP namespace name; allowed: 1 to 1024 printable ASCII characters without spaces",
    );
  });

  test('Service Connect without NAT and without the ECS endpoints', () => {
    const stack = new Stack(testApp(), 'Shared');
    expectOnlyProblem(
      'WebServiceEnvironment',
      () =>
        environmentIn(stack, {
          serviceConnect: {},
          network: { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate() },
        }),
      'serviceConnect needs the ECS endpoints when network.natGateways is none: ECS manages the Service Connect proxy through them; allowed: network.endpoints with ServiceEndpoint.forServiceConnect() (ECS_AGENT, ECS_TELEMETRY, ECS), or NatGateways.single() / perAz() / instance()',
    );
  });

  test('Service Connect without NAT, with the ECS endpoints', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, {
      serviceConnect: {},
      network: {
        natGateways: NatGateways.none(),
        endpoints: [...ServiceEndpoint.forFargate(), ...ServiceEndpoint.forServiceConnect()],
      },
    });
    expect(() => attach(stack, 'Api', environment, { loadBalanced: false })).not.toThrow();
    const services = Object.values(Template.fromStack(stack).findResources('AWS::EC2::VPCEndpoint')).map((e) =>
      JSON.stringify(e.Properties.ServiceName),
    );
    for (const name of ['ecs-agent', 'ecs-telemetry', '.ecs"']) {
      expect(services.some((s) => s.includes(name))).toBe(true);
    }
  });

  test('the proxy leaves the application too little memory next to its sidecars', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const mesh = new ServiceConnectNamespace(stack, 'Mesh');
    expectOnlyProblem(
      'HardenedFargateService',
      () =>
        new HardenedFargateService(stack, 'Api', {
          vpc: environment.vpc,
          cluster: environment.cluster,
          image: IMAGE,
          tracing: { agentMemoryLimitMiB: 352 },
          serviceConnect: { namespace: mesh },
        }),
      "the tracing agent 352 and Service Connect proxy 64 MiB leave the application container 96 MiB of the task's memoryLimitMiB 512; allowed: at least 128 MiB left, with a larger memoryLimitMiB or less for them",
    );
  });

  test("a sidecar that leaves the application too little memory next to the proxy's 64 MiB", () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const api = new HardenedFargateService(stack, 'Api', {
      vpc: environment.vpc,
      cluster: environment.cluster,
      image: IMAGE,
      serviceConnect: { namespace: new ServiceConnectNamespace(stack, 'Mesh') },
    });
    expectOnlyProblem(
      "sidecar 'proxy' of HardenedFargateService",
      () => api.addSidecar('proxy', { image: IMAGE, memoryLimitMiB: 352 }),
      "memoryLimitMiB 352 leaves the application container 96 MiB of the task's 512; allowed: sidecars that leave it at least 128 MiB, or a larger task memoryLimitMiB",
    );
  });

  test('connectTo a service outside the namespace, to a client only, and to itself', () => {
    const stack = new Stack(testApp(), 'Shared');
    const meshed = environmentIn(stack, { serviceConnect: {} });
    const plain = environmentIn(new Stack(stack.node.scope as never, 'Other'));
    const api = attach(stack, 'Api', meshed, { loadBalanced: false });
    const client = attach(stack, 'Client', meshed, {
      route: { hostHeaders: ['c.example.com'], rulePriority: 2 },
      serviceConnect: { server: false },
    });
    const outside = attach(plain.node.scope as never, 'Outside', plain, { route: { hostHeaders: ['o.example.com'] } });
    expect(() => outside.connectTo(api)).toThrow(
      "connectTo from 'Other/Outside' to 'Shared/Api': both services must join the same Service Connect namespace; allowed: serviceConnect on both, with one namespace (one WebServiceEnvironment with serviceConnect)",
    );
    expect(() => api.connectTo(client)).toThrow(
      "connectTo from 'Shared/Api' to 'Shared/Client': the target has serviceConnect.server false, so nothing can call it; allowed: a service that serves (server true, the default)",
    );
    expect(() => api.connectTo(api)).toThrow(
      "connectTo from 'Shared/Api' to 'Shared/Api': a service cannot connect to itself",
    );
  });

  test('Tokens pass through unchecked', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack, {
      serviceConnect: { namespaceName: Lazy.string({ produce: () => 'from a parameter' }) },
    });
    expect(() =>
      attach(stack, 'Api', environment, {
        loadBalanced: false,
        containerHealthCheck: { command: ['CMD', 'true'] } as ecs.HealthCheck,
        serviceConnect: { dnsName: Lazy.string({ produce: () => 'Not_Checked' }) },
      }),
    ).not.toThrow();
  });
});
