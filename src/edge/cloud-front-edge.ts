import { Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { AccessLogBucket } from './access-log-bucket';
import { HttpsLoadBalancerOptions } from './https-load-balancer';
import { acknowledge } from '../private/acknowledge';
import { checkWebAclArn } from './private/web-acl';
import { escaped, isKnown, PropsValidator, quoted } from '../private/validation';

/**
 * The settings of a CloudFront distribution in front of a load balancer: its viewer certificate, its web ACL
 * and where it serves from. `SecureFargateWebService` takes them as `cloudFront`, whose presence puts the
 * service behind CloudFront.
 */
export interface CloudFrontOptions {
  /**
   * The viewer certificate for `domainNames`; CloudFront requires it to be in us-east-1.
   * @default - CloudFront's default certificate for the `*.cloudfront.net` name
   */
  readonly certificate?: acm.ICertificate;

  /**
   * The ARN of a web ACL with CLOUDFRONT scope (created in us-east-1) to associate, for example a
   * `WebApplicationFirewall` with `webAclScope: FirewallScope.CLOUDFRONT`. Only it sees the viewers' addresses: the
   * load balancer behind the VPC origin sees CloudFront's, so rate limits per client and IP reputation belong here.
   * @default - none at the distribution
   */
  readonly webAclArn?: string;

  /**
   * Which edge locations serve the distribution.
   * @default cloudfront.PriceClass.PRICE_CLASS_ALL
   */
  readonly priceClass?: cloudfront.PriceClass;
}

/**
 * Props for `CloudFrontEdge`.
 */
export interface CloudFrontEdgeProps extends CloudFrontOptions {
  /** The VPC of the load balancer. */
  readonly vpc: ec2.IVpc;

  /** The internal load balancer CloudFront reaches through a VPC origin. */
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;

  /** The load balancer's security group: it gets ingress from the VPC origin, and from nothing else. */
  readonly loadBalancerSecurityGroup: ec2.ISecurityGroup;

  /**
   * The name CloudFront uses to reach the load balancer over HTTPS; the load balancer's certificate
   * must cover it. Without it, CloudFront reaches the load balancer over HTTP inside the VPC.
   * @default - HTTP to the load balancer on port 80
   */
  readonly originDomainName?: string;

  /**
   * The names viewers use, for example `app.example.com`; needs `certificate`.
   * @default - the distribution's own `*.cloudfront.net` name
   */
  readonly domainNames?: string[];
}

/** The group AWS creates in the VPC for a CloudFront VPC origin; CloudFormation does not return its id. */
const VPC_ORIGIN_SECURITY_GROUP = 'CloudFront-VPCOrigins-Service-SG';

/**
 * CloudFront in front of an internal load balancer, through a CloudFront VPC origin: the load balancer
 * has no internet ingress at all, and its security group admits only the VPC origin's security group.
 * Viewers use HTTPS only (TLS 1.2 minimum with a certificate of yours); caching is off, as for a dynamic
 * web service; access logs go to an `AccessLogBucket`.
 *
 * @example
 * declare const vpc: ec2.IVpc;
 *
 * const edge = new sfws.HttpsLoadBalancer(this, 'LoadBalancer', { vpc, internetFacing: false });
 * new sfws.CloudFrontEdge(this, 'CloudFront', {
 *   vpc,
 *   loadBalancer: edge.loadBalancer,
 *   loadBalancerSecurityGroup: edge.securityGroup,
 * });
 */
export class CloudFrontEdge extends Construct {
  /**
   * Records the problems of the CloudFront props.
   * @param prefix prepended to prop names, as the enclosing construct calls them (for example `cloudFront.`)
   * @param domainNamesProp the name of the domain names' prop, as the enclosing construct calls it
   * @internal
   */
  public static _checkProps(
    v: PropsValidator,
    props: CloudFrontOptions & { readonly domainNames?: string[] },
    prefix = '',
    domainNamesProp = 'domainNames',
  ): void {
    const certificateProp = `${prefix}certificate`;
    if (props.domainNames?.length && !props.certificate) {
      v.fail(
        `${domainNamesProp} [${props.domainNames.map(escaped).join(', ')}] ${props.domainNames.length > 1 ? 'have' : 'has'} no viewer certificate; allowed: ${certificateProp}, a certificate in us-east-1 that covers ${props.domainNames.length > 1 ? 'them' : 'it'}`,
      );
    } else if (!props.domainNames?.length && props.certificate) {
      v.fail(
        `${certificateProp} is for ${domainNamesProp}, and none was given; allowed: ${domainNamesProp} with it, or no ${certificateProp}`,
      );
    }
    const arn = props.certificate?.certificateArn;
    if (isKnown(arn)) {
      const region = arn.split(':')[3];
      if (region && region !== 'us-east-1') {
        v.fail(
          `${certificateProp} ${quoted(arn)} is in ${escaped(region)}; allowed: a certificate in us-east-1 (CloudFront requires it)`,
        );
      }
    }
    checkWebAclArn(v, `${prefix}webAclArn`, props.webAclArn, 'CLOUDFRONT');
  }

  /**
   * Records the settings that a load balancer behind a VPC origin cannot have: it is internal, reached over
   * IPv4 and only from the VPC origin, and faces no clients of its own.
   * @param prefix prepended to the load balancer's prop names, as the enclosing construct calls them
   * @internal
   */
  public static _checkOrigin(v: PropsValidator, origin: HttpsLoadBalancerOptions, prefix = ''): void {
    const cidrs = origin.allowedIngressCidrs;
    const misfits: Array<[boolean, string]> = [
      [origin.internetFacing === true, 'internetFacing true; allowed: an internal load balancer (leave it out)'],
      [
        cidrs !== undefined,
        `allowedIngressCidrs [${(cidrs ?? []).map(escaped).join(', ')}]; allowed: leave it out, the VPC origin is the only ingress`,
      ],
      [
        origin.dualStack === true,
        'dualStack true; allowed: leave it out (CloudFront serves IPv6; its VPC origin reaches the load balancer over IPv4)',
      ],
      [
        origin.testListenerPort !== undefined,
        `testListenerPort ${origin.testListenerPort}; allowed: leave it out (it needs a load balancer that faces the clients)`,
      ],
    ];
    for (const [misfit, message] of misfits) if (misfit) v.fail(`with cloudFront, ${prefix}${message}`);
  }

  /** The distribution. */
  public readonly distribution: cloudfront.Distribution;

  /** The VPC origin. */
  public readonly vpcOrigin: cloudfront.VpcOrigin;

  /** The security group AWS created for the VPC origin, looked up at deploy time. */
  public readonly vpcOriginSecurityGroup: ec2.ISecurityGroup;

  /** The bucket of the distribution's access logs. */
  public readonly accessLogBucket: AccessLogBucket;

  constructor(scope: Construct, id: string, props: CloudFrontEdgeProps) {
    super(scope, id);
    const v = new PropsValidator('CloudFrontEdge');
    CloudFrontEdge._checkProps(v, props);
    v.throwIfAny();

    const https = props.originDomainName !== undefined;
    this.vpcOrigin = new cloudfront.VpcOrigin(this, 'VpcOrigin', {
      endpoint: cloudfront.VpcOriginEndpoint.applicationLoadBalancer(props.loadBalancer),
      protocolPolicy: https ? cloudfront.OriginProtocolPolicy.HTTPS_ONLY : cloudfront.OriginProtocolPolicy.HTTP_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      httpPort: 80,
      httpsPort: 443,
    });

    this.accessLogBucket = new AccessLogBucket(this, 'AccessLogs', {
      // CloudFront standard logging writes with object ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Secure Fargate web service',
      defaultBehavior: {
        origin: origins.VpcOrigin.withVpcOrigin(this.vpcOrigin, {
          domainName: props.originDomainName,
          readTimeout: Duration.seconds(30),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: true,
      },
      domainNames: props.domainNames,
      certificate: props.certificate,
      // Only with a certificate of yours: the default certificate's protocol is fixed (TLS 1.0 and up).
      minimumProtocolVersion: props.certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: this.accessLogBucket.bucket,
      logFilePrefix: 'cloudfront',
      webAclId: props.webAclArn,
    });

    // The VPC origin's security group exists once the VPC origin does; CloudFormation does not return
    // its id, so it is read with one describe call at deploy time.
    const lookup = new cr.AwsCustomResource(this, 'VpcOriginSecurityGroupLookup', {
      onUpdate: {
        service: 'EC2',
        action: 'describeSecurityGroups',
        parameters: {
          Filters: [
            { Name: 'vpc-id', Values: [props.vpc.vpcId] },
            { Name: 'group-name', Values: [VPC_ORIGIN_SECURITY_GROUP] },
          ],
        },
        // Tied to the VPC origin: a replaced origin reads its new group again.
        physicalResourceId: cr.PhysicalResourceId.of(`${VPC_ORIGIN_SECURITY_GROUP}-${this.vpcOrigin.vpcOriginId}`),
        outputPaths: ['SecurityGroups.0.GroupId'],
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    // AWS creates the group with the VPC origin, and it may appear only once the distribution is deployed.
    lookup.node.addDependency(this.vpcOrigin, this.distribution);
    this.vpcOriginSecurityGroup = ec2.SecurityGroup.fromSecurityGroupId(
      this,
      'VpcOriginSecurityGroup',
      lookup.getResponseField('SecurityGroups.0.GroupId'),
      { mutable: false },
    );
    props.loadBalancerSecurityGroup.addIngressRule(
      this.vpcOriginSecurityGroup,
      ec2.Port.tcp(https ? 443 : 80),
      'From the CloudFront VPC origin only',
    );

    this.acknowledgeFindings(props, lookup);
  }

  private acknowledgeFindings(props: CloudFrontEdgeProps, lookup: cr.AwsCustomResource): void {
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'A public web service serves every country; add a geo restriction through the distribution if yours must not.',
    );
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'AWS WAF is off by configuration (no webAclArn), as for a development environment; with AWS WAF on, SecureFargateWebService gives the distribution a CLOUDFRONT-scope web ACL, and this block takes one as webAclArn.',
      );
    }
    if (!props.certificate) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        "CloudFront's default *.cloudfront.net certificate cannot set a minimum protocol; give certificate and domainNames for TLS 1.2 (TLSv1.2_2021).",
      );
    }
    acknowledgeLookupFunction(this, lookup);
  }
}

/** The AwsCustomResource's singleton function, at the stack's root: acknowledged where it is created. */
function acknowledgeLookupFunction(scope: IConstruct, lookup: cr.AwsCustomResource): void {
  const policy = lookup.node.findChild('CustomResourcePolicy');
  acknowledge(
    policy,
    'AwsSolutions-IAM5',
    'ec2:DescribeSecurityGroups has no resource-level permissions; the call is read-only.',
    ['Resource::*'],
  );
  for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
    acknowledge(
      policy,
      `${pack}-IAMNoInlinePolicy`,
      "aws-cdk-lib's AwsCustomResource writes its one read-only permission (ec2:DescribeSecurityGroups) as an inline policy.",
    );
  }
  const provider = Stack.of(scope).node.findChild('AWS679f53fac002430cb0da5b7982bd2287');
  const reason =
    "aws-cdk-lib's AwsCustomResource provider, one per stack and shared by every AwsCustomResource in it: a deploy-time SDK caller managed by aws-cdk-lib, added here to read the CloudFront VPC origin's security group id, which CloudFormation does not return.";
  for (const rule of [
    'AwsSolutions-L1',
    'NIST.800.53.R5-LambdaConcurrency',
    'NIST.800.53.R5-LambdaDLQ',
    'NIST.800.53.R5-LambdaInsideVPC',
    'HIPAA.Security-LambdaConcurrency',
    'HIPAA.Security-LambdaDLQ',
    'HIPAA.Security-LambdaInsideVPC',
    'PCI.DSS.321-LambdaInsideVPC',
  ]) {
    acknowledge(provider, rule, reason);
  }
  const logGroup = provider.node.tryFindChild('LogGroup');
  if (logGroup) {
    // Present when the app's feature flags give the provider a log group of its own.
    for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
      acknowledge(
        logGroup,
        `${pack}-CloudWatchLogGroupEncrypted`,
        "The provider's log holds only the outcome of one describe call, no service data.",
      );
    }
  }
  acknowledge(provider, 'AwsSolutions-IAM4', reason, [
    'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  ]);
}
