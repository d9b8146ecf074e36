import { Token } from 'aws-cdk-lib';
import { PropsValidator } from './validation';

interface FargateMemory {
  /** Every memory value (MiB) allowed. */
  readonly valuesMiB: readonly number[];
  /** How an error message states them. */
  readonly description: string;
}

function series(minMiB: number, maxMiB: number, stepMiB: number): FargateMemory {
  const valuesMiB: number[] = [];
  for (let m = minMiB; m <= maxMiB; m += stepMiB) valuesMiB.push(m);
  return { valuesMiB, description: `${minMiB}-${maxMiB} in steps of ${stepMiB}` };
}

/** AWS Fargate's task sizes (Linux): for each CPU value, the memory it allows. */
const FARGATE_SIZES: ReadonlyMap<number, FargateMemory> = new Map([
  [256, { valuesMiB: [512, 1024, 2048], description: '512, 1024, 2048' }],
  [512, series(1024, 4096, 1024)],
  [1024, series(2048, 8192, 1024)],
  [2048, series(4096, 16384, 1024)],
  [4096, series(8192, 30720, 1024)],
  [8192, series(16384, 61440, 4096)],
  [16384, series(32768, 122880, 8192)],
]);

/** The CPU values Fargate accepts. */
export const FARGATE_CPU_VALUES: readonly number[] = [...FARGATE_SIZES.keys()];

/** The memory values (MiB) Fargate accepts for a CPU value; empty for an unknown CPU value. */
export function fargateMemoryValuesMiB(cpu: number): readonly number[] {
  return FARGATE_SIZES.get(cpu)?.valuesMiB ?? [];
}

/** Checks a cpu/memoryLimitMiB pair against the Fargate table. Tokens pass unchecked. */
export function validateFargateSize(v: PropsValidator, cpu: number, memoryLimitMiB: number): void {
  if (Token.isUnresolved(cpu)) return;
  const memory = FARGATE_SIZES.get(cpu);
  if (!memory) {
    v.fail(`cpu ${cpu} is not a Fargate CPU value; allowed: ${FARGATE_CPU_VALUES.join(', ')}`);
    return;
  }
  if (Token.isUnresolved(memoryLimitMiB)) return;
  if (!memory.valuesMiB.includes(memoryLimitMiB)) {
    v.fail(`cpu ${cpu} does not allow memoryLimitMiB ${memoryLimitMiB}; allowed: ${memory.description}`);
  }
}
