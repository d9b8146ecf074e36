import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('generated workflows', () => {
  test('the release workflow names no registry host: the npm publisher uses its default', () => {
    const release = read('.github/workflows/release.yml');
    expect(release).toContain('publib-npm');
    expect(release).not.toContain('NPM_REGISTRY');
  });

  test.each(['build.yml', 'release.yml'])('%s runs on a supported Node.js LTS', (file) => {
    const versions = [...read(`.github/workflows/${file}`).matchAll(/node-version: (\S+)/g)].map((m) => m[1]);
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions) expect(['22.x', '24.x']).toContain(v);
  });

  test.each(['release_npm', 'release_pypi', 'release_maven', 'release_nuget', 'release_golang'])(
    'the release workflow publishes with %s',
    (job) => {
      expect(read('.github/workflows/release.yml')).toContain(`  ${job}:`);
    },
  );
});
