/**
 * Validation of WebServiceEnvironment and of the services attached to it: the environment's own props, the props
 * a service may not bring into a shared environment (and the route it may not bring out of one), and the clashes
 * between the services' routes that the environment finds at synthesis. Each message is asserted with the exact
 * text a user reads. A route's own settings are catalogued in service-route.validation.test.ts.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  EnvironmentServiceProps,
  Firewall,
  SecureFargateWebService,
  SecureFargateWebServiceProps,
  WebServiceEnvironment,
  WebServiceEnvironmentProps,
} from '../../src';
import { expectOnlyProblem } from '../problems';
import { testApp } from '../util';
import { attach, environmentIn, IMAGE } from './fixture';

const CERT_ARN = 'arn:aws:acm:us-west-2:123456789012:certificate/abc';

const CERTIFICATE = { certificateArn: CERT_ARN } as never;

describe('WebServiceEnvironment rejects', () => {
  test('settings the environment owns, brought by a variable of the standalone props type, are refused', () => {
    // GIVEN props typed for a service on its own, which TypeScript lets through as EnvironmentServiceProps
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const standalone: SecureFargateWebServiceProps = {
      image: IMAGE,
      firewall: Firewall.none(),
      httpsLoadBalancer: { rulePriority: 7 },
      cloudFront: {},
    };
    // WHEN the service is added THEN nothing is silently ignored
    expect(() => environment.addService('Api', standalone)).toThrow(
      "httpsLoadBalancer, firewall, cloudFront given to a service in a shared environment, which owns them; allowed: set them on the WebServiceEnvironment (EnvironmentServiceProps has route for the service's own routing)",
    );
  });

  test("route settings on the environment's load balancer (JavaScript, or a variable of a wider type) are refused", () => {
    // GIVEN load balancer options that carry a service's route, which LoadBalancerOptions leaves out
    const stack = new Stack(testApp(), 'Shared');
    const withRoute = { internetFacing: true, pathPatterns: ['/api/*'], healthCheckInterval: Duration.seconds(10) };
    // WHEN the environment is created THEN it names them instead of ignoring them
    expect(() => environmentIn(stack, { httpsLoadBalancer: withRoute })).toThrow(
      "Invalid WebServiceEnvironment props:\n  - httpsLoadBalancer.pathPatterns, httpsLoadBalancer.healthCheckInterval given to a load balancer without a route of its own (serviceRoute false); allowed: set them on each service's ServiceRoute (a shared environment's services: route)",
    );
  });

  test('an ephemeral storage key given to a service is refused: the shared cluster owns it', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    const standalone: SecureFargateWebServiceProps = {
      image: IMAGE,
      ephemeralStorageEncryptionKey: new kms.Key(stack, 'StorageKey', { enableKeyRotation: true }),
    };
    expectOnlyProblem(
      'SecureFargateWebService',
      () => environment.addService('Api', standalone),
      "ephemeralStorageEncryptionKey given to a service in a shared environment, which owns them; allowed: set them on the WebServiceEnvironment (EnvironmentServiceProps has route for the service's own routing)",
    );
  });

  test.each<[string, (stack: Stack, environment: WebServiceEnvironment) => void, string]>([
    [
      'two services at one priority',
      (stack, environment) => {
        attach(stack, 'A', environment, { route: { hostHeaders: ['a.example.com'] } });
        attach(stack, 'B', environment, { route: { hostHeaders: ['b.example.com'] } });
      },
      "routes 'Shared/A/Route' and 'Shared/B/Route' both use listener rule priority 100; allowed: a distinct rulePriority for each route",
    ],
    [
      'two services with the same hosts and paths',
      (stack, environment) => {
        attach(stack, 'A', environment, { route: { hostHeaders: ['a.example.com'], rulePriority: 1 } });
        attach(stack, 'B', environment, { route: { hostHeaders: ['A.example.com'], rulePriority: 2 } });
      },
      "routes 'Shared/A/Route' and 'Shared/B/Route' match the same host names [a.example.com] and paths []; allowed: distinct hostHeaders or pathPatterns for each route",
    ],
    [
      'a catch-all rule next to another',
      (stack, environment) => {
        attach(stack, 'A', environment, { route: { rulePriority: 1 } });
        attach(stack, 'B', environment, { route: { hostHeaders: ['b.example.com'], rulePriority: 2 } });
      },
      "route 'Shared/A/Route' matches every host and path, and 1 other route(s) share the listener; allowed: hostHeaders or pathPatterns for each route (or a service domainName, whose host is routed)",
    ],
    [
      "a host the environment's certificate does not cover",
      (stack, environment) => {
        attach(stack, 'A', environment, { route: { hostHeaders: ['a.b.example.com'] } });
      },
      "route 'Shared/A/Route' matches host 'a.b.example.com', which the environment's certificate (*.example.com) does not cover; allowed: a host it covers, or a certificate of the route's own (a service's domainName with hostedZone)",
    ],
    [
      'two services added with addService at one priority',
      (_stack, environment) => {
        environment.addService('A', { image: IMAGE, route: { hostHeaders: ['a.example.com'] } });
        environment.addService('B', { image: IMAGE, route: { hostHeaders: ['b.example.com'] } });
      },
      "routes 'Shared/Shared/A/Route' and 'Shared/Shared/B/Route' both use listener rule priority 100; allowed: a distinct rulePriority for each route",
    ],
  ])('refuses %s at synthesis', (_name, attachServices, message) => {
    const stack = new Stack(testApp(), 'Shared');
    attachServices(stack, environmentIn(stack));
    expect(() => Template.fromStack(stack)).toThrow(message);
  });

  test("a service's route settings are checked with their route. names", () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    expectOnlyProblem(
      'SecureFargateWebService',
      () => attach(stack, 'A', environment, { route: { rulePriority: 0 } }),
      'route.rulePriority 0 is not allowed; allowed: an integer from 1 to 50000',
    );
  });

  test.each<[string, Partial<WebServiceEnvironmentProps>, string]>([
    [
      'no certificate',
      { domainName: undefined, hostedZone: undefined },
      'HTTPS needs a certificate; allowed: certificate, or domainName with hostedZone (a certificate is created)',
    ],
    [
      'a web ACL ARN that is not REGIONAL',
      {
        firewall: Firewall.fromWebAclArn(
          'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0123abcd-0123-4567-89ab-0123456789ab',
        ),
      },
      "firewall.webAclArn 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0123abcd-0123-4567-89ab-0123456789ab' is not the ARN of a REGIONAL web ACL; allowed: arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>, in the load balancer's Region",
    ],
    [
      'a certificate with subjectAlternativeNames',
      {
        domainName: undefined,
        hostedZone: undefined,
        certificate: CERTIFICATE,
        subjectAlternativeNames: ['a.example.org'],
      },
      'domainName and subjectAlternativeNames are for a new certificate, and certificate was given; allowed: one of them',
    ],
  ])('refuses %s', (_name, props, message) => {
    const stack = new Stack(testApp(), 'Shared');
    expectOnlyProblem('WebServiceEnvironment', () => environmentIn(stack, props), message);
  });

  test('audit on two services of one environment: the account has one trail and one GuardDuty detector', () => {
    const stack = new Stack(testApp(), 'Shared');
    const environment = environmentIn(stack);
    attach(stack, 'A', environment, { audit: {} });
    expectOnlyProblem(
      'SecureFargateWebService',
      () => attach(stack, 'B', environment, { audit: { trail: false } }),
      "audit given to 'Shared/B' and to 'Shared/A' of the same shared environment, and the account has one GuardDuty detector per Region; allowed: audit on one service at most",
    );
  });

  test('a route given to a service with a load balancer of its own, by a variable of the shared props type', () => {
    // GIVEN props typed for a service in a shared environment, which TypeScript lets through as the standalone type
    const shared: EnvironmentServiceProps = { image: IMAGE, route: { pathPatterns: ['/api/*'] } };
    const alone = () => {
      const stack = new Stack(testApp(), 'Alone');
      const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
      return new SecureFargateWebService(stack, 'Web', { ...shared, certificate });
    };
    // WHEN the service is created on its own THEN the route is named instead of ignored
    expectOnlyProblem(
      'SecureFargateWebService',
      alone,
      "route given to a service with a load balancer of its own, which has no shared listener to route on; allowed: httpsLoadBalancer (host names, paths, priority, health check of the service's rule), or WebServiceEnvironment.addService for a route on a shared listener",
    );
  });
});
