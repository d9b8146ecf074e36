import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { CloudFrontEdge } from './edge/cloud-front-edge';
import { Firewall } from './edge/firewall';
import { HttpsLoadBalancer, HttpsLoadBalancerOptions } from './edge/https-load-balancer';
import { ServiceDomain } from './edge/service-domain';
import { ServiceRoute, ServiceRouteOptions } from './edge/service-route';
import { EnvironmentServiceProps, IWebServiceEnvironment } from './environment/environment-service';
import { checkPropsFitPlacement, claimAudit } from './environment/private/owned-props';
import { WebServiceNetwork } from './network/web-service-network';
import { AccountAudit } from './observability/account-audit';
import { AlertTopics } from './observability/alert-topics';
import { ServiceAlarms } from './observability/service-alarms';
import { PropsValidator } from './private/validation';
import { ServiceAutoScaling } from './scaling/service-auto-scaling';
import { SecureFargateWebServiceProps } from './secure-fargate-web-service-props';
import { HardenedFargateService } from './service/hardened-fargate-service';
import { LogDestination } from './service/log-routing';
import { checkImageReachable } from './service/private/image-reachability';
import { CLOUDWATCH_AGENT_IMAGE } from './service/private/observability-sidecars';

/**
 * Checks the props of this construct and of every block it will build on one validator, so that a user sees
 * all problems at once. The blocks check their own props; the rules between blocks are here.
 */
export function checkWebServiceProps(
  scope: Construct,
  props: SecureFargateWebServiceProps,
  environment: IWebServiceEnvironment | undefined,
  route: ServiceRouteOptions | HttpsLoadBalancerOptions | undefined,
  firewall: Firewall,
): void {
  const v = new PropsValidator('SecureFargateWebService');
  const { domainName, cloudFront } = props;
  checkPropsFitPlacement(v, props, environment !== undefined);
  const lb: HttpsLoadBalancerOptions = environment ? {} : (props.httpsLoadBalancer ?? {});
  const region = Stack.of(scope).region;
  if (!props.certificate && domainName === undefined && !cloudFront && !environment) {
    v.fail(
      'HTTPS needs a certificate; allowed: domainName with hostedZone (a certificate is created), certificate, or cloudFront',
    );
  }
  if (cloudFront && !environment) {
    if (domainName === undefined && props.certificate) {
      v.fail(
        'with cloudFront, certificate is for the load balancer of domainName, and no domainName was given; allowed: domainName with hostedZone, or no certificate',
      );
    }
    const domainNames = domainName !== undefined ? [domainName] : undefined;
    CloudFrontEdge._checkProps(v, { ...cloudFront, domainNames }, 'cloudFront.', 'domainName');
    CloudFrontEdge._checkOrigin(v, lb, 'httpsLoadBalancer.');
    firewall._checkBehindCloudFront(v, 'firewall', 'cloudFront.webAclArn', cloudFront.webAclArn, region);
  }
  ServiceDomain._checkOptional(v, props);
  if (domainName === undefined && (props.subjectAlternativeNames || props.domainHealthCheck !== undefined)) {
    v.fail(
      'subjectAlternativeNames and domainHealthCheck need domainName with hostedZone; allowed: give those, or neither',
    );
  }
  const names = props.subjectAlternativeNames?.length ?? 0;
  if (names > 2) {
    v.fail(
      `subjectAlternativeNames has ${names} names; allowed: up to 2 (the listener rule routes domainName and these, and a rule condition holds 3 host names)`,
    );
  }
  if (!environment) firewall._checkProps(v, 'firewall');

  if (!environment) {
    // Only an internet-facing load balancer goes into public subnets; an internal one shares the tasks'.
    const publicSubnets = !cloudFront && lb.internetFacing !== false;
    const uses = {
      publicSubnets,
      dualStack: lb.dualStack,
      ecsExec: props.ecsExec,
      tracing: props.tracing !== undefined,
      firehose: props.logRouting?.destination === LogDestination.FIREHOSE,
    };
    WebServiceNetwork._checkChoice(v, scope, props.vpc, props.network, uses);
  }
  HardenedFargateService._checkProps(v, props);
  const withoutInternet = environment ? undefined : WebServiceNetwork._withoutInternet(props.vpc, props.network);
  const internal = cloudFront !== undefined || lb.internetFacing === false;
  if (lb.authentication && cloudFront && domainName === undefined) {
    v.fail(
      'httpsLoadBalancer.authentication needs an HTTPS listener, and behind CloudFront without domainName the load balancer serves plain HTTP to CloudFront; allowed: domainName with hostedZone, or no authentication',
    );
  }
  if (lb.authentication && internal && withoutInternet !== undefined) {
    v.fail(
      `httpsLoadBalancer.authentication needs the load balancer to reach the identity provider, and the internal load balancer has no way out (${withoutInternet}); allowed: NatGateways.single() / perAz() / instance(), an internet-facing load balancer, or no authentication`,
    );
  }
  if (environment) checkEnvironmentSignIn(v, environment, route as ServiceRouteOptions | undefined);
  checkImageReachable(v, props.image, region, withoutInternet);
  if (props.tracing) {
    const agentImage = props.tracing.agentImage ?? ecs.ContainerImage.fromRegistry(CLOUDWATCH_AGENT_IMAGE);
    checkImageReachable(v, agentImage, region, withoutInternet, 'tracing.agentImage');
  }
  const routerImage = props.logRouting?._firelens?.router.routerImage;
  if (routerImage) checkImageReachable(v, routerImage, region, withoutInternet, 'logRouting.routerImage');
  // No targetPort: the container port is checked once, as containerPort (HardenedFargateService).
  const target = {
    healthCheckPath: props.healthCheckPath,
    alternateTargetGroup: props.deploymentStrategy?.shiftsTraffic,
  };
  if (environment) {
    checkServiceConnectPlacement(v, props, environment);
    ServiceRoute._checkProps(v, { ...route, ...target }, 'route.');
  } else {
    HttpsLoadBalancer._checkProps(v, { ...lb, ...target }, 'httpsLoadBalancer.');
  }
  const range = { minCapacity: props.minCapacity, maxCapacity: props.maxCapacity };
  ServiceAutoScaling._checkProps(v, { ...props.autoScaling, ...range }, 'autoScaling.');
  const label = (prop: string, value: number | undefined) => (value === undefined ? `${prop} (default)` : prop);
  v.ordered(label('minCapacity', props.minCapacity), props.minCapacity ?? 2, 'desiredCount', props.desiredCount);
  v.ordered('desiredCount', props.desiredCount, label('maxCapacity', props.maxCapacity), props.maxCapacity ?? 10);
  if (props.alerts && !environment) AlertTopics._checkProps(v, props.alerts, 'alerts.');
  if (props.alarms) ServiceAlarms._checkProps(v, props.alarms, 'alarms.');
  if (props.audit) AccountAudit._checkProps(v, props.audit, 'audit.');
  if (props.audit && environment) claimAudit(v, environment, scope);
  v.throwIfAny();
}

