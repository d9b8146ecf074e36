/**
 * The TypeScript examples of the reference pages (docs/*.md) and of CONTRIBUTING.md, type-checked against the
 * library's current source.
 *
 * jsii-rosetta compiles the README's examples in strict mode, but nothing compiles these pages, so their examples
 * could drift from the API. Here every ```ts block is completed the way rosetta completes a README example: the
 * snippet replaces the `/// here` line of `rosetta/default.ts-fixture` (or of the fixture that `fixture=NAME`
 * in the block's info string names; `nofixture` compiles it alone), and its imports and `declare` statements are
 * hoisted to the top level of the file. The import 'secure-fargate-web-service' resolves to `src/index.ts`, so the
 * examples are checked against the source, not a build. All blocks share one Program (aws-cdk-lib's declarations
 * are read once), with the compiler options of tsconfig.dev.json and, as rosetta does, unused locals allowed (an
 * example may declare what it only shows). A diagnostic is reported as `<line>: <message>`, with the line of the
 * Markdown file.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');

/** The package name the examples import, and the source it stands for. */
const PACKAGE = 'secure-fargate-web-service';
const PACKAGE_SOURCE = path.join(ROOT, 'src', 'index.ts');

/** The pages whose examples are checked: the top level of docs/ (docs/python and docs/java are generated). */
const PAGES = [
  ...fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join('docs', name)),
  'CONTRIBUTING.md',
];

/** A ```ts block of a Markdown file. */
interface Block {
  /** The file, relative to the repository root. */
  readonly file: string;
  /** The 1-based line of the opening fence. */
  readonly line: number;
  /** The code between the fences, its indentation removed. */
  readonly source: string;
  /** `fixture=NAME` and `nofixture` from the info string, as rosetta reads them. */
  readonly parameters: Record<string, string>;
}

/** The ```ts (and ```typescript) blocks of a Markdown file, with the line of each. */
function extractBlocks(file: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*(\S*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language, rest] = open;
    const close = new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end])) end++;
    if (language === 'ts' || language === 'typescript') {
      const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
      blocks.push({ file, line: i + 1, source: body.join('\n'), parameters: keyValues(rest) });
    }
    i = end;
  }
  return blocks;
}

function keyValues(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const word of text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')) {
    const [key, value] = word.split('=', 2);
    result[key] = value ?? '';
  }
  return result;
}

/** A piece of the virtual file that comes from the snippet: where it is in each. */
interface Piece {
  readonly fileStart: number;
  readonly snippetStart: number;
  readonly length: number;
}

/** A block completed by its fixture, as one virtual source file. */
interface Example {
  readonly block: Block;
  readonly fileName: string;
  readonly text: string;
  readonly pieces: Piece[];
  /** The snippet, parsed, to find the line of a position in it. */
  readonly snippet: ts.SourceFile;
}

const HERE = /[/]{3}[ \t]*here[ \t]*$/im;

/**
 * The snippet in its fixture, the way jsii-rosetta's `fixturize` builds it: import statements and `declare`
 * variable statements hoisted above the fixture, the other statements in place of `/// here`, and an empty
 * export so that each example is a module of its own.
 */
