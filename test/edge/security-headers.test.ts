/**
 * Security response headers (`securityHeaders`): what the listeners' header-modification attributes are by
 * default and with overrides, on the HTTPS, redirect, test and CloudFront-origin listeners and in a shared
 * environment. The bad inputs are catalogued in security-headers.validation.test.ts.
 */
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  HttpsLoadBalancer,
  HttpsLoadBalancerProps,
  ResponseHeader,
  SecureFargateWebService,
  ServiceDeploymentStrategy,
  WebServiceEnvironment,
} from '../../src';
import { testStack } from '../util';
import { CERT_ARN } from '../web-service-fixture';

function build(options: Partial<HttpsLoadBalancerProps> = {}) {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  new HttpsLoadBalancer(stack, 'Edge', { vpc, certificate, ...options });
  return Template.fromStack(stack);
}

/** Each listener's header attributes (routing.http.response.*), by port. */
function headersByPort(template: Template): Record<number, Record<string, string>> {
  return Object.fromEntries(
    Object.values(template.findResources('AWS::ElasticLoadBalancingV2::Listener')).map((l) => [
      l.Properties.Port,
      Object.fromEntries(
        ((l.Properties.ListenerAttributes ?? []) as Array<{ Key: string; Value: string }>)
          .filter((a) => a.Key.startsWith('routing.http.response.'))
          .map((a) => [a.Key.replace('routing.http.response.', ''), a.Value]),
      ),
    ]),
  );
}

const DEFAULT_HEADERS = {
  'strict_transport_security.header_value': 'max-age=31536000; includeSubDomains',
  'x_content_type_options.header_value': 'nosniff',
  'server.enabled': 'false',
};

describe('securityHeaders', () => {
  test('default: HSTS for a year with subdomains and nosniff on HTTPS, no Server header on either listener', () => {
    expect(headersByPort(build())).toEqual({ 443: DEFAULT_HEADERS, 80: { 'server.enabled': 'false' } });
  });

  test('each default turned off, and the Server header kept', () => {
    const headers = headersByPort(
      build({
        securityHeaders: {
          strictTransportSecurity: ResponseHeader.none(),
          contentTypeOptions: false,
          serverHeader: true,
        },
      }),
    );
    expect(headers).toEqual({ 443: { 'server.enabled': 'true' }, 80: { 'server.enabled': 'true' } });
  });

  test('values on request: HSTS with preload, frame options, a content security policy', () => {
    const headers = headersByPort(
      build({
        securityHeaders: {
          strictTransportSecurity: ResponseHeader.of('max-age=63072000; includeSubDomains; preload'),
          frameOptions: ResponseHeader.of('DENY'),
          contentSecurityPolicy: ResponseHeader.of("default-src 'self'"),
        },
      }),
    );
    expect(headers[443]).toEqual({
      'strict_transport_security.header_value': 'max-age=63072000; includeSubDomains; preload',
      'x_content_type_options.header_value': 'nosniff',
      'server.enabled': 'false',
      'x_frame_options.header_value': 'DENY',
      'content_security_policy.header_value': "default-src 'self'",
    });
  });

  test('CORS: each header given, and only those', () => {
    const full = headersByPort(
      build({
        securityHeaders: {
          cors: {
            allowOrigin: 'https://app.example.com',
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['Content-Type', 'Authorization'],
            allowCredentials: true,
            exposeHeaders: ['ETag'],
            maxAge: Duration.minutes(10),
          },
        },
      }),
    )[443];
    expect(full).toMatchObject({
      'access_control_allow_origin.header_value': 'https://app.example.com',
      'access_control_allow_methods.header_value': 'GET,POST',
      'access_control_allow_headers.header_value': 'Content-Type,Authorization',
      'access_control_allow_credentials.header_value': 'true',
      'access_control_expose_headers.header_value': 'ETag',
      'access_control_max_age.header_value': '600',
    });
    const originOnly = headersByPort(build({ securityHeaders: { cors: { allowOrigin: '*' } } }))[443];
    expect(Object.keys(originOnly).filter((k) => k.startsWith('access_control'))).toEqual([
      'access_control_allow_origin.header_value',
    ]);
  });

  test('the test listener adds the same headers', () => {
    const headers = headersByPort(build({ testListenerPort: 8443, alternateTargetGroup: true }));
    expect(headers[8443]).toEqual(DEFAULT_HEADERS);
  });

  test('behind CloudFront without a domain, the HTTP origin listener adds them', () => {
    const stack = testStack();
    new SecureFargateWebService(stack, 'Web', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
      cloudFront: { webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/abc' },
    });
    expect(headersByPort(Template.fromStack(stack))[80]).toEqual(DEFAULT_HEADERS);
  });

  test("a shared environment's listener takes them from its httpsLoadBalancer options", () => {
    const stack = testStack();
    new WebServiceEnvironment(stack, 'Env', {
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      httpsLoadBalancer: { securityHeaders: { frameOptions: ResponseHeader.of('SAMEORIGIN') } },
    });
    expect(headersByPort(Template.fromStack(stack))[443]).toEqual({
      ...DEFAULT_HEADERS,
      'x_frame_options.header_value': 'SAMEORIGIN',
    });
  });

  test('SecureFargateWebService passes httpsLoadBalancer.securityHeaders on', () => {
    const stack = testStack();
    new SecureFargateWebService(stack, 'Web', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
      httpsLoadBalancer: {
        testListenerPort: 8443,
        securityHeaders: { contentSecurityPolicy: ResponseHeader.of("default-src 'self'") },
      },
    });
    const headers = headersByPort(Template.fromStack(stack));
    for (const port of [443, 8443]) {
      expect(headers[port]['content_security_policy.header_value']).toBe("default-src 'self'");
    }
  });
});
