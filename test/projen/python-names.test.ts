import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import {
  assemblyNames,
  bindingSnakeCase,
  correctTablet,
  correctKeywordMembers,
  correctText,
  corrections,
  countTranslated,
  tabletNames,
  translatedSnakeCase,
} from '../../projenrc/python-names';

const root = path.join(__dirname, '..', '..');

describe('Python names: the binding keeps KiB, MiB and GiB whole', () => {
  test.each([
    ['memoryLimitMiB', 'memory_limit_mi_b', 'memory_limit_mib'],
    ['ephemeralStorageGiB', 'ephemeral_storage_gi_b', 'ephemeral_storage_gib'],
    ['bufferKiB', 'buffer_ki_b', 'buffer_kib'],
  ])('%s: translated %s, binding %s', (name, translated, binding) => {
    expect(translatedSnakeCase(name)).toBe(translated);
    expect(bindingSnakeCase(name)).toBe(binding);
    expect(corrections([name])).toEqual(new Map([[translated, binding]]));
  });

  test.each(['containerPort', 'healthCheckPath', 'fromHostedZoneAttributes', 'ipv6Cidr', 'vpc'])(
    '%s needs no correction',
    (name) => {
      expect(corrections([name]).size).toBe(0);
    },
  );

  test('only whole words are corrected', () => {
    const fixes = corrections(['memoryLimitMiB']);
    const text = 'memory_limit_mi_b=1024, x_memory_limit_mi_b=1, memory_limit_mi_bytes=2, memory_limit_mi_b: int';
    expect(correctText(text, fixes)).toBe(
      'memory_limit_mib=1024, x_memory_limit_mi_b=1, memory_limit_mi_bytes=2, memory_limit_mib: int',
    );
    expect(countTranslated(text, fixes)).toBe(2);
    expect(correctText(text, new Map())).toBe(text);
  });

  test('any camelCase name, translated and corrected, is the binding name', () => {
    const word = fc.stringMatching(/^[A-Z][a-z0-9]{0,6}$/);
    const unit = fc.constantFrom('KiB', 'MiB', 'GiB', 'Id', 'URL', 'Arn');
    const name = fc
      .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), fc.array(fc.oneof(word, unit), { minLength: 1, maxLength: 4 }))
      .map(([head, rest]) => head + rest.join(''));
    fc.assert(
      fc.property(name, (n) => {
        expect(correctText(translatedSnakeCase(n), corrections([n]))).toBe(bindingSnakeCase(n));
      }),
    );
  });

  test('the tablet step corrects Python translations only, and collects the names its sources use', () => {
    const tablet = {
      snippets: {
        a: {
          translations: {
            $: { source: 'new X(this, "X", { memoryLimitMiB: 1024 });' },
            python: { source: 'X(self, "X", memory_limit_mi_b=1024)' },
            java: { source: 'X.Builder.create(this, "X").memoryLimitMiB(1024).build();' },
          },
        },
        b: { translations: { $: { source: 'x;' }, python: { source: 'x' } } },
      },
    };
    const names = tabletNames(tablet);
    expect(names).toContain('memoryLimitMiB');
    expect(correctTablet(tablet, corrections(names))).toBe(1);
    expect(tablet.snippets.a.translations.python.source).toBe('X(self, "X", memory_limit_mib=1024)');
    expect(tablet.snippets.a.translations.java.source).toContain('.memoryLimitMiB(1024)');
  });
});

test('members named by a Python keyword are spelt as the binding spells them, prose is left alone', () => {
  const docs = [
    '| <code><a href="#x.AccessLogBucket.with">with</a></code> | Applies mixins with care. |',
    '##### `with` <a name="with" id="x.AccessLogBucket.with"></a>',
    'def with(',
    '  mixins: *IMixin',
    'Use it with mixins; def within(',
  ].join('\n');
  expect(correctKeywordMembers(docs).split('\n')).toEqual([
    '| <code><a href="#x.AccessLogBucket.with">with_</a></code> | Applies mixins with care. |',
    '##### `with_` <a name="with" id="x.AccessLogBucket.with"></a>',
    'def with_(',
    '  mixins: *IMixin',
    'Use it with mixins; def within(',
  ]);
});

describe('the generated Python docs', () => {
  const assembly = JSON.parse(fs.readFileSync(path.join(root, '.jsii'), 'utf8'));
  const fixes = corrections(assemblyNames(assembly));

  test('the assembly has names whose translation needs correcting', () => {
    expect(fixes.get('memory_limit_mi_b')).toBe('memory_limit_mib');
  });

  test('docs/python/API.md names members as the binding does', () => {
    const docs = fs.readFileSync(path.join(root, 'docs', 'python', 'API.md'), 'utf8');
    expect(docs).toContain('memory_limit_mib');
    expect([...fixes.keys()].filter((wrong) => new RegExp(`\\b${wrong}\\b`).test(docs))).toEqual([]);
    expect(docs).not.toMatch(/^def with\(/m);
  });
});
