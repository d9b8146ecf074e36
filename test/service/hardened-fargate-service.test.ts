import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { CapacityMix, HardenedFargateService, HardenedFargateServiceProps } from '../../src';
import { acknowledgements, nagFindings } from '../nag/harness';
import { DENY_GRANTS_STATEMENT } from '../private/deny-grants-statement';
import { FLAG_SETS, testStack } from '../util';

type Options = Partial<HardenedFargateServiceProps>;

function build(options: Options = {}) {
  const stack = testStack();
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const block = new HardenedFargateService(stack, 'Service', {
    vpc,
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0'),
    ...options,
  });
  return { stack, vpc, block, template: Template.fromStack(stack) };
}

describe('HardenedFargateService', () => {
  test('default: a new cluster with enhanced Container Insights and both Fargate capacity providers', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }],
    });
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    });
  });

  test('a cluster given is used, none created', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const cluster = new ecs.Cluster(stack, 'Mine', { vpc });
    const block = new HardenedFargateService(stack, 'Service', {
      vpc,
      cluster,
      image: ecs.ContainerImage.fromRegistry('app'),
    });
    expect(block.cluster).toBe(cluster);
    Template.fromStack(stack).resourceCountIs('AWS::ECS::Cluster', 1);
  });

  test('default task: 256 CPU, 512 MiB, awsvpc, port 3000, non-blocking awslogs', () => {
    build().template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '256',
      Memory: '512',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      ContainerDefinitions: [
        Match.objectLike({
          Essential: true,
          PortMappings: [{ ContainerPort: 3000, Protocol: 'tcp' }],
          LogConfiguration: {
            LogDriver: 'awslogs',
            Options: Match.objectLike({ mode: 'non-blocking', 'max-buffer-size': '26214400b' }),
          },
        }),
      ],
    });
  });

  test('size, port, environment and secrets override the task', () => {
    const stack = testStack();
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'S', 'db');
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      image: ecs.ContainerImage.fromRegistry('app'),
      cpu: 1024,
      memoryLimitMiB: 4096,
      containerPort: 8080,
      environment: { LOG_LEVEL: 'info' },
      secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password') },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '1024',
      Memory: '4096',
      ContainerDefinitions: [
        Match.objectLike({
          PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
          Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }],
          Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: Match.anyValue() }],
        }),
      ],
    });
  });

  test('log group: retained, 30 days by default; logRetention overrides', () => {
    build().template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 30 },
      DeletionPolicy: 'Retain',
    });
    build({ logRetention: logs.RetentionDays.ONE_WEEK }).template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 7,
    });
  });

  test('the container log group and its key stay even after a failed create: the failed tasks wrote why there', () => {
    const { template, block, stack } = build();
    const logGroup =
      template.findResources('AWS::Logs::LogGroup')[
        stack.getLogicalId(block.logGroup.node.defaultChild as logs.CfnLogGroup)
      ];
    expect([logGroup.DeletionPolicy, logGroup.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    const keyId = logGroup.Properties.KmsKeyId['Fn::GetAtt'][0];
    const key = template.findResources('AWS::KMS::Key')[keyId];
    expect([key.DeletionPolicy, key.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    expect(key.Properties.KeyPolicy.Statement).toEqual(expect.arrayContaining([DENY_GRANTS_STATEMENT]));
  });

  test('service: 2 tasks in private subnets without public IPs, rolling 100/200 with rollback, 60 s grace', () => {
    const { template, vpc, stack } = build();
    template.hasResourceProperties('AWS::ECS::Service', {
      DesiredCount: 2,
      LaunchType: Match.absent(),
      CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Base: 0, Weight: 1 }],
      PlatformVersion: 'LATEST',
      HealthCheckGracePeriodSeconds: 60,
      PropagateTags: 'SERVICE',
      EnableECSManagedTags: true,
      DeploymentConfiguration: {
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      },
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          Subnets: vpc.privateSubnets.map((s) => stack.resolve(s.subnetId)),
        },
      },
    });
  });

  test('autoScaled: no desired count in the template unless given', () => {
    build({ autoScaled: true }).template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: Match.absent() });
    build({ autoScaled: true, desiredCount: 3 }).template.hasResourceProperties('AWS::ECS::Service', {
      DesiredCount: 3,
    });
  });

  test('desiredCount overrides the task count', () => {
    build({ desiredCount: 4 }).template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 4 });
  });

  test('security group: no ingress until a load balancer attaches; egress only 443 and 80', () => {
    build().template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Service tasks: in only from the load balancer, out only HTTPS and HTTP',
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80, IpProtocol: 'tcp' }),
      ],
    });
  });

  test.each<[string, Options, string]>([
    ['port 0', { containerPort: 0 }, 'containerPort 0 is not allowed; allowed: an integer from 1 to 65535'],
    [
      'a wrong size',
      { cpu: 512, memoryLimitMiB: 512 },
      'cpu 512 does not allow memoryLimitMiB 512; allowed: 1024-4096 in steps of 1024',
    ],
    ['zero tasks', { desiredCount: 0 }, 'desiredCount 0 is not allowed; allowed: an integer from 1 to 5000'],
  ])('rejects %s', (_name, options, message) => {
    expect(() => build(options)).toThrow(message);
  });
});