/**
 * Records the problems of a shared environment's service with Service Connect, or without a route: Service Connect
 * needs the environment's namespace, and a service without a route must serve through it, with nothing set that
 * only a route or target group uses.
 */
function checkServiceConnectPlacement(
  v: PropsValidator,
  props: Partial<EnvironmentServiceProps>,
  environment: IWebServiceEnvironment,
): void {
  const serviceConnect = props.serviceConnect;
  if (serviceConnect && !environment.serviceConnect) {
    v.fail(
      'serviceConnect is given, and the environment has no Service Connect namespace; allowed: serviceConnect on the WebServiceEnvironment, or no serviceConnect',
    );
  }
  if (props.loadBalanced !== false) return;
  if (!environment.serviceConnect || serviceConnect?.server === false) {
    v.fail(
      'loadBalanced false leaves the service unreachable: it needs to serve through Service Connect; allowed: serviceConnect on the WebServiceEnvironment with the service a server (the default), or loadBalanced true',
    );
  }
  const routeOnly: Array<[string, unknown]> = [
    ['route', props.route],
    ['domainName', props.domainName],
    ['subjectAlternativeNames', props.subjectAlternativeNames],
    ['hostedZone', props.hostedZone],
    ['certificate', props.certificate],
    ['healthCheckPath', props.healthCheckPath],
    ['autoScaling.requestsPerTarget', props.autoScaling?.requestsPerTarget],
    ['alarms.unhealthyTargets', props.alarms?.unhealthyTargets],
    ['alarms.noHealthyTargets', props.alarms?.noHealthyTargets],
    ['alarms.clientErrorRate', props.alarms?.clientErrorRate],
  ];
  const given = routeOnly.filter(([, value]) => value !== undefined).map(([name]) => name);
  if (given.length > 0) {
    v.fail(
      `${given.join(', ')} given with loadBalanced false, and only a route or its target group uses them; allowed: loadBalanced true, or none of them`,
    );
  }
  if (props.deploymentStrategy?.shiftsTraffic) {
    v.fail(
      'deploymentStrategy shifts traffic between two target groups, and with loadBalanced false there is none; allowed: ServiceDeploymentStrategy.rolling(), or loadBalanced true',
    );
  }
}

/**
 * Records a problem when a shared environment's route signs users in, and the environment's internal load balancer
 * has no way out to the identity provider (a new network without NAT).
 */
function checkEnvironmentSignIn(
  v: PropsValidator,
  environment: IWebServiceEnvironment,
  route: ServiceRouteOptions | undefined,
): void {
  if (!route?.authentication) return;
  const scheme = (environment.loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer).scheme;
  const isolated = environment.taskSubnets?.subnetType === ec2.SubnetType.PRIVATE_ISOLATED;
  if (scheme === 'internal' && isolated) {
    v.fail(
      "route.authentication needs the load balancer to reach the identity provider, and the environment's internal load balancer has no way out (its network has no NAT); allowed: NAT on the environment's network, an internet-facing load balancer, or no authentication",
    );
  }
}
