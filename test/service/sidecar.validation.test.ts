/**
 * Validation of `addSidecar`: every message it reports, with the exact text a user reads and the sidecar named in
 * the header, and proof that the same options given as Tokens pass unchecked.
 *
 * Each rejection row asserts its problem line with `toThrow`, then that the whole error is exactly the
 * header and that one line, so that a row also fails when a check reports something it should not.
 */
import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ContainerRestartPolicy, HardenedFargateService, HardenedFargateServiceProps, SidecarOptions } from '../../src';
import {
  Acceptance,
  expectOnlyProblem,
  givenReferences,
  image,
  importedVpc,
  lazyNumber,
  lazyString,
  PUBLIC_IMAGE,
  webServiceWithoutNat,
} from '../problems';
import { testStack } from '../util';

const given = givenReferences();
const AGENT = image('public.ecr.aws/example/agent:2.0');
const HEALTH_CHECK = { command: ['CMD', '/bin/health'] };

/**
 * A service of 512 CPU units and 1024 MiB (or `service`) with a sidecar 'proxy' of 256 MiB on port 9901 already,
 * to which `options` is added as the sidecar `name`.
 */
function addSidecar(
  options: Partial<SidecarOptions>,
  name = 'agent',
  service: Partial<HardenedFargateServiceProps> = {},
) {
  const stack = testStack();
  const block = new HardenedFargateService(stack, 'Service', {
    vpc: importedVpc(stack, 'Vpc'),
    image: image(PUBLIC_IMAGE),
    cpu: 512,
    memoryLimitMiB: 1024,
    ...service,
  });
  block.addSidecar('proxy', { image: AGENT, memoryLimitMiB: 256, cpu: 128, containerPorts: [9901] });
  return block.addSidecar(name, { image: AGENT, ...options });
}

type Row = [description: string, options: Partial<SidecarOptions>, message: string, name?: string];

describe('addSidecar rejects', () => {
  const C = ecs.ContainerDependencyCondition;
  const rows: Row[] = [
    // Name
    [
      'the application container name',
      {},
      "name 'App' is not allowed; allowed: 1 to 255 letters, digits, '-' and '_', starting with a letter or digit, other than 'App' (the application container)",
      'App',
    ],
    [
      'a name with a space',
      {},
      "name 'log router' is not allowed; allowed: 1 to 255 letters, digits, '-' and '_', starting with a letter or digit, other than 'App' (the application container)",
      'log router',
    ],
    [
      'a name taken by another sidecar',
      {},
      "name 'proxy' is taken by another sidecar; allowed: a name of its own",
      'proxy',
    ],
    // Size
    [
      'memory that leaves the application less than 128 MiB',
      { memoryLimitMiB: 700 },
      "memoryLimitMiB 700 leaves the application container 68 MiB of the task's 1024; allowed: sidecars that leave it at least 128 MiB, or a larger task memoryLimitMiB",
    ],
    [
      'CPU that leaves the application less than 128 units',
      { cpu: 300 },
      "cpu 300 leaves the application container 84 CPU units of the task's 512; allowed: sidecars that leave it at least 128, or a larger task cpu",
    ],
    [
      'memory below 6 MiB',
      { memoryLimitMiB: 4 },
      'memoryLimitMiB 4 is not allowed; allowed: an integer from 6 to 122880',
    ],
    ['a fractional cpu', { cpu: 0.5 }, 'cpu 0.5 is not allowed; allowed: an integer from 0 to 16384'],
    // Ports
    [
      "the application's port",
      { containerPorts: [3000] },
      'containerPorts entry 3000 is the port of the application container; allowed: a port no other container of the task uses',
    ],
    [
      "another sidecar's port",
      { containerPorts: [9901] },
      "containerPorts entry 9901 is the port of the sidecar 'proxy'; allowed: a port no other container of the task uses",
    ],
    [
      'a port twice',
      { containerPorts: [4317, 4317] },
      'containerPorts names 4317 more than once; allowed: each port once',
    ],
    ['port 0', { containerPorts: [0] }, 'containerPorts entry 0 is not allowed; allowed: an integer from 1 to 65535'],
    // Start order
    [
      'waiting both ways',
      { appWaitsFor: C.START, waitsForApp: C.START },
      'appWaitsFor START and waitsForApp START: two containers cannot wait for each other; allowed: one of them',
    ],
    [
      'the application waiting for a sidecar without a health check to be healthy',
      { appWaitsFor: C.HEALTHY },
      "appWaitsFor HEALTHY needs the sidecar's containerHealthCheck; allowed: a containerHealthCheck, or START",
    ],
    [
      'the application waiting for an essential sidecar to exit',
      { appWaitsFor: C.SUCCESS, essential: true },
      'appWaitsFor SUCCESS waits for the sidecar to exit, and an essential sidecar that exits stops the task; allowed: essential false, or START / HEALTHY',
    ],
    [
      'waiting for the application to be healthy, which has no health check',
      { waitsForApp: C.HEALTHY },
      "waitsForApp HEALTHY needs the application container's containerHealthCheck; allowed: a containerHealthCheck on the service, or START",
    ],
    [
      'waiting for the application to exit',
      { waitsForApp: C.COMPLETE },
      'waitsForApp COMPLETE waits for the application container to exit, which stops the task; allowed: START or HEALTHY',
    ],
    // Hardening, as the application container's
    [
      'a relative writable path',
      { writablePaths: ['tmp'] },
      "writablePaths entry 'tmp' is not an absolute path below '/'; allowed: such as '/tmp'",
    ],
    [
      'a variable in both environment and secrets',
      { environment: { KEY: 'x' }, secrets: { KEY: given.secret } },
      'environment and secrets both name KEY; allowed: each variable in one of them (a secret value in secrets only)',
    ],
    [
      'a stop timeout over 2 minutes',
      { stopTimeout: Duration.seconds(121) },
      "stopTimeout 2 minutes 1 second is not allowed; allowed: a whole number of seconds from 2 to 120 (Fargate's range)",
    ],
    [
      'an ignored exit code below 0',
      { restartPolicy: ContainerRestartPolicy.restartOnExit({ ignoredExitCodes: [-1] }) },
      'restartPolicy.ignoredExitCodes entry -1 is not allowed; allowed: an integer from 0 to 255',
    ],
  ];

  test.each(rows)('%s', (_, options, message, name = 'agent') => {
    expectOnlyProblem(`sidecar '${name}' of HardenedFargateService`, () => addSidecar(options, name), message);
  });

  test('several problems at once, in one error that names the sidecar', () => {
    expect(() => addSidecar({ memoryLimitMiB: 4, containerPorts: [3000], appWaitsFor: C.HEALTHY })).toThrow(
      [
        "Invalid sidecar 'agent' of HardenedFargateService props:",
        '  - memoryLimitMiB 4 is not allowed; allowed: an integer from 6 to 122880',
        '  - containerPorts entry 3000 is the port of the application container; allowed: a port no other container of the task uses',
        "  - appWaitsFor HEALTHY needs the sidecar's containerHealthCheck; allowed: a containerHealthCheck, or START",
      ].join('\n'),
    );
  });

  test('the application waits for a healthy sidecar, and a sidecar for the healthy application, when both check', () => {
    expect(() => addSidecar({ appWaitsFor: C.HEALTHY, containerHealthCheck: HEALTH_CHECK })).not.toThrow();
    const service = { containerHealthCheck: HEALTH_CHECK };
    expect(() => addSidecar({ waitsForApp: C.HEALTHY }, 'agent', service)).not.toThrow();
  });
});

