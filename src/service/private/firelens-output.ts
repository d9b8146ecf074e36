import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PropsValidator } from '../../private/validation';

/** What a FireLens destination configures in the task: the router's Fluent Bit output, and the grant it needs. */
export interface FirelensOutput {
  /** A `LogDestination` value. */
  readonly destination: string;
  /** The awsfirelens driver's options: the Fluent Bit output plugin and its settings. */
  readonly options: (region: string) => Record<string, string>;
  /** Grants the task role what the output needs, on the destination only. */
  readonly grant: (taskRole: iam.IRole) => void;
  /** Opens the destination to the tasks' security group, where it is in the VPC. */
  readonly connect: (securityGroup: ec2.ISecurityGroup) => void;
  /** The objects the router writes per routed container and hour, for a destination that writes objects. */
  readonly objectsPerContainerHour?: number;
  /** Records the problems of the destination's settings, each prop named after `prefix`. */
  readonly check: (v: PropsValidator, prefix: string) => void;
  /** The router's settings (`LogRouterOptions`). */
  readonly router: { readonly routerImage?: ecs.ContainerImage; readonly routerMemoryLimitMiB?: number };
}
