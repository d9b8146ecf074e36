import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { HardenedFargateService, HardenedFargateServiceProps } from '../../src';
import { testStack } from '../util';

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

  test('service: 2 tasks in private subnets without public IPs, rolling 100/200 with rollback, 60 s grace', () => {
    const { template, vpc, stack } = build();
    template.hasResourceProperties('AWS::ECS::Service', {
      DesiredCount: 2,
      LaunchType: 'FARGATE',
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