describe('HardenedFargateService roles', () => {
  test('execution and task roles: no inline policies; the task role has no permissions until granted', () => {
    const { template, block, stack } = build();
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const taskRole = stack.getLogicalId(block.taskDefinition.taskRole.node.defaultChild as iam.CfnRole);
    const attached = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).filter((p) =>
      JSON.stringify(p.Properties.Roles ?? []).includes(taskRole),
    );
    expect(attached).toEqual([]);
  });

  test("the execution role's managed policy lets it write to the service's log group only", () => {
    const { template, block, stack } = build({ guardDutyAgent: false });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: stack.resolve(block.logGroup.logGroupArn),
          },
        ],
      },
    });
  });

  const CACHE_REPOSITORY_ARN = {
    'Fn::Join': [
      '',
      ['arn:', { Ref: 'AWS::Partition' }, ':ecr:us-west-2:123456789012:repository/docker-hub/library/nginx'],
    ],
  };

  test('an image from a private ECR address (e.g. a pull-through cache) gets pull access to exactly that repository', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      image: ecs.ContainerImage.fromRegistry(
        '123456789012.dkr.ecr.us-west-2.amazonaws.com/docker-hub/library/nginx:1.27',
      ),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
          {
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Effect: 'Allow',
            Resource: CACHE_REPOSITORY_ARN,
          },
        ]),
      },
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('ecrImageRequiresPolicy'))).toEqual([]);
  });

  test.each(FLAG_SETS)(
    "a private ECR address may import the image through a pull-through cache, creating the cache's repository at the first pull (%s)",
    (flags) => {
      // GIVEN an image named by its address in a pull-through cache
      const stack = testStack({}, flags);
      const vpc = new ec2.Vpc(stack, 'Vpc');
      new HardenedFargateService(stack, 'Service', {
        vpc,
        image: ecs.ContainerImage.fromRegistry(
          '123456789012.dkr.ecr.us-west-2.amazonaws.com/docker-hub/library/nginx:1.27',
        ),
      });
      // THEN the execution role may import and create exactly that repository, in the stack's partition
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Sid: 'AllowPullThroughCacheImport',
              Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
              Effect: 'Allow',
              Resource: CACHE_REPOSITORY_ARN,
            },
          ]),
        },
      });
    },
  );

  test('an imported repository (fromEcrRepository) may be imported into and created at the first pull', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const repository = ecr.Repository.fromRepositoryName(stack, 'Cache', 'docker-hub/library/nginx');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      image: ecs.ContainerImage.fromEcrRepository(repository, '1.27'),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowPullThroughCacheImport',
            Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
            Effect: 'Allow',
            Resource: stack.resolve(repository.repositoryArn),
          },
        ]),
      },
    });
  });

  test('a repository created in the app (fromEcrRepository) may be imported into, not created', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const repository = new ecr.Repository(stack, 'Repo');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      image: ecs.ContainerImage.fromEcrRepository(repository, '1.0'),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowPullThroughCacheImport',
            Action: 'ecr:BatchImportUpstreamImage',
            Effect: 'Allow',
            Resource: stack.resolve(repository.repositoryArn),
          },
        ]),
      },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('ecr:CreateRepository');
  });

  test('a public image gets no pull-through cache permissions', () => {
    const json = JSON.stringify(build().template.toJSON());
    expect(json).not.toContain('ecr:BatchImportUpstreamImage');
    expect(json).not.toContain('ecr:CreateRepository');
  });

  test('an ECR image acknowledges the unavoidable GetAuthorizationToken wildcard, with its reason', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'app');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      image: ecs.ContainerImage.fromEcrRepository(repository, '1.0'),
    });
    const policies = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy', {
      Metadata: {
        cdk_nag: {
          rules_to_suppress: Match.arrayWith([
            {
              id: 'AwsSolutions-IAM5',
              applies_to: ['Resource::*'],
              reason: Match.stringLikeRegexp('^ecr:GetAuthorizationToken has no resource-level permissions'),
            },
          ]),
        },
      },
    });
    expect(Object.keys(policies)).toHaveLength(1);
  });

  test("by default the execution role may pull GuardDuty's Fargate agent, by repository name in this Region only", () => {
    const { template } = build();
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
          {
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':ecr:',
                  { Ref: 'AWS::Region' },
                  ':*:repository/aws-guardduty-agent-fargate',
                ],
              ],
            },
          },
        ]),
      },
      Metadata: Match.absent(),
    });
    const acknowledged = JSON.stringify(template.findResources('AWS::IAM::ManagedPolicy'));
    expect(acknowledged).toContain(
      'Resource::arn:<AWS::Partition>:ecr:<AWS::Region>:*:repository/aws-guardduty-agent-fargate',
    );
  });

  test('an image built from a local Dockerfile (an asset) may be pulled from the bootstrap repository', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sfws-asset-'));
    fs.writeFileSync(path.join(directory, 'Dockerfile'), 'FROM public.ecr.aws/docker/library/nginx:stable\n');
    const { template } = build({ image: ecs.ContainerImage.fromAsset(directory), guardDutyAgent: false });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Resource: Match.objectLike({
              'Fn::Join': [
                '',
                Match.arrayWith([
                  ':repository/',
                  { 'Fn::Sub': 'cdk-hnb659fds-container-assets-${AWS::AccountId}-${AWS::Region}' },
                ]),
              ],
            }),
          }),
        ]),
      },
    });
    fs.rmSync(directory, { recursive: true, force: true });
  });

  test('a public image with guardDutyAgent false needs no ECR permissions and no acknowledgement', () => {
    const { template } = build({ guardDutyAgent: false });
    expect(JSON.stringify(template.toJSON())).not.toContain('ecr:');
    expect(JSON.stringify(template.toJSON())).not.toContain('cdk_nag');
  });
});

