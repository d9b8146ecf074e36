import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CloudFrontEdge, CloudFrontEdgeProps } from '../../src';
import { testStack } from '../util';

type Options = Partial<Omit<CloudFrontEdgeProps, 'vpc' | 'loadBalancer' | 'loadBalancerSecurityGroup'>>;

function build(options: Options = {}) {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const securityGroup = new ec2.SecurityGroup(stack, 'AlbSg', { vpc, allowAllOutbound: false });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: false, securityGroup });
  const edge = new CloudFrontEdge(stack, 'Edge', {
    vpc,
    loadBalancer,
    loadBalancerSecurityGroup: securityGroup,
    ...options,
  });
  return { stack, edge, securityGroup, template: Template.fromStack(stack) };
}

const viewerCert = (stack: ReturnType<typeof testStack>, region = 'us-east-1') =>
  acm.Certificate.fromCertificateArn(stack, 'Viewer', `arn:aws:acm:${region}:123456789012:certificate/viewer`);

describe('CloudFrontEdge', () => {
  test('a VPC origin to the internal load balancer, HTTP inside the VPC when no origin domain is given', () => {
    build().template.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
      VpcOriginEndpointConfig: Match.objectLike({
        Arn: { Ref: Match.stringLikeRegexp('^Alb') },
        OriginProtocolPolicy: 'http-only',
        HTTPPort: 80,
        OriginSSLProtocols: ['TLSv1.2'],
      }),
    });
  });

  test('with originDomainName, CloudFront reaches the load balancer over HTTPS with that name', () => {
    const { template } = build({ originDomainName: 'app.example.com' });
    template.hasResourceProperties('AWS::CloudFront::VpcOrigin', {
      VpcOriginEndpointConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only', HTTPSPort: 443 }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ DomainName: 'app.example.com', VpcOriginConfig: Match.anyValue() })],
      }),
    });
  });

  test('without a viewer certificate no minimum protocol is set: the default certificate fixes it', () => {
    const distribution = Object.values(build().template.findResources('AWS::CloudFront::Distribution'))[0];
    expect(JSON.stringify(distribution)).not.toContain('MinimumProtocolVersion');
  });

  test('viewers: HTTPS only, every method, no caching, HTTP/2 and 3, logs to a bucket with ACL delivery', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        HttpVersion: 'http2and3',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
        }),
        Logging: Match.objectLike({ Prefix: 'cloudfront' }),
      }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
    });
  });

  test('a viewer certificate and domain names give TLS 1.2 (2021 policy) on your name', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const securityGroup = new ec2.SecurityGroup(stack, 'AlbSg', { vpc });
    const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, securityGroup });
    new CloudFrontEdge(stack, 'Edge', {
      vpc,
      loadBalancer,
      loadBalancerSecurityGroup: securityGroup,
      domainNames: ['app.example.com'],
      certificate: viewerCert(stack),
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['app.example.com'],
        ViewerCertificate: {
          AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/viewer',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
        WebACLId: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/1',
      }),
    });
  });

  test("the load balancer's security group admits only the VPC origin's group, looked up after the origin exists", () => {
    const { template, stack, edge, securityGroup } = build();
    template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', {}, 1);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: stack.resolve(securityGroup.securityGroupId),
      SourceSecurityGroupId: stack.resolve(edge.vpcOriginSecurityGroup.securityGroupId),
      FromPort: 80,
      ToPort: 80,
      Description: 'From the CloudFront VPC origin only',
    });
    const vpcOriginId = stack.getLogicalId(edge.vpcOrigin.node.defaultChild as never);
    const distributionId = stack.getLogicalId(edge.distribution.node.defaultChild as never);
    const lookups = Object.values(template.findResources('Custom::AWS'));
    expect(lookups).toHaveLength(1);
    // It waits for the VPC origin and for the distribution, after which AWS's group exists.
    expect(lookups[0].DependsOn).toEqual(expect.arrayContaining([vpcOriginId, distributionId]));
    // Its physical id follows the VPC origin: a replaced origin reads its new group again.
    const parts: unknown[] = lookups[0].Properties.Update['Fn::Join'][1];
    const at = parts.findIndex((p) => typeof p === 'string' && p.endsWith('CloudFront-VPCOrigins-Service-SG-'));
    expect(parts[at + 1]).toEqual({ 'Fn::GetAtt': [vpcOriginId, 'Id'] });
    const update = JSON.stringify(lookups[0].Properties.Update);
    for (const part of ['describeSecurityGroups', 'vpc-id', 'group-name', 'CloudFront-VPCOrigins-Service-SG']) {
      expect(update).toContain(part);
    }
  });

  test.each([
    [
      { domainNames: ['app.example.com'] },
      'domainNames [app.example.com] has no viewer certificate; allowed: certificate, a certificate in us-east-1 that covers it',
    ],
  ])('rejects %j', (options, message) => {
    expect(() => build(options)).toThrow(message);
  });

  test('a viewer certificate outside us-east-1 is rejected', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const securityGroup = new ec2.SecurityGroup(stack, 'AlbSg', { vpc });
    const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, securityGroup });
    expect(
      () =>
        new CloudFrontEdge(stack, 'Edge', {
          vpc,
          loadBalancer,
          loadBalancerSecurityGroup: securityGroup,
          domainNames: ['app.example.com'],
          certificate: viewerCert(stack, 'us-west-2'),
        }),
    ).toThrow(
      "certificate 'arn:aws:acm:us-west-2:123456789012:certificate/viewer' is in us-west-2; allowed: a certificate in us-east-1 (CloudFront requires it)",
    );
  });
});
