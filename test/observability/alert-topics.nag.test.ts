import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlertTopicsProps, AlertTopics } from '../../src/observability/alert-topics';
import { acknowledgements, formatFindings, installedNagModules, nagFindings } from '../nag/harness';
import { FLAG_SETS, testApp } from '../util';

const CONFIGURATIONS: Array<[string, (stack: Stack) => AlertTopicsProps]> = [
  ['default', () => ({})],
  [
    'every subscription kind',
    () => ({
      critical: { httpsUrls: ['https://events.pagerduty.com/integration/0123456789abcdef/enqueue'] },
      warning: { slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' }, emails: ['oncall@example.com'] },
      info: { emails: ['ops@example.com'], slack: { workspaceId: 'T0123ABCD', channelId: 'C0456EFGH' } },
    }),
  ],
  [
    'a brought topic and key',
    (stack) => ({
      criticalTopic: sns.Topic.fromTopicArn(stack, 'Paging', 'arn:aws:sns:us-west-2:123456789012:paging'),
      encryptionKey: new kms.Key(stack, 'OwnKey', { enableKeyRotation: true }),
      warning: { slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' } },
    }),
  ],
];

describe.each(installedNagModules())('AlertTopics under %s', (nagModule) => {
  describe.each(FLAG_SETS)('with %s', (flags) => {
    test.each(CONFIGURATIONS)('%s: no unacknowledged finding in the four packs', (_name, props) => {
      const stack = new Stack(testApp(flags), 'Alerts');
      new AlertTopics(stack, 'Alerts', props(stack));
      expect(formatFindings(nagFindings(stack, { module: nagModule }))).toEqual([]);
    });
  });

  test('the only acknowledgement is the read-only Chatbot policy on Resource::*', () => {
    const stack = new Stack(testApp(), 'Alerts');
    new AlertTopics(stack, 'Alerts', CONFIGURATIONS[1][1](stack));
    const found = acknowledgements(stack);
    expect(found.map((a) => a.id)).toEqual(['AwsSolutions-IAM5[Resource::*]']);
    expect(found[0].resource).toMatch(/^AlertsChatbotPolicy/);
    expect(found[0].reason).toMatch(/^Read-only CloudWatch actions/);
  });
});
