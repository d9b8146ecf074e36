import { Environment } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { SecureFargateWebService, SecureFargateWebServiceProps } from '../src';
import { FlagSet, testStack } from './util';

export const CERT_ARN = 'arn:aws:acm:us-west-2:123456789012:certificate/abc';
export type Options = Partial<SecureFargateWebServiceProps> & {
  withZone?: boolean;
  withCertificate?: boolean;
  /** The stack's environment: none (environment-agnostic) by default. */
  env?: Environment;
};

/** A `SecureFargateWebService` named `Web` in a fresh test stack, with a domain unless told otherwise. */
export function build(options: Options = {}, flags: FlagSet = 'no flags') {
  const { withZone = true, withCertificate = false, env, ...props } = options;
  const stack = testStack({ env }, flags);
  const hostedZone = withZone
    ? route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
        hostedZoneId: 'Z0123456789EXAMPLE',
        zoneName: 'example.com',
      })
    : undefined;
  const certificate = withCertificate ? acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN) : undefined;
  const web = new SecureFargateWebService(stack, 'Web', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
    domainName: withZone ? 'app.example.com' : undefined,
    hostedZone,
    certificate,
    ...props,
  });
  return { stack, web, template: Template.fromStack(stack) };
}
