/**
 * Validation of WebServiceNetwork: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NatGateways, ServiceEndpoint, WebServiceNetwork, WebServiceNetworkProps } from '../../src';
import {
  Acceptance,
  Rejection,
  expectOnlyProblem,
  lazyNumber,
  lazyString,
  ACCOUNT,
  givenReferences,
} from '../problems';
import { testApp, testStack } from '../util';

const given = givenReferences();

const ZONES_OF_US_WEST_2 = ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d'];

/** A stack pinned to us-west-2 whose app knows the Region's four Availability Zones. */
function stackWithKnownZones(): Stack {
  const app = testApp('no flags', {
    context: { [`availability-zones:account=${ACCOUNT}:region=us-west-2`]: ZONES_OF_US_WEST_2 },
  });
  return new Stack(app, 'Test', { env: { account: ACCOUNT, region: 'us-west-2' } });
}

type NetworkOptions = WebServiceNetworkProps & {
  /** Build in a stack pinned to us-west-2, whose four zones are known. */
  pinned?: boolean;
};
function buildNetwork({ pinned = false, ...props }: NetworkOptions): WebServiceNetwork {
  return new WebServiceNetwork(pinned ? stackWithKnownZones() : testStack(), 'Network', props);
}

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('WebServiceNetwork rejects', () => {
  const rows: Array<Rejection<NetworkOptions>> = [
    [
      'a cidr that is not a CIDR block',
      { cidr: '10.0.0.0' },
      "cidr '10.0.0.0' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'",
    ],
    [
      'a cidr with an octet above 255',
      { cidr: '10.256.0.0/16' },
      "cidr '10.256.0.0/16' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'",
    ],
    [
      'a cidr with a leading zero',
      { cidr: '10.01.0.0/16' },
      "cidr '10.01.0.0/16' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'",
    ],
    [
      'an IPv6 cidr',
      { cidr: '2001:db8::/56' },
      "cidr '2001:db8::/56' is not an IPv4 CIDR block; allowed: a /16 such as '10.0.0.0/16'",
    ],
    [
      'a /20 cidr',
      { cidr: '10.0.0.0/20' },
      "cidr '10.0.0.0/20' is a /20 block; allowed: a /16 such as '10.0.0.0/16' (the subnet plan needs one)",
    ],
    [
      'a cidr with host bits set',
      { cidr: '10.0.1.0/16' },
      "cidr '10.0.1.0/16' has host bits set; allowed: '10.0.0.0/16'",
    ],
    [
      'cidr as a Token',
      { cidr: lazyString('10.0.0.0/16') },
      "cidr must be known at synth time (each subnet's address is derived from it); allowed: a literal /16 such as '10.0.0.0/16'",
    ],
    ['maxAzs 0', { maxAzs: 0 }, 'maxAzs 0 is not allowed; allowed: an integer from 1 to 10'],
    ['maxAzs 11', { maxAzs: 11 }, 'maxAzs 11 is not allowed; allowed: an integer from 1 to 10'],
    ['a fractional maxAzs', { maxAzs: 1.5 }, 'maxAzs 1.5 is not allowed; allowed: an integer from 1 to 10'],
    [
      'maxAzs as a Token',
      { maxAzs: lazyNumber(2) },
      'maxAzs must be known at synth time (it decides how many subnets the template holds); allowed: an integer from 1 to 10',
    ],
    [
      'maxAzs 3 in an environment-agnostic stack',
      { maxAzs: 3 },
      'maxAzs 3 needs explicit Availability Zones: an environment-agnostic stack knows only 2; allowed: maxAzs 1 or 2, availabilityZones by name, or a stack with env (account and region)',
    ],
    [
      "maxAzs above the Region's zones",
      { pinned: true, maxAzs: 5 },
      'maxAzs 5 exceeds the 4 zones of us-west-2 (us-west-2a, us-west-2b, us-west-2c, us-west-2d); allowed: 1 to 4',
    ],
    [
      'maxAzs together with availabilityZones',
      { maxAzs: 2, availabilityZones: ['us-west-2a', 'us-west-2b'] },
      'maxAzs 2 and availabilityZones both given; allowed: one of them',
    ],
    ['no availabilityZones', { availabilityZones: [] }, 'availabilityZones has 0 zones; allowed: 1 to 10'],
    [
      'eleven availabilityZones',
      { availabilityZones: Array.from({ length: 11 }, (_, i) => `zone-${i}`) },
      'availabilityZones has 11 zones; allowed: 1 to 10',
    ],
    [
      'a zone named twice',
      { availabilityZones: ['us-west-2a', 'us-west-2a'] },
      'availabilityZones names us-west-2a more than once; allowed: distinct zones',
    ],
    [
      "a zone outside the stack's Region",
      { pinned: true, availabilityZones: ['us-west-2a', 'eu-west-1a'] },
      "availabilityZones eu-west-1a not in the stack's Region us-west-2; allowed: zones such as 'us-west-2a'",
    ],
    [
      'natGateways none without endpoints',
      { natGateways: NatGateways.none() },
      'natGateways none leaves private subnets without internet access, and tasks then need ServiceEndpoint.ECR_API, ServiceEndpoint.ECR_DOCKER, ServiceEndpoint.CLOUDWATCH_LOGS; allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz() / instance()',
    ],
    [
      'natGateways none without the logs endpoint',
      { natGateways: NatGateways.none(), endpoints: [ServiceEndpoint.ECR_API, ServiceEndpoint.ECR_DOCKER] },
      'natGateways none leaves private subnets without internet access, and tasks then need ServiceEndpoint.CLOUDWATCH_LOGS; allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz() / instance()',
    ],
    [
      'natGateways none without the S3 gateway endpoint',
      { natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargate(), s3GatewayEndpoint: false },
      'natGateways none leaves private subnets without internet access, and tasks then need the S3 gateway endpoint (s3GatewayEndpoint); allowed: endpoints such as ServiceEndpoint.forFargate() with the S3 gateway endpoint, or NatGateways.single() / perAz() / instance()',
    ],
    [
      'flowLogRetention INFINITE',
      { flowLogRetention: logs.RetentionDays.INFINITE },
      'flowLogRetention INFINITE keeps flow logs forever; allowed: a bounded retention such as THREE_MONTHS or ONE_YEAR',
    ],
    [
      'a flow log bucket and key with flowLogs false',
      { flowLogs: false, flowLogBucket: given.bucket, flowLogEncryptionKey: given.key },
      'flowLogBucket, flowLogEncryptionKey given with flowLogs false; allowed: flowLogs true, or none of them',
    ],
    [
      'flowLogRetention with flowLogs false',
      { flowLogs: false, flowLogRetention: logs.RetentionDays.ONE_YEAR },
      'flowLogRetention given with flowLogs false; allowed: flowLogs true, or none of them',
    ],
    [
      'a flow log retention with a flow log bucket',
      { flowLogBucket: given.bucket, flowLogRetention: logs.RetentionDays.ONE_YEAR },
      'flowLogRetention given with flowLogBucket; allowed: these settings only for CloudWatch Logs (without flowLogBucket)',
    ],
  ];

  test.each(rows)('%s', (_, options, message) => {
    expectOnlyProblem('WebServiceNetwork', () => buildNetwork(options), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const network: Array<Acceptance<NetworkOptions>> = [
    ['availabilityZones entries', { availabilityZones: [lazyString('us-west-2a'), lazyString('us-west-2a')] }],
    ['availabilityZones entries in a pinned stack', { pinned: true, availabilityZones: [lazyString('eu-west-1a')] }],
  ];
  test.each(network)('WebServiceNetwork: %s', (_, options) => {
    expect(() => buildNetwork(options)).not.toThrow();
  });
});
