import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { HttpsLoadBalancer, HttpsLoadBalancerProps } from '../../src';
import { testStack } from '../util';

type Options = Omit<HttpsLoadBalancerProps, 'vpc' | 'certificate'>;

function build(options: Options = {}) {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const certificate = acm.Certificate.fromCertificateArn(
    stack,
    'Cert',
    'arn:aws:acm:us-west-2:123456789012:certificate/abc',
  );
  const edge = new HttpsLoadBalancer(stack, 'Edge', { vpc, certificate, ...options });
  return { stack, edge, template: Template.fromStack(stack) };
}

describe('HttpsLoadBalancer', () => {
  test.each([
    ['routing.http.drop_invalid_header_fields.enabled', 'true'],
    ['routing.http2.enabled', 'true'],
    ['routing.http.desync_mitigation_mode', 'defensive'],
  ])('internet-facing with attribute %s = %s', (Key, Value) => {
    build().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([{ Key, Value }]),
    });
  });

  test('port 80 only redirects permanently to HTTPS 443', () => {
    build().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    });
  });

  test('port 443 uses the certificate and ELBSecurityPolicy-TLS13-1-2-2021-06, default action a fixed 404', () => {
    build().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: 'arn:aws:acm:us-west-2:123456789012:certificate/abc' }],
      DefaultActions: [
        {
          Type: 'fixed-response',
          FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not Found' },
        },
      ],
    });
  });

  test('sslPolicy overrides the TLS policy', () => {
    build({ sslPolicy: elbv2.SslPolicy.TLS13_13 }).template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::Listener',
      { Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' },
    );
  });

  test("target group: IP targets over HTTP on port 3000 with the spec's health check", () => {
    build().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Protocol: 'HTTP',
      Port: 3000,
      HealthCheckPath: '/health',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
    });
  });

  test('targetPort and healthCheckPath override the target group', () => {
    build({ targetPort: 8080, healthCheckPath: '/ready' }).template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      { Port: 8080, HealthCheckPath: '/ready' },
    );
  });

  test('without host headers the service rule matches every path', () => {
    build().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 100,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: Match.anyValue() }],
    });
  });

  test('host headers become the rule condition', () => {
    build({ hostHeaders: ['app.example.com'] }).template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::ListenerRule',
      { Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['app.example.com'] } }] },
    );
  });

  test('security group: 80 and 443 in from anywhere, no allow-all egress', () => {
    build().template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Load balancer: HTTP and HTTPS in, only the service port out',
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80, IpProtocol: 'tcp' }),
      ],
      // CDK's placeholder rule that denies all egress until a target opens its port.
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp' })],
    });
  });

  test.each<[string, Options, string]>([
    ['port 0', { targetPort: 0 }, 'targetPort 0 is not allowed; allowed: an integer from 1 to 65535'],
    ['port 70000', { targetPort: 70000 }, 'targetPort 70000 is not allowed; allowed: an integer from 1 to 65535'],
    ['a relative path', { healthCheckPath: 'health' }, "healthCheckPath 'health' does not start with '/'"],
  ])('rejects %s', (_name, options, message) => {
    expect(() => build(options)).toThrow(message);
  });
});
