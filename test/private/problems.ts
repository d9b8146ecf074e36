import { Lazy } from 'aws-cdk-lib';
import { PropsValidator } from '../../src/private/validation';

/** The problem lines (without the "  - " bullet) that one check records on a fresh validator. */
export function problemsOf(run: (v: PropsValidator) => void): string[] {
  const v = new PropsValidator('T');
  run(v);
  try {
    v.throwIfAny();
  } catch (error) {
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((line) => line.slice(4));
  }
  return [];
}

/** A number known only at synthesis (a Token), which checks must let pass. */
export const lazy = (value: number) => Lazy.number({ produce: () => value });
