import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * An AWS service that tasks reach through an interface VPC endpoint in the private subnets.
 */
export class ServiceEndpoint {
  /** Amazon ECR's API: image manifests and authorization. */
  public static readonly ECR_API = new ServiceEndpoint('EcrApi', ec2.InterfaceVpcEndpointAwsService.ECR);

  /** Amazon ECR's Docker registry: image pulls (layers come from S3 through the gateway endpoint). */
  public static readonly ECR_DOCKER = new ServiceEndpoint('EcrDocker', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER);

  /** CloudWatch Logs: the awslogs driver. */
  public static readonly CLOUDWATCH_LOGS = new ServiceEndpoint(
    'Logs',
    ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  );

  /** Secrets Manager: secrets injected at task start. */
  public static readonly SECRETS_MANAGER = new ServiceEndpoint(
    'SecretsManager',
    ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  );

  /** Systems Manager: Parameter Store parameters injected at task start. */
  public static readonly SSM = new ServiceEndpoint('Ssm', ec2.InterfaceVpcEndpointAwsService.SSM);

  /** Systems Manager messages: the ECS Exec agent's channel. */
  public static readonly SSM_MESSAGES = new ServiceEndpoint(
    'SsmMessages',
    ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES,
  );

  /** AWS X-Ray: the traces of a service with `tracing`. */
  public static readonly XRAY = new ServiceEndpoint('XRay', ec2.InterfaceVpcEndpointAwsService.XRAY);

  /** Amazon Data Firehose: logs routed to a delivery stream (`LogRouting.toFirehose`). */
  public static readonly FIREHOSE = new ServiceEndpoint(
    'Firehose',
    ec2.InterfaceVpcEndpointAwsService.KINESIS_FIREHOSE,
  );

  /** Amazon ECS's agent endpoint: ECS manages the Service Connect proxy through it. */
  public static readonly ECS_AGENT = new ServiceEndpoint('EcsAgent', ec2.InterfaceVpcEndpointAwsService.ECS_AGENT);

  /** Amazon ECS's telemetry endpoint, one of the three ECS endpoints AWS has you create together. */
  public static readonly ECS_TELEMETRY = new ServiceEndpoint(
    'EcsTelemetry',
    ec2.InterfaceVpcEndpointAwsService.ECS_TELEMETRY,
  );

  /** Amazon ECS's API endpoint, one of the three ECS endpoints AWS has you create together. */
  public static readonly ECS = new ServiceEndpoint('Ecs', ec2.InterfaceVpcEndpointAwsService.ECS);

  /** AWS KMS: decrypting secrets and parameters encrypted with customer managed keys. */
  public static readonly KMS = new ServiceEndpoint('Kms', ec2.InterfaceVpcEndpointAwsService.KMS);

  /** What a Fargate web service without NAT needs: ECR (API and Docker), Logs, Secrets Manager, SSM and KMS. */
  public static forFargate(): ServiceEndpoint[] {
    return [
      ServiceEndpoint.ECR_API,
      ServiceEndpoint.ECR_DOCKER,
      ServiceEndpoint.CLOUDWATCH_LOGS,
      ServiceEndpoint.SECRETS_MANAGER,
      ServiceEndpoint.SSM,
      ServiceEndpoint.KMS,
    ];
  }

  /** `forFargate()` plus SSM messages, the channel of ECS Exec. */
  public static forFargateWithEcsExec(): ServiceEndpoint[] {
    return [...ServiceEndpoint.forFargate(), ServiceEndpoint.SSM_MESSAGES];
  }

  /** The three ECS endpoints (agent, telemetry, API), through which ECS manages the Service Connect proxy. */
  public static forServiceConnect(): ServiceEndpoint[] {
    return [ServiceEndpoint.ECS_AGENT, ServiceEndpoint.ECS_TELEMETRY, ServiceEndpoint.ECS];
  }

  /**
   * Any other interface endpoint service, for example `ec2.InterfaceVpcEndpointAwsService.STS`.
   * @param id the endpoint's construct id: stable, unique among the endpoints (for example `Sts`)
   */
  public static of(id: string, service: ec2.IInterfaceVpcEndpointService): ServiceEndpoint {
    return new ServiceEndpoint(id, service);
  }

  private constructor(
    /** The construct id of the endpoint, stable across releases. */
    public readonly id: string,
    /** The service. */
    public readonly service: ec2.IInterfaceVpcEndpointService,
  ) {}
}
