/**
 * Validation of `addEfsVolume` and `EfsVolume`: every message, with the exact text a user reads and the volume
 * named in the header, and proof that Tokens pass unchecked.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import { EfsVolume, EfsVolumeOptions, HardenedFargateService } from '../../src';
import { Acceptance, expectOnlyProblem, image, importedVpc, lazyString, PUBLIC_IMAGE } from '../problems';
import { testStack } from '../util';

/** A service writing to /tmp with a volume 'Data' at /data already, to which `options` is added as `name`. */
function addVolume(options: Partial<EfsVolumeOptions>, name = 'Uploads') {
  const stack = testStack();
  const block = new HardenedFargateService(stack, 'Service', {
    vpc: importedVpc(stack, 'Vpc'),
    image: image(PUBLIC_IMAGE),
    writablePaths: ['/tmp'],
  });
  block.addEfsVolume('Data', { containerPath: '/data' });
  const fileSystem = efs.FileSystem.fromFileSystemAttributes(stack, 'Fs', {
    fileSystemId: 'fs-0123456789abcdef0',
    securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'FsGroup', 'sg-0123456789abcdef0'),
  });
  const resolved = { ...options, fileSystem: options.fileSystem === GIVEN ? fileSystem : options.fileSystem };
  if (options.accessPoint === GIVEN_ACCESS_POINT) {
    (resolved as any).accessPoint = efs.AccessPoint.fromAccessPointAttributes(stack, 'Ap', {
      accessPointId: 'fsap-0123456789abcdef0',
      fileSystem,
    });
  }
  return block.addEfsVolume(name, { containerPath: '/uploads', ...resolved });
}

/** Placeholders for references that need the row's stack. */
const GIVEN = {} as efs.IFileSystem;
const GIVEN_ACCESS_POINT = {} as efs.IAccessPoint;

type Row = [description: string, options: Partial<EfsVolumeOptions>, message: string, name?: string];

describe('addEfsVolume rejects', () => {
  const rows: Row[] = [
    [
      'a name with a dash',
      {},
      "name 'user-files' is not allowed; allowed: 1 to 64 letters and digits, starting with a letter",
      'user-files',
    ],
    [
      'a name starting with a digit',
      {},
      "name '1files' is not allowed; allowed: 1 to 64 letters and digits, starting with a letter",
      '1files',
    ],
    [
      'a relative path',
      { containerPath: 'uploads' },
      "containerPath 'uploads' is not an absolute path below '/'; allowed: such as '/data'",
    ],
    [
      'the root',
      { containerPath: '/' },
      "containerPath '/' is not an absolute path below '/'; allowed: such as '/data'",
    ],
    [
      'a writable path of the container',
      { containerPath: '/tmp' },
      "containerPath '/tmp' is already a writable path; allowed: a path no other volume of the container mounts",
    ],
    [
      'the path of another EFS volume',
      { containerPath: '/data' },
      "containerPath '/data' is already the EFS volume 'Data'; allowed: a path no other volume of the container mounts",
    ],
    [
      'an access point without its file system',
      { accessPoint: {} as efs.IAccessPoint },
      'accessPoint given without fileSystem; allowed: the access point with its fileSystem, or neither',
    ],
    [
      'settings of a new file system with a file system given',
      { fileSystem: GIVEN, automaticBackups: false, removalPolicy: RemovalPolicy.DESTROY },
      'automaticBackups, removalPolicy apply to a new file system, and fileSystem was given; allowed: set them on that file system, or leave out fileSystem',
    ],
    [
      'a POSIX user with an access point given',
      { fileSystem: GIVEN, accessPoint: GIVEN_ACCESS_POINT, posixUser: { uid: '1000', gid: '1000' } },
      'posixUser applies to a new access point, and accessPoint was given; allowed: one of them',
    ],
    [
      'a POSIX user by name',
      { posixUser: { uid: 'www', gid: '1000' } },
      "posixUser.uid 'www' is not allowed; allowed: a numeric id such as '1000'",
    ],
  ];

  test.each(rows)('%s', (_, options, message, name = 'Uploads') => {
    expectOnlyProblem(`EFS volume '${name}' of HardenedFargateService`, () => addVolume(options, name), message);
  });

  test('a second volume by the same name fails as aws-cdk-lib refuses a construct id twice', () => {
    expect(() => addVolume({ containerPath: '/other' }, 'Data')).toThrow(
      /There is already a Construct with name 'Data'/,
    );
  });

  test('EfsVolume on its own names itself in the header', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task');
    const container = taskDefinition.addContainer('web', { image: image(PUBLIC_IMAGE) });
    const securityGroup = new ec2.SecurityGroup(stack, 'Group', { vpc });
    expectOnlyProblem(
      'EfsVolume',
      () => new EfsVolume(stack, 'Data', { vpc, taskDefinition, container, securityGroup, containerPath: 'data' }),
      "containerPath 'data' is not an absolute path below '/'; allowed: such as '/data'",
    );
  });
});

describe('Tokens are accepted', () => {
  const rows: Array<Acceptance<Partial<EfsVolumeOptions>>> = [
    ['containerPath', { containerPath: lazyString('uploads') }],
    ['posixUser ids', { posixUser: { uid: lazyString('www'), gid: lazyString('www') } }],
  ];
  test.each(rows)('%s', (_, options) => {
    expect(() => addVolume(options)).not.toThrow();
  });
});
