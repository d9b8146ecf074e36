/**
 * Sidecars (`addSidecar`), restart policies, stop timeouts and version consistency: what each puts in the task
 * definition and the roles, by default and with overrides, and the warnings and acknowledgements that follow.
 * The bad inputs are catalogued in sidecar.validation.test.ts.
 */
import { CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { containersOf } from './task-definition';
import {
  ContainerRestartPolicy,
  HardenedFargateService,
  HardenedFargateServiceProps,
  SecureFargateWebService,
  SidecarOptions,
} from '../../src';
import { acknowledgements, nagFindings } from '../nag/harness';
import { testStack } from '../util';

const APP_IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0');
const AGENT_IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/example/agent:2.0');
const PRIVATE_ECR_IMAGE = '123456789012.dkr.ecr.us-west-2.amazonaws.com/agent:2.0';

/** A service with the sidecars given, by name, in a fresh stack. */
function build(
  sidecars: Record<string, Partial<SidecarOptions>> = {},
  options: Partial<HardenedFargateServiceProps> = {},
) {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const block = new HardenedFargateService(stack, 'Service', { vpc, image: APP_IMAGE, ...options });
  const containers = Object.entries(sidecars).map(([name, o]) => block.addSidecar(name, { image: AGENT_IMAGE, ...o }));
  return { stack, block, containers, template: Template.fromStack(stack) };
}

describe('addSidecar', () => {
  test('default: hardened like the application, not essential, 128 MiB, logs under its own stream prefix', () => {
    const { template, stack } = build({ agent: {} });
    const { agent } = containersOf(template);
    expect(agent).toMatchObject({
      Essential: false,
      Memory: 128,
      ReadonlyRootFilesystem: true,
      User: '1000:1000',
      Privileged: false,
      LinuxParameters: { Capabilities: { Drop: ['ALL'] }, InitProcessEnabled: true },
      LogConfiguration: {
        LogDriver: 'awslogs',
        Options: expect.objectContaining({
          'awslogs-stream-prefix': 'agent',
          mode: 'non-blocking',
          'max-buffer-size': '26214400b',
        }),
      },
    });
    // The same log group as the application's.
    const { App } = containersOf(template);
    expect(stack.resolve(agent.LogConfiguration.Options['awslogs-group'])).toEqual(
      stack.resolve(App.LogConfiguration.Options['awslogs-group']),
    );
    expect(agent.Cpu).toBeUndefined();
    expect(agent.PortMappings).toBeUndefined();
    expect(agent.RestartPolicy).toBeUndefined();
    expect(agent.StopTimeout).toBeUndefined();
  });

  test('the application keeps what the sidecars leave of the task: memory, and CPU once a sidecar reserves some', () => {
    const { template } = build(
      { proxy: { cpu: 256, memoryLimitMiB: 256, essential: true }, agent: {} },
      { cpu: 1024, memoryLimitMiB: 2048 },
    );
    const { App, proxy, agent } = containersOf(template);
    expect([App.Memory, proxy.Memory, agent.Memory]).toEqual([2048 - 256 - 128, 256, 128]);
    expect([App.Cpu, proxy.Cpu, agent.Cpu]).toEqual([1024 - 256, 256, undefined]);
    expect(proxy.Essential).toBe(true);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '1024', Memory: '2048' });
  });

  test('without sidecars the application container has the whole task and no CPU reservation, as before', () => {
    const { App } = containersOf(build().template);
    expect(App.Memory).toBe(512);
    expect(App.Cpu).toBeUndefined();
  });

  test('start order in both directions: the app waits for one sidecar, another waits for the app', () => {
    const healthCheck = { command: ['CMD', '/bin/agent', 'health'] };
    const { template } = build(
      {
        proxy: { containerHealthCheck: healthCheck, appWaitsFor: ecs.ContainerDependencyCondition.HEALTHY },
        init: { appWaitsFor: ecs.ContainerDependencyCondition.SUCCESS, command: ['/bin/prepare'] },
        shipper: { waitsForApp: ecs.ContainerDependencyCondition.HEALTHY },
      },
      { containerHealthCheck: { command: ['CMD', '/app/health'] } },
    );
    const { App, proxy, init, shipper } = containersOf(template);
    expect(App.DependsOn).toEqual([
      { ContainerName: 'proxy', Condition: 'HEALTHY' },
      { ContainerName: 'init', Condition: 'SUCCESS' },
    ]);
    expect(shipper.DependsOn).toEqual([{ ContainerName: 'App', Condition: 'HEALTHY' }]);
    expect(proxy.DependsOn).toBeUndefined();
    expect(proxy.HealthCheck).toMatchObject({ Command: ['CMD', '/bin/agent', 'health'] });
    expect(init.Command).toEqual(['/bin/prepare']);
  });

  test('ports, environment, secrets, writable paths, user and capabilities are its own', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const block = new HardenedFargateService(stack, 'Service', { vpc, image: APP_IMAGE, writablePaths: ['/tmp'] });
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Key', 'agent-key');
    block.addSidecar('agent', {
      image: AGENT_IMAGE,
      containerPorts: [2000, 4317],
      environment: { MODE: 'sidecar' },
      secrets: { AGENT_KEY: ecs.Secret.fromSecretsManager(secret) },
      writablePaths: ['/tmp', '/var/run/agent'],
      user: '2000',
      dropAllCapabilities: false,
    });
    const template = Template.fromStack(stack);
    const { App, agent } = containersOf(template);
    expect(agent.PortMappings).toEqual([
      { ContainerPort: 2000, Protocol: 'tcp' },
      { ContainerPort: 4317, Protocol: 'tcp' },
    ]);
    expect(agent.Environment).toEqual([{ Name: 'MODE', Value: 'sidecar' }]);
    expect(agent.Secrets).toEqual([{ Name: 'AGENT_KEY', ValueFrom: expect.anything() }]);
    expect(agent.User).toBe('2000');
    expect(agent.LinuxParameters.InitProcessEnabled).toBe(true);
    expect(agent.LinuxParameters.Capabilities?.Drop).toBeUndefined();
    // Volumes of its own, apart from the application's.
    expect(agent.MountPoints).toEqual([
      { ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'agent-writable-0' },
      { ContainerPath: '/var/run/agent', ReadOnly: false, SourceVolume: 'agent-writable-1' },
    ]);
    expect(App.MountPoints).toEqual([{ ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'writable-0' }]);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{ Name: 'writable-0' }, { Name: 'agent-writable-0' }, { Name: 'agent-writable-1' }],
    });
    // The execution role reads the sidecar's secret.
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] }),
        ]),
      },
    });
    // The security group opens no sidecar port.
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(ingress).toEqual([]);
  });

  test('a sidecar image at a private ECR address: the execution role may pull that repository', () => {
    const { template } = build(
      { agent: { image: ecs.ContainerImage.fromRegistry(PRIVATE_ECR_IMAGE) } },
      { guardDutyAgent: false },
    );
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:us-west-2:123456789012:repository/agent']],
            },
          }),
        ]),
      },
    });
  });

  test('the only private ECR image a sidecar: GetAuthorizationToken is granted, and acknowledged as AwsSolutions-IAM5', () => {
    const { stack, block } = build(
      { agent: { image: ecs.ContainerImage.fromRegistry(PRIVATE_ECR_IMAGE) } },
      { guardDutyAgent: false },
    );
    expect(nagFindings(stack, { packs: ['AwsSolutions'] }).filter((f) => f.ruleId === 'AwsSolutions-IAM5')).toEqual([]);
    const role = block.taskDefinition.executionRole!.node.findChild('Policy');
    const acknowledged = acknowledgements(stack).filter((a) => a.id === 'AwsSolutions-IAM5[Resource::*]');
    expect(acknowledged.map((a) => a.resource)).toContain(stack.getLogicalId(role.node.defaultChild as CfnElement));
  });

  test('returns the container definition, for what the options do not cover', () => {
    const { containers } = build({ agent: {} });
    expect(containers[0]).toBeInstanceOf(ecs.ContainerDefinition);
    expect(containers[0].containerName).toBe('agent');
  });

  test('SecureFargateWebService.addSidecar adds it to the service it composes', () => {
    const stack = testStack();
    const web = new SecureFargateWebService(stack, 'Web', {
      image: APP_IMAGE,
      certificate: acm.Certificate.fromCertificateArn(
        stack,
        'Cert',
        'arn:aws:acm:us-west-2:123456789012:certificate/a',
      ),
    });
    const agent = web.addSidecar('agent', { image: AGENT_IMAGE, memoryLimitMiB: 64 });
    expect(agent.taskDefinition).toBe(web.taskDefinition);
    const { App } = containersOf(Template.fromStack(stack));
    expect(App.Memory).toBe(512 - 64);
  });
});

