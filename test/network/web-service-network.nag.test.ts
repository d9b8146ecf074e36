import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { NatGateways, ServiceEndpoint, WebServiceNetwork, WebServiceNetworkProps } from '../../src';
import { acknowledgements, formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { FLAG_SETS, testApp } from '../util';

const CONFIGURATIONS: Array<[string, (stack: Stack) => WebServiceNetworkProps]> = [
  ['default', () => ({})],
  [
    'no NAT with every endpoint',
    () => ({ natGateways: NatGateways.none(), endpoints: ServiceEndpoint.forFargateWithEcsExec() }),
  ],
  ['single NAT, IPv4 only', () => ({ natGateways: NatGateways.single(), dualStack: false })],
  [
    'flow logs to S3',
    (stack) => ({ flowLogBucket: s3.Bucket.fromBucketName(stack, 'FlowLogBucket', 'central-flow-logs') }),
  ],
];

describe.each(installedNagModules())('WebServiceNetwork under %s', (nagModule) => {
  describe.each(FLAG_SETS)('with %s', (flags) => {
    test.each(CONFIGURATIONS)('%s: no unacknowledged finding in the four packs', (_name, props) => {
      const stack = new Stack(testApp(flags), 'Net');
      new WebServiceNetwork(stack, 'Network', props(stack));
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    });
  });

  test('the only acknowledgement is the public default route, in the three packs that flag it', () => {
    const stack = new Stack(testApp(), 'Net');
    new WebServiceNetwork(stack, 'Network');
    const found = acknowledgements(stack);
    expect([...new Set(found.map((a) => a.id))].sort()).toEqual([
      'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
      'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
      'PCI.DSS.321-VPCNoUnrestrictedRouteToIGW',
    ]);
    // Two public subnets, each with an IPv4 and an IPv6 default route.
    expect([...new Set(found.map((a) => a.resource))].sort()).toEqual([
      'NetworkVpcPublicSubnet1DefaultRoute31EC04EC',
      'NetworkVpcPublicSubnet1DefaultRoute6C4CC2729',
      'NetworkVpcPublicSubnet2DefaultRoute0CF082AB',
      'NetworkVpcPublicSubnet2DefaultRoute6B1784281',
    ]);
    for (const a of found) expect(a.reason).toMatch(/^The default route of a public subnet/);
  });
});