describe('HardenedFargateService container hardening', () => {
  const container = (template: Template) =>
    Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0].Properties.ContainerDefinitions[0];

  test('by default: read-only root filesystem, user 1000:1000, not privileged, init process, no capabilities, memory limit', () => {
    const c = container(build().template);
    expect(c.ReadonlyRootFilesystem).toBe(true);
    expect(c.User).toBe('1000:1000');
    expect(c.Privileged).toBe(false);
    expect(c.LinuxParameters).toEqual({ InitProcessEnabled: true, Capabilities: { Drop: ['ALL'] } });
    expect(c.Memory).toBe(512);
    expect(c.HealthCheck).toBeUndefined();
  });

  test('writablePaths mount one empty task volume each, read-write', () => {
    const { template } = build({ writablePaths: ['/tmp', '/var/cache/app'] });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{ Name: 'writable-0' }, { Name: 'writable-1' }],
      ContainerDefinitions: [
        Match.objectLike({
          MountPoints: [
            { SourceVolume: 'writable-0', ContainerPath: '/tmp', ReadOnly: false },
            { SourceVolume: 'writable-1', ContainerPath: '/var/cache/app', ReadOnly: false },
          ],
        }),
      ],
    });
  });

  test('readonlyRootFilesystem, user and containerHealthCheck override the container', () => {
    const c = container(
      build({
        readonlyRootFilesystem: false,
        user: '101:101',
        containerHealthCheck: { command: ['CMD-SHELL', 'wget -q -O- localhost:3000/health || exit 1'] },
      }).template,
    );
    expect(c.ReadonlyRootFilesystem).toBe(false);
    expect(c.User).toBe('101:101');
    expect(c.HealthCheck).toEqual(
      expect.objectContaining({ Command: ['CMD-SHELL', 'wget -q -O- localhost:3000/health || exit 1'] }),
    );
  });

  test.each(['root', '0', '0:0', 'root:root'])('user %s runs as root: a warning says so', (user) => {
    const { stack } = build({ user });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Service',
      Match.stringLikeRegexp(`runs as root \\(user '${user}'\\)`),
    );
  });

  test('a non-root user gives no warning', () => {
    expect(Annotations.fromStack(build({ user: '1001' }).stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('environment variables named like secrets are warned about, pointing to secrets', () => {
    const { stack } = build({ environment: { DB_PASSWORD: 'x', API_KEY: 'y', LOG_LEVEL: 'info' } });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Service',
      Match.stringLikeRegexp('Environment variables DB_PASSWORD, API_KEY look like secrets: .* put them in secrets'),
    );
  });

  test.each([
    'DB_PASSWORD',
    'CLIENT_SECRET',
    'GITHUB_TOKEN',
    'STRIPE_API_KEY',
    'APIKEY',
    'TLS_PRIVATE_KEY',
    'AWS_CREDENTIALS',
  ])('a variable named %s gets the warning', (name) => {
    const { stack } = build({ environment: { [name]: 'x' } });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Service',
      Match.stringLikeRegexp(`Environment variables ${name} look like secrets`),
    );
  });

  test.each<[string, string]>([
    ['a private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...'],
    ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['a URL with a password', 'postgres://app:hunter2@db.internal:5432/app'],
  ])('a variable holding %s gets the warning, whatever its name', (_kind, value) => {
    const { stack } = build({ environment: { CONNECTION: value, LOG_LEVEL: 'info' } });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Service',
      Match.stringLikeRegexp('Environment variables CONNECTION look like secrets'),
    );
  });

  test('a secret resolved into the template (SecretValue.unsafeUnwrap) gets the warning', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'S', 'db');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      image: ecs.ContainerImage.fromRegistry('app'),
      environment: { DB: secret.secretValueFromJson('password').unsafeUnwrap() },
    });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Service',
      Match.stringLikeRegexp('Environment variables DB look like secrets'),
    );
  });

  test('plain values under plain names give no secret warning (a URL without a password included)', () => {
    const environment = {
      LOG_LEVEL: 'info',
      DATABASE_URL: 'postgres://db.internal:5432/app',
      API_URL: 'https://api.example.com/v1?region=us-west-2',
    };
    const warnings = Annotations.fromStack(build({ environment }).stack).findWarning(
      '*',
      Match.stringLikeRegexp('look like secrets'),
    );
    expect(warnings).toEqual([]);
  });

  test('plain environment values: AwsSolutions-ECS2 is acknowledged on the task definition, with its reason', () => {
    // GIVEN a service with plain configuration in its environment
    const { stack, block } = build({ environment: { LOG_LEVEL: 'info', API_URL: 'https://api.example.com' } });
    // THEN cdk-nag's AwsSolutions pack finds nothing about it, and the acknowledgement says why
    const findings = nagFindings(stack, { packs: ['AwsSolutions'] }).filter((f) => f.ruleId === 'AwsSolutions-ECS2');
    expect(findings).toEqual([]);
    const taskDefinition = stack.getLogicalId(block.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition);
    expect(acknowledgements(stack).filter((a) => a.id === 'AwsSolutions-ECS2')).toEqual([
      {
        resource: taskDefinition,
        id: 'AwsSolutions-ECS2',
        reason: expect.stringMatching(/^The environment variables hold plain configuration/),
      },
    ]);
  });

  test.each<[string, Record<string, string>]>([
    ['a secret-like name', { LOG_LEVEL: 'info', DB_PASSWORD: 'x' }],
    ['a credential as a value', { LOG_LEVEL: 'info', CONNECTION: 'postgres://app:hunter2@db.internal/app' }],
  ])(
    'an environment with %s: the warning stays, ECS2 is not acknowledged and cdk-nag reports it',
    (_name, environment) => {
      const { stack } = build({ environment });
      expect(acknowledgements(stack).map((a) => a.id)).not.toContain('AwsSolutions-ECS2');
      const findings = nagFindings(stack, { packs: ['AwsSolutions'] }).filter((f) => f.ruleId === 'AwsSolutions-ECS2');
      expect(findings.map((f) => f.path)).toEqual(['Test/Service/TaskDefinition/Resource']);
      Annotations.fromStack(stack).hasWarning('/Test/Service', Match.stringLikeRegexp('look like secrets'));
    },
  );

  test('no environment: nothing to acknowledge', () => {
    expect(acknowledgements(build().stack).map((a) => a.id)).not.toContain('AwsSolutions-ECS2');
  });

  test('maxHealthyPercent 100: no Availability Zone rebalancing, and a warning that says why', () => {
    const { stack, template } = build({ maxHealthyPercent: 100 });
    template.hasResourceProperties('AWS::ECS::Service', {
      AvailabilityZoneRebalancing: 'DISABLED',
      DeploymentConfiguration: Match.objectLike({ MaximumPercent: 100 }),
    });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Service',
      Match.stringLikeRegexp('Availability Zone rebalancing is off'),
    );
  });

  test('dropAllCapabilities false keeps the default capabilities; root with all dropped is warned about', () => {
    const { template } = build({ dropAllCapabilities: false, user: 'root' });
    const kept = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0].Properties
      .ContainerDefinitions[0];
    expect(kept.LinuxParameters).toEqual({ InitProcessEnabled: true, Capabilities: {} });
    const { stack } = build({ user: 'root' });
    Annotations.fromStack(stack).hasWarning('/Test/Service', Match.stringLikeRegexp('set dropAllCapabilities false'));
  });

  test('a new cluster: the service waits for its capacity provider association', () => {
    const { template } = build();
    const association = Object.keys(template.findResources('AWS::ECS::ClusterCapacityProviderAssociations'));
    expect(association).toHaveLength(1);
    expect(Object.values(template.findResources('AWS::ECS::Service'))[0].DependsOn).toEqual(
      expect.arrayContaining(association),
    );
  });

  test('availability zone rebalancing is on; deployment percentages are configurable', () => {
    const { template } = build({ minHealthyPercent: 50, maxHealthyPercent: 150 });
    template.hasResourceProperties('AWS::ECS::Service', {
      AvailabilityZoneRebalancing: 'ENABLED',
      DeploymentConfiguration: Match.objectLike({ MinimumHealthyPercent: 50, MaximumPercent: 150 }),
    });
  });

  test.each<[string, Options, string]>([
    [
      'a relative writable path',
      { writablePaths: ['tmp'] },
      "writablePaths entry 'tmp' is not an absolute path below '/'; allowed: such as '/tmp'",
    ],
    [
      'the root as writable path',
      { writablePaths: ['/'] },
      "writablePaths entry '/' is not an absolute path below '/'",
    ],
    [
      'a repeated writable path',
      { writablePaths: ['/tmp', '/tmp'] },
      'writablePaths names /tmp more than once; allowed: distinct paths',
    ],
    [
      'min healthy 101%',
      { minHealthyPercent: 101 },
      'minHealthyPercent 101 is not allowed; allowed: an integer from 0 to 100',
    ],
    [
      'max healthy 99%',
      { maxHealthyPercent: 99 },
      'maxHealthyPercent 99 is not allowed; allowed: an integer from 100 to 200',
    ],
  ])('rejects %s', (_name, options, message) => {
    expect(() => build(options)).toThrow(message);
  });
});

