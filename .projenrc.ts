import { awscdk, javascript, JsonPatch } from 'projen';

/** The lowest aws-cdk-lib this library supports; see "Supported versions" in the README. */
const CDK_MIN_VERSION = '2.257.0';

/** The local package step builds the Python wheel with the system Python's pip, setuptools and wheel. */
const PYTHON_TOOLS_STEPS = [
  {
    name: 'Install Python packaging tools',
    run: 'sudo apt-get update -qq && sudo apt-get install -y -qq python3-pip python3-setuptools python3-wheel',
  },
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
    devdirs: ['test', 'examples'],
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
    prettier: true,
  },
  prettier: true,
  prettierOptions: { settings: { singleQuote: true, printWidth: 120, trailingComma: javascript.TrailingComma.ALL } },
  // Workflows run on a supported Node.js LTS; the library itself runs wherever aws-cdk-lib does.
  workflowNodeVersion: '24.x',
  buildWorkflowOptions: { preBuildSteps: PYTHON_TOOLS_STEPS },
  releaseWorkflowSetupSteps: PYTHON_TOOLS_STEPS,

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
  ],

  jestOptions: {
    jestConfig: {
      coverageThreshold: { lines: 90, branches: 90, functions: 90, statements: 90 },
      collectCoverageFrom: ['src/**/*.ts'],
      testTimeout: 120_000,
    },
  },

  gitignore: ['cdk.out/', 'examples/cdk.out/', 'dist/', '.jsii.tabl.json', 'test/integ/**/cdk.out', 'bench-results/'],
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
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile the README examples with jsii-rosetta in strict mode',
  exec: 'jsii-rosetta extract --strict',
});
project.postCompileTask.reset();
project.postCompileTask.spawn(rosetta);
const docgen = project.tasks.tryFind('docgen')!;
for (const language of ['python', 'java']) {
  docgen.exec(`jsii-docgen --language ${language} --readme --output docs/${language}/API.md`);
}
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

// Local packaging works with the npm registry alone: JavaScript tarball, plus source bindings for the
// other languages and a Python wheel built with the system Python. The release workflow's
// package:python / package:java / package:dotnet / package:go tasks stay as projen writes them.
const bindings = project.addTask('package:bindings', {
  description: 'Generate Python, Java, .NET and Go bindings offline and build the Python wheel',
  steps: [
    { exec: 'rm -rf dist/bindings' },
    { exec: 'jsii-pacmak --code-only --targets python,java,dotnet,go --outdir dist/bindings' },
    { exec: '/usr/bin/python3 -m compileall -q dist/bindings/python' },
    {
      exec: 'cd dist/bindings/python && /usr/bin/python3 -m pip --isolated wheel --no-build-isolation --no-deps --no-index --wheel-dir ../../python .',
    },
  ],
});
const pkg = project.tasks.tryFind('package')!;
pkg.reset();
pkg.spawn(project.tasks.tryFind('package:js')!);
pkg.spawn(bindings);

// The main job: synthesize the bundled example app and print what was built.
project.addTask('example', {
  description: 'Synthesize the example app into cdk.out/ and print a summary of what was built',
  exec: 'ts-node --project tsconfig.dev.json examples/summary.ts',
  receiveArgs: true,
});

// The synthesis benchmark: a script, not a test (nothing in CI times it); it writes docs/benchmark.md.
project.addTask('bench', {
  description:
    "Benchmark construct + synth time against aws-cdk-lib's pattern and at 1-25 shared services; writes docs/benchmark.md",
  exec: 'ts-node --project tsconfig.dev.json test/bench/synth-bench.ts',
  receiveArgs: true,
});
project.addTask('bench:latest-cdk', {
  description:
    'The synthesis benchmark against the newest aws-cdk-lib (scratch copy); writes its section of docs/benchmark.md',
  exec: 'bash test/compat/latest-cdk.sh bench',
  receiveArgs: true,
});

// The example and the security gate against the newest aws-cdk-lib, in a scratch copy.
const latestCdk = project.addTask('test:latest-cdk', {
  description: 'Run the example synth and the security gate against the newest aws-cdk-lib (scratch copy)',
  exec: 'bash test/compat/latest-cdk.sh',
});
project.buildWorkflow?.addPostBuildSteps({
  name: 'Test against the newest aws-cdk-lib',
  run: `npx projen ${latestCdk.name}`,
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

project.synth();
