import { Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { CloudFrontEdge } from './edge/cloud-front-edge';
import { Firewall } from './edge/firewall';
import { HttpsLoadBalancer, HttpsLoadBalancerOptions } from './edge/https-load-balancer';
import { ServiceDomain } from './edge/service-domain';
import { ServiceRoute, ServiceRouteOptions } from './edge/service-route';
import { IWebServiceEnvironment } from './environment/environment-service';
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
      `httpsLoadBalancer.authentication needs the load balancer to reach the identity provider, and the internal load balancer has no way out (${withoutInternet}); allowed: NatGateways.single() / perAz(), an internet-facing load balancer, or no authentication`,
    );
  }
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