describe('Tokens are accepted', () => {
  const rows: Array<Acceptance<Partial<SidecarOptions>>> = [
    ['cpu and memoryLimitMiB', { cpu: lazyNumber(5000), memoryLimitMiB: lazyNumber(5000) }],
    ['containerPorts entries', { containerPorts: [lazyNumber(3000), lazyNumber(0)] }],
    ['writablePaths entries', { writablePaths: [lazyString('tmp')] }],
  ];
  test.each(rows)('sidecar: %s', (_, options) => {
    expect(() => addSidecar(options)).not.toThrow();
  });

  test('a task size given as Tokens: the sidecars are not summed, the application gets no memory limit of its own', () => {
    const stack = testStack();
    const block = new HardenedFargateService(stack, 'Service', {
      vpc: importedVpc(stack, 'Vpc'),
      image: image(PUBLIC_IMAGE),
      cpu: lazyNumber(512),
      memoryLimitMiB: lazyNumber(1024),
    });
    expect(() => block.addSidecar('agent', { image: AGENT, memoryLimitMiB: 5000 })).not.toThrow();
    const app = stack.resolve((block.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition).containerDefinitions);
    expect(app[0].memory).toBeUndefined();
  });
});

describe('SecureFargateWebService.addSidecar without NAT', () => {
  const withoutNat = () => webServiceWithoutNat();

  test("refuses a sidecar image the endpoints cannot reach, as it refuses the application's", () => {
    const web = withoutNat();
    expectOnlyProblem(
      "sidecar 'agent' of SecureFargateWebService",
      () => web.addSidecar('agent', { image: AGENT }),
      "image 'public.ecr.aws/example/agent:2.0' comes from a registry that VPC endpoints cannot reach, and network.natGateways is none; allowed: an image in Amazon ECR (ecs.ContainerImage.fromEcrRepository, or an ECR pull-through cache rule for the public registry), or NatGateways.single() / perAz() / instance()",
    );
  });

  test('accepts a sidecar image in ECR in the stack Region', () => {
    const web = withoutNat();
    expect(() =>
      web.addSidecar('agent', { image: image('123456789012.dkr.ecr.us-west-2.amazonaws.com/agent:2.0') }),
    ).not.toThrow();
  });
});
