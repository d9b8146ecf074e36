import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { publicSubnetsOf } from '../private/subnets';
import { isKnown, PropsValidator } from '../private/validation';

/**
 * Props for `HttpsLoadBalancer`.
 */
export interface HttpsLoadBalancerProps {
  /** The VPC; the load balancer goes into its public subnets. */
  readonly vpc: ec2.IVpc;

  /** The certificate the HTTPS listener presents. */
  readonly certificate: acm.ICertificate;

  /**
   * The port the targets listen on.
   * @default 3000
   */
  readonly targetPort?: number;

  /**
   * The path the target group's health check requests.
   * @default '/health'
   */
  readonly healthCheckPath?: string;

  /**
   * Host names the service's listener rule matches. With none, the rule matches every path.
   * @default - every request
   */
  readonly hostHeaders?: string[];

  /**
   * The TLS policy of the HTTPS listener.
   * @default elbv2.SslPolicy.RECOMMENDED_TLS (ELBSecurityPolicy-TLS13-1-2-2021-06: TLS 1.3 and 1.2)
   */
  readonly sslPolicy?: elbv2.SslPolicy;
}

/** The listener rule priority of the service's rule. */
const SERVICE_RULE_PRIORITY = 100;

/**
 * An internet-facing Application Load Balancer that serves only HTTPS: port 80 answers with a
 * permanent redirect to 443, port 443 terminates TLS 1.2/1.3 and routes through a listener rule to
 * an IP target group with the spec's health check; anything no rule matches gets a fixed 404.
 */
export class HttpsLoadBalancer extends Construct {
  /** The load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  /** The load balancer's security group. */
  public readonly securityGroup: ec2.SecurityGroup;

  /** The HTTPS listener on port 443. */
  public readonly httpsListener: elbv2.ApplicationListener;

  /** The HTTP listener on port 80, which only redirects to HTTPS. */
  public readonly httpListener: elbv2.ApplicationListener;

  /** The target group the service registers its tasks in. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;

  /** The HTTPS listener's rule that forwards to the target group. */
  public readonly listenerRule: elbv2.ApplicationListenerRule;

  constructor(scope: Construct, id: string, props: HttpsLoadBalancerProps) {
    super(scope, id);
    const targetPort = props.targetPort ?? 3000;
    const healthCheckPath = props.healthCheckPath ?? '/health';
    const v = new PropsValidator('HttpsLoadBalancer');
    checkHttpsLoadBalancerProps(v, props);
    const vpcSubnets = publicSubnetsOf(v, 'vpc', props.vpc);
    v.throwIfAny();

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Load balancer: HTTP and HTTPS in, only the service port out',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    this.securityGroup.addIngressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(80),
      'HTTP from the internet, redirected to HTTPS',
    );

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets,
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      http2Enabled: true,
      desyncMitigationMode: elbv2.DesyncMitigationMode.DEFENSIVE,
    });

    this.httpListener = this.loadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });

    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      open: false,
      certificates: [props.certificate],
      sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not Found' }),
    });

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc: props.vpc,
      targetType: elbv2.TargetType.IP,
      protocol: elbv2.ApplicationProtocol.HTTP,
      port: targetPort,
      healthCheck: {
        path: healthCheckPath,
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });

    const hostHeaders = props.hostHeaders ?? [];
    this.listenerRule = new elbv2.ApplicationListenerRule(this, 'ServiceRule', {
      listener: this.httpsListener,
      priority: SERVICE_RULE_PRIORITY,
      conditions:
        hostHeaders.length > 0
          ? [elbv2.ListenerCondition.hostHeaders(hostHeaders)]
          : [elbv2.ListenerCondition.pathPatterns(['/*'])],
      action: elbv2.ListenerAction.forward([this.targetGroup]),
    });
  }
}

/** Records the problems of the target port and health check (the VPC's subnets are checked on use). */
export function checkHttpsLoadBalancerProps(
  v: PropsValidator,
  props: Pick<HttpsLoadBalancerProps, 'targetPort' | 'healthCheckPath'>,
): void {
  v.integerInRange('targetPort', props.targetPort, 1, 65535);
  const path = props.healthCheckPath;
  if (isKnown(path) && !path.startsWith('/')) {
    v.fail(`healthCheckPath '${path}' does not start with '/'; allowed: an absolute path such as '/health'`);
  }
}
