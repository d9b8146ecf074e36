/**
 * Validation of CloudFrontEdge: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CloudFrontEdge, CloudFrontEdgeProps } from '../../src';
import {
  Rejection,
  expectOnlyProblem,
  lazyString,
  ACCOUNT,
  certificateArn,
  REGIONAL_WEB_ACL_ARN,
  importedVpc,
  givenReferences,
} from '../problems';
import { testStack } from '../util';
import { CERT_ARN } from '../web-service-fixture';

const given = givenReferences();

function buildCloudFront(props: Partial<CloudFrontEdgeProps>): CloudFrontEdge {
  const stack = testStack();
  const vpc = importedVpc(stack, 'Vpc');
  const loadBalancerSecurityGroup = new ec2.SecurityGroup(stack, 'AlbSg', { vpc, allowAllOutbound: false });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
    vpc,
    internetFacing: false,
    securityGroup: loadBalancerSecurityGroup,
  });
  return new CloudFrontEdge(stack, 'Edge', { vpc, loadBalancer, loadBalancerSecurityGroup, ...props });
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('CloudFrontEdge rejects', () => {
  const rows: Array<Rejection<Partial<CloudFrontEdgeProps>>> = [
    [
      'domainNames without a certificate',
      { domainNames: ['app.example.com', 'www.example.com'] },
      'domainNames [app.example.com, www.example.com] have no viewer certificate; allowed: certificate, a certificate in us-east-1 that covers them',
    ],
    [
      'a certificate without domainNames',
      { certificate: given.usEast1Certificate },
      'certificate is for domainNames, and none was given; allowed: domainNames with it, or no certificate',
    ],
    [
      'a certificate in eu-west-1',
      { domainNames: ['app.example.com'], certificate: given.euWest1Certificate },
      `certificate '${certificateArn('eu-west-1')}' is in eu-west-1; allowed: a certificate in us-east-1 (CloudFront requires it)`,
    ],
    [
      "the load balancer's regional certificate",
      { domainNames: ['app.example.com'], certificate: given.regionalCertificate },
      `certificate '${CERT_ARN}' is in us-west-2; allowed: a certificate in us-east-1 (CloudFront requires it)`,
    ],
    [
      'the web ACL of a load balancer',
      { webAclArn: REGIONAL_WEB_ACL_ARN },
      `webAclArn '${REGIONAL_WEB_ACL_ARN}' is not the ARN of a CLOUDFRONT-scope web ACL; allowed: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`,
    ],
    [
      'the ARN of an AWS WAF Classic web ACL',
      { webAclArn: `arn:aws:waf::${ACCOUNT}:webacl/abc` },
      `webAclArn 'arn:aws:waf::${ACCOUNT}:webacl/abc' is not the ARN of a CLOUDFRONT-scope web ACL; allowed: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`,
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('CloudFrontEdge', () => buildCloudFront(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  test('CloudFrontEdge: the certificate ARN', () => {
    const stack = testStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Viewer', lazyString(certificateArn('eu-west-1')));
    expect(() => buildCloudFront({ domainNames: ['app.example.com'], certificate })).not.toThrow();
  });

  test('CloudFrontEdge: the web ACL ARN', () => {
    expect(() => buildCloudFront({ webAclArn: lazyString(REGIONAL_WEB_ACL_ARN) })).not.toThrow();
  });
});
