/**
 * Validation of AlertTopics: every message it reports, with the exact text a user reads, and proof that
 * the same props given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { AlertTopics, AlertTopicsProps } from '../../src';
import { Acceptance, Rejection, expectOnlyProblem, lazyString, givenReferences } from '../problems';
import { testStack } from '../util';

const given = givenReferences();

const buildAlertTopics = (props: AlertTopicsProps) => new AlertTopics(testStack(), 'Alerts', props);

// ---------------------------------------------------------------------------------------------------------
// Rejections
// ---------------------------------------------------------------------------------------------------------

describe('AlertTopics rejects', () => {
  const rows: Array<Rejection<AlertTopicsProps>> = [
    [
      'an email address without an @',
      { critical: { emails: ['ops.example.com'] } },
      "critical.emails[0] 'ops.example.com' is not an email address; allowed: name@domain, such as ops@example.com",
    ],
    [
      'an email address with a space',
      { warning: { emails: ['ops team@example.com'] } },
      "warning.emails[0] 'ops team@example.com' is not an email address; allowed: name@domain, such as ops@example.com",
    ],
    [
      'an email address named twice',
      { info: { emails: ['ops@example.com', 'dev@example.com', 'OPS@example.com'] } },
      "info.emails[2] 'OPS@example.com' repeats info.emails[0]; allowed: each address once",
    ],
    [
      'a URL that is not a URL',
      { critical: { httpsUrls: ['events.pagerduty.com'] } },
      "critical.httpsUrls[0] 'events.pagerduty.com' is not an HTTPS URL; allowed: https://host/path",
    ],
    [
      'an HTTPS URL with a space',
      { warning: { httpsUrls: ['https://example.com/a hook'] } },
      "warning.httpsUrls[0] 'https://example.com/a hook' is not an HTTPS URL; allowed: https://host/path",
    ],
    [
      'an HTTPS URL named twice',
      { info: { httpsUrls: ['https://example.com/hook', 'https://example.com/hook'] } },
      "info.httpsUrls[1] 'https://example.com/hook' repeats info.httpsUrls[0]; allowed: each URL once",
    ],
    [
      'an empty Slack workspace id',
      { critical: { slack: { workspaceId: '', channelId: 'C0123ABCD' } } },
      "critical.slack.workspaceId '' is not a Slack workspace id; allowed: 1 to 255 upper-case letters and digits, such as T0123ABCD",
    ],
    [
      'a Slack channel id with a hyphen',
      { info: { slack: { workspaceId: 'T0123ABCD', channelId: 'C0123-ABCD' } } },
      "info.slack.channelId 'C0123-ABCD' is not a Slack channel id; allowed: 1 to 255 letters and digits, such as C0123ABCD",
    ],
    [
      'an encryption key no created topic would use',
      { encryptionKey: given.key, criticalTopic: given.topic, warningTopic: given.topic, infoTopic: given.topic },
      'encryptionKey is given, but criticalTopic, warningTopic and infoTopic are all brought, so no topic would use it; allowed: leave encryptionKey out, or let AlertTopics create at least one topic',
    ],
  ];

  test.each(rows)('%s', (_, props, message) => {
    expectOnlyProblem('AlertTopics', () => buildAlertTopics(props), message);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tokens pass unchecked: each value would be refused if it were known
// ---------------------------------------------------------------------------------------------------------

describe('Tokens are accepted', () => {
  const alertTopics: Array<Acceptance<AlertTopicsProps>> = [
    ['emails entries, even the same Token twice', { critical: { emails: [lazyString('bob@'), lazyString('bob@')] } }],
    ['httpsUrls entries', { warning: { httpsUrls: [lazyString('http://example.com')] } }],
    ['slack ids', { info: { slack: { workspaceId: lazyString('t-1'), channelId: lazyString('#ops') } } }],
  ];
  test.each(alertTopics)('AlertTopics: %s', (_, props) => {
    expect(() => buildAlertTopics(props)).not.toThrow();
  });
});
