/** What the ServiceRoute tests build on: a load balancer without a route of its own, and its HTTPS listener. */
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HttpsLoadBalancer } from '../../src';
import { testStack } from '../util';

export const CERT_ARN = 'arn:aws:acm:us-west-2:123456789012:certificate/abc';

/** A load balancer with no route of its own, and a listener to route on. */
export function routeFixture() {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
  const edge = new HttpsLoadBalancer(stack, 'Lb', {
    vpc,
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
    serviceRoute: false,
  });
  return { stack, vpc, edge, listener: edge.httpsListener! };
}
