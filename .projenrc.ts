import { awscdk, javascript, JsonPatch } from 'projen';

/** The lowest aws-cdk-lib this library supports; see "Supported versions" in the README. */
const CDK_MIN_VERSION = '2.257.0';

/** The build packages every target and runs the Python and Java consumer suites: their toolchains. */
const CONSUMER_TOOLCHAIN_STEPS = [
  { name: 'Set up Python', uses: 'actions/setup-python@v7.0.0', with: { 'python-version': '3.11' } },
  {
    name: 'Set up Java',
    uses: 'actions/setup-java@v6.0.0',
    with: { distribution: 'temurin', 'java-version': '17', cache: 'maven' },
  },
  { name: 'Set up Go', uses: 'actions/setup-go@v7.0.0', with: { 'go-version': '^1.23.0' } },
];

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'secure-fargate-web-service',
  description:
    'A production-grade, secure-by-default web service on Amazon ECS Fargate: VPC, HTTPS load balancer, hardened tasks, auto scaling, alarms and audit, composed from public building blocks.',
  keywords: ['aws', 'cdk', 'awscdk', 'ecs', 'fargate', 'alb', 'security', 'web-service'],
  author: 'Secure Fargate Web Service Authors',
  authorAddress: 'maintainers@securefargate.io',
  repositoryUrl: 'https://github.com/securefargate/secure-fargate-web-service.git',
  license: 'Apache-2.0',
  stability: 'experimental',

  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  tsconfigDevFile: 'tsconfig.dev.json',
  // Lint sources, tests and examples against the development tsconfig, which includes all three.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'projenrc'],
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
    prettier: true,
  },
  prettier: true,
  prettierOptions: { settings: { singleQuote: true, printWidth: 120, trailingComma: javascript.TrailingComma.ALL } },
  // Workflows run on a supported Node.js LTS; the library itself runs wherever aws-cdk-lib does.
  workflowNodeVersion: '24.x',
  buildWorkflowOptions: { preBuildSteps: CONSUMER_TOOLCHAIN_STEPS },
  releaseWorkflowSetupSteps: CONSUMER_TOOLCHAIN_STEPS,

  cdkVersion: CDK_MIN_VERSION,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  // jsii targets: the release workflow publishes each of them.
  publishToPypi: {
    distName: 'secure-fargate-web-service',
    module: 'secure_fargate_web_service',
  },
  publishToMaven: {
    javaPackage: 'io.github.securefargate',
    mavenGroupId: 'io.github.securefargate',
    mavenArtifactId: 'secure-fargate-web-service',
  },
  publishToNuget: {
    // Not 'SecureFargateWebService': C# would resolve that name to the class of the same name inside its namespace.
    dotNetNamespace: 'SecureFargate.WebService',
    packageId: 'SecureFargateWebService',
  },
  publishToGo: {
    moduleName: 'github.com/securefargate/secure-fargate-web-service-go',
  },

  devDeps: [
    // cdk-nag 3 needs aws-cdk-lib ^2.257.0; test/nag/harness.ts runs its packs in the tests.
    'cdk-nag@3.0.2',
    // cdk-nag 2 reads acknowledgements from template metadata; the packs run under both majors.
    'cdk-nag-v2@npm:cdk-nag@2.38.2',
    // integ-tests-alpha 2.245.0-alpha.0 declares aws-cdk-lib ^2.245.0, which our minimum satisfies.
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@2.197.10',
    'fast-check@^4',
    // The snake_case of jsii-pacmak's Python binding, for projenrc/python-names.ts.
    'codemaker@^1.140.0',
  ],

  jestOptions: {
    jestConfig: {
      coverageThreshold: { lines: 90, branches: 90, functions: 90, statements: 90 },
      collectCoverageFrom: ['src/**/*.ts'],
      testTimeout: 120_000,
    },
  },

  gitignore: [
    'cdk.out/',
    'examples/cdk.out/',
    'dist/',
    '.jsii.tabl.json',
    'test/integ/**/cdk.out',
    // what integ-runner leaves behind after a test case fails to synthesize
    'test/integ/cdk-integ.out.*',
    'bench-results/',
    // the consumer suites' build output and caches
    'test/consumers/java/target/',
    '__pycache__/',
    '.mypy_cache/',
    '.pytest_cache/',
  ],
});

