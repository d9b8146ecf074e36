import { Lazy } from 'aws-cdk-lib';
import { PropsValidator } from '../../src/private/validation';

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