function complete(block: Block, index: number): Example {
  const snippet = ts.createSourceFile('snippet.ts', block.source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const hoisted: ts.Statement[] = [];
  const body: ts.Statement[] = [];
  for (const statement of snippet.statements) {
    const hoist =
      ts.isImportDeclaration(statement) ||
      ts.isImportEqualsDeclaration(statement) ||
      (ts.isVariableStatement(statement) &&
        (statement.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword));
    (hoist ? hoisted : body).push(statement);
  }
  // Text after the last statement (a trailing comment) stays with the body.
  const tail = { start: snippet.statements.end, end: snippet.end };

  let text = '';
  const pieces: Piece[] = [];
  const add = (start: number, end: number) => {
    pieces.push({ fileStart: text.length, snippetStart: start, length: end - start });
    text += block.source.slice(start, end);
  };
  const addStatements = (statements: ts.Statement[]) => {
    for (const s of statements) add(s.getFullStart(), s.getEnd());
  };

  const fixtureName = block.parameters.fixture ?? 'default';
  if ('nofixture' in block.parameters) {
    addStatements([...hoisted, ...body]);
    add(tail.start, tail.end);
  } else {
    const fixturePath = path.join(ROOT, 'rosetta', `${fixtureName}.ts-fixture`);
    const fixture = fs.readFileSync(fixturePath, 'utf-8');
    const here = HERE.exec(fixture);
    if (!here) throw new Error(`${fixturePath} has no '/// here' line`);
    if (hoisted.length > 0) {
      text += '// Hoisted imports begin after !show marker below\n/// !show\n';
      addStatements(hoisted);
      text += '\n/// !hide\n// Hoisted imports ended before !hide marker above\n';
    }
    text += fixture.slice(0, here.index);
    text += '// Code snippet begins after !show marker below\n/// !show\n';
    addStatements(body);
    add(tail.start, tail.end);
    text += '\n/// !hide\n// Code snippet ended before !hide marker above';
    text += fixture.slice(here.index + here[0].length);
  }
  text += '\n/// !hide\nexport {};\n/// !show\n';

  const stem = `${block.file.replace(/[^A-Za-z0-9]+/g, '-')}-L${block.line}-${index}`;
  // A path inside the repository, so that aws-cdk-lib and constructs resolve from its node_modules; never written.
  const fileName = path.join(ROOT, 'test', '.docs-examples', `${stem}.ts`);
  return { block, fileName, text, pieces, snippet };
}

/** The compiler options of tsconfig.dev.json, with the package mapped to its source. */
function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(ROOT, 'tsconfig.dev.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  // No directory walk: the root files are the examples.
  const host: ts.ParseConfigHost = { ...ts.sys, readDirectory: () => [] };
  const parsed = ts.parseJsonConfigFileContent(config.config, host, ROOT, undefined, configPath);
  return {
    ...parsed.options,
    noEmit: true,
    // As jsii-rosetta compiles examples: a snippet may declare what it only shows, and the fixture imports more
    // than any one snippet uses.
    noUnusedLocals: false,
    noUnusedParameters: false,
    paths: { [PACKAGE]: [PACKAGE_SOURCE] },
  };
}

/** One Program over all examples; the files of the examples are served from memory. */
function createProgram(examples: Example[]): ts.Program {
  const options = compilerOptions();
  const virtual = new Map(examples.map((e) => [e.fileName, e.text]));
  const realHost = ts.createCompilerHost(options, true);
  const host: ts.CompilerHost = {
    ...realHost,
    fileExists: (f) => virtual.has(f) || realHost.fileExists(f),
    readFile: (f) => virtual.get(f) ?? realHost.readFile(f),
    getSourceFile: (f, languageVersion, onError, shouldCreate) => {
      const text = virtual.get(f);
      return text !== undefined
        ? ts.createSourceFile(f, text, languageVersion, true)
        : realHost.getSourceFile(f, languageVersion, onError, shouldCreate);
    },
    writeFile: () => undefined,
  };
  return ts.createProgram({ rootNames: [...virtual.keys()], options, host });
}

/** The line of a position in the example file: the Markdown file's line where it comes from the snippet. */
function lineOf(example: Example, position: number, file: ts.SourceFile): string {
  const piece = example.pieces.find((p) => position >= p.fileStart && position <= p.fileStart + p.length);
  if (piece) {
    const inSnippet = piece.snippetStart + (position - piece.fileStart);
    return String(example.block.line + 1 + example.snippet.getLineAndCharacterOfPosition(inSnippet).line);
  }
  return `fixture line ${file.getLineAndCharacterOfPosition(position).line + 1}`;
}

/** The syntactic and semantic diagnostics of one example, as `<line>: <message>`. */
function diagnosticsOf(program: ts.Program, example: Example): string[] {
  const file = program.getSourceFile(example.fileName);
  if (!file) throw new Error(`${example.fileName} is not in the program`);
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
    const where = d.start !== undefined ? lineOf(example, d.start, file) : '-';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

const blocks = PAGES.flatMap((file) => extractBlocks(file, fs.readFileSync(path.join(ROOT, file), 'utf-8')));
const examples = blocks.map((block, i) => complete(block, i));
let program: ts.Program | undefined;

describe('TypeScript examples of docs/*.md and CONTRIBUTING.md type-check against src/', () => {
  beforeAll(() => {
    program = createProgram(examples);
    // The setup itself must be sound: wrong options would make every example fail, or none.
    const setup = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
    expect(setup.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  test('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    test(`${example.block.file}:${example.block.line}`, () => {
      expect(diagnosticsOf(program!, example)).toEqual([]);
    });
  }
});
