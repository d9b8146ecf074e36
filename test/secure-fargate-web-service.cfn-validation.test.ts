import { App, AppProps, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { SecureFargateWebService, ServiceDeploymentStrategy, WebServiceEnvironment } from '../src';
import { CONFIGURATIONS, zone } from './nag/web-service-configurations';

/**
 * An app with aws-cdk-lib's built-in CloudFormation validation on, where the aws-cdk-lib in use has it
 * (the newest does; the minimum, 2.257.0, has none and ignores the setting). The suite under
 * `test:latest-cdk` runs this file against the newest aws-cdk-lib, so that a dependency cycle or an
 * invalid property in what the constructs synthesize fails there; the assertions' own dependency-cycle
 * check applies under both.
 */
function validatingApp(): App {
  return new App({ ...({ builtinCloudFormationValidation: true } as AppProps) });
}

describe('SecureFargateWebService with the built-in CloudFormation validation on', () => {
  test.each(CONFIGURATIONS)('%s: synthesizes without errors or a dependency cycle', (_name, configure) => {
    const app = validatingApp();
    const stack = new Stack(app, 'Web', { env: { account: '123456789012', region: 'us-west-2' } });
    new SecureFargateWebService(stack, 'Service', configure(stack));
    const artifact = app.synth().getStackArtifact(stack.artifactId);
    expect(artifact.messages.filter((m) => m.level === 'error')).toEqual([]);
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('a shared environment with services in stacks of their own synthesizes without errors', () => {
    const app = validatingApp();
    const shared = new Stack(app, 'Shared');
    const environment = new WebServiceEnvironment(shared, 'Env', {
      domainName: '*.example.com',
      hostedZone: zone(shared),
    });
    const services = ['shop', 'api'].map((name, i) => {
      const stack = new Stack(app, name);
      SecureFargateWebService.inEnvironment(stack, 'Web', environment, {
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
        deploymentStrategy: ServiceDeploymentStrategy.blueGreen(),
        route: { hostHeaders: [`${name}.example.com`], rulePriority: i + 1 },
      });
      return stack;
    });
    const assembly = app.synth();
    for (const stack of [shared, ...services]) {
      expect(assembly.getStackArtifact(stack.artifactId).messages.filter((m) => m.level === 'error')).toEqual([]);
      expect(() => Template.fromStack(stack)).not.toThrow();
    }
  });
});
