import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledge, resourceFinding } from '../private/acknowledge';
import { isKnown, knownSeconds, PropsValidator, quoted } from '../private/validation';
import { FirelensOutput } from './private/firelens-output';

/** Where a service's container logs go, as the cost estimate prices it. */
export enum LogDestination {
  /** CloudWatch Logs, through the awslogs driver. */
  CLOUDWATCH_LOGS = 'CloudWatch Logs',
  /** An Amazon S3 bucket, through FireLens. */
  S3 = 'Amazon S3',
  /** An Amazon Data Firehose delivery stream, through FireLens. */
  FIREHOSE = 'Amazon Data Firehose',
  /** An Amazon OpenSearch Service domain, through FireLens. */
  OPENSEARCH = 'Amazon OpenSearch Service',
}

/** The settings of the FireLens log router, for every destination but CloudWatch Logs. */
export interface LogRouterOptions {
  /**
   * The Fluent Bit image of the router.
   * @default - AWS for Fluent Bit's stable release in this Region's Amazon ECR, looked up at deployment from the SSM parameter /aws/service/aws-for-fluent-bit/stable
   */
  readonly routerImage?: ecs.ContainerImage;

  /**
   * The router's memory in MiB, a hard limit taken from the task's.
   * @default 128
   */
  readonly routerMemoryLimitMiB?: number;
}

/** The settings of log routing to Amazon S3. */
export interface S3LogRoutingOptions extends LogRouterOptions {
  /**
   * The key prefix of the log objects; Fluent Bit adds the date and a unique suffix.
   * @default 'logs/'
   */
  readonly keyPrefix?: string;

  /**
   * How long the router buffers logs before it writes an object (1 minute to 1 hour): longer writes fewer,
   * larger objects, and loses more when a task stops abruptly.
   * @default Duration.minutes(5)
   */
  readonly uploadTimeout?: Duration;
}

/** The settings of log routing to Amazon OpenSearch Service. */
export interface OpenSearchLogRoutingOptions extends LogRouterOptions {
  /** The index the logs are written to (lowercase, no spaces, not starting with '_', '-' or '+'). */
  readonly index: string;
}

/**
 * Where a service's container logs go: CloudWatch Logs (the awslogs driver, the default), or through FireLens,
 * a Fluent Bit log router next to the application, to Amazon S3, Amazon Data Firehose or Amazon OpenSearch
 * Service. The router's own logs go to the service's log group in CloudWatch Logs; the task role may write to
 * the destination only.
 */
export class LogRouting {
  /** Every container writes to the service's log group through the awslogs driver (the default). */
  public static cloudWatchLogs(): LogRouting {
    return new LogRouting(undefined);
  }

