import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
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
    domain.pointTo(alb);
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
    expect(() => domain.pointTo(alb)).toThrow("ServiceDomain 'Test/Domain' already points to a load balancer");
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
