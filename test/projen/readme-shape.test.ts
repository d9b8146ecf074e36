import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const REPOSITORY = 'https://github.com/securefargate/secure-fargate-web-service/blob/main/';

/** The README's Markdown links and their targets (inline `[text](target)` only). */
function links(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

describe('the README is for users', () => {
  const readme = read('README.md');

  test('it stays within 45 KB: reference material lives in docs/ and CONTRIBUTING.md', () => {
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(45 * 1024);
  });

  test('its links work on GitHub and on Construct Hub: absolute to the repository, or anchors of its own', () => {
    const anchors = new Set([...readme.matchAll(/^#{1,6} (.*)$/gm)].map((m) => anchorOf(m[1])));
    const broken = links(readme).filter((target) => {
      if (target.startsWith('#')) return !anchors.has(target.slice(1));
      if (target.startsWith(REPOSITORY)) {
        const file = target.slice(REPOSITORY.length).split('#')[0];
        return !fs.existsSync(path.join(root, file));
      }
      return !target.startsWith('https://');
    });
    expect(broken).toEqual([]);
  });

  test('the documents it points to exist: security, architecture mapping, benchmark, contributing', () => {
    for (const file of ['docs/security.md', 'docs/architecture-mapping.md', 'docs/benchmark.md', 'CONTRIBUTING.md']) {
      expect(readme).toContain(`${REPOSITORY}${file}`);
    }
  });
});