  /**
   * The containers' logs go to an S3 bucket as objects of newline-delimited JSON, compressed with gzip.
   * The task role may put objects under the key prefix (and encrypt with the bucket's KMS key) and nothing else.
   */
  public static toS3(bucket: s3.IBucket, options: S3LogRoutingOptions = {}): LogRouting {
    const timeout = options.uploadTimeout ?? Duration.minutes(5);
    const prefix = (options.keyPrefix ?? 'logs/').replace(/^\/+/, '');
    const seconds = knownSeconds(timeout);
    return new LogRouting({
      destination: LogDestination.S3,
      router: options,
      options: (region) => ({
        Name: 's3',
        region,
        bucket: bucket.bucketName,
        s3_key_format: `/${prefix}%Y/%m/%d/%H/$UUID.gz`,
        compression: 'gzip',
        // One PutObject per file: a task that stops abruptly leaves no incomplete multipart upload behind.
        use_put_object: 'On',
        total_file_size: '10M',
        upload_timeout: `${timeout.toSeconds({ integral: false })}s`,
        // Buffered on the router's writable root filesystem (the task's ephemeral storage) until uploaded.
        store_dir: '/tmp/fluent-bit/s3',
      }),
      grant: (role) => {
        const objects = `${bucket.bucketArn}/${prefix}*`;
        role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [objects] }));
        bucket.encryptionKey?.grant(role, 'kms:GenerateDataKey');
        // A bucket of another stack reaches this one as an export, whose name only synthesis knows: its finding
        // is the user's to acknowledge.
        if (Stack.of(bucket) !== Stack.of(role)) {
          Annotations.of(role).addWarningV2(
            'secure-fargate:log-bucket-in-another-stack',
            `The task role may put log objects under ${prefix}* in a bucket of another stack: acknowledge cdk-nag's AwsSolutions-IAM5 finding for that resource yourself, if you run cdk-nag`,
          );
          return;
        }
        acknowledge(
          role,
          'AwsSolutions-IAM5',
          'Fluent Bit names each log object by the hour and a random id at upload: the role may put objects under the key prefix only, and read or delete none.',
          [resourceFinding(role, objects)],
        );
      },
      connect: () => undefined,
      objectsPerContainerHour: seconds !== undefined && seconds > 0 ? 3600 / seconds : undefined,
      check: (v, p) => {
        if (seconds !== undefined && (seconds < 60 || seconds > 3600 || !Number.isInteger(seconds))) {
          v.fail(
            `${p}uploadTimeout ${timeout.toHumanString()} is not allowed; allowed: whole seconds from 1 minute to 1 hour`,
          );
        }
        if (options.keyPrefix !== undefined && isKnown(options.keyPrefix) && /[\s$%*?]/.test(options.keyPrefix)) {
          v.fail(
            `${p}keyPrefix ${quoted(options.keyPrefix)} is not allowed; allowed: a plain key prefix such as 'logs/', without white space, '$', '%', '*' or '?' (the role may write under it only)`,
          );
        }
      },
    });
  }

  /**
   * The containers' logs go to an Amazon Data Firehose delivery stream (which delivers them on to S3,
   * OpenSearch, Splunk or an HTTP endpoint). The task role may put records into that stream only.
   */
  public static toFirehose(deliveryStream: firehose.IDeliveryStream, options: LogRouterOptions = {}): LogRouting {
    return new LogRouting({
      destination: LogDestination.FIREHOSE,
      router: options,
      options: (region) => ({ Name: 'kinesis_firehose', region, delivery_stream: deliveryStream.deliveryStreamName }),
      grant: (role) => deliveryStream.grantPutRecords(role),
      connect: () => undefined,
      check: () => undefined,
    });
  }

  /**
   * The containers' logs go to an index of an Amazon OpenSearch Service domain, signed with the task role
   * (the domain's access policy or fine-grained access control must admit that role, to write to the index). The
   * task role may post to the domain's bulk API only. A domain in the VPC, created in this app, admits HTTPS from the
   * tasks; a public domain needs NAT.
   */
  public static toOpenSearch(domain: opensearch.IDomain, options: OpenSearchLogRoutingOptions): LogRouting {
    return new LogRouting({
      destination: LogDestination.OPENSEARCH,
      router: options,
      options: (region) => ({
        Name: 'opensearch',
        Host: domain.domainEndpoint,
        Port: '443',
        Index: options.index,
        AWS_Auth: 'On',
        AWS_Region: region,
        tls: 'On',
        // OpenSearch 2 and later refuse a type name in bulk requests; Elasticsearch 6 domains need one.
        Suppress_Type_Name: 'On',
      }),
      grant: (role) => {
        // Fluent Bit posts every batch to the bulk API, naming the index in each action.
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({ actions: ['es:ESHttpPost'], resources: [`${domain.domainArn}/_bulk`] }),
        );
      },
      connect: (securityGroup) => {
        const connections = vpcConnectionsOf(domain);
        // The rule goes into the service's stack, which refers to the domain's (not the other way round).
        if (connections) {
          new ec2.Connections({ securityGroups: [securityGroup] }).allowTo(
            { connections },
            ec2.Port.tcp(443),
            'HTTPS from the log router to the OpenSearch domain',
          );
        }
      },
      check: (v, prefix) => {
        const index = options.index;
        if (isKnown(index) && !/^(?![_+-])[a-z0-9_+.-]{1,255}$/.test(index)) {
          v.fail(
            `${prefix}index ${quoted(index)} is not allowed; allowed: 1 to 255 lowercase letters, digits, '_', '-', '+' and '.', not starting with '_', '-' or '+'`,
          );
        }
      },
    });
  }

  /** Where the logs go. */
  public readonly destination: LogDestination;

  private constructor(private readonly output: FirelensOutput | undefined) {
    this.destination = (output?.destination as LogDestination | undefined) ?? LogDestination.CLOUDWATCH_LOGS;
  }

  /**
   * Records the problems of the destination's and the router's settings.
   * @internal
   */
  public _checkProps(v: PropsValidator, prefix: string): void {
    if (!this.output) return;
    this.output.check(v, prefix);
    v.integerInRange(`${prefix}routerMemoryLimitMiB`, this.output.router.routerMemoryLimitMiB, 50, 122880);
  }

  /**
   * The router's settings and the FireLens output, when the logs go through FireLens.
   * @internal
   */
  public get _firelens(): FirelensOutput | undefined {
    return this.output;
  }
}

/** The connections of a domain in a VPC, created in this app; undefined for a public or an imported domain. */
function vpcConnectionsOf(domain: opensearch.IDomain): ec2.Connections | undefined {
  if (!(domain instanceof opensearch.Domain)) return undefined;
  try {
    return domain.connections;
  } catch {
    return undefined; // aws-cdk-lib throws for a domain outside any VPC
  }
}