describe('HardenedFargateService capacity', () => {
  test.each([
    [
      'spot-weighted (development)',
      CapacityMix.spotWeighted(),
      [
        { CapacityProvider: 'FARGATE', Base: 1, Weight: 1 },
        { CapacityProvider: 'FARGATE_SPOT', Weight: 3 },
      ],
    ],
    [
      'spot-weighted with 2 on demand',
      CapacityMix.spotWeighted(2),
      [
        { CapacityProvider: 'FARGATE', Base: 2, Weight: 1 },
        { CapacityProvider: 'FARGATE_SPOT', Weight: 3 },
      ],
    ],
    [
      'all Spot above a base of 1',
      CapacityMix.of({ onDemandBase: 1, onDemandWeight: 0, spotWeight: 1 }),
      [
        { CapacityProvider: 'FARGATE', Base: 1, Weight: 0 },
        { CapacityProvider: 'FARGATE_SPOT', Weight: 1 },
      ],
    ],
  ])('%s', (_name, capacity, strategy) => {
    build({ capacity }).template.hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: strategy });
  });

  test('ARM64 and ephemeral storage reach the task definition', () => {
    build({ cpuArchitecture: ecs.CpuArchitecture.ARM64, ephemeralStorageGiB: 50 }).template.hasResourceProperties(
      'AWS::ECS::TaskDefinition',
      {
        RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
        EphemeralStorage: { SizeInGiB: 50 },
      },
    );
  });

  test('x86_64 by default', () => {
    build().template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
    });
  });

  test('a cluster given gets a warning about the settings it must carry itself', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      cluster: new ecs.Cluster(stack, 'Mine', { vpc }),
      image: ecs.ContainerImage.fromRegistry('app'),
    });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Service',
      Match.stringLikeRegexp('A cluster given keeps its own settings'),
    );
  });

  test('ephemeral storage: an AWS owned key by default; ephemeralStorageEncryptionKey puts a customer key on the cluster', () => {
    build().template.hasResourceProperties('AWS::ECS::Cluster', { Configuration: Match.absent() });
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const key = new kms.Key(stack, 'StorageKey');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      image: ecs.ContainerImage.fromRegistry('app'),
      ephemeralStorageEncryptionKey: key,
    });
    const template = Template.fromStack(stack);
    const keyId = { Ref: stack.getLogicalId(key.node.defaultChild as kms.CfnKey) };
    template.hasResourceProperties('AWS::ECS::Cluster', {
      Configuration: { ManagedStorageConfiguration: { FargateEphemeralStorageKmsKeyId: keyId } },
    });
    // Fargate may use the key for this account's clusters, and only to create data keys and Decrypt grants.
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'fargate.amazonaws.com' },
            Action: 'kms:GenerateDataKeyWithoutPlaintext',
            Condition: {
              StringEquals: { 'kms:EncryptionContext:aws:ecs:clusterAccount': [{ Ref: 'AWS::AccountId' }] },
            },
          }),
          Match.objectLike({
            Principal: { Service: 'fargate.amazonaws.com' },
            Action: 'kms:CreateGrant',
            Condition: Match.objectLike({ 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] } }),
          }),
        ]),
      },
    });
  });

  test("with a cluster given, the warning says the ephemeral storage key is the cluster owner's", () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      cluster: new ecs.Cluster(stack, 'Mine', { vpc }),
      image: ecs.ContainerImage.fromRegistry('app'),
      ephemeralStorageEncryptionKey: new kms.Key(stack, 'StorageKey'),
    });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Service',
      Match.stringLikeRegexp("set ephemeralStorageEncryptionKey in the cluster's managed storage configuration"),
    );
  });

  test('secrets: the execution role reads exactly the given secret and parameter, and decrypts with their keys', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const secretKey = new kms.Key(stack, 'SecretKey');
    const secret = new secretsmanager.Secret(stack, 'Db', { encryptionKey: secretKey });
    const parameterKey = kms.Key.fromKeyArn(stack, 'ParamKey', 'arn:aws:kms:us-west-2:123456789012:key/param');
    const parameter = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Token', {
      parameterName: '/app/token',
      encryptionKey: parameterKey,
    });
    new HardenedFargateService(stack, 'Service', {
      vpc,
      image: ecs.ContainerImage.fromRegistry('app'),
      secrets: {
        DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password'),
        API_TOKEN: ecs.Secret.fromSsmParameter(parameter),
      },
    });
    const template = Template.fromStack(stack);
    const secretArn = { Ref: stack.getLogicalId(secret.node.defaultChild as secretsmanager.CfnSecret) };
    const statements = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .filter((p) => JSON.stringify(p).includes('secretsmanager:GetSecretValue'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual(
      expect.arrayContaining([
        {
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: secretArn,
        },
        expect.objectContaining({
          Action: ['ssm:DescribeParameters', 'ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory'],
          Resource: expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([':parameter/app/token'])] }),
        }),
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-west-2:123456789012:key/param' },
      ]),
    );
    // Nothing else is readable: every secret or parameter statement names one resource.
    for (const statement of statements.filter((st) => st.Action !== 'ecr:GetAuthorizationToken')) {
      expect(statement.Resource).not.toEqual('*');
    }
    // The secret's key (in this app) lets the execution role decrypt through Secrets Manager only.
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: 'kms:Decrypt',
            Principal: { AWS: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceExecutionRole'), 'Arn'] } },
            Resource: '*',
            Condition: {
              StringEquals: {
                'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
              },
            },
          },
        ]),
      },
    });
  });

  test.each<[string, Options, string]>([
    [
      'ephemeral storage 20 GiB',
      { ephemeralStorageGiB: 20 },
      'ephemeralStorageGiB 20 is not allowed; allowed: an integer from 21 to 200',
    ],
    [
      'no weight',
      { capacity: CapacityMix.of({ onDemandWeight: 0 }) },
      'capacity has onDemandWeight 0 and spotWeight 0; allowed: at least one weight above 0',
    ],
    [
      'a negative base',
      { capacity: CapacityMix.of({ onDemandBase: -1 }) },
      'capacity.onDemandBase -1 is not allowed; allowed: an integer from 0 to 100000',
    ],
  ])('rejects %s', (_name, options, message) => {
    expect(() => build(options)).toThrow(message);
  });
});

