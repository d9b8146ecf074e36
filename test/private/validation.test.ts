import { Duration, Lazy } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { escaped, knownSeconds, PropsValidator, quoted, wholeDaysOf } from '../../src/private/validation';

describe('PropsValidator', () => {
  test('collects every problem and throws once, naming the owner', () => {
    const v = new PropsValidator('Thing');
    v.integerInRange('a', 0, 1, 5);
    v.integerInRange('b', 2.5, 1, 5);
    v.ordered('low', 7, 'high', 3);
    expect(() => v.throwIfAny()).toThrow(
      [
        'Invalid Thing props:',
        '  - a 0 is not allowed; allowed: an integer from 1 to 5',
        '  - b 2.5 is not allowed; allowed: an integer from 1 to 5',
        '  - low 7 is greater than high 3; allowed: low <= high',
      ].join('\n'),
    );
  });

  test('Tokens and absent values pass unchecked', () => {
    const v = new PropsValidator('Thing');
    const token = Lazy.number({ produce: () => 0 });
    v.integerInRange('a', token, 1, 5);
    v.integerInRange('b', undefined, 1, 5);
    v.ordered('low', token, 'high', 1);
    expect(() => v.throwIfAny()).not.toThrow();
  });
});

describe('values shown in messages', () => {
  test.each([
    ['a plain value, as given', 'prod-web', "'prod-web'"],
    ['an empty value', '', "''"],
    ['a tab, a line break and a carriage return', 'a\tb\nc\rd', "'a\\tb\\nc\\rd'"],
    ['a bell and DEL', 'a\u0007b\u007f', "'a\\u0007b\\u007f'"],
    ['a C1 control and a line separator', 'a\u0085b\u2028c', "'a\\u0085b\\u2028c'"],
  ])('quoted: %s', (_, value, shown) => {
    expect(quoted(value)).toBe(shown);
  });

  test('escaped: any string shows on one line, and printable ASCII shows as given', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(escaped(value)).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), (v) => {
        expect(escaped(v)).toBe(v);
      }),
    );
  });
});

describe('knownSeconds', () => {
  test.each([
    ['absent', undefined, undefined],
    ['whole seconds', Duration.minutes(2), 120],
    ['a fraction, kept', Duration.millis(1500), 1.5],
    ['a Token in seconds', Duration.seconds(Lazy.number({ produce: () => 5 })), undefined],
    ['a Token in minutes, which cannot be converted', Duration.minutes(Lazy.number({ produce: () => 5 })), undefined],
  ])('%s', (_, duration, seconds) => {
    expect(knownSeconds(duration)).toBe(seconds);
  });
});

describe('wholeDaysOf', () => {
  test('whole days at or above the minimum', () => {
    const v = new PropsValidator('Thing');
    expect(wholeDaysOf(v, 'after', Duration.days(0), 0)).toBe(0);
    expect(wholeDaysOf(v, 'after', Duration.hours(48), 1)).toBe(2);
    expect(() => v.throwIfAny()).not.toThrow();
  });

  test('a Token passes unchecked and gives no number', () => {
    const v = new PropsValidator('Thing');
    expect(wholeDaysOf(v, 'after', Duration.hours(Lazy.number({ produce: () => 5 })), 1)).toBeUndefined();
    expect(() => v.throwIfAny()).not.toThrow();
  });

  test.each([
    [
      'a fraction of a day',
      Duration.hours(36),
      0,
      'after 1 day 12 hours is not allowed; allowed: a whole number of days, 0 or more',
    ],
    [
      'below the minimum',
      Duration.days(0),
      1,
      'after 0 days is not allowed; allowed: a whole number of days, at least 1',
    ],
  ])('%s is a problem', (_, duration, min, message) => {
    const v = new PropsValidator('Thing');
    expect(wholeDaysOf(v, 'after', duration, min)).toBeUndefined();
    expect(() => v.throwIfAny()).toThrow(new Error(`Invalid Thing props:\n  - ${message}`));
  });
});
