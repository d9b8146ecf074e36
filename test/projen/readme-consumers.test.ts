import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The fenced blocks of one README section, by language. */
function blocks(section: string, language: string): string[] {
  const readme = read('README.md');
  const start = readme.indexOf(`\n## ${section}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const body = readme.slice(start, end === -1 ? undefined : end);
  return [...body.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

// The README's Python and Java apps are the consumer suites' sources, which CI runs: they cannot drift.
describe('the README shows the apps that the consumer suites run', () => {
  test.each([
    ['Use it from Python', 'python', 'test/consumers/python/app.py'],
    ['Use it from Java', 'java', 'test/consumers/java/src/main/java/com/example/webservice/WebServiceStack.java'],
  ])('%s: the %s app is %s', (section, language, source) => {
    expect(blocks(section, language)).toEqual([read(source)]);
  });

  test.each([
    ['Use it from Python', 'test/consumers/python/cdk.json'],
    ['Use it from Java', 'test/consumers/java/cdk.json'],
  ])('%s: its cdk.json is %s', (section, source) => {
    expect(blocks(section, 'json')).toEqual([read(source)]);
  });

  test('the install lines name the published packages', () => {
    expect(blocks('Use it from Python', 'sh')).toEqual(['pip install secure-fargate-web-service\n']);
    const maven = blocks('Use it from Java', 'xml').join('');
    expect(maven).toContain('<groupId>io.github.securefargate</groupId>');
    expect(maven).toContain('<artifactId>secure-fargate-web-service</artifactId>');
  });
});
