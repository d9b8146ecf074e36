import { Duration, Token } from 'aws-cdk-lib';

/**
 * Collects every problem of one props object, so that a user fixes them in one pass.
 * Values that are Tokens are known only at deploy time and are never checked.
 */
export class PropsValidator {
  private readonly problems: string[] = [];

  constructor(private readonly owner: string) {}

  /** Records a problem unconditionally. */
  public fail(message: string): void {
    this.problems.push(message);
  }

  /** An integer in [min, max], inclusive. */
  public integerInRange(prop: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.fail(`${prop} ${value} is not allowed; allowed: an integer from ${min} to ${max}`);
    }
  }

  /** Requires `lower <= upper` when both are known. */
  public ordered(lowerProp: string, lower: number | undefined, upperProp: string, upper: number | undefined): void {
    if (lower === undefined || upper === undefined || Token.isUnresolved(lower) || Token.isUnresolved(upper)) return;
    if (lower > upper) {
      this.fail(`${lowerProp} ${lower} is greater than ${upperProp} ${upper}; allowed: ${lowerProp} <= ${upperProp}`);
    }
  }

  /** Throws once with every problem recorded, if any. */
  public throwIfAny(): void {
    if (this.problems.length === 0) return;
    const list = this.problems.map((p) => `  - ${p}`).join('\n');
    throw new Error(`Invalid ${this.owner} props:\n${list}`);
  }
}

/** Whether a string is known at synth time (not a Token). */
export function isKnown(value: string | undefined): value is string {
  return value !== undefined && !Token.isUnresolved(value);
}

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const SHORT_ESCAPES: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/**
 * A value as a message shows it: control characters JSON-escaped (a tab as `\t`, a bell as `\u0007`), so
 * that one problem stays one line.
 */
export function escaped(value: string): string {
  return value.replace(
    CONTROL_CHARACTERS,
    (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A value in single quotes, as a message shows it (see `escaped`). */
export function quoted(value: string): string {
  return `'${escaped(value)}'`;
}

/**
 * A duration in seconds, fractions kept (so that a range check can refuse them), or undefined when it is
 * absent or a Token (`Duration.minutes(token)` cannot even be converted).
 */
export function knownSeconds(duration: Duration | undefined): number | undefined {
  if (duration === undefined || duration.isUnresolved()) return undefined;
  return duration.toSeconds({ integral: false });
}

/**
 * The whole number of days of a duration, at least `min`; records a problem when it is not one, and
 * returns undefined then, and for a Token.
 */
export function wholeDaysOf(v: PropsValidator, prop: string, value: Duration, min: number): number | undefined {
  if (value.isUnresolved()) return undefined;
  const days = value.toDays({ integral: false });
  if (!Number.isInteger(days) || days < min) {
    const allowed = min === 0 ? 'a whole number of days, 0 or more' : `a whole number of days, at least ${min}`;
    v.fail(`${prop} ${value.toHumanString()} is not allowed; allowed: ${allowed}`);
    return undefined;
  }
  return days;
}

/** An IPv4 CIDR with octets up to 255 and a prefix up to 32, or an IPv6 CIDR with a prefix up to 128. */
export function isCidr(cidr: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32;
  const v6 = /^([0-9a-f:]+)\/(\d{1,3})$/i.exec(cidr);
  return v6 !== null && v6[1].includes(':') && Number(v6[2]) <= 128;
}
