import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { buildExampleStack, EXAMPLE_DEFAULTS } from '../../examples/app';
import { countByLayer, layerOf, parseContextArgs } from '../../examples/summary';
import { FLAG_SETS } from '../util';

// The example keeps aws-cdk-lib's built-in CloudFormation validation on (where the release has it).
function synthExample(context: Record<string, unknown>) {
  const app = new App({ context: { ...context, [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true } });
  const stack = buildExampleStack(app);
  const assembly = app.synth();
  return { stack, artifact: assembly.getStackArtifact(stack.artifactId) };
}

describe('example app', () => {
  test.each(FLAG_SETS)('synthesizes on its embedded defaults with %s, without warnings', (flags) => {
    const context = flags === 'cdk init flags' ? { ...cxapi.CURRENTLY_RECOMMENDED_FLAGS } : {};
    const { stack, artifact } = synthExample(context);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: `${EXAMPLE_DEFAULTS.domainName}.`, Type: 'A' });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Image: EXAMPLE_DEFAULTS.image,
          PortMappings: [{ ContainerPort: EXAMPLE_DEFAULTS.containerPort, Protocol: 'tcp' }],
        }),
      ],
    });
    expect(artifact.messages.filter((m) => m.level !== 'info')).toEqual([]);
  });

  test('context overrides the embedded defaults', () => {
    const { stack } = synthExample({ domainName: 'api.example.org', zoneName: 'example.org', containerPort: '9000' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'api.example.org.' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 9000 });
    // The demo image listens on the port its variable names: it follows containerPort.
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          PortMappings: [{ ContainerPort: 9000, Protocol: 'tcp' }],
          Environment: [{ Name: 'WHOAMI_PORT_NUMBER', Value: '9000' }],
        }),
      ],
    });
  });

  test('the summary counts every resource of the template in a layer, none left over', () => {
    const { artifact } = synthExample({});
    const resources = artifact.template.Resources;
    const counts = countByLayer(resources);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(Object.keys(resources).length);
    expect(counts.get('other') ?? 0).toBe(0);
    for (const layer of ['network', 'edge', 'service', 'scaling']) {
      expect(counts.get(layer)).toBeGreaterThan(0);
    }
  });

  test.each([
    ['AWS::EC2::VPC', 'Stack/WebService/Network/Vpc/Resource', 'network'],
    ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'Stack/WebService/LoadBalancer/LoadBalancer/Resource', 'edge'],
    ['AWS::CertificateManager::Certificate', 'Stack/WebService/Domain/Certificate/Resource', 'edge'],
    ['AWS::ECS::Service', 'Stack/WebService/Service/Service/Service', 'service'],
    [
      'AWS::ApplicationAutoScaling::ScalableTarget',
      'Stack/WebService/Service/Service/TaskCount/Target/Resource',
      'scaling',
    ],
    ['AWS::Lambda::Function', 'Stack/Custom::VpcRestrictDefaultSGCustomResourceProvider/Handler', 'network'],
    ['AWS::SNS::Topic', 'Stack/Unrelated/Topic/Resource', 'other'],
  ])('a %s at %s is in the %s layer', (Type, path, layer) => {
    expect(layerOf({ Type, Metadata: { 'aws:cdk:path': path } })).toBe(layer);
  });

  test.each<[string[], Record<string, string>]>([
    [[], {}],
    [['-c', 'containerPort=9000'], { containerPort: '9000' }],
    [['--context', 'a=b', '-c', 'x=y=z'], { a: 'b', x: 'y=z' }],
    [['--context=domainName=api.example.org'], { domainName: 'api.example.org' }],
  ])('the summary reads context arguments %j', (args, expected) => {
    expect(parseContextArgs(args)).toEqual(expected);
  });

  test.each([[['containerPort=9000']], [['-c']], [['-c', 'novalue']]])('the summary refuses arguments %j', (args) => {
    expect(() => parseContextArgs(args)).toThrow('usage: npx projen example [-c key=value ...]');
  });
});
