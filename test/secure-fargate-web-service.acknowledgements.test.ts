import { Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Firewall, SecureFargateWebService, SecureFargateWebServiceProps } from '../src';
import { acknowledgements } from './nag/harness';
import { EDGE_WEB_ACL_ARN } from './nag/web-service-configurations';
import { testApp } from './util';

type Extra = Partial<SecureFargateWebServiceProps>;

function ackIds(extra: Extra = {}): string[] {
  const stack = new Stack(testApp(), 'Web');
  const hostedZone = route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
  new SecureFargateWebService(stack, 'Service', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
    domainName: 'app.example.com',
    hostedZone,
    ...extra,
  });
  return [...new Set(acknowledgements(stack).map((a) => a.id))].sort();
}

describe('acknowledgements appear only with the configuration that causes them', () => {
  test('the default configuration carries exactly these', () => {
    expect(ackIds()).toEqual([
      'AwsSolutions-EC23',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecr:<AWS::Region>:*:repository/aws-guardduty-agent-fargate]',
      'AwsSolutions-S1',
      'HIPAA.Security-ELBv2ACMCertificateRequired',
      'HIPAA.Security-S3BucketLoggingEnabled',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
      'NIST.800.53.R5-ELBv2ACMCertificateRequired',
      'NIST.800.53.R5-S3BucketLoggingEnabled',
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
      'PCI.DSS.321-ELBv2ACMCertificateRequired',
      'PCI.DSS.321-S3BucketLoggingEnabled',
      'PCI.DSS.321-S3BucketReplicationEnabled',
      'PCI.DSS.321-S3DefaultEncryptionKMS',
      'PCI.DSS.321-VPCNoUnrestrictedRouteToIGW',
    ]);
  });

  test.each<[string, Extra]>([
    ['narrowed ingress', { httpsLoadBalancer: { allowedIngressCidrs: ['203.0.113.0/24'] } }],
    ['an internal load balancer', { httpsLoadBalancer: { internetFacing: false } }],
  ])('no open-ingress acknowledgement with %s', (_name, extra) => {
    expect(ackIds(extra)).not.toContain('AwsSolutions-EC23');
  });

  test.each<[string, Extra, string[]]>([
    ['waf false', { firewall: Firewall.none() }, ['NIST.800.53.R5-ALBWAFEnabled', 'PCI.DSS.321-ALBWAFEnabled']],
    [
      'deletionProtection false',
      { httpsLoadBalancer: { deletionProtection: false } },
      ['HIPAA.Security-ELBDeletionProtectionEnabled', 'NIST.800.53.R5-ELBDeletionProtectionEnabled'],
    ],
    [
      'accessLogs false',
      { httpsLoadBalancer: { accessLogs: false } },
      [
        'AwsSolutions-ELB2',
        'HIPAA.Security-ELBLoggingEnabled',
        'NIST.800.53.R5-ELBLoggingEnabled',
        'PCI.DSS.321-ELBLoggingEnabled',
      ],
    ],
  ])('%s adds its acknowledgements, and only then', (_name, extra, ids) => {
    const defaults = ackIds();
    const with_ = ackIds(extra);
    for (const id of ids) {
      expect(defaults).not.toContain(id);
      expect(with_).toContain(id);
    }
  });

  test('plain environment values add the AwsSolutions-ECS2 acknowledgement, and only then', () => {
    expect(ackIds()).not.toContain('AwsSolutions-ECS2');
    expect(ackIds({ environment: { LOG_LEVEL: 'info' } })).toContain('AwsSolutions-ECS2');
  });

  test('an environment variable that looks like a secret leaves AwsSolutions-ECS2 unacknowledged', () => {
    expect(ackIds({ environment: { LOG_LEVEL: 'info', API_TOKEN: 'abc' } })).not.toContain('AwsSolutions-ECS2');
  });

  test('CloudFront without a domain adds the CloudFront and provider acknowledgements', () => {
    const ids = ackIds({
      domainName: undefined,
      hostedZone: undefined,
      cloudFront: { webAclArn: EDGE_WEB_ACL_ARN },
    });
    expect(ids).toEqual(
      expect.arrayContaining([
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR4',
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-L1',
        'NIST.800.53.R5-ALBHttpToHttpsRedirection',
      ]),
    );
  });

  test('the distribution has a web ACL unless none is given and AWS WAF is off: only then is AwsSolutions-CFR2 acknowledged', () => {
    const noDomain = { domainName: undefined, hostedZone: undefined };
    const given = { cloudFront: { webAclArn: EDGE_WEB_ACL_ARN } };
    expect(ackIds({ ...noDomain, ...given })).not.toContain('AwsSolutions-CFR2');
    expect(ackIds({ ...noDomain, ...given, firewall: Firewall.none() })).not.toContain('AwsSolutions-CFR2');
    expect(ackIds({ ...noDomain, cloudFront: {}, firewall: Firewall.none() })).toContain('AwsSolutions-CFR2');
  });

  test('CloudFront with a domain and a viewer certificate needs no CFR4 acknowledgement', () => {
    const stack = new Stack(testApp(), 'Web');
    const ids = ackIds({
      cloudFront: {
        webAclArn: EDGE_WEB_ACL_ARN,
        certificate: acm.Certificate.fromCertificateArn(stack, 'V', 'arn:aws:acm:us-east-1:1:certificate/v'),
      },
    });
    expect(ids).not.toContain('AwsSolutions-CFR4');
    expect(ids).not.toContain('NIST.800.53.R5-ALBHttpToHttpsRedirection');
  });
});
