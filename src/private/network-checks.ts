import { Stack, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { escaped, PropsValidator, quoted } from './validation';
import { NatStrategy } from '../network/nat-gateways';
import { ServiceEndpoint } from '../network/service-endpoint';
import type { WebServiceNetworkProps } from '../network/web-service-network';

/** The most Availability Zones the spec's subnet plan lays out: ten public /24s (X.Y.1-10.0) fit below X.Y.11.0. */
export const SPEC_PLAN_MAX_AZS = 10;

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Why a CIDR block cannot carry the spec's subnet plan, or undefined when it can. */
export function specCidrProblem(prop: string, cidr: string): string | undefined {
  if (Token.isUnresolved(cidr)) {
    return `${prop} must be known at synth time (each subnet's address is derived from it); allowed: a literal /16 such as '10.0.0.0/16'`;
  }
  const m = IPV4_CIDR.exec(cidr);
  if (!m || m.slice(1, 5).some((octet) => Number(octet) > 255 || (octet.length > 1 && octet.startsWith('0')))) {
    return `${prop} ${quoted(cidr)} is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'`;
  }
  if (m[5] !== '16') {
    return `${prop} ${quoted(cidr)} is a /${m[5]} block; allowed: a /16 such as '10.0.0.0/16' (the spec's subnet plan needs one)`;
  }
  if (m[3] !== '0' || m[4] !== '0') {
    return `${prop} ${quoted(cidr)} has host bits set; allowed: '${m[1]}.${m[2]}.0.0/16'`;
  }
  return undefined;
}

/** The endpoints tasks need to start without NAT: the image from ECR, and logs. */
const REQUIRED_WITHOUT_NAT = [ServiceEndpoint.ECR_API, ServiceEndpoint.ECR_DOCKER, ServiceEndpoint.CLOUDWATCH_LOGS];

/**
 * Records the problems of the network's props; `scope` tells what the stack knows of its environment.
 * @param prefix prepended to prop names, as the enclosing construct calls them (for example `network.`)
 */
export function checkWebServiceNetworkProps(
  v: PropsValidator,
  scope: Construct,
  props: WebServiceNetworkProps,
  prefix = '',
): void {
  const p = (name: string) => `${prefix}${name}`;
  const stack = Stack.of(scope);
  const envAgnostic = Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region);

  const cidrProblem = specCidrProblem(p('cidr'), props.cidr ?? '10.0.0.0/16');
  if (cidrProblem) v.fail(cidrProblem);

  if (props.availabilityZones !== undefined) {
    const zones = props.availabilityZones;
    if (props.maxAzs !== undefined) {
      v.fail(`${p('maxAzs')} ${props.maxAzs} and ${p('availabilityZones')} both given; allowed: one of them`);
    }
    if (zones.length < 1 || zones.length > SPEC_PLAN_MAX_AZS) {
      v.fail(`${p('availabilityZones')} has ${zones.length} zones; allowed: 1 to ${SPEC_PLAN_MAX_AZS}`);
    }
    const duplicates = zones.filter((z, i) => zones.indexOf(z) !== i);
    if (duplicates.length > 0) {
      v.fail(
        `${p('availabilityZones')} names ${duplicates.map(escaped).join(', ')} more than once; allowed: distinct zones`,
      );
    }
    if (!Token.isUnresolved(stack.region)) {
      const foreign = zones.filter((z) => !Token.isUnresolved(z) && !z.startsWith(stack.region));
      if (foreign.length > 0) {
        v.fail(
          `${p('availabilityZones')} ${foreign.map(escaped).join(', ')} not in the stack's Region ${stack.region}; allowed: zones such as '${stack.region}a'`,
        );
      }
    }
  } else {
    const maxAzs = props.maxAzs ?? 2;
    if (Token.isUnresolved(maxAzs)) {
      v.fail(
        `${p('maxAzs')} must be known at synth time (it decides how many subnets the template holds); allowed: an integer from 1 to ${SPEC_PLAN_MAX_AZS}`,
      );
    } else if (!Number.isInteger(maxAzs) || maxAzs < 1 || maxAzs > SPEC_PLAN_MAX_AZS) {
      v.fail(`${p('maxAzs')} ${maxAzs} is not allowed; allowed: an integer from 1 to ${SPEC_PLAN_MAX_AZS}`);
    } else if (envAgnostic && maxAzs > 2) {
      v.fail(
        `${p('maxAzs')} ${maxAzs} needs explicit Availability Zones: an environment-agnostic stack knows only 2; ` +
          `allowed: ${p('maxAzs')} 1 or 2, ${p('availabilityZones')} by name, or a stack with env (account and region)`,
      );
    } else if (!envAgnostic) {
      const known = stack.availabilityZones;
      const isLookupPlaceholder = known.some((z) => z.startsWith('dummy'));
      if (!isLookupPlaceholder && maxAzs > known.length) {
        v.fail(
          `${p('maxAzs')} ${maxAzs} exceeds the ${known.length} zones of ${stack.region} (${known.join(', ')}); allowed: 1 to ${known.length}`,
        );
      }
    }
  }

  if (props.natGateways?.strategy === NatStrategy.NONE) {
    const ids = new Set((props.endpoints ?? []).map((e) => e.id));
    const missing = REQUIRED_WITHOUT_NAT.filter((e) => !ids.has(e.id)).map(
      (e) => `ServiceEndpoint.${endpointConstant(e)}`,
    );
    if (props.s3GatewayEndpoint === false) missing.push('the S3 gateway endpoint (s3GatewayEndpoint)');
    if (missing.length > 0) {
      v.fail(
        `${p('natGateways')} none leaves private subnets without internet access, and tasks then need ${missing.join(', ')}; ` +
          'allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz()',
      );
    }
  }

  if (props.flowLogRetention === logs.RetentionDays.INFINITE) {
    v.fail(
      `${p('flowLogRetention')} INFINITE keeps flow logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR`,
    );
  }
  if (props.flowLogs === false) {
    const given = (['flowLogBucket', 'flowLogRetention', 'flowLogEncryptionKey'] as const).filter(
      (k) => props[k] !== undefined,
    );
    if (given.length > 0) {
      v.fail(
        `${given.map(p).join(', ')} given with ${p('flowLogs')} false; allowed: ${p('flowLogs')} true, or none of them`,
      );
    }
  } else if (props.flowLogBucket) {
    const given = (['flowLogRetention', 'flowLogEncryptionKey'] as const).filter((k) => props[k] !== undefined);
    if (given.length > 0) {
      v.fail(
        `${given.map(p).join(', ')} given with ${p('flowLogBucket')}; allowed: these settings only for CloudWatch Logs (without ${p('flowLogBucket')})`,
      );
    }
  }
}

function endpointConstant(endpoint: ServiceEndpoint): string {
  return { EcrApi: 'ECR_API', EcrDocker: 'ECR_DOCKER', Logs: 'CLOUDWATCH_LOGS' }[endpoint.id] ?? endpoint.id;
}