const env = {
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
  AWS_EC2_METADATA_DISABLED: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
};
for (const [name, value] of Object.entries(env)) {
  project.tasks.addEnvironment(name, value);
}

// README examples are compiled in strict mode, so they also read well in Python and Java.
// (--strict implies --compile and --fail.) It runs before docgen, so that docgen finds the translations.
// The Python names in the translations and the Python API docs are then corrected to the binding's
// (projenrc/python-names.ts): jsii-rosetta and jsii-docgen split `MiB` where jsii-pacmak does not.
const pythonNames = 'ts-node --project tsconfig.dev.json projenrc/python-names.ts';
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile the README examples with jsii-rosetta in strict mode; correct their Python names',
  steps: [{ exec: 'jsii-rosetta extract --strict' }, { exec: `${pythonNames} tablet .jsii.tabl.json .jsii` }],
});
project.postCompileTask.reset();
project.postCompileTask.spawn(rosetta);
const docgen = project.tasks.tryFind('docgen')!;
for (const language of ['python', 'java']) {
  docgen.exec(`jsii-docgen --language ${language} --readme --output docs/${language}/API.md`);
}
docgen.exec(`${pythonNames} docs docs/python/API.md .jsii .jsii.tabl.json`);
project.postCompileTask.spawn(docgen);

// Integration snapshots: verified on every test run, written offline (never deployed).
const integ = project.addTask('integ', {
  description: 'Verify the committed integration test snapshots (no deploy)',
  exec: 'integ-runner --language typescript --directory test/integ --parallel-regions us-west-2 --max-workers 1',
  receiveArgs: true,
});
project.addTask('integ:snapshot', {
  description: 'Write the integration test snapshots offline (no deploy)',
  exec: 'integ-runner --language typescript --directory test/integ --update-on-failed --dry-run --max-workers 1',
  receiveArgs: true,
});
project.testTask.spawn(integ);

// `package` builds every target as the release workflow publishes it: the npm tarball (dist/js), the Python
// wheel and sdist (dist/python), the Maven repository layout (dist/java) and the Go module (dist/go). The Go
// module is generated and parsed, not compiled (--code-only): compiling needs aws-cdk-go's whole module graph.
// .NET needs the .NET SDK to build: `package` generates its sources (dist/dotnet-sources); the release
// workflow's package:dotnet builds the NuGet package.
const packageGo = project.tasks.tryFind('package:go')!;
packageGo.reset('jsii-pacmak -v --target go --code-only');
// Every file of the module must parse (gofmt -e fails on a syntax error); pacmak's layout is not gofmt's.
packageGo.exec('gofmt -e dist/go > /dev/null');
const dotnetSources = project.addTask('package:dotnet-sources', {
  description: 'Generate the .NET sources into dist/dotnet-sources (building the NuGet package needs the .NET SDK)',
  exec: 'jsii-pacmak -v --target dotnet --code-only --outdir dist/dotnet-sources',
});
const pkg = project.tasks.tryFind('package')!;
pkg.reset();
for (const target of ['package:js', 'package:python', 'package:java']) pkg.spawn(project.tasks.tryFind(target)!);
pkg.spawn(packageGo);
pkg.spawn(dotnetSources);

// The consumer suites: a Python and a Java CDK app with their tests, run against the packages that the build
// just made, installed as users install them. The README's test command and the build workflow run them
// after the build.
const testPython = project.addTask('test:python', {
  description: 'The Python consumer suite and README examples, in a fresh virtual environment holding the built wheel',
  exec: 'bash test/consumers/python/run.sh',
  receiveArgs: true,
});
const testJava = project.addTask('test:java', {
  description: 'The Java consumer suite, a Maven project depending on the built jar (dist/java)',
  exec: 'bash test/consumers/java/run.sh',
  receiveArgs: true,
});
const testConsumers = project.addTask('test:consumers', { description: 'The Python and Java consumer suites' });
testConsumers.spawn(testPython);
testConsumers.spawn(testJava);
project.buildWorkflow?.addPostBuildSteps({
  name: 'Test the Python and Java consumers',
  run: `npx projen ${testConsumers.name}`,
});

