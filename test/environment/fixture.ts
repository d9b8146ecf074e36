/** What the shared environment's tests build on: an environment with a wildcard certificate, and its services. */
import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import {
  EnvironmentServiceProps,
  SecureFargateWebService,
  WebServiceEnvironment,
  WebServiceEnvironmentProps,
} from '../../src';

export const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0');

/** The public hosted zone example.com, by its attributes. */
export function zone(stack: Stack) {
  return route53.PublicHostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789EXAMPLE',
    zoneName: 'example.com',
  });
}

/** An environment with a `*.example.com` certificate in `stack`. */
export function environmentIn(stack: Stack, props: Partial<WebServiceEnvironmentProps> = {}) {
  return new WebServiceEnvironment(stack, 'Shared', { domainName: '*.example.com', hostedZone: zone(stack), ...props });
}

/** A service attached to `environment`, in `scope` (the stack, or a stack of its own), with more props. */
export function attach(
  scope: Construct,
  id: string,
  environment: WebServiceEnvironment,
  props: Partial<EnvironmentServiceProps> = {},
) {
  return SecureFargateWebService.inEnvironment(scope, id, environment, { image: IMAGE, ...props });
}
