import { createHash } from 'crypto';
import { Names, Stack, Token } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledge } from '../private/acknowledge';
import { createKey } from '../private/kms-key';
import { RETAINED } from '../private/retained';
import { isKnown, PropsValidator, quoted } from '../private/validation';

/** How urgent an alert is; each severity has its own topic. */
export enum AlertSeverity {
  /** Needs someone now (for example a PagerDuty page). */
  CRITICAL = 'critical',
  /** Needs a look soon (for example a Slack post). */
  WARNING = 'warning',
  /** For the record (for example an email). */
  INFO = 'info',
}

/** A Slack channel that AWS Chatbot posts alerts to. */
export interface SlackChannel {
  /** The Slack workspace authorized with AWS Chatbot, as its console shows it (such as `T0123ABCD`). */
  readonly workspaceId: string;
  /** The channel, the last part of its link (such as `C0123ABCD`); invite the AWS Chatbot app to it. */
  readonly channelId: string;
}

/** Where the alerts of one severity go. */
export interface AlertSubscriptions {
  /**
   * Email addresses; each receives a message asking to confirm the subscription first.
   * @default - no email
   */
  readonly emails?: string[];
  /**
   * HTTPS endpoints, such as a PagerDuty CloudWatch integration URL, sent the SNS message as JSON.
   * @default - no HTTPS endpoint
   */
  readonly httpsUrls?: string[];
  /**
   * A Slack channel, posted to through AWS Chatbot.
   * @default - no Slack channel
   */
  readonly slack?: SlackChannel;
}

/** Props for `AlertTopics`. */
export interface AlertTopicsProps {
  /**
   * Where critical alerts go.
   * @default - nowhere yet: subscribe to `critical` later
   */
  readonly critical?: AlertSubscriptions;
  /**
   * Where warnings go.
   * @default - nowhere yet: subscribe to `warning` later
   */
  readonly warning?: AlertSubscriptions;
  /**
   * Where informational alerts go.
   * @default - nowhere yet: subscribe to `info` later
   */
  readonly info?: AlertSubscriptions;
  /**
   * A topic of your own for critical alerts, used as it is: only the subscriptions are added to it.
   * @default - a new encrypted, TLS-only topic
   */
  readonly criticalTopic?: sns.ITopic;
  /**
   * A topic of your own for warnings, used as it is: only the subscriptions are added to it.
   * @default - a new encrypted, TLS-only topic
   */
  readonly warningTopic?: sns.ITopic;
  /**
   * A topic of your own for informational alerts, used as it is: only the subscriptions are added to it.
   * @default - a new encrypted, TLS-only topic
   */
  readonly infoTopic?: sns.ITopic;
  /**
   * The key that encrypts the new topics; its policy is given a statement that lets CloudWatch alarms use it.
   * @default - a new customer managed key, rotated yearly and kept when the stack is deleted
   */
  readonly encryptionKey?: kms.IKey;
}

/** Each severity with the construct-id prefix of what is created for it. */
const SEVERITIES: Array<[AlertSeverity, string]> = [
  [AlertSeverity.CRITICAL, 'Critical'],
  [AlertSeverity.WARNING, 'Warning'],
  [AlertSeverity.INFO, 'Info'],
];

/** Read-only CloudWatch actions AWS Chatbot uses to render an alarm notification with its graph. */
const CHATBOT_ACTIONS = [
  'cloudwatch:DescribeAlarms',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricStatistics',
  'cloudwatch:GetMetricWidgetImage',
];

/**
 * Three SNS topics for alarm notifications, by severity: critical, warning and info. The topics it
 * creates are encrypted with a customer managed KMS key, refuse publishing without TLS, and admit
 * CloudWatch alarms of this account (topic and key policy). Each severity can notify email
 * addresses, HTTPS endpoints (such as PagerDuty) and a Slack channel through AWS Chatbot, in any
 * combination; a Slack channel given for several severities gets one Chatbot configuration.
 *
 * @example
 * declare const pagerDutyUrl: string;
 *
 * // Three encrypted topics; give them to ServiceAlarms (topics), or let SecureFargateWebService make them (alerts).
 * new sfws.AlertTopics(this, 'Alerts', {
 *   critical: { httpsUrls: [pagerDutyUrl] },
 *   warning: { slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' } },
 *   info: { emails: ['team@example.com'] },
 * });
 */
export class AlertTopics extends Construct {
  /**
   * Records the problems of `AlertTopicsProps`.
   * @param prefix prepended to prop names, as the enclosing construct calls them (for example `alerts.`)
   * @internal
   */
  public static _checkProps(v: PropsValidator, props: AlertTopicsProps, prefix = ''): void {
    const p = (name: string) => `${prefix}${name}`;
    checkSubscriptions(v, p('critical'), props.critical);
    checkSubscriptions(v, p('warning'), props.warning);
    checkSubscriptions(v, p('info'), props.info);
    if (props.encryptionKey && props.criticalTopic && props.warningTopic && props.infoTopic) {
      v.fail(
        `${p('encryptionKey')} is given, but ${p('criticalTopic')}, ${p('warningTopic')} and ${p('infoTopic')} are all brought, so no topic would use it; ` +
          `allowed: leave ${p('encryptionKey')} out, or let AlertTopics create at least one topic`,
      );
    }
  }

