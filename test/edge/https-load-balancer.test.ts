import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { HttpsLoadBalancer, HttpsLoadBalancerProps } from '../../src';
import { pinnedStack, testStack } from '../util';

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

describe('HttpsLoadBalancer options', () => {
  const attribute = (Key: string, Value: string) => ({
    LoadBalancerAttributes: Match.arrayWith([{ Key, Value }]),
  });

  test('deletion protection on and a 60 s idle timeout by default', () => {
    const { template } = build();
    template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      attribute('deletion_protection.enabled', 'true'),
    );
    template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      attribute('idle_timeout.timeout_seconds', '60'),
    );
  });

  test('deletionProtection, idleTimeout and desyncMitigationMode override the attributes', () => {
    const { template } = build({
      deletionProtection: false,
      idleTimeout: Duration.seconds(120),
      desyncMitigationMode: elbv2.DesyncMitigationMode.STRICTEST,
    });
    template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      attribute('deletion_protection.enabled', 'false'),
    );
    template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      attribute('idle_timeout.timeout_seconds', '120'),
    );
    template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      attribute('routing.http.desync_mitigation_mode', 'strictest'),
    );
  });

  test('the post-quantum TLS 1.3/1.2 policy can be chosen', () => {
    build({ sslPolicy: elbv2.SslPolicy.TLS13_12_PQ }).template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::Listener',
      {
        Port: 443,
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
      },
    );
  });

  test('access logs: enabled to a new bucket under the prefix alb, the load balancer waits for the bucket policy', () => {
    const { template, edge, stack } = build();
    const bucket = stack.resolve(edge.accessLogBucket!.bucket.bucketName);
    template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      attribute('access_logs.s3.enabled', 'true'),
    );
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.bucket', Value: bucket }]),
    });
    template.hasResourceProperties(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      attribute('access_logs.s3.prefix', 'alb'),
    );
    const policyId = stack.getLogicalId(edge.accessLogBucket!.bucket.policy!.node.defaultChild as s3.CfnBucketPolicy);
    template.hasResource('AWS::ElasticLoadBalancingV2::LoadBalancer', { DependsOn: Match.arrayWith([policyId]) });
  });

  test('access log bucket: SSE-S3, public access blocked, versioned, Glacier after 30 days, expired after 365, retained', () => {
    build().template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              Status: 'Enabled',
              ExpirationInDays: 365,
              Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }],
            }),
          ],
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('access log bucket policy: SSL only with TLS 1.2 at least, and log delivery through the service principal without a Region lookup', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Sid: 'AllowElbLogDelivery',
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
          }),
        ]),
      },
    });
    const policy = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
    expect(policy).not.toContain('AllowElbAccountLogDelivery');
  });

  test("in a stack pinned to us-west-2 the Region's ELB account is granted too", () => {
    const stack = pinnedStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const certificate = acm.Certificate.fromCertificateArn(
      stack,
      'Cert',
      'arn:aws:acm:us-west-2:123456789012:certificate/abc',
    );
    new HttpsLoadBalancer(stack, 'Edge', { vpc, certificate });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowElbLogDelivery',
            Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
          }),
          Match.objectLike({
            Sid: 'AllowElbAccountLogDelivery',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::797873946194:root']] } },
          }),
        ]),
      },
    });
  });

  test('a bucket given receives the logs; none is created', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const certificate = acm.Certificate.fromCertificateArn(
      stack,
      'Cert',
      'arn:aws:acm:us-west-2:123456789012:certificate/abc',
    );
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'central-alb-logs');
    const edge = new HttpsLoadBalancer(stack, 'Edge', {
      vpc,
      certificate,
      accessLogBucket: bucket,
      accessLogPrefix: 'web',
    });
    const template = Template.fromStack(stack);
    expect(edge.accessLogBucket).toBeUndefined();
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'access_logs.s3.bucket', Value: 'central-alb-logs' },
        { Key: 'access_logs.s3.prefix', Value: 'web' },
      ]),
    });
  });

  test('accessLogs false: no bucket, no log attribute', () => {
    const { template } = build({ accessLogs: false });
    template.resourceCountIs('AWS::S3::Bucket', 0);
    const lb = JSON.stringify(template.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer'));
    expect(lb).not.toContain('access_logs.s3.enabled');
  });

  test('dual-stack: IPv6 addresses, and 80/443 open from ::/0 as well', () => {
    const { template } = build({ dualStack: true });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { IpAddressType: 'dualstack' });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Load balancer: HTTP and HTTPS in, only the service port out',
      SecurityGroupIngress: Match.arrayWith([
        Match.objectLike({ CidrIpv6: '::/0', FromPort: 443 }),
        Match.objectLike({ CidrIpv6: '::/0', FromPort: 80 }),
      ]),
    });
  });

  test('allowedIngressCidrs: 80 and 443 only from those blocks', () => {
    const { template } = build({ allowedIngressCidrs: ['203.0.113.0/24', '2001:db8::/32'] });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Load balancer: HTTP and HTTPS in, only the service port out',
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '203.0.113.0/24', FromPort: 443 }),
        Match.objectLike({ CidrIp: '203.0.113.0/24', FromPort: 80 }),
        Match.objectLike({ CidrIpv6: '2001:db8::/32', FromPort: 443 }),
        Match.objectLike({ CidrIpv6: '2001:db8::/32', FromPort: 80 }),
      ],
    });
  });

  test('internal: in the private subnets', () => {
    const { template, stack } = build({ internetFacing: false });
    const vpc = stack.node.findChild('Vpc') as ec2.Vpc;
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internal',
      Subnets: vpc.privateSubnets.map((s) => stack.resolve(s.subnetId)),
    });
  });

  test('health check timing, thresholds, success codes and deregistration delay override the target group', () => {
    build({
      healthCheckInterval: Duration.seconds(10),
      healthCheckTimeout: Duration.seconds(4),
      healthyThresholdCount: 5,
      unhealthyThresholdCount: 2,
      healthCheckSuccessCodes: '200-299',
      deregistrationDelay: Duration.seconds(5),
    }).template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckIntervalSeconds: 10,
      HealthCheckTimeoutSeconds: 4,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200-299' },
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }]),
    });
  });

  test('default success code 200 and deregistration delay 30 s', () => {
    build().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Matcher: { HttpCode: '200' },
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
    });
  });

  test('host headers and path patterns together, with a chosen priority', () => {
    build({
      hostHeaders: ['api.example.com'],
      pathPatterns: ['/v1/*'],
      rulePriority: 7,
    }).template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 7,
      Conditions: [
        { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/v1/*'] } },
      ],
    });
  });

  test('two synths of the same app give the same listeners and rules (stable across deploys)', () => {
    const pick = (t: Template) =>
      JSON.stringify([
        t.findResources('AWS::ElasticLoadBalancingV2::Listener'),
        t.findResources('AWS::ElasticLoadBalancingV2::ListenerRule'),
      ]);
    expect(pick(build({ hostHeaders: ['a.example.com'] }).template)).toEqual(
      pick(build({ hostHeaders: ['a.example.com'] }).template),
    );
  });

  test.each<[string, Options, string]>([
    [
      'interval 4 s',
      { healthCheckInterval: Duration.seconds(4) },
      'healthCheckInterval (seconds) 4 is not allowed; allowed: an integer from 5 to 300',
    ],
    [
      'interval 301 s',
      { healthCheckInterval: Duration.seconds(301) },
      'healthCheckInterval (seconds) 301 is not allowed; allowed: an integer from 5 to 300',
    ],
    [
      'timeout 1 s',
      { healthCheckTimeout: Duration.seconds(1) },
      'healthCheckTimeout (seconds) 1 is not allowed; allowed: an integer from 2 to 120',
    ],
    [
      'timeout not below interval',
      { healthCheckTimeout: Duration.seconds(30) },
      'healthCheckTimeout 30 s is not below healthCheckInterval 30 s; allowed: a timeout shorter than the interval',
    ],
    [
      'healthy threshold 1',
      { healthyThresholdCount: 1 },
      'healthyThresholdCount 1 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'unhealthy threshold 11',
      { unhealthyThresholdCount: 11 },
      'unhealthyThresholdCount 11 is not allowed; allowed: an integer from 2 to 10',
    ],
    [
      'success codes',
      { healthCheckSuccessCodes: 'ok' },
      "healthCheckSuccessCodes 'ok' is not a list of HTTP codes; allowed: such as '200', '200-299' or '200,302'",
    ],
    [
      'deregistration 3601 s',
      { deregistrationDelay: Duration.seconds(3601) },
      'deregistrationDelay (seconds) 3601 is not allowed; allowed: an integer from 0 to 3600',
    ],
    [
      'idle 0 s',
      { idleTimeout: Duration.seconds(0) },
      'idleTimeout (seconds) 0 is not allowed; allowed: an integer from 1 to 4000',
    ],
    [
      'idle 1.5 s',
      { idleTimeout: Duration.millis(1500) },
      'idleTimeout (seconds) 1.5 is not allowed; allowed: an integer from 1 to 4000',
    ],
    ['priority 0', { rulePriority: 0 }, 'rulePriority 0 is not allowed; allowed: an integer from 1 to 50000'],
    [
      'monitor mode',
      { desyncMitigationMode: elbv2.DesyncMitigationMode.MONITOR },
      "desyncMitigationMode 'monitor' lets possible desync attacks through; allowed: defensive, strictest",
    ],
    [
      'a bad CIDR',
      { allowedIngressCidrs: ['10.0.0.0'] },
      "allowedIngressCidrs entry '10.0.0.0' is not a CIDR block; allowed: such as '203.0.113.0/24' or '2001:db8::/32'",
    ],
    [
      'an impossible CIDR',
      { allowedIngressCidrs: ['999.1.1.1/99'] },
      "allowedIngressCidrs entry '999.1.1.1/99' is not a CIDR block",
    ],
    [
      'an IPv6 prefix above 128',
      { allowedIngressCidrs: ['2001:db8::/129'] },
      "allowedIngressCidrs entry '2001:db8::/129' is not a CIDR block",
    ],
    [
      'an IPv4 prefix above 32',
      { allowedIngressCidrs: ['10.0.0.0/33'] },
      "allowedIngressCidrs entry '10.0.0.0/33' is not a CIDR block",
    ],
    [
      'a prefix with a trailing slash',
      { accessLogPrefix: 'alb/' },
      "accessLogPrefix 'alb/' is not allowed; allowed: a non-empty key prefix",
    ],
    ['a prefix with a double slash', { accessLogPrefix: 'a//b' }, "accessLogPrefix 'a//b' is not allowed"],
    ['a prefix with AWSLogs', { accessLogPrefix: 'x/AWSLogs' }, "accessLogPrefix 'x/AWSLogs' is not allowed"],
    [
      'four host headers',
      { hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com'] },
      'hostHeaders has 4 values; allowed: up to 3 (a listener rule condition holds 3)',
    ],
    [
      'six condition values in all',
      { hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'], pathPatterns: ['/a', '/b', '/c'] },
      'hostHeaders and pathPatterns have 6 values together; allowed: up to 5 in one listener rule',
    ],
    [
      'no CIDRs',
      { allowedIngressCidrs: [] },
      'allowedIngressCidrs is empty: nothing could reach the service; allowed: at least one CIDR block, or leave it out',
    ],
    [
      'a prefix without logs',
      { accessLogs: false, accessLogPrefix: 'x' },
      'accessLogBucket or accessLogPrefix given with accessLogs false; allowed: accessLogs true, or neither',
    ],
  ])('rejects %s', (_name, options, message) => {
    expect(() => build(options)).toThrow(message);
  });

  test('without a certificate an internal load balancer serves HTTP on port 80, and opens nothing by default', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const edge = new HttpsLoadBalancer(stack, 'Edge', { vpc, internetFacing: false });
    const template = Template.fromStack(stack);
    expect(edge.httpsListener).toBeUndefined();
    expect(edge.serviceListener).toBe(edge.httpListener);
    template.resourcePropertiesCountIs('AWS::ElasticLoadBalancingV2::Listener', {}, 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: { Ref: Match.stringLikeRegexp('EdgeLoadBalancerHttp') },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Load balancer: HTTP and HTTPS in, only the service port out',
      SecurityGroupIngress: Match.absent(),
    });
  });

  test('without a certificate, allowed CIDRs reach port 80 only', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new HttpsLoadBalancer(stack, 'Edge', { vpc, internetFacing: false, allowedIngressCidrs: ['10.0.0.0/16'] });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Load balancer: HTTP and HTTPS in, only the service port out',
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 80, ToPort: 80 })],
    });
  });

  test('an internet-facing load balancer needs a certificate', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    expect(() => new HttpsLoadBalancer(stack, 'Edge', { vpc })).toThrow(
      'certificate is required for an internet-facing load balancer; allowed: a certificate, or internetFacing false',
    );
  });
});
