import { Token } from 'aws-cdk-lib';

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
