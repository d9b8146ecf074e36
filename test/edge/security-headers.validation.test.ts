/**
 * Validation of `securityHeaders`: every message, with the exact text a user reads, on the load balancer and
 * with the prefix `SecureFargateWebService` gives it, and proof that Tokens pass unchecked.
 */
import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { HttpsLoadBalancer, ResponseHeader, SecureFargateWebService, SecurityHeadersOptions } from '../../src';
import { Acceptance, expectOnlyProblem, importedVpc, lazySeconds, lazyString, Rejection } from '../problems';
import { testStack } from '../util';
import { CERT_ARN } from '../web-service-fixture';

function build(securityHeaders: SecurityHeadersOptions): HttpsLoadBalancer {
  const stack = testStack();
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  return new HttpsLoadBalancer(stack, 'Edge', { vpc: importedVpc(stack, 'Vpc'), certificate, securityHeaders });
}

describe('securityHeaders rejects', () => {
  const rows: Array<Rejection<SecurityHeadersOptions>> = [
    [
      'an HSTS value without max-age',
      { strictTransportSecurity: ResponseHeader.of('includeSubDomains') },
      "securityHeaders.strictTransportSecurity 'includeSubDomains' is not allowed; allowed: 'max-age=<seconds>', optionally with '; includeSubDomains' and '; preload'",
    ],
    [
      'an unknown frame option',
      { frameOptions: ResponseHeader.of('ALLOWALL') },
      "securityHeaders.frameOptions 'ALLOWALL' is not allowed; allowed: 'DENY', 'SAMEORIGIN' or 'ALLOW-FROM <origin>'",
    ],
    [
      'an empty content security policy',
      { contentSecurityPolicy: ResponseHeader.of(' ') },
      `securityHeaders.contentSecurityPolicy is empty; allowed: a policy such as "default-src 'self'", or ResponseHeader.none()`,
    ],
    [
      'a CORS origin with a path',
      { cors: { allowOrigin: 'https://app.example.com/login' } },
      "securityHeaders.cors.allowOrigin 'https://app.example.com/login' is not allowed; allowed: '*' or one origin such as 'https://app.example.com'",
    ],
    [
      'credentials for any origin',
      { cors: { allowOrigin: '*', allowCredentials: true } },
      "securityHeaders.cors.allowCredentials true with securityHeaders.cors.allowOrigin '*': browsers refuse credentials for any origin; allowed: one origin, or allowCredentials false",
    ],
    [
      'an unknown method',
      { cors: { allowOrigin: '*', allowMethods: ['GET', 'FETCH'] } },
      "securityHeaders.cors.allowMethods has 'FETCH'; allowed: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
    ],
    [
      'a header name with a space',
      { cors: { allowOrigin: '*', exposeHeaders: ['X Total'] } },
      "securityHeaders.cors.exposeHeaders has 'X Total'; allowed: header names such as 'Content-Type'",
    ],
    [
      'a preflight cache over a day',
      { cors: { allowOrigin: '*', maxAge: Duration.days(2) } },
      'securityHeaders.cors.maxAge 2 days is not allowed; allowed: whole seconds from 0 to 1 day',
    ],
  ];
  test.each(rows)('%s', (_, securityHeaders, message) => {
    expectOnlyProblem('HttpsLoadBalancer', () => build(securityHeaders), message);
  });

  test('SecureFargateWebService names the prop under httpsLoadBalancer', () => {
    const stack = testStack();
    expectOnlyProblem(
      'SecureFargateWebService',
      () =>
        new SecureFargateWebService(stack, 'Web', {
          image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
          certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
          httpsLoadBalancer: { securityHeaders: { frameOptions: ResponseHeader.of('deny') } },
        }),
      "httpsLoadBalancer.securityHeaders.frameOptions 'deny' is not allowed; allowed: 'DENY', 'SAMEORIGIN' or 'ALLOW-FROM <origin>'",
    );
  });
});

describe('Tokens are accepted', () => {
  const rows: Array<Acceptance<SecurityHeadersOptions>> = [
    [
      'header values',
      { strictTransportSecurity: ResponseHeader.of(lazyString('x')), frameOptions: ResponseHeader.of(lazyString('x')) },
    ],
    [
      'CORS settings',
      { cors: { allowOrigin: lazyString('x'), allowMethods: [lazyString('FETCH')], maxAge: lazySeconds(-1) } },
    ],
  ];
  test.each(rows)('%s', (_, securityHeaders) => {
    expect(() => build(securityHeaders)).not.toThrow();
  });
});
