/**
 * The two ways the README gives a CI pipeline to ship a new image without drifting from the stack: the tag read
 * from an SSM parameter when CloudFormation deploys, and the tag given as CDK context to `cdk deploy`. Both keep
 * the image in the template, so that the next deployment from the code cannot roll it back; and ECS resolves
 * the tag to a digest (version consistency) unless told otherwise.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { SecureFargateWebService, SecureFargateWebServiceProps } from '../../src';

const ENV = { account: '123456789012', region: 'us-west-2' };

function webService(
  stack: Stack,
  props: Partial<SecureFargateWebServiceProps> & Pick<SecureFargateWebServiceProps, 'image'>,
) {
  const certificate = acm.Certificate.fromCertificateArn(
    stack,
    'Cert',
    'arn:aws:acm:us-west-2:123456789012:certificate/a',
  );
  return new SecureFargateWebService(stack, 'Web', { certificate, ...props });
}

const appImageOf = (template: Template) => {
  const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
  return task.Properties.ContainerDefinitions[0].Image;
};

describe('an image tag from an SSM parameter', () => {
  test('is a template parameter that CloudFormation resolves at each deployment, in the image of the container', () => {
    // GIVEN the README's pattern: the pipeline writes the tag to /app/image-tag, then deploys
    const stack = new Stack(new App(), 'Web', { env: ENV });
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'app');
    const tag = ssm.StringParameter.valueForStringParameter(stack, '/app/image-tag');
    webService(stack, { image: ecs.ContainerImage.fromEcrRepository(repository, tag) });
    const template = Template.fromStack(stack);
    // THEN the stack has an SSM parameter-typed parameter, and the image ends with its reference
    const parameters = template.toJSON().Parameters as Record<string, { Type: string; Default: string }>;
    const [name] = Object.entries(parameters).find(([, p]) => p.Default === '/app/image-tag')!;
    expect(parameters[name].Type).toBe('AWS::SSM::Parameter::Value<String>');
    expect(JSON.stringify(appImageOf(template))).toContain(`"/app:",{"Ref":"${name}"}`);
    // and the execution role may pull from that repository (aws-cdk-lib grants it for fromEcrRepository)
    expect(JSON.stringify(template.toJSON().Resources)).toContain('ecr:BatchGetImage');
  });

  test('passes the checks that read the image name: a Token is not refused, even without NAT', () => {
    const stack = new Stack(new App(), 'Web', { env: ENV });
    const tag = ssm.StringParameter.valueForStringParameter(stack, '/app/image-tag');
    const image = ecs.ContainerImage.fromRegistry(`123456789012.dkr.ecr.us-west-2.amazonaws.com/app:${tag}`);
    expect(() => webService(stack, { image })).not.toThrow();
  });
});

describe('an image tag as CDK context', () => {
  /** The README's pattern: `cdk deploy -c imageTag=<tag>`, refused when the pipeline forgot it. */
  function deployWith(context: Record<string, string>) {
    const app = new App({ context });
    const stack = new Stack(app, 'Web', { env: ENV });
    const tag: unknown = stack.node.tryGetContext('imageTag');
    if (typeof tag !== 'string' || tag === '') throw new Error('give the image tag: cdk deploy -c imageTag=<tag>');
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'app');
    webService(stack, { image: ecs.ContainerImage.fromEcrRepository(repository, tag) });
    return Template.fromStack(stack);
  }

  test('puts the tag in the template, so that the next deployment from code keeps it', () => {
    expect(JSON.stringify(appImageOf(deployWith({ imageTag: '1.4.2' })))).toContain('/app:1.4.2');
  });

  test('a digest works the same way, pinned exactly', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(JSON.stringify(appImageOf(deployWith({ imageTag: digest })))).toContain(`/app@${digest}`);
  });

  test('without the context, synthesis stops instead of deploying some other image', () => {
    expect(() => deployWith({})).toThrow('give the image tag');
  });
});

describe('version consistency', () => {
  test('default: not set, so ECS resolves the tag to a digest for every task of a deployment', () => {
    const stack = new Stack(new App(), 'Web', { env: ENV });
    webService(stack, { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0') });
    const [task] = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'));
    expect(task.Properties.ContainerDefinitions[0].VersionConsistency).toBeUndefined();
  });

  test('versionConsistency DISABLED: tasks started later pull whatever the tag then names', () => {
    const stack = new Stack(new App(), 'Web', { env: ENV });
    webService(stack, {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:latest'),
      versionConsistency: ecs.VersionConsistency.DISABLED,
    });
    const [task] = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'));
    expect(task.Properties.ContainerDefinitions[0].VersionConsistency).toBe('disabled');
  });
});
