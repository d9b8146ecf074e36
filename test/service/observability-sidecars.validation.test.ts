/**
 * Validation of `tracing` and `logRouting`: every message, with the exact text a user reads, on the service and
 * on `SecureFargateWebService` without NAT, and proof that Tokens pass unchecked.
 */
import { Duration } from 'aws-cdk-lib';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { HardenedFargateService, HardenedFargateServiceProps, LogRouting, ServiceEndpoint } from '../../src';
import {
  Acceptance,
  expectOnlyProblem,
  image,
  importedVpc,
  lazyNumber,
  lazySeconds,
  lazyString,
  PUBLIC_IMAGE,
  webServiceWithoutNat,
} from '../problems';
import { testStack } from '../util';

const BUCKET = s3.Bucket.fromBucketName(testStack(), 'Bucket', 'app-logs');
const DOMAIN = opensearch.Domain.fromDomainEndpoint(
  testStack(),
  'Domain',
  'https://search-logs-abc.us-west-2.es.amazonaws.com',
);

function service(props: Partial<HardenedFargateServiceProps>) {
  const stack = testStack();
  return new HardenedFargateService(stack, 'Service', {
    vpc: importedVpc(stack, 'Vpc'),
    image: image(PUBLIC_IMAGE),
    ...props,
  });
}

type Row = [description: string, props: Partial<HardenedFargateServiceProps>, message: string];

describe('HardenedFargateService rejects', () => {
  const rows: Row[] = [
    [
      'an agent below 6 MiB',
      { tracing: { agentMemoryLimitMiB: 4 } },
      'tracing.agentMemoryLimitMiB 4 is not allowed; allowed: an integer from 6 to 122880',
    ],
    [
      "the agent's OTLP port for the application",
      { tracing: {}, containerPort: 4316 },
      'containerPort 4316 is a port of the tracing agent (4316 OTLP over HTTP, 2000 X-Ray sampling); allowed: another port, or no tracing',
    ],
    [
      'a service name with a comma',
      { tracing: { serviceName: 'web,api' } },
      "tracing.serviceName 'web,api' is not allowed; allowed: a non-empty name without ',', '=' or white space (it goes into OTEL_RESOURCE_ATTRIBUTES)",
    ],
    [
      'an empty environment name',
      { tracing: { environmentName: '' } },
      "tracing.environmentName '' is not allowed; allowed: a non-empty name without ',', '=' or white space (it goes into OTEL_RESOURCE_ATTRIBUTES)",
    ],
    [
      'an agent and a router that leave the application too little memory',
      { tracing: { agentMemoryLimitMiB: 300 }, logRouting: LogRouting.toS3(BUCKET) },
      "the tracing agent 300 and log router (default) 128 MiB leave the application container 84 MiB of the task's memoryLimitMiB 512; allowed: at least 128 MiB left, with a larger memoryLimitMiB or less for them",
    ],
    [
      'OTEL_SERVICE_NAME in the environment with tracing',
      { tracing: {}, environment: { OTEL_SERVICE_NAME: 'api' } },
      "environment OTEL_SERVICE_NAME 'api' would hide the name the dashboard reads; allowed: tracing.serviceName instead",
    ],
    [
      'deployment.environment among the resource attributes with tracing',
      { tracing: {}, environment: { OTEL_RESOURCE_ATTRIBUTES: 'team=web,deployment.environment=prod' } },
      "environment OTEL_RESOURCE_ATTRIBUTES 'team=web,deployment.environment=prod' sets service.name or deployment.environment, which the dashboard reads; allowed: other attributes, with tracing.serviceName and tracing.environmentName for those",
    ],
    [
      'an S3 upload timeout under a minute',
      { logRouting: LogRouting.toS3(BUCKET, { uploadTimeout: Duration.seconds(30) }) },
      'logRouting.uploadTimeout 30 seconds is not allowed; allowed: whole seconds from 1 minute to 1 hour',
    ],
    [
      'an S3 key prefix with a space',
      { logRouting: LogRouting.toS3(BUCKET, { keyPrefix: 'web logs/' }) },
      "logRouting.keyPrefix 'web logs/' is not allowed; allowed: a plain key prefix such as 'logs/', without white space, '$', '%', '*' or '?' (the role may write under it only)",
    ],
    [
      'an S3 key prefix that Fluent Bit would expand',
      { logRouting: LogRouting.toS3(BUCKET, { keyPrefix: '$TAG/' }) },
      "logRouting.keyPrefix '$TAG/' is not allowed; allowed: a plain key prefix such as 'logs/', without white space, '$', '%', '*' or '?' (the role may write under it only)",
    ],
    [
      'an OpenSearch index in capitals',
      { logRouting: LogRouting.toOpenSearch(DOMAIN, { index: 'Web' }) },
      "logRouting.index 'Web' is not allowed; allowed: 1 to 255 lowercase letters, digits, '_', '-', '+' and '.', not starting with '_', '-' or '+'",
    ],
    [
      'a router below 50 MiB',
      {
        logRouting: LogRouting.toFirehose(firehose.DeliveryStream.fromDeliveryStreamName(testStack(), 'S', 'logs'), {
          routerMemoryLimitMiB: 32,
        }),
      },
      'logRouting.routerMemoryLimitMiB 32 is not allowed; allowed: an integer from 50 to 122880',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('HardenedFargateService', () => service(props), message);
  });

  test('a sidecar cannot take the name of the tracing agent or the log router', () => {
    const block = service({ tracing: {}, logRouting: LogRouting.toS3(BUCKET), memoryLimitMiB: 1024 });
    for (const name of ['cloudwatch-agent', 'log-router']) {
      expectOnlyProblem(
        `sidecar '${name}' of HardenedFargateService`,
        () => block.addSidecar(name, { image: image(PUBLIC_IMAGE) }),
        `name '${name}' is taken by another sidecar; allowed: a name of its own`,
      );
    }
  });

  test("a sidecar cannot take the agent's sampling port", () => {
    const block = service({ tracing: {} });
    expectOnlyProblem(
      "sidecar 'proxy' of HardenedFargateService",
      () => block.addSidecar('proxy', { image: image(PUBLIC_IMAGE), containerPorts: [2000] }),
      "containerPorts entry 2000 is the port of the sidecar 'cloudwatch-agent'; allowed: a port no other container of the task uses",
    );
  });
});