// The main job: synthesize the bundled example app and print what was built.
project.addTask('example', {
  description: 'Synthesize the example app into cdk.out/ and print a summary of what was built',
  exec: 'ts-node --project tsconfig.dev.json examples/summary.ts',
  receiveArgs: true,
});

// The synthesis benchmark: a script, not a test (nothing in CI times it); it writes docs/benchmark.md.
const bench = project.addTask('bench', {
  description:
    "Benchmark construct + synth time against aws-cdk-lib's pattern and at 1-25 shared services, and import + synth from Python; writes docs/benchmark.md",
  exec: 'ts-node --project tsconfig.dev.json test/bench/synth-bench.ts',
  receiveArgs: true,
});
bench.spawn(
  project.addTask('bench:python', {
    description:
      "Import + synth of the default service from Python against aws-cdk-lib's pattern (needs the wheel); writes its section of docs/benchmark.md",
    exec: 'bash test/bench/python-bench.sh',
    receiveArgs: true,
  }),
);
project.addTask('bench:latest-cdk', {
  description:
    'The synthesis benchmark against the newest aws-cdk-lib (scratch copy); writes its section of docs/benchmark.md',
  exec: 'bash test/compat/latest-cdk.sh bench',
  receiveArgs: true,
});

// The example and the security gate against the newest aws-cdk-lib, in a scratch copy.
const latestCdk = project.addTask('test:latest-cdk', {
  description:
    'Run the example synth, the security gate and the Python consumer suite against the newest aws-cdk-lib (scratch copy)',
  exec: 'bash test/compat/latest-cdk.sh',
});
project.buildWorkflow?.addPostBuildSteps({
  name: 'Test against the newest aws-cdk-lib',
  run: `npx projen ${latestCdk.name}`,
});

// cfn-lint, AWS's CloudFormation linter, over every template the suite writes: the example app, the integ
// snapshots, and the Python and Java consumer apps synthesized from dist/ (so it runs after the build). It is
// pinned in test/cfn-lint/requirements.txt and installed into a virtual environment outside the tree; its
// settings and ignored rules, each with a reason, are in test/cfn-lint/.cfnlintrc.yaml. The consumer apps'
// assemblies go to test/cfn-lint/cdk.out/, which the 'cdk.out/' pattern above keeps out of git.
const cfnLint = project.addTask('test:cfn-lint', {
  description:
    'cfn-lint over every template the suite writes: the example app, the integ snapshots and the Python and Java consumer apps (needs the build)',
  exec: 'bash test/cfn-lint/run.sh',
  receiveArgs: true,
});
project.buildWorkflow?.addPostBuildSteps({
  name: 'Lint the synthesized templates (cfn-lint)',
  run: `npx projen ${cfnLint.name}`,
});

project.tsconfigDev.addInclude('examples/**/*.ts');
project.tsconfigDev.addInclude('.projenrc.ts');
project.npmignore?.exclude('/examples/', '/test/', '/.ci/', 'cdk.out/', '/dist/');

// The release workflow must not name the registry's host: the publisher defaults to it.
// Its index: the publish job's nine standard steps come before it. test/projen/workflows.test.ts fails if
// the key is ever back.
const npmReleaseStep = 9;
project
  .tryFindObjectFile('.github/workflows/release.yml')
  ?.patch(JsonPatch.remove(`/jobs/release_npm/steps/${npmReleaseStep}/env/NPM_REGISTRY`));

// Imports flow one way (the composed construct uses the blocks, the blocks use private/): a cycle fails the
// lint. import/no-cycle skips `import type`, so type-only imports are written as plain imports (TypeScript
// drops them from the output all the same) and their cycles count too.
project.eslint?.addRules({
  'import/no-cycle': 'error',
  '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'no-type-imports' }],
});

project.synth();