  /** The topic for critical alerts. */
  public readonly critical: sns.ITopic;
  /** The topic for warnings. */
  public readonly warning: sns.ITopic;
  /** The topic for informational alerts. */
  public readonly info: sns.ITopic;
  /** The key that encrypts the topics created here; undefined when every topic is brought. */
  public readonly encryptionKey?: kms.IKey;
  /** The AWS Chatbot configurations created, one per Slack channel. */
  public readonly slackChannels: chatbot.SlackChannelConfiguration[] = [];
  private readonly topics = {} as Record<AlertSeverity, sns.ITopic>;
  private chatbotAccess?: { role: iam.IRole; policy: iam.IManagedPolicy };

  constructor(scope: Construct, id: string, props: AlertTopicsProps = {}) {
    super(scope, id);
    const v = new PropsValidator('AlertTopics');
    AlertTopics._checkProps(v, props);
    v.throwIfAny();

    const brought = { critical: props.criticalTopic, warning: props.warningTopic, info: props.infoTopic };
    const account = Stack.of(this).account;
    if (SEVERITIES.some(([severity]) => !brought[severity])) {
      this.encryptionKey = props.encryptionKey ?? createKey(this, 'Key', { description: 'Encrypts the alert topics' });
      this.encryptionKey.addToResourcePolicy(
        // AWS's documented statement for CloudWatch alarms and encrypted topics, without a condition:
        // the topic policies limit publishing to this account's alarms.
        alarmsMay(['kms:Decrypt', 'kms:GenerateDataKey*'], '*'),
        /* allowNoOp (an imported key) */ true,
      );
    }

    const channels = new Map<string, { channel: SlackChannel; severities: AlertSeverity[] }>();
    for (const [severity, name] of SEVERITIES) {
      const topic = brought[severity] ?? this.createTopic(name, account);
      this.topics[severity] = topic;
      const subscriptions = props[severity] ?? {};
      this.subscribe(topic, `${name}Email`, sns.SubscriptionProtocol.EMAIL, subscriptions.emails);
      this.subscribe(topic, `${name}Https`, sns.SubscriptionProtocol.HTTPS, subscriptions.httpsUrls);
      const slack = subscriptions.slack;
      if (slack) {
        const key = `${slack.workspaceId}/${slack.channelId}`;
        channels.set(key, { channel: slack, severities: [...(channels.get(key)?.severities ?? []), severity] });
      }
    }
    this.critical = this.topics[AlertSeverity.CRITICAL];
    this.warning = this.topics[AlertSeverity.WARNING];
    this.info = this.topics[AlertSeverity.INFO];
    for (const { channel, severities } of channels.values()) {
      this.slackChannels.push(this.createSlackChannel(channel, severities));
    }
  }

  /** The topic for alerts of `severity`. */
  public topicFor(severity: AlertSeverity): sns.ITopic {
    return this.topics[severity];
  }

  private createTopic(name: string, account: string): sns.Topic {
    const topic = new sns.Topic(this, name, {
      displayName: `${name} alerts`,
      masterKey: this.encryptionKey,
      enforceSSL: true,
    });
    topic.addToResourcePolicy(alarmsMay(['sns:Publish'], topic.topicArn, account));
    // Kept on stack deletion and replacement (its subscriptions are resources of their own, which
    // CloudFormation deletes with the stack). Not after a failed create (RETAINED): nothing has been
    // published or confirmed yet, and a topic and key kept then would only be clutter and cost.
    topic.applyRemovalPolicy(RETAINED);
    return topic;
  }

  /** Subscribes each endpoint with an id derived from its value, so that reordering replaces nothing. */
  private subscribe(topic: sns.ITopic, prefix: string, protocol: sns.SubscriptionProtocol, endpoints?: string[]): void {
    (endpoints ?? []).forEach((endpoint, i) => {
      const suffix = Token.isUnresolved(endpoint)
        ? `${i}`
        : createHash('sha256').update(endpoint).digest('hex').slice(0, 8).toUpperCase();
      new sns.Subscription(this, `${prefix}${suffix}`, { topic, protocol, endpoint });
    });
  }

