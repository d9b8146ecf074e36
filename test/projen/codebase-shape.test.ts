import * as fs from 'fs';
import * as path from 'path';

const src = path.join(__dirname, '..', '..', 'src');

/** Every TypeScript file below `dir` (src/ itself by default), relative to src/. */
function sources(dir = src): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [path.relative(src, full)] : [];
  });
}

const read = (file: string) => fs.readFileSync(path.join(src, file), 'utf8');

describe('the codebase keeps its shape', () => {
  test('the composed construct reads in one sitting: at most 500 lines', () => {
    expect(read('secure-fargate-web-service.ts').trimEnd().split('\n').length).toBeLessThanOrEqual(500);
  });

  test('every public construct class carries an @example', () => {
    const withoutExample = sources()
      .filter((file) => !file.split(path.sep).includes('private'))
      .flatMap((file) =>
        [...read(file).matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\nexport class (\w+)[^{]*extends Construct\b/g)]
          .filter((m) => !m[1].includes('@example'))
          .map((m) => `${file}: ${m[2]}`),
      );
    expect(withoutExample).toEqual([]);
  });

  test('the shared private/ folder imports no public block, only other shared helpers', () => {
    const reachingOut = sources(path.join(src, 'private')).flatMap((file) =>
      [...read(file).matchAll(/from '(\.[^']*)'/g)]
        .filter((m) => !m[1].startsWith('./'))
        .map((m) => `${file}: ${m[1]}`),
    );
    expect(reachingOut).toEqual([]);
  });

  test('no block keeps its checks in the shared private/ folder', () => {
    expect(sources(path.join(src, 'private')).filter((file) => /checks?\.ts$/.test(file))).toEqual([]);
  });

  test('the public API speaks of what it builds, not of a document users never see', () => {
    const mentions = sources().flatMap((file) =>
      read(file)
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => /\bspec\b|\bspec's\b|\bSpec[A-Z]/.test(line))
        .map(({ at }) => at),
    );
    expect(mentions).toEqual([]);
  });
});
