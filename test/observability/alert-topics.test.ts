import { Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fc from 'fast-check';
import { AlertSeverity, AlertSubscriptions, AlertTopics, AlertTopicsProps } from '../../src/observability/alert-topics';
import { DENY_GRANTS_STATEMENT } from '../private/deny-grants-statement';
import { pinnedStack, testApp, testStack } from '../util';

function build(props: AlertTopicsProps = {}, stack: Stack = testStack()) {
  const alerts = new AlertTopics(stack, 'Alerts', props);
  return { stack, alerts, template: Template.fromStack(stack) };
}

const ref = (logicalId: string) => ({ Ref: logicalId });
const PAGERDUTY = 'https://events.pagerduty.com/integration/0123456789abcdef/enqueue';
const SLACK = { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' };

describe('AlertTopics', () => {
  test('default: three encrypted topics named by severity, one kept rotated key, no subscription', () => {
    const { template, alerts } = build();
    template.resourceCountIs('AWS::SNS::Topic', 3);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
    for (const name of ['Critical', 'Warning', 'Info']) {
      template.hasResourceProperties('AWS::SNS::Topic', {
        DisplayName: `${name} alerts`,
        KmsMasterKeyId: { 'Fn::GetAtt': ['AlertsKey9E1197AF', 'Arn'] },
      });
    }
    template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true, Description: 'Encrypts the alert topics' }),
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
    expect(alerts.encryptionKey).toBeDefined();
    expect(alerts.slackChannels).toEqual([]);
  });

  test('logical ids of the key and the topics are pinned (a rename replaces them and their subscriptions)', () => {
    const { template } = build();
    expect(Object.keys(template.findResources('AWS::KMS::Key'))).toEqual(['AlertsKey9E1197AF']);
    expect(Object.keys(template.findResources('AWS::SNS::Topic')).sort()).toEqual([
      'AlertsCriticalD98B8922',
      'AlertsInfo048FDC55',
      'AlertsWarning25141039',
    ]);
  });

  test('the topics are kept on stack deletion and replacement, but not after a failed create', () => {
    const topics = build().template.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(3);
    for (const topic of Object.values(topics)) {
      expect(topic.DeletionPolicy).toBe('RetainExceptOnCreate');
      expect(topic.UpdateReplacePolicy).toBe('Retain');
    }
  });

  test('the new key denies grants except to AWS services (CT.KMS.PR.3); SNS and CloudWatch alarms need none', () => {
    build().template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([DENY_GRANTS_STATEMENT]) },
    });
  });

  test('the key policy lets CloudWatch alarms encrypt for the topics, as AWS documents it (the topic policies name the account)', () => {
    build().template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
          },
        ]),
      },
    });
  });

  test('each topic policy denies publishing without TLS and admits CloudWatch alarms of this account', () => {
    const { template } = build();
    template.resourceCountIs('AWS::SNS::TopicPolicy', 3);
    for (const topic of ['AlertsCriticalD98B8922', 'AlertsWarning25141039', 'AlertsInfo048FDC55']) {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [ref(topic)],
        PolicyDocument: {
          Statement: [
            {
              Sid: 'AllowPublishThroughSSLOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sns:Publish',
              Resource: ref(topic),
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            {
              Sid: 'AllowCloudWatchAlarmsToPublish',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: ref(topic),
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            },
          ],
        },
      });
    }
  });

  test('encryptionKey replaces the new key and is given the CloudWatch statement', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'OwnKey');
    const { template, alerts } = build({ encryptionKey: key }, stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(alerts.encryptionKey).toBe(key);
    const keyId = stack.getLogicalId(key.node.defaultChild as kms.CfnKey);
    template.allResourcesProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCloudWatchAlarmsToPublish' })]) },
    });
  });

  test('emails subscribe with protocol email to the topic of their severity', () => {
    const { template } = build({ info: { emails: ['ops@example.com', 'team@example.org'] } });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    for (const email of ['ops@example.com', 'team@example.org']) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: email,
        TopicArn: ref('AlertsInfo048FDC55'),
      });
    }
  });

  test('httpsUrls subscribe with protocol https (PagerDuty for critical)', () => {
    const { template } = build({ critical: { httpsUrls: [PAGERDUTY] } });
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: PAGERDUTY,
      TopicArn: ref('AlertsCriticalD98B8922'),
    });
  });

  test('slack creates a Chatbot configuration on the topic, with a read-only guardrail and role', () => {
    const { template, alerts } = build({ warning: { slack: SLACK } });
    expect(alerts.slackChannels).toHaveLength(1);
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 1);
    const [policyId] = Object.keys(template.findResources('AWS::IAM::ManagedPolicy'));
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role'));
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SlackWorkspaceId: 'T0123ABCD',
      SlackChannelId: 'C0123ABCD',
      SnsTopicArns: [ref('AlertsWarning25141039')],
      GuardrailPolicies: [ref(policyId)],
      IamRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
      LoggingLevel: 'ERROR',
      UserRoleRequired: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: [
              'cloudwatch:DescribeAlarms',
              'cloudwatch:GetMetricData',
              'cloudwatch:GetMetricStatistics',
              'cloudwatch:GetMetricWidgetImage',
            ],
            Resource: '*',
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'chatbot.amazonaws.com' } }],
      },
      ManagedPolicyArns: [ref(policyId)],
      Policies: Match.absent(),
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('AdministratorAccess');
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('a Slack channel given for two severities gets one configuration subscribed to both topics', () => {
    const { template } = build({ warning: { slack: SLACK }, info: { slack: SLACK } });
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 1);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SnsTopicArns: [ref('AlertsWarning25141039'), ref('AlertsInfo048FDC55')],
    });
  });

  test('different Slack channels get a configuration each, sharing one role and one policy', () => {
    const { template, alerts } = build({
      critical: { slack: { workspaceId: 'T0123ABCD', channelId: 'C0000PAGE' } },
      warning: { slack: SLACK },
    });
    expect(alerts.slackChannels).toHaveLength(2);
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 2);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SlackChannelId: 'C0000PAGE',
      SnsTopicArns: [ref('AlertsCriticalD98B8922')],
    });
  });

  test('the spec routing: critical to PagerDuty, warnings to Slack, info to email', () => {
    const { template } = build({
      critical: { httpsUrls: [PAGERDUTY] },
      warning: { slack: SLACK },
      info: { emails: ['ops@example.com'] },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https',
      TopicArn: ref('AlertsCriticalD98B8922'),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      TopicArn: ref('AlertsInfo048FDC55'),
    });
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SnsTopicArns: [ref('AlertsWarning25141039')],
    });
  });

  test('any combination: one subscription per address or URL, one configuration per distinct Slack channel', () => {
    const subscriptions = fc.record(
      {
        emails: fc.uniqueArray(fc.constantFrom('a@example.com', 'b@example.com', 'c@example.org'), { maxLength: 3 }),
        httpsUrls: fc.uniqueArray(fc.constantFrom(PAGERDUTY, 'https://hooks.example.com/alerts'), { maxLength: 2 }),
        slack: fc.constantFrom('C0000AAAA', 'C0000BBBB').map((channelId) => ({ workspaceId: 'T0123ABCD', channelId })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.option(subscriptions), fc.option(subscriptions), fc.option(subscriptions), (c, w, i) => {
        const all: AlertSubscriptions[] = [c, w, i].flatMap((s) => (s === null ? [] : [s]));
        const { template } = build({ critical: c ?? undefined, warning: w ?? undefined, info: i ?? undefined });
        const endpoints = all.reduce((n, s) => n + (s.emails?.length ?? 0) + (s.httpsUrls?.length ?? 0), 0);
        const channels = new Set(all.filter((s) => s.slack).map((s) => s.slack!.channelId));
        template.resourceCountIs('AWS::SNS::Subscription', endpoints);
        template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', channels.size);
        template.resourceCountIs('AWS::IAM::Role', channels.size > 0 ? 1 : 0);
        template.resourceCountIs('AWS::SNS::Topic', 3);
      }),
      { numRuns: 25 },
    );
  });

  test('subscription ids follow the address, not its position: reordering replaces nothing', () => {
    const ids = (emails: string[]) =>
      Object.keys(build({ info: { emails } }).template.findResources('AWS::SNS::Subscription')).sort();
    expect(ids(['a@example.com', 'b@example.com'])).toEqual(ids(['b@example.com', 'a@example.com']));
    expect(ids(['a@example.com'])).not.toEqual(ids(['b@example.com']));
  });

  test('endpoints and Slack ids that are Tokens pass unchecked', () => {
    const token = (value: string) => Lazy.string({ produce: () => value });
    const { template } = build({
      critical: { emails: [token('not-an-email')], httpsUrls: [token('http://plain')] },
      warning: { slack: { workspaceId: token('lower'), channelId: token('x-y') } },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'not-an-email' });
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 1);
  });

  test('brought topics are used as they are: subscribed, but no topic, policy or key is created for them', () => {
    const stack = testStack();
    const own = new sns.Topic(stack, 'OwnCritical');
    const imported = sns.Topic.fromTopicArn(stack, 'Imported', 'arn:aws:sns:us-west-2:123456789012:warnings');
    const { template, alerts } = build(
      {
        criticalTopic: own,
        warningTopic: imported,
        critical: { httpsUrls: [PAGERDUTY] },
        warning: { slack: SLACK },
      },
      stack,
    );
    expect(alerts.critical).toBe(own);
    expect(alerts.warning).toBe(imported);
    template.resourceCountIs('AWS::SNS::Topic', 2); // OwnCritical and the new Info topic
    template.resourceCountIs('AWS::SNS::TopicPolicy', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Info alerts', KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: Match.absent(), KmsMasterKeyId: Match.absent() });
    const ownId = stack.getLogicalId(own.node.defaultChild as sns.CfnTopic);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', TopicArn: ref(ownId) });
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SnsTopicArns: ['arn:aws:sns:us-west-2:123456789012:warnings'],
    });
  });

  test('with every topic brought, no key is created', () => {
    const stack = testStack();
    const [c, w, i] = ['a', 'b', 'c'].map((n) => sns.Topic.fromTopicArn(stack, n, `arn:aws:sns:us-west-2:1:${n}`));
    const { template, alerts } = build({ criticalTopic: c, warningTopic: w, infoTopic: i }, stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    expect(alerts.encryptionKey).toBeUndefined();
  });

  test.each([
    [AlertSeverity.CRITICAL, 'critical'],
    [AlertSeverity.WARNING, 'warning'],
    [AlertSeverity.INFO, 'info'],
  ] as const)('topicFor(%s) is the %s topic', (severity, field) => {
    const { alerts } = build();
    expect(alerts.topicFor(severity)).toBe(alerts[field]);
    expect(new Set([alerts.critical, alerts.warning, alerts.info]).size).toBe(3);
  });

  test('the Chatbot configuration name: stack, path, hash, severities and Region, within Chatbot limits', () => {
    const { template } = build({ warning: { slack: SLACK }, info: { slack: SLACK } }, pinnedStack());
    const [config] = Object.values(template.findResources('AWS::Chatbot::SlackChannelConfiguration'));
    const name: string = config.Properties.ConfigurationName;
    expect(name).toMatch(/^Test-Alerts-[A-F0-9]{8}-warning-info-us-west-2$/);
    expect(name).toMatch(/^[A-Za-z0-9-_]{1,128}$/);
  });

  test('environment-agnostic stacks name the configuration with the deploy-time Region', () => {
    build({ warning: { slack: SLACK } }).template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      ConfigurationName: {
        'Fn::Join': ['', [Match.stringLikeRegexp('^Test-Alerts-[A-F0-9]{8}-warning-$'), { Ref: 'AWS::Region' }]],
      },
    });
  });

  test('a long stack name and path still give a name of at most 128 characters', () => {
    const app = testApp();
    const stack = new Stack(app, 'S'.repeat(120), { env: { account: '123456789012', region: 'ap-southeast-5' } });
    const alerts = new AlertTopics(stack, 'A'.repeat(200), {
      critical: { slack: SLACK },
      warning: { slack: SLACK },
      info: { slack: SLACK },
    });
    const name = alerts.slackChannels[0].slackChannelConfigurationName;
    expect(name.length).toBeLessThanOrEqual(128);
    expect(name).toMatch(/^[A-Za-z0-9-_]+-critical-warning-info-ap-southeast-5$/);
  });

  test('two AlertTopics with the same ids in two stacks of one app get different Chatbot names', () => {
    const app = testApp();
    const names = ['Prod', 'Staging'].map((stackId) => {
      const alerts = new AlertTopics(new Stack(app, stackId), 'Alerts', { warning: { slack: SLACK } });
      return alerts.slackChannels[0].slackChannelConfigurationName;
    });
    expect(names[0]).not.toEqual(names[1]);
    expect(names[0]).toEqual(
      new AlertTopics(new Stack(testApp(), 'Prod'), 'Alerts', { warning: { slack: SLACK } }).slackChannels[0]
        .slackChannelConfigurationName,
    );
  });

  test.each<[AlertTopicsProps, string]>([
    [
      { info: { emails: ['bob@'] } },
      "info.emails[0] 'bob@' is not an email address; allowed: name@domain, such as ops@example.com",
    ],
    [
      { critical: { emails: ['ops@example.com', 'ops at example.com'] } },
      "critical.emails[1] 'ops at example.com' is not an email address; allowed: name@domain, such as ops@example.com",
    ],
    [
      { info: { emails: ['ops@example.com', 'OPS@example.com'] } },
      "info.emails[1] 'OPS@example.com' repeats info.emails[0]; allowed: each address once",
    ],
    [
      { critical: { httpsUrls: ['http://events.pagerduty.com/x'] } },
      "critical.httpsUrls[0] 'http://events.pagerduty.com/x' is not an HTTPS URL; allowed: https://host/path",
    ],
    [
      { warning: { httpsUrls: ['https://'] } },
      "warning.httpsUrls[0] 'https://' is not an HTTPS URL; allowed: https://host/path",
    ],
    [
      { critical: { httpsUrls: [PAGERDUTY, PAGERDUTY] } },
      `critical.httpsUrls[1] '${PAGERDUTY}' repeats critical.httpsUrls[0]; allowed: each URL once`,
    ],
    [
      { warning: { slack: { workspaceId: '', channelId: 'C0123ABCD' } } },
      "warning.slack.workspaceId '' is not a Slack workspace id; allowed: 1 to 255 upper-case letters and digits, such as T0123ABCD",
    ],
    [
      { warning: { slack: { workspaceId: 't0123abcd', channelId: 'C0123ABCD' } } },
      "warning.slack.workspaceId 't0123abcd' is not a Slack workspace id; allowed: 1 to 255 upper-case letters and digits, such as T0123ABCD",
    ],
    [
      { info: { slack: { workspaceId: 'T0123ABCD', channelId: '' } } },
      "info.slack.channelId '' is not a Slack channel id; allowed: 1 to 255 letters and digits, such as C0123ABCD",
    ],
    [
      { info: { slack: { workspaceId: 'T0123ABCD', channelId: '#alerts' } } },
      "info.slack.channelId '#alerts' is not a Slack channel id; allowed: 1 to 255 letters and digits, such as C0123ABCD",
    ],
  ])('rejects %j', (props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('rejects encryptionKey when every topic is brought', () => {
    const stack = testStack();
    const [c, w, i] = ['a', 'b', 'c'].map((n) => sns.Topic.fromTopicArn(stack, n, `arn:aws:sns:us-west-2:1:${n}`));
    const encryptionKey = new kms.Key(stack, 'Key');
    expect(() => build({ criticalTopic: c, warningTopic: w, infoTopic: i, encryptionKey }, stack)).toThrow(
      'encryptionKey is given, but criticalTopic, warningTopic and infoTopic are all brought, so no topic would use it; ' +
        'allowed: leave encryptionKey out, or let AlertTopics create at least one topic',
    );
  });

  test('reports every problem at once', () => {
    expect(() =>
      build({
        critical: { emails: ['x'], httpsUrls: ['ftp://y'] },
        warning: { slack: { workspaceId: 'a', channelId: '' } },
      }),
    ).toThrow(
      [
        'Invalid AlertTopics props:',
        "  - critical.emails[0] 'x' is not an email address; allowed: name@domain, such as ops@example.com",
        "  - critical.httpsUrls[0] 'ftp://y' is not an HTTPS URL; allowed: https://host/path",
        "  - warning.slack.workspaceId 'a' is not a Slack workspace id; allowed: 1 to 255 upper-case letters and digits, such as T0123ABCD",
        "  - warning.slack.channelId '' is not a Slack channel id; allowed: 1 to 255 letters and digits, such as C0123ABCD",
      ].join('\n'),
    );
  });
});
