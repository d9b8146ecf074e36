import { Lazy } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { FARGATE_CPU_VALUES, fargateMemoryValuesMiB, validateFargateSize } from '../../src/private/fargate-size';
import { PropsValidator } from '../../src/private/validation';

function check(cpu: number, memoryLimitMiB: number): void {
  const v = new PropsValidator('Test');
  validateFargateSize(v, cpu, memoryLimitMiB);
  v.throwIfAny();
}

// AWS's table, written out independently of the implementation.
const TABLE: Array<[number, number, number, number]> = [
  [512, 1024, 4096, 1024],
  [1024, 2048, 8192, 1024],
  [2048, 4096, 16384, 1024],
  [4096, 8192, 30720, 1024],
  [8192, 16384, 61440, 4096],
  [16384, 32768, 122880, 8192],
];

describe('Fargate task sizes', () => {
  test('256 CPU allows exactly 512, 1024 and 2048 MiB', () => {
    expect(fargateMemoryValuesMiB(256)).toEqual([512, 1024, 2048]);
  });

  test.each(TABLE)('cpu %d allows %d-%d MiB in steps of %d', (cpu, min, max, step) => {
    const values = fargateMemoryValuesMiB(cpu);
    expect(values[0]).toBe(min);
    expect(values[values.length - 1]).toBe(max);
    expect(values.length).toBe((max - min) / step + 1);
  });

  test('every allowed pair passes (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FARGATE_CPU_VALUES), fc.nat(), (cpu, i) => {
        const values = fargateMemoryValuesMiB(cpu);
        expect(() => check(cpu, values[i % values.length])).not.toThrow();
      }),
    );
  });

  test('every pair outside the table fails and names the allowed memory (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FARGATE_CPU_VALUES), fc.integer({ min: 1, max: 200_000 }), (cpu, memory) => {
        fc.pre(!fargateMemoryValuesMiB(cpu).includes(memory));
        expect(() => check(cpu, memory)).toThrow(`cpu ${cpu} does not allow memoryLimitMiB ${memory}; allowed: `);
      }),
    );
  });

  test.each([
    [256, 1536, 'cpu 256 does not allow memoryLimitMiB 1536; allowed: 512, 1024, 2048'],
    [512, 512, 'cpu 512 does not allow memoryLimitMiB 512; allowed: 1024-4096 in steps of 1024'],
    [8192, 18432, 'cpu 8192 does not allow memoryLimitMiB 18432; allowed: 16384-61440 in steps of 4096'],
    [300, 512, 'cpu 300 is not a Fargate CPU value; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384'],
  ])('cpu %d with memoryLimitMiB %d fails: %s', (cpu, memory, message) => {
    expect(() => check(cpu, memory)).toThrow(message);
  });

  test.each([
    ['cpu', () => check(Lazy.number({ produce: () => 300 }), 512)],
    ['memoryLimitMiB', () => check(512, Lazy.number({ produce: () => 512 }))],
  ])('a Token %s passes unchecked', (_name, run) => {
    expect(run).not.toThrow();
  });
});