  private createSlackChannel(channel: SlackChannel, severities: AlertSeverity[]): chatbot.SlackChannelConfiguration {
    const ids = severities.map((severity) => SEVERITIES.find(([s]) => s === severity)![1]);
    // Chatbot configuration names are unique per account, across Regions, and match ^[A-Za-z0-9-_]{1,128}$:
    // stack name, path and hash (up to 86), the severities (up to 22) and the Region (up to 20).
    const base = Names.uniqueResourceName(this, { maxLength: 86, separator: '-', allowedSpecialCharacters: '-_' });
    const { role, policy } = this.readOnlyChatbot();
    return new chatbot.SlackChannelConfiguration(this, `Slack${ids.join('')}`, {
      slackChannelConfigurationName: `${base}-${severities.join('-')}-${Stack.of(this).region}`,
      slackWorkspaceId: channel.workspaceId,
      slackChannelId: channel.channelId,
      notificationTopics: severities.map((severity) => this.topics[severity]),
      role,
      guardrailPolicies: [policy],
      loggingLevel: chatbot.LoggingLevel.ERROR,
    });
  }

  /**
   * The channel role shared by the Chatbot configurations and their guardrail: one customer managed
   * policy allowing only the CloudWatch reads that alarm notifications need.
   */
  private readOnlyChatbot(): { role: iam.IRole; policy: iam.IManagedPolicy } {
    if (!this.chatbotAccess) {
      const policy = new iam.ManagedPolicy(this, 'ChatbotPolicy', {
        description: 'Lets AWS Chatbot read the CloudWatch alarms and metrics it posts, and nothing else',
        statements: [new iam.PolicyStatement({ actions: CHATBOT_ACTIONS, resources: ['*'] })],
      });
      acknowledge(
        policy,
        'AwsSolutions-IAM5',
        'Read-only CloudWatch actions: GetMetricData, GetMetricStatistics and GetMetricWidgetImage support no ' +
          'resource-level permissions, and the alarms a channel receives are known only when they fire.',
        ['Resource::*'],
      );
      const role = new iam.Role(this, 'ChatbotRole', {
        assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
        description: 'AWS Chatbot channel role for alert notifications: reads CloudWatch alarms and metrics only',
        managedPolicies: [policy],
      });
      this.chatbotAccess = { role, policy };
    }
    return this.chatbotAccess;
  }
}

/** Lets CloudWatch alarms (of `account` only, when given) take `actions` on `resource`. */
function alarmsMay(actions: string[], resource: string, account?: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions,
    resources: [resource],
    conditions: account === undefined ? undefined : { StringEquals: { 'aws:SourceAccount': account } },
  });
}

/** name@domain.tld, without spaces or a second '@'. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** AWS::Chatbot::SlackChannelConfiguration's SlackWorkspaceId pattern. */
const SLACK_WORKSPACE_ID = /^[0-9A-Z]{1,255}$/;
/** AWS::Chatbot::SlackChannelConfiguration's SlackChannelId pattern (1 to 255 characters). */
const SLACK_CHANNEL_ID = /^[A-Za-z0-9]{1,255}$/;

function checkSubscriptions(v: PropsValidator, prop: string, subscriptions: AlertSubscriptions | undefined): void {
  if (!subscriptions) return;
  checkList(
    v,
    `${prop}.emails`,
    subscriptions.emails,
    'address',
    (e) => e.toLowerCase(),
    (e) => (EMAIL.test(e) ? undefined : 'is not an email address; allowed: name@domain, such as ops@example.com'),
  );
  checkList(
    v,
    `${prop}.httpsUrls`,
    subscriptions.httpsUrls,
    'URL',
    (u) => u,
    (u) => (isHttpsUrl(u) ? undefined : 'is not an HTTPS URL; allowed: https://host/path'),
  );
  const slack = subscriptions.slack;
  if (slack && isKnown(slack.workspaceId) && !SLACK_WORKSPACE_ID.test(slack.workspaceId)) {
    v.fail(
      `${prop}.slack.workspaceId ${quoted(slack.workspaceId)} is not a Slack workspace id; ` +
        'allowed: 1 to 255 upper-case letters and digits, such as T0123ABCD',
    );
  }
  if (slack && isKnown(slack.channelId) && !SLACK_CHANNEL_ID.test(slack.channelId)) {
    v.fail(
      `${prop}.slack.channelId ${quoted(slack.channelId)} is not a Slack channel id; ` +
        'allowed: 1 to 255 letters and digits, such as C0123ABCD',
    );
  }
}

/** Checks each known value with `problem`, and that no two known values have the same `key`. */
function checkList(
  v: PropsValidator,
  prop: string,
  values: string[] | undefined,
  noun: string,
  key: (value: string) => string,
  problem: (value: string) => string | undefined,
): void {
  const seen = new Map<string, number>();
  (values ?? []).forEach((value, i) => {
    if (!isKnown(value)) return;
    const issue = problem(value);
    if (issue) v.fail(`${prop}[${i}] ${quoted(value)} ${issue}`);
    const first = seen.get(key(value));
    if (first !== undefined) {
      v.fail(`${prop}[${i}] ${quoted(value)} repeats ${prop}[${first}]; allowed: each ${noun} once`);
    } else {
      seen.set(key(value), i);
    }
  });
}

function isHttpsUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}
