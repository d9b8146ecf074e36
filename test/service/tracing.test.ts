/**
 * Tracing (`tracing`): the CloudWatch agent sidecar with Application Signals, the application's OTEL_*
 * environment, the task role's least privilege, and the dashboard's Application Signals row. The bad inputs are
 * catalogued in observability-sidecars.validation.test.ts.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { containersOf, environmentOf, roleStatements } from './task-definition';
import { HardenedFargateService, HardenedFargateServiceProps } from '../../src';
import { formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { testStack } from '../util';
import { build as buildWeb } from '../web-service-fixture';

const APP_IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0');

function build(options: Partial<HardenedFargateServiceProps> = {}) {
  const stack = testStack();
  const block = new HardenedFargateService(stack, 'Service', {
    vpc: new ec2.Vpc(stack, 'Vpc'),
    image: APP_IMAGE,
    tracing: {},
    ...options,
  });
  return { stack, block, template: Template.fromStack(stack) };
}

describe('tracing', () => {
  test('off by default: no agent, no OTEL_* variables, no X-Ray permissions', () => {
    const { template, block } = build({ tracing: undefined });
    expect(Object.keys(containersOf(template))).toEqual(['App']);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/OTEL_|xray:/);
    expect(block.tracingAgent).toBeUndefined();
    expect(block.tracedService).toBeUndefined();
  });

  test('the CloudWatch agent sidecar: pinned image, Application Signals configuration, 128 MiB, OTLP and sampling ports', () => {
    const { template, block } = build();
    const { 'cloudwatch-agent': agent } = containersOf(template);
    expect(block.tracingAgent?.containerName).toBe('cloudwatch-agent');
    expect(agent).toMatchObject({
      Image: 'public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300072.0b1766',
      Essential: false,
      Memory: 128,
      PortMappings: [
        { ContainerPort: 4316, Protocol: 'tcp' },
        { ContainerPort: 2000, Protocol: 'tcp' },
      ],
      LogConfiguration: {
        LogDriver: 'awslogs',
        Options: expect.objectContaining({ 'awslogs-stream-prefix': 'cloudwatch-agent' }),
      },
    });
    expect(JSON.parse(environmentOf(agent).CW_CONFIG_CONTENT as string)).toEqual({
      traces: { traces_collected: { application_signals: {} } },
      logs: { metrics_collected: { application_signals: {} } },
    });
  });

  test('relaxed only in its user and root filesystem, with no Linux capability and no warning', () => {
    const { template, stack } = build();
    const { 'cloudwatch-agent': agent } = containersOf(template);
    expect(agent).toMatchObject({
      User: '0',
      ReadonlyRootFilesystem: false,
      Privileged: false,
      LinuxParameters: { Capabilities: { Drop: ['ALL'] }, InitProcessEnabled: true },
    });
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning'));
    expect(warnings.map((w) => String(w.data))).not.toContainEqual(expect.stringMatching(/root/));
  });

  test('the application gets the OTEL_* environment, waits for the agent to start, and keeps its own variables', () => {
    const { template, stack, block } = build({
      tracing: { serviceName: 'checkout', environmentName: 'production' },
      environment: { OTEL_TRACES_SAMPLER: 'parentbased_always_on', PORT: '3000' },
    });
    const { App } = containersOf(template);
    expect(environmentOf(App)).toEqual({
      OTEL_SERVICE_NAME: 'checkout',
      OTEL_RESOURCE_ATTRIBUTES: 'service.name=checkout,deployment.environment=production',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://localhost:4316/v1/traces',
      OTEL_AWS_APPLICATION_SIGNALS_ENABLED: 'true',
      OTEL_AWS_APPLICATION_SIGNALS_EXPORTER_ENDPOINT: 'http://localhost:4316/v1/metrics',
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      OTEL_TRACES_SAMPLER_ARG: 'endpoint=http://localhost:2000',
      OTEL_PROPAGATORS: 'tracecontext,baggage,xray',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      PORT: '3000',
    });
    expect(App.DependsOn).toEqual([{ ContainerName: 'cloudwatch-agent', Condition: 'START' }]);
    expect(block.tracedService).toEqual({ serviceName: 'checkout', environmentName: 'production' });
    expect(stack.resolve(block.taskDefinition.defaultContainer?.containerName)).toBe('App');
  });

  test('resource attributes of the application come first, the names the dashboard reads last', () => {
    const { template } = build({
      tracing: { serviceName: 'api' },
      environment: { OTEL_RESOURCE_ATTRIBUTES: 'team=web' },
    });
    expect(environmentOf(containersOf(template).App).OTEL_RESOURCE_ATTRIBUTES).toEqual({
      'Fn::Join': [
        '',
        [expect.stringMatching(/^team=web,service\.name=api,deployment\.environment=ecs:$/), expect.anything()],
      ],
    });
  });

  test("by default the service is named after the construct, in the environment 'ecs:<cluster name>'", () => {
    const { template, stack, block } = build();
    const cluster = stack.getLogicalId(block.cluster.node.defaultChild as ecs.CfnCluster);
    expect(environmentOf(containersOf(template).App).OTEL_RESOURCE_ATTRIBUTES).toEqual({
      'Fn::Join': ['', ['service.name=Test-Service,deployment.environment=ecs:', { Ref: cluster }]],
    });
  });

  test('the application keeps what the agent leaves of the task; agentMemoryLimitMiB and agentImage apply', () => {
    const image = ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-west-2.amazonaws.com/cloudwatch-agent:1');
    const { template } = build({ memoryLimitMiB: 1024, tracing: { agentMemoryLimitMiB: 256, agentImage: image } });
    const containers = containersOf(template);
    expect(containers['cloudwatch-agent']).toMatchObject({
      Memory: 256,
      Image: '123456789012.dkr.ecr.us-west-2.amazonaws.com/cloudwatch-agent:1',
    });
    expect(containers.App.Memory).toBe(768);
    // A private ECR agent image: the execution role may pull that repository.
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Resource: {
              'Fn::Join': [
                '',
                ['arn:', { Ref: 'AWS::Partition' }, ':ecr:us-west-2:123456789012:repository/cloudwatch-agent'],
              ],
            },
          }),
        ]),
      },
    });
  });

  test('the task role may send traces to X-Ray and write the Application Signals log group, nothing more', () => {
    const { template, stack, block } = build();
    const statements = roleStatements(stack, block.taskDefinition.taskRole, template);
    const logGroup = [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':logs:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':log-group:/aws/application-signals/data',
    ];
    expect(statements).toEqual([
      {
        Sid: 'TracesToXRay',
        Effect: 'Allow',
        Action: [
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'xray:GetSamplingRules',
          'xray:GetSamplingTargets',
          'xray:GetSamplingStatisticSummaries',
        ],
        Resource: '*',
      },
      {
        Sid: 'ApplicationSignalsMetrics',
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: [
          { 'Fn::Join': ['', logGroup] },
          { 'Fn::Join': ['', [...logGroup.slice(0, -1), `${logGroup.at(-1)}:*`]] },
        ],
      },
    ]);
    expect(JSON.stringify(template.toJSON())).not.toContain('CloudWatchAgentServerPolicy');
  });

  test.each(installedNagModules())('%s: the packs find nothing unacknowledged in the traced service', (nagModule) => {
    const { block } = build();
    expect(formatFindings(nagFindings(block, { module: nagModule }))).toEqual([]);
  });
});

describe('SecureFargateWebService with tracing', () => {
  test('the service is named after the construct, and the dashboard shows Application Signals latency and faults', () => {
    const { template, stack, web } = buildWeb({ tracing: {} });
    expect(web.tracingAgent?.containerName).toBe('cloudwatch-agent');
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(stack.resolve(dashboard.Properties.DashboardBody));
    expect(body).toContain('Latency (traces, Application Signals)');
    expect(body).toContain('Faults and errors (traces, Application Signals)');
    expect(body).toMatch(/ApplicationSignals\\",\\"Latency\\",\\"Environment\\",\\"ecs:/);
    expect(body).toContain('\\"Service\\",\\"Test-Web\\"');
    expect(environmentOf(containersOf(template).App).OTEL_SERVICE_NAME).toBe('Test-Web');
  });

  test('without tracing the dashboard has no Application Signals row', () => {
    const { template, stack } = buildWeb();
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(JSON.stringify(stack.resolve(dashboard.Properties.DashboardBody))).not.toContain('ApplicationSignals');
  });
});
