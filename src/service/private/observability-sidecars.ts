import { Aws } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { acknowledge } from '../../private/acknowledge';

/** The CloudWatch agent release the tracing sidecar runs unless `TracingOptions.agentImage` says otherwise. */
export const CLOUDWATCH_AGENT_IMAGE = 'public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300072.0b1766';

/** The container names the library's own sidecars take. */
export const TRACING_AGENT_NAME = 'cloudwatch-agent';
export const LOG_ROUTER_NAME = 'log-router';

/** A library sidecar's memory unless its options say otherwise (MiB). */
export const OWN_SIDECAR_MEMORY_MIB = 128;

/** Where the agent receives OTLP over HTTP (traces and Application Signals metrics), and X-Ray sampling. */
const OTLP_HTTP_PORT = 4316;
const SAMPLING_PORT = 2000;
export const TRACING_AGENT_PORTS = [OTLP_HTTP_PORT, SAMPLING_PORT];

/** The agent's configuration: Application Signals traces and metrics, nothing else. */
export const TRACING_AGENT_CONFIGURATION = JSON.stringify({
  traces: { traces_collected: { application_signals: {} } },
  logs: { metrics_collected: { application_signals: {} } },
});

/** The log group the agent writes Application Signals metrics to, as embedded metric format. */
const APPLICATION_SIGNALS_LOG_GROUP = '/aws/application-signals/data';

/**
 * The standard OpenTelemetry environment of an application exporting to the agent on localhost: OTLP over HTTP,
 * Application Signals on, X-Ray sampling rules through the agent, W3C and X-Ray propagation, no OTLP metrics or
 * logs (Application Signals makes the metrics; logs go through the log driver).
 */
export function tracingEnvironment(serviceName: string, environmentName: string): Record<string, string> {
  const local = `http://localhost:${OTLP_HTTP_PORT}`;
  return {
    OTEL_SERVICE_NAME: serviceName,
    OTEL_RESOURCE_ATTRIBUTES: `service.name=${serviceName},deployment.environment=${environmentName}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${local}/v1/traces`,
    OTEL_AWS_APPLICATION_SIGNALS_ENABLED: 'true',
    OTEL_AWS_APPLICATION_SIGNALS_EXPORTER_ENDPOINT: `${local}/v1/metrics`,
    OTEL_TRACES_SAMPLER: 'xray',
    OTEL_TRACES_SAMPLER_ARG: `endpoint=http://localhost:${SAMPLING_PORT}`,
    OTEL_PROPAGATORS: 'tracecontext,baggage,xray',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
  };
}

/**
 * Grants the task role what the CloudWatch agent needs for Application Signals, instead of the broad
 * CloudWatchAgentServerPolicy: X-Ray's trace and sampling actions, and writing to the Application Signals log
 * group only.
 */
export function grantTracing(role: iam.IRole): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'TracesToXRay',
      actions: [
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
        'xray:GetSamplingStatisticSummaries',
      ],
      resources: ['*'],
    }),
  );
  const logGroup = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${APPLICATION_SIGNALS_LOG_GROUP}`;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ApplicationSignalsMetrics',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      resources: [logGroup, `${logGroup}:*`],
    }),
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5',
    "X-Ray's PutTraceSegments, PutTelemetryRecords and sampling actions have no resource-level permissions; the Application Signals statement names its one log group, whose streams the agent creates (log-group:/aws/application-signals/data:*).",
    [
      'Resource::*',
      `Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${APPLICATION_SIGNALS_LOG_GROUP}:*`,
    ],
  );
}

/** AWS for Fluent Bit's repository: the same name in every Region, in an AWS account that varies by Region. */
const FLUENT_BIT_REPOSITORY = 'aws-for-fluent-bit';

/**
 * AWS for Fluent Bit's stable release in this Region's Amazon ECR, as the SSM public parameter names it at
 * deployment (so that tasks pull it through the ECR endpoints, without NAT), with the execution role allowed to
 * pull that repository only.
 */
export function fluentBitImage(scope: Construct, executionRole: iam.IRole): ecs.ContainerImage {
  executionRole.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
  );
  executionRole.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: [`arn:${Aws.PARTITION}:ecr:${Aws.REGION}:*:repository/${FLUENT_BIT_REPOSITORY}`],
    }),
  );
  acknowledge(
    executionRole,
    'AwsSolutions-IAM5',
    "AWS for Fluent Bit's repository has the same name in every Region, in an AWS account that differs by Region; the pull is limited to that repository name in this Region.",
    [`Resource::arn:<AWS::Partition>:ecr:<AWS::Region>:*:repository/${FLUENT_BIT_REPOSITORY}`],
  );
  return ecs.ContainerImage.fromRegistry(
    ssm.StringParameter.valueForStringParameter(scope, `/aws/service/${FLUENT_BIT_REPOSITORY}/stable`),
  );
}