describe('SecureFargateWebService without NAT', () => {
  const withoutNat = webServiceWithoutNat;
  const ECR_AGENT = image('123456789012.dkr.ecr.us-west-2.amazonaws.com/cloudwatch-agent:1');

  test('tracing needs the X-Ray endpoint', () => {
    expectOnlyProblem(
      'SecureFargateWebService',
      () => withoutNat({ tracing: { agentImage: ECR_AGENT } }),
      'tracing sends traces to AWS X-Ray, which needs its endpoint when network.natGateways is none; allowed: network.endpoints with ServiceEndpoint.XRAY, or no tracing',
    );
  });

  test('the default agent image cannot be pulled without NAT', () => {
    expectOnlyProblem(
      'SecureFargateWebService',
      () => withoutNat({ tracing: {} }, [...ServiceEndpoint.forFargate(), ServiceEndpoint.XRAY]),
      "tracing.agentImage 'public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300072.0b1766' comes from a registry that VPC endpoints cannot reach, and network.natGateways is none; allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache rule for the public registry), or NatGateways.single() / perAz() / instance()",
    );
  });

  test('Firehose needs its endpoint; the default router image comes from ECR and needs none', () => {
    const stream = (s: string) => firehose.DeliveryStream.fromDeliveryStreamName(testStack(), s, 'logs');
    expectOnlyProblem(
      'SecureFargateWebService',
      () => withoutNat({ logRouting: LogRouting.toFirehose(stream('A')) }),
      'logRouting to Amazon Data Firehose needs its endpoint when network.natGateways is none; allowed: network.endpoints with ServiceEndpoint.FIREHOSE, or another destination',
    );
    const endpoints = [...ServiceEndpoint.forFargate(), ServiceEndpoint.XRAY, ServiceEndpoint.FIREHOSE];
    expect(() =>
      withoutNat({ tracing: { agentImage: ECR_AGENT }, logRouting: LogRouting.toFirehose(stream('B')) }, endpoints),
    ).not.toThrow();
  });

  test('a public router image cannot be pulled without NAT', () => {
    expectOnlyProblem(
      'SecureFargateWebService',
      () =>
        withoutNat({
          logRouting: LogRouting.toS3(BUCKET, {
            routerImage: image('public.ecr.aws/aws-observability/aws-for-fluent-bit:2'),
          }),
        }),
      "logRouting.routerImage 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2' comes from a registry that VPC endpoints cannot reach, and network.natGateways is none; allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache rule for the public registry), or NatGateways.single() / perAz() / instance()",
    );
  });
});

describe('Tokens are accepted', () => {
  const rows: Array<Acceptance<Partial<HardenedFargateServiceProps>>> = [
    ['tracing names', { tracing: { serviceName: lazyString('a,b'), environmentName: lazyString('') } }],
    ['the agent memory', { tracing: { agentMemoryLimitMiB: lazyNumber(4000) } }],
    [
      'the S3 upload timeout and key prefix',
      { logRouting: LogRouting.toS3(BUCKET, { uploadTimeout: lazySeconds(0), keyPrefix: lazyString('a b') }) },
    ],
    ['the OpenSearch index', { logRouting: LogRouting.toOpenSearch(DOMAIN, { index: lazyString('Web') }) }],
  ];
  test.each(rows)('%s', (_, props) => {
    expect(() => service(props)).not.toThrow();
  });
});
