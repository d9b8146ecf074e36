/**
 * Python names in the generated translations and docs, corrected to the binding's.
 *
 * jsii-pacmak names Python members with codemaker's `toSnakeCase`, which keeps the unit abbreviations
 * `KiB`, `MiB` and `GiB` whole: the binding's keyword for `memoryLimitMiB` is `memory_limit_mib`.
 * jsii-rosetta (the README and docstring examples) and jsii-docgen (the Python API reference) start a
 * new word at every capital and write `memory_limit_mi_b`, a keyword the binding does not accept
 * (aws/jsii#3516). This step rewrites those names: in the rosetta tablet after `jsii-rosetta extract`,
 * so that jsii-pacmak (the wheel's README and docstrings) and jsii-docgen read corrected examples, and in
 * the Python API docs after jsii-docgen writes their signatures.
 *
 *   python-names.ts tablet <.jsii.tabl.json> <.jsii>    corrects the Python translations in the tablet
 *   python-names.ts docs <API.md> <.jsii> [tablet]      corrects a Markdown file of Python docs, where
 *                                                       jsii-docgen also writes keywords unescaped (`def with(`)
 */
import * as fs from 'fs';
import { toSnakeCase } from 'codemaker';

/** The snake_case that jsii-rosetta and jsii-docgen write: a word starts at every capital after a lower-case letter. */
export function translatedSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The snake_case of the Python binding that jsii-pacmak generates. */
export function bindingSnakeCase(name: string): string {
  return toSnakeCase(name);
}

/** For each camelCase name whose translated snake_case differs from the binding's: translated -> binding. */
export function corrections(names: Iterable<string>): Map<string, string> {
  const fixes = new Map<string, string>();
  for (const name of names) {
    if (!/^[a-z][A-Za-z0-9]*[A-Z]/.test(name)) continue;
    const translated = translatedSnakeCase(name);
    const binding = bindingSnakeCase(name);
    if (translated !== binding) fixes.set(translated, binding);
  }
  return fixes;
}

/** Matches every whole-word occurrence of a translated name; matches nothing when there are none. */
function translatedNames(fixes: Map<string, string>): RegExp {
  return new RegExp(fixes.size ? `\\b(${[...fixes.keys()].join('|')})\\b` : '(?!)', 'g');
}

/** `text` with every whole-word occurrence of a translated name replaced by the binding's. */
export function correctText(text: string, fixes: Map<string, string>): string {
  return text.replace(translatedNames(fixes), (wrong) => fixes.get(wrong)!);
}

/** How many translated names `text` holds. */
export function countTranslated(text: string, fixes: Map<string, string>): number {
  return [...text.matchAll(translatedNames(fixes))].length;
}

/** Python's keywords that can name a member: the binding appends `_` to them (`with_`), jsii-docgen does not. */
const PYTHON_KEYWORDS = [
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
].join('|');

/**
 * The Python API docs with members named by a keyword spelt as the binding spells them: in signatures
 * (`def with(`), headings and the member tables. Prose keeps its words.
 */
export function correctKeywordMembers(markdown: string): string {
  return markdown
    .replace(new RegExp(`^def (${PYTHON_KEYWORDS})\\(`, 'gm'), 'def $1_(')
    .replace(new RegExp(`^(#+ \`)(${PYTHON_KEYWORDS})\``, 'gm'), '$1$2_`')
    .replace(new RegExp(`(">)(${PYTHON_KEYWORDS})(</a></code>)`, 'g'), '$1$2_$3');
}

/** The member and parameter names that a jsii assembly declares. */
export function assemblyNames(assembly: any): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values<any>(assembly.types ?? {})) {
    for (const property of type.properties ?? []) names.add(property.name);
    for (const method of [...(type.methods ?? []), ...(type.initializer ? [type.initializer] : [])]) {
      if (method.name) names.add(method.name);
      for (const parameter of method.parameters ?? []) names.add(parameter.name);
    }
  }
  return names;
}

/** The identifiers that the TypeScript sources of a tablet's snippets use (names from any assembly). */
export function tabletNames(tablet: any): Set<string> {
  const names = new Set<string>();
  for (const snippet of Object.values<any>(tablet.snippets ?? {})) {
    for (const match of (snippet.translations?.$?.source ?? '').matchAll(/[A-Za-z_$][\w$]*/g)) names.add(match[0]);
  }
  return names;
}

/** Corrects the Python translations of a tablet in place; returns how many snippets changed. */
export function correctTablet(tablet: any, fixes: Map<string, string>): number {
  let changed = 0;
  for (const snippet of Object.values<any>(tablet.snippets ?? {})) {
    const python = snippet.translations?.python;
    if (!python) continue;
    const corrected = correctText(python.source, fixes);
    if (corrected !== python.source) {
      python.source = corrected;
      changed++;
    }
  }
  return changed;
}

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function main(args: string[]): void {
  const [mode, target, assemblyFile, tabletFile] = args;
  if (!['tablet', 'docs'].includes(mode) || !target || !assemblyFile) {
    throw new Error('usage: python-names.ts tablet <tablet> <assembly> | docs <markdown> <assembly> [tablet]');
  }
  const names = assemblyNames(readJson(assemblyFile));
  if (mode === 'tablet') {
    const tablet = readJson(target);
    for (const name of tabletNames(tablet)) names.add(name);
    const fixes = corrections(names);
    const changed = correctTablet(tablet, fixes);
    fs.writeFileSync(target, JSON.stringify(tablet, undefined, 2));
    console.log(`python-names: ${changed} Python translations corrected (${[...fixes.values()].join(', ')})`);
  } else {
    if (tabletFile) for (const name of tabletNames(readJson(tabletFile))) names.add(name);
    const fixes = corrections(names);
    const text = fs.readFileSync(target, 'utf8');
    fs.writeFileSync(target, correctKeywordMembers(correctText(text, fixes)));
    console.log(`python-names: ${countTranslated(text, fixes)} names corrected in ${target}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2));
}
