/**
 * Log routing (`logRouting`): CloudWatch Logs by default; through a FireLens router to S3, Firehose or OpenSearch,
 * with the router's own logs in CloudWatch Logs, every other container logging through it, and the task role
 * allowed to write to the destination only. The bad inputs are catalogued in
 * observability-sidecars.validation.test.ts.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { containersOf, roleStatements } from './task-definition';
import { HardenedFargateService, HardenedFargateServiceProps, LogDestination, LogRouting } from '../../src';
import { formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { testStack } from '../util';

const APP_IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/example/app:1.0');

/** A service in a fresh stack whose logs `routing` sends somewhere, given the stack. */
function build(routing: (stack: Stack) => LogRouting | undefined, options: Partial<HardenedFargateServiceProps> = {}) {
  const stack = testStack();
  const block = new HardenedFargateService(stack, 'Service', {
    vpc: new ec2.Vpc(stack, 'Vpc'),
    image: APP_IMAGE,
    logRouting: routing(stack),
    ...options,
  });
  return { stack, block, template: Template.fromStack(stack) };
}

const toS3 = (stack: Stack) => LogRouting.toS3(s3.Bucket.fromBucketName(stack, 'Bucket', 'app-logs'));

describe('logRouting', () => {
  test('default and cloudWatchLogs(): awslogs to the service log group, no router', () => {
    for (const routing of [undefined, LogRouting.cloudWatchLogs()]) {
      const { template, block } = build(() => routing);
      expect(Object.keys(containersOf(template))).toEqual(['App']);
      expect(containersOf(template).App.LogConfiguration.LogDriver).toBe('awslogs');
      expect(block.logRouter).toBeUndefined();
    }
    expect(LogRouting.cloudWatchLogs().destination).toBe(LogDestination.CLOUDWATCH_LOGS);
  });

  test("the router: AWS for Fluent Bit's stable image from the Region's ECR, essential, logging to the log group", () => {
    const { template, stack, block } = build(toS3);
    const { 'log-router': router } = containersOf(template);
    expect(block.logRouter?.containerName).toBe('log-router');
    expect(router).toMatchObject({
      Essential: true,
      Memory: 128,
      FirelensConfiguration: { Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } },
      LogConfiguration: {
        LogDriver: 'awslogs',
        Options: expect.objectContaining({
          'awslogs-group': { Ref: stack.getLogicalId(block.logGroup.node.defaultChild as any) },
          'awslogs-stream-prefix': 'log-router',
        }),
      },
    });
    // The image is the SSM public parameter's value at deployment.
    const parameter = router.Image.Ref as string;
    expect(template.toJSON().Parameters[parameter]).toEqual({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/aws/service/aws-for-fluent-bit/stable',
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Resource: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':ecr:',
                  { Ref: 'AWS::Region' },
                  ':*:repository/aws-for-fluent-bit',
                ],
              ],
            },
          }),
        ]),
      },
    });
  });

  test('relaxed only in its user and root filesystem, with no Linux capability', () => {
    const { template } = build(toS3);
    expect(containersOf(template)['log-router']).toMatchObject({
      User: '0',
      ReadonlyRootFilesystem: false,
      Privileged: false,
      LinuxParameters: { Capabilities: { Drop: ['ALL'] }, InitProcessEnabled: true },
    });
  });

  test('every other container logs through FireLens, starts after the router, and the app stays the target', () => {
    const stack = testStack();
    const block = new HardenedFargateService(stack, 'Service', {
      vpc: new ec2.Vpc(stack, 'Vpc'),
      image: APP_IMAGE,
      logRouting: toS3(stack),
      tracing: {},
    });
    block.addSidecar('proxy', { image: APP_IMAGE });
    const containers = containersOf(Template.fromStack(stack));
    for (const name of ['App', 'cloudwatch-agent', 'proxy']) {
      expect(containers[name].LogConfiguration.LogDriver).toBe('awsfirelens');
      expect(containers[name].DependsOn).toContainEqual({ ContainerName: 'log-router', Condition: 'START' });
    }
    expect(block.taskDefinition.defaultContainer).toBe(block.container);
  });

  test('S3: gzip objects under the key prefix, one PutObject each, uploaded every 5 minutes; put access only', () => {
    const { template, stack, block } = build(toS3);
    expect(containersOf(template).App.LogConfiguration.Options).toEqual({
      Name: 's3',
      region: { Ref: 'AWS::Region' },
      bucket: 'app-logs',
      s3_key_format: '/logs/%Y/%m/%d/%H/$UUID.gz',
      compression: 'gzip',
      use_put_object: 'On',
      total_file_size: '10M',
      upload_timeout: '300s',
      store_dir: '/tmp/fluent-bit/s3',
    });
    expect(roleStatements(stack, block.taskDefinition.taskRole, template)).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::app-logs/logs/*']] },
      },
    ]);
  });

  test('S3 with keyPrefix and uploadTimeout, and a KMS-encrypted bucket: the task role may encrypt with its key', () => {
    let key: kms.Key | undefined;
    const { template, stack, block } = build((s) => {
      key = new kms.Key(s, 'Key', { enableKeyRotation: true });
      return LogRouting.toS3(new s3.Bucket(s, 'Logs', { encryptionKey: key, enforceSSL: true }), {
        keyPrefix: '/web/',
        uploadTimeout: Duration.minutes(1),
      });
    });
    expect(containersOf(template).App.LogConfiguration.Options).toMatchObject({
      s3_key_format: '/web/%Y/%m/%d/%H/$UUID.gz',
      upload_timeout: '60s',
    });
    const statements = roleStatements(stack, block.taskDefinition.taskRole, template);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'kms:GenerateDataKey',
      Resource: stack.resolve(key!.keyArn),
    });
    expect(statements.flatMap((st) => [st.Action].flat()).sort()).toEqual(['kms:GenerateDataKey', 's3:PutObject']);
  });

  test('a bucket of another stack: the grant by export, no acknowledgement of its finding, and a warning', () => {
    const app = new App();
    const data = new Stack(app, 'Data');
    const bucket = new s3.Bucket(data, 'Logs');
    const stack = new Stack(app, 'Service');
    const block = new HardenedFargateService(stack, 'Service', {
      vpc: new ec2.Vpc(stack, 'Vpc'),
      image: APP_IMAGE,
      logRouting: LogRouting.toS3(bucket),
    });
    const template = Template.fromStack(stack);
    const [statement] = roleStatements(stack, block.taskDefinition.taskRole, template);
    expect(JSON.stringify(statement.Resource)).toContain('Fn::ImportValue');
    Annotations.fromStack(stack).hasWarning(
      '/Service/Service/TaskRole',
      Match.stringLikeRegexp('bucket of another stack: acknowledge'),
    );
    expect(JSON.stringify(template.toJSON())).not.toContain('the role may put objects under the key prefix only');
  });

  test('Firehose: the kinesis_firehose output, and PutRecord(Batch) on that stream only', () => {
    const { template, stack, block } = build((s) =>
      LogRouting.toFirehose(firehose.DeliveryStream.fromDeliveryStreamName(s, 'Stream', 'app-logs')),
    );
    expect(containersOf(template).App.LogConfiguration.Options).toEqual({
      Name: 'kinesis_firehose',
      region: { Ref: 'AWS::Region' },
      delivery_stream: 'app-logs',
    });
    expect(roleStatements(stack, block.taskDefinition.taskRole, template)).toEqual([
      {
        Effect: 'Allow',
        Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':firehose:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':deliverystream/app-logs',
            ],
          ],
        },
      },
    ]);
  });

  test('OpenSearch: signed requests over TLS to the domain, posting to its bulk API only', () => {
    const endpoint = 'search-logs-abc.us-west-2.es.amazonaws.com';
    const { template, stack, block } = build((s) =>
      LogRouting.toOpenSearch(opensearch.Domain.fromDomainEndpoint(s, 'Domain', `https://${endpoint}`), {
        index: 'web-logs',
      }),
    );
    expect(containersOf(template).App.LogConfiguration.Options).toEqual({
      Name: 'opensearch',
      Host: endpoint,
      Port: '443',
      Index: 'web-logs',
      AWS_Auth: 'On',
      AWS_Region: { Ref: 'AWS::Region' },
      tls: 'On',
      Suppress_Type_Name: 'On',
    });
    const statements = roleStatements(stack, block.taskDefinition.taskRole, template);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('es:ESHttpPost');
    expect(JSON.stringify(statements[0].Resource)).toMatch(/:domain\/search-logs\/_bulk"\]\]\}$/);
  });

  test('OpenSearch in the VPC: the domain admits HTTPS from the tasks', () => {
    const { template, stack, block } = build((s) =>
      LogRouting.toOpenSearch(
        new opensearch.Domain(s, 'Search', {
          version: opensearch.EngineVersion.OPENSEARCH_2_11,
          vpc: ec2.Vpc.fromVpcAttributes(s, 'SearchVpc', {
            vpcId: 'vpc-0123456789abcdef0',
            availabilityZones: ['us-west-2a'],
            privateSubnetIds: ['subnet-0123456789abcdef0'],
          }),
          vpcSubnets: [{ subnets: [ec2.Subnet.fromSubnetId(s, 'SearchSubnet', 'subnet-0123456789abcdef0')] }],
        }),
        { index: 'web-logs' },
      ),
    );
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      SourceSecurityGroupId: {
        'Fn::GetAtt': [stack.getLogicalId(block.securityGroup.node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'],
      },
    });
  });

  test('routerMemoryLimitMiB and routerImage apply; the application keeps the rest of the task', () => {
    const image = ecs.ContainerImage.fromRegistry('123456789012.dkr.ecr.us-west-2.amazonaws.com/fluent-bit:3');
    const { template } = build(
      (s) =>
        LogRouting.toS3(s3.Bucket.fromBucketName(s, 'Bucket', 'app-logs'), {
          routerImage: image,
          routerMemoryLimitMiB: 256,
        }),
      { memoryLimitMiB: 1024 },
    );
    const containers = containersOf(template);
    expect(containers['log-router']).toMatchObject({
      Memory: 256,
      Image: '123456789012.dkr.ecr.us-west-2.amazonaws.com/fluent-bit:3',
    });
    expect(containers.App.Memory).toBe(768);
    expect(Object.keys(template.toJSON().Parameters ?? {}).filter((p) => p.includes('awsforfluentbit'))).toEqual([]);
  });

  const destinations: Array<[string, (stack: Stack) => LogRouting]> = [
    ['S3', toS3],
    ['S3 with a KMS key', (s) => LogRouting.toS3(new s3.Bucket(s, 'Logs', { encryptionKey: new kms.Key(s, 'Key') }))],
    ['Firehose', (s) => LogRouting.toFirehose(firehose.DeliveryStream.fromDeliveryStreamName(s, 'Stream', 'app-logs'))],
    [
      'OpenSearch',
      (s) =>
        LogRouting.toOpenSearch(
          opensearch.Domain.fromDomainEndpoint(s, 'D', 'https://search-a-b.us-west-2.es.amazonaws.com'),
          { index: 'web' },
        ),
    ],
  ];
  describe.each(installedNagModules())('%s', (nagModule) => {
    test.each(destinations)('%s: the packs find nothing unacknowledged in the service', (_, routing) => {
      const { block } = build(routing);
      expect(formatFindings(nagFindings(block, { module: nagModule }))).toEqual([]);
    });
  });
});
