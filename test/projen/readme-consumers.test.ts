import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The fenced blocks of one section of a page (the README unless given), by language. */
function blocks(section: string, language: string, page = 'README.md'): string[] {
  const readme = read(page);
  const start = readme.indexOf(`\n## ${section}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const body = readme.slice(start, end === -1 ? undefined : end);
  return [...body.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

const LANGUAGES = 'docs/python-and-java.md';

// The Python and Java apps of the docs are the consumer suites' sources, which CI runs: they cannot drift.
describe('docs/python-and-java.md shows the apps that the consumer suites run', () => {
  test.each([
    ['Python', 'python', 'test/consumers/python/app.py'],
    ['Java', 'java', 'test/consumers/java/src/main/java/com/example/webservice/WebServiceStack.java'],
  ])('%s: the %s app is %s', (section, language, source) => {
    expect(blocks(section, language, LANGUAGES)).toEqual([read(source)]);
  });

  test.each([
    ['Python', 'test/consumers/python/cdk.json'],
    ['Java', 'test/consumers/java/cdk.json'],
  ])('%s: its cdk.json is %s', (section, source) => {
    expect(blocks(section, 'json', LANGUAGES)).toEqual([read(source)]);
  });

  test.each(['README.md', LANGUAGES])('the install lines of %s name the published packages', (page) => {
    const section = page === LANGUAGES ? 'Python' : 'Use it from Python and Java';
    expect(blocks(section, 'sh', page)).toEqual(['pip install secure-fargate-web-service\n']);
    const maven = blocks(page === LANGUAGES ? 'Java' : section, 'xml', page).join('');
    expect(maven).toContain('<groupId>io.github.securefargate</groupId>');
    expect(maven).toContain('<artifactId>secure-fargate-web-service</artifactId>');
  });
});
