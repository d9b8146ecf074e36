import { isKnown, PropsValidator, quoted } from './validation';
import type { AlertSubscriptions, AlertTopicsProps } from '../observability/alert-topics';

/** name@domain.tld, without spaces or a second '@'. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** AWS::Chatbot::SlackChannelConfiguration's SlackWorkspaceId pattern. */
const SLACK_WORKSPACE_ID = /^[0-9A-Z]{1,255}$/;
/** AWS::Chatbot::SlackChannelConfiguration's SlackChannelId pattern (1 to 255 characters). */
const SLACK_CHANNEL_ID = /^[A-Za-z0-9]{1,255}$/;

/**
 * Records the problems of `AlertTopicsProps`.
 * @param prefix prepended to prop names, as the enclosing construct calls them (for example `alerts.`)
 */
export function checkAlertTopicsProps(v: PropsValidator, props: AlertTopicsProps, prefix = ''): void {
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