describe('HardenedFargateService ECS Exec', () => {
  test('off by default', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: false });
    const cluster = Object.values(template.findResources('AWS::ECS::Cluster'))[0];
    expect(cluster.Properties.Configuration).toBeUndefined();
  });

  test('on: sessions encrypted with a KMS key and audited to an encrypted log group kept one year', () => {
    const { template, block, stack } = build({ ecsExec: true });
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: true });
    const logGroupId = stack.getLogicalId(block.execLogGroup!.node.defaultChild as logs.CfnLogGroup);
    template.hasResourceProperties('AWS::ECS::Cluster', {
      Configuration: {
        ExecuteCommandConfiguration: {
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ExecLogsKey'), 'Arn'] },
          Logging: 'OVERRIDE',
          LogConfiguration: { CloudWatchLogGroupName: { Ref: logGroupId }, CloudWatchEncryptionEnabled: true },
        },
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
  });

  test("with a read-only root filesystem, the Exec agent's paths are made writable, and said so", () => {
    const { template, stack } = build({ ecsExec: true, writablePaths: ['/tmp'] });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          MountPoints: [
            Match.objectLike({ ContainerPath: '/tmp' }),
            Match.objectLike({ ContainerPath: '/var/lib/amazon' }),
            Match.objectLike({ ContainerPath: '/var/log/amazon' }),
          ],
        }),
      ],
    });
    Annotations.fromStack(stack).hasInfo(
      '/Test/Service',
      Match.stringLikeRegexp("its agent's paths /var/lib/amazon, /var/log/amazon are mounted writable"),
    );
  });

  test("with a cluster given, the warning says Exec logging is the cluster owner's", () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    new HardenedFargateService(stack, 'Service', {
      vpc,
      cluster: new ecs.Cluster(stack, 'Mine', { vpc }),
      image: ecs.ContainerImage.fromRegistry('app'),
      ecsExec: true,
    });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Service',
      Match.stringLikeRegexp('configure ECS Exec logging and encryption on it'),
    );
  });
});
