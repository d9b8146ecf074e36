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

describe('the README and CI', () => {
  const readme = read('README.md');
  const commands = [...readme.matchAll(/```sh\n(.+)\n```/g)].map((m) => m[1]);

  test('the README opens with exactly two commands: the example, then the test suite', () => {
    expect(commands.slice(0, 2)).toEqual([
      'npm ci && npx projen example',
      'npm ci && npx projen build && npx projen test:consumers && npx projen test:latest-cdk && npx projen test:cfn-lint',
    ]);
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('\n## '));
  });

  test(".ci/run runs the README's test command leg by leg and fails when a leg fails", () => {
    const run = read('.ci/run');
    const legs = run.match(/^legs=\((.*)\)$/m)?.[1];
    expect(legs).toBeDefined();
    expect([...legs!.matchAll(/"([^"]+)"/g)].map((m) => m[1]).join(' && ')).toBe(commands[1]);
    expect(run).toMatch(/^ {2}\$leg \|\| \{ .*exit 1; \}$/m);
    expect(run).toContain('set -euo pipefail');
    expect(run).toContain('git diff --exit-code');
  });
});

describe('jsii targets', () => {
  const jsii = JSON.parse(read('.jsii'));

  test('the .NET namespace is no type name: C# would resolve the namespace to that type inside it', () => {
    const namespace: string = jsii.targets.dotnet.namespace;
    const typeNames = Object.values(jsii.types as Record<string, { name: string }>).map((t) => t.name);
    for (const segment of namespace.split('.')) expect(typeNames).not.toContain(segment);
    expect(jsii.targets.dotnet.packageId).toBe('SecureFargateWebService');
  });

  test('Python, Java and Go are named as published', () => {
    expect(jsii.targets.python).toEqual(
      expect.objectContaining({ distName: 'secure-fargate-web-service', module: 'secure_fargate_web_service' }),
    );
    expect(jsii.targets.java).toEqual(
      expect.objectContaining({
        package: 'io.github.securefargate',
        maven: expect.objectContaining({
          groupId: 'io.github.securefargate',
          artifactId: 'secure-fargate-web-service',
        }),
      }),
    );
    expect(jsii.targets.go.moduleName).toBe('github.com/securefargate/secure-fargate-web-service-go');
  });
});