describe('warnings and acknowledgements across containers', () => {
  const warningsOf = (stack: Stack, id: string) =>
    Annotations.fromStack(stack)
      .findWarning('*', Match.stringLikeRegexp(`\\[ack: ${id}\\]`))
      .map((w) => String(w.entry.data));

  test('a sidecar running as root, and one with a secret-like variable, warn naming the sidecar', () => {
    const { stack } = build({ root: { user: 'root' }, leaky: { environment: { API_TOKEN: 'abc' } } });
    expect(warningsOf(stack, 'secure-fargate:root-user')).toEqual([
      expect.stringContaining("The sidecar 'root' runs as root (user 'root')"),
    ]);
    expect(warningsOf(stack, 'secure-fargate:root-without-capabilities')).toEqual([
      expect.stringContaining("The sidecar 'root' runs as root with every Linux capability dropped"),
    ]);
    expect(warningsOf(stack, 'secure-fargate:secret-in-environment')).toEqual([
      expect.stringContaining("Environment variables API_TOKEN of the sidecar 'leaky' look like secrets"),
    ]);
  });

  test.each<[string, Record<string, Partial<SidecarOptions>>, Record<string, string> | undefined, boolean]>([
    ['plain variables in a sidecar only', { agent: { environment: { MODE: 'sidecar' } } }, undefined, true],
    ['plain variables in both', { agent: { environment: { MODE: 'sidecar' } } }, { MODE: 'web' }, true],
    ['a secret-like sidecar variable', { agent: { environment: { DB_PASSWORD: 'x' } } }, { MODE: 'web' }, false],
    ['no variables at all', { agent: {} }, undefined, false],
  ])(
    'AwsSolutions-ECS2 with %s: acknowledged only while every variable is plain',
    (_, sidecars, environment, acked) => {
      const { stack } = build(sidecars, { environment });
      expect(acknowledgements(stack).some((a) => a.id === 'AwsSolutions-ECS2')).toBe(acked);
      const findings = nagFindings(stack, { packs: ['AwsSolutions'] }).filter((f) => f.ruleId === 'AwsSolutions-ECS2');
      const hasVariables = environment !== undefined || Object.values(sidecars).some((o) => o.environment);
      expect(findings.length).toBe(hasVariables && !acked ? 1 : 0);
    },
  );
});

