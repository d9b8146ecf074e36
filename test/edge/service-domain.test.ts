import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { ServiceDomain } from '../../src';
import { testStack } from '../util';

function zone(stack: ReturnType<typeof testStack>) {
  return route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
}

describe('ServiceDomain', () => {
  test('creates a DNS-validated certificate and an alias record to the load balancer', () => {
    const stack = testStack();
    const domain = new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone: zone(stack) });
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
    domain.pointTo(new targets.LoadBalancerTarget(alb));
    expect(domain.aliasRecord).toBeDefined();

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'app.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'app.example.com', HostedZoneId: 'Z0123456789EXAMPLE' }],
    });
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'app.example.com.',
      Type: 'A',
      HostedZoneId: 'Z0123456789EXAMPLE',
    });
    expect(() => domain.pointTo(new targets.LoadBalancerTarget(alb))).toThrow(
      "ServiceDomain 'Test/Domain' already has alias records",
    );
  });

  test('a certificate given is used as is', () => {
    const stack = testStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'C', 'arn:aws:acm:us-west-2:1:certificate/x');
    const domain = new ServiceDomain(stack, 'Domain', {
      domainName: 'example.com',
      hostedZone: zone(stack),
      certificate,
    });
    expect(domain.certificate).toBe(certificate);
    Template.fromStack(stack).resourceCountIs('AWS::CertificateManager::Certificate', 0);
  });

  test.each([
    [
      'app.example.org',
      "domainName 'app.example.org' is not in hostedZone 'example.com'; allowed: 'example.com' or a name ending in '.example.com'",
    ],
    ['badexample.com', "domainName 'badexample.com' is not in hostedZone 'example.com'"],
    [
      'not a domain',
      "domainName 'not a domain' is not a valid domain name; allowed: a fully qualified name such as 'app.example.com'",
    ],
  ])('rejects domainName %s', (domainName, message) => {
    const stack = testStack();
    expect(() => new ServiceDomain(stack, 'Domain', { domainName, hostedZone: zone(stack) })).toThrow(message);
  });
});

describe('ServiceDomain options', () => {
  function lb(stack: ReturnType<typeof testStack>, dualStack = false) {
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      ipProtocol: dualStack ? ec2.IpProtocol.DUAL_STACK : ec2.IpProtocol.IPV4_ONLY,
    });
    return new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
      vpc,
      internetFacing: true,
      ipAddressType: dualStack ? elbv2.IpAddressType.DUAL_STACK : elbv2.IpAddressType.IPV4,
    });
  }

  test('subjectAlternativeNames reach the new certificate, validated in the same zone', () => {
    const stack = testStack();
    new ServiceDomain(stack, 'Domain', {
      domainName: 'app.example.com',
      hostedZone: zone(stack),
      subjectAlternativeNames: ['www.example.com', '*.api.example.com'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'app.example.com',
      SubjectAlternativeNames: ['www.example.com', '*.api.example.com'],
      ValidationMethod: 'DNS',
    });
  });

  test('pointTo with ipv6 adds an AAAA alias record beside the A record', () => {
    const stack = testStack();
    const domain = new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone: zone(stack) });
    domain.pointTo(new targets.LoadBalancerTarget(lb(stack, true)), { ipv6: true });
    const template = Template.fromStack(stack);
    for (const Type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'app.example.com.',
        Type,
        AliasTarget: Match.objectLike({ DNSName: Match.anyValue() }),
      });
    }
    expect(domain.ipv6AliasRecord).toBeDefined();
  });

  test('without ipv6 there is no AAAA record', () => {
    const stack = testStack();
    const domain = new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone: zone(stack) });
    domain.pointTo(new targets.LoadBalancerTarget(lb(stack)));
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::Route53::RecordSet', { Type: 'AAAA' }, 0);
    expect(domain.ipv6AliasRecord).toBeUndefined();
  });

  test('a Route 53 health check requests https://<domain>/health every 30 s', () => {
    const stack = testStack();
    new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone: zone(stack) });
    Template.fromStack(stack).hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: {
        Type: 'HTTPS',
        FullyQualifiedDomainName: 'app.example.com',
        Port: 443,
        ResourcePath: '/health',
        EnableSNI: true,
        RequestInterval: 30,
        FailureThreshold: 3,
      },
    });
  });

  test('healthCheckPath changes the path; healthCheck false removes the check', () => {
    const stack = testStack();
    new ServiceDomain(stack, 'Domain', {
      domainName: 'app.example.com',
      hostedZone: zone(stack),
      healthCheckPath: '/ready',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: Match.objectLike({ ResourcePath: '/ready' }),
    });
    const other = testStack();
    const domain = new ServiceDomain(other, 'Domain', {
      domainName: 'app.example.com',
      hostedZone: zone(other),
      healthCheck: false,
    });
    Template.fromStack(other).resourceCountIs('AWS::Route53::HealthCheck', 0);
    expect(() => domain.healthCheckMetric()).toThrow(
      "ServiceDomain 'Test/Domain' has no health check (healthCheck: false)",
    );
  });

  test("the health check's metric: HealthCheckStatus minimum per minute, in us-east-1", () => {
    const stack = testStack();
    const domain = new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone: zone(stack) });
    const metric = domain.healthCheckMetric();
    expect(metric.namespace).toBe('AWS/Route53');
    expect(metric.metricName).toBe('HealthCheckStatus');
    expect(metric.statistic).toBe('Minimum');
    expect(metric.period.toSeconds()).toBe(60);
    expect(metric.region).toBe('us-east-1');
    expect(stack.resolve(metric.dimensions)).toEqual({
      HealthCheckId: { Ref: stack.getLogicalId(domain.healthCheck!.node.defaultChild as route53.CfnHealthCheck) },
    });
  });

  test.each([
    [
      { subjectAlternativeNames: ['www.example.org'] },
      "subjectAlternativeNames entry 'www.example.org' is not in hostedZone 'example.com'",
    ],
    [{ subjectAlternativeNames: [''] }, 'subjectAlternativeNames entry is empty'],
  ])('rejects %j', (options, message) => {
    const stack = testStack();
    expect(
      () => new ServiceDomain(stack, 'Domain', { domainName: 'app.example.com', hostedZone: zone(stack), ...options }),
    ).toThrow(message);
  });

  test('alternative names with a certificate given are rejected', () => {
    const stack = testStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'C', 'arn:aws:acm:us-west-2:1:certificate/x');
    expect(
      () =>
        new ServiceDomain(stack, 'Domain', {
          domainName: 'app.example.com',
          hostedZone: zone(stack),
          certificate,
          subjectAlternativeNames: ['www.example.com'],
        }),
    ).toThrow('subjectAlternativeNames apply to a new certificate, and certificate was given; allowed: one of them');
  });
});
