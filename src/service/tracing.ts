import * as ecs from 'aws-cdk-lib/aws-ecs';

/**
 * OpenTelemetry tracing of a service (`tracing`): the CloudWatch agent runs next to the application as a
 * sidecar and receives its OTLP traces and Application Signals metrics on localhost, and the application
 * container gets the `OTEL_*` environment, so that an application instrumented with an AWS Distro for
 * OpenTelemetry (ADOT) SDK exports without code changes (the `xray` sampler and the Application Signals variables
 * are ADOT's). Traces go to AWS X-Ray, sampled by the account's X-Ray sampling rules; latency, errors and faults
 * per operation go to CloudWatch as Application Signals metrics.
 */
export interface TracingOptions {
  /**
   * The service's name in traces and Application Signals (`service.name`).
   * @default - the construct's stack-scoped name, such as `Prod-Web`
   */
  readonly serviceName?: string;

  /**
   * The environment the service is reported in (`deployment.environment`), the `Environment` dimension of its
   * Application Signals metrics.
   * @default - `ecs:<cluster name>`, as Application Signals names an ECS environment
   */
  readonly environmentName?: string;

  /**
   * The CloudWatch agent's image. Without NAT, mirror it into Amazon ECR in the stack's Region (for example
   * through an ECR pull-through cache rule for ECR Public) and give that image.
   * @default - `public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300072.0b1766`
   */
  readonly agentImage?: ecs.ContainerImage;

  /**
   * The agent's memory in MiB, a hard limit taken from the task's.
   * @default 128
   */
  readonly agentMemoryLimitMiB?: number;
}

/** The names a traced service reports under: its Application Signals metrics' `Service` and `Environment`. */
export interface TracedService {
  /** The service's name (`service.name`). */
  readonly serviceName: string;

  /** The environment's name (`deployment.environment`). */
  readonly environmentName: string;
}