describe('restart policy, stop timeout and version consistency', () => {
  test('the application container: restartOnExit with its defaults, a stop timeout, version consistency off', () => {
    const { template } = build(
      {},
      {
        restartPolicy: ContainerRestartPolicy.restartOnExit(),
        stopTimeout: Duration.seconds(45),
        versionConsistency: ecs.VersionConsistency.DISABLED,
      },
    );
    expect(containersOf(template).App).toMatchObject({
      RestartPolicy: { Enabled: true, RestartAttemptPeriod: 300 },
      StopTimeout: 45,
      VersionConsistency: 'disabled',
    });
  });

  test('a sidecar: ignored exit codes and an attempt period; none() turns restarts off explicitly', () => {
    const { template } = build({
      agent: {
        restartPolicy: ContainerRestartPolicy.restartOnExit({
          ignoredExitCodes: [0, 143],
          attemptPeriod: Duration.minutes(2),
        }),
        stopTimeout: Duration.seconds(10),
        versionConsistency: ecs.VersionConsistency.ENABLED,
      },
      other: { restartPolicy: ContainerRestartPolicy.none() },
    });
    const { agent, other } = containersOf(template);
    expect(agent).toMatchObject({
      RestartPolicy: { Enabled: true, IgnoredExitCodes: [0, 143], RestartAttemptPeriod: 120 },
      StopTimeout: 10,
      VersionConsistency: 'enabled',
    });
    expect(other.RestartPolicy).toEqual({ Enabled: false });
  });

  test('by default none of them is set: ECS restarts nothing in place, waits 30 s, resolves tags to digests', () => {
    const { App } = containersOf(build().template);
    expect([App.RestartPolicy, App.StopTimeout, App.VersionConsistency]).toEqual([undefined, undefined, undefined]);
  });

  test('the policy objects say what they hold', () => {
    const policy = ContainerRestartPolicy.restartOnExit({ ignoredExitCodes: [0] });
    expect([policy.enabled, policy.ignoredExitCodes, policy.attemptPeriod]).toEqual([true, [0], undefined]);
    expect(ContainerRestartPolicy.none().enabled).toBe(false);
  });
});
