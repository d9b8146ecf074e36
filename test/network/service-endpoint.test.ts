import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ServiceEndpoint } from '../../src';

describe('ServiceEndpoint', () => {
  test('forFargate() lists ECR API and Docker, Logs, Secrets Manager, SSM and KMS', () => {
    expect(ServiceEndpoint.forFargate().map((e) => e.id)).toEqual([
      'EcrApi',
      'EcrDocker',
      'Logs',
      'SecretsManager',
      'Ssm',
      'Kms',
    ]);
  });

  test('forFargateWithEcsExec() adds SSM messages', () => {
    expect(ServiceEndpoint.forFargateWithEcsExec().map((e) => e.id)).toEqual([
      ...ServiceEndpoint.forFargate().map((e) => e.id),
      'SsmMessages',
    ]);
    expect(ServiceEndpoint.SSM_MESSAGES.service).toBe(ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES);
  });

  test('of() wraps any interface endpoint service', () => {
    const sts = ServiceEndpoint.of('Sts', ec2.InterfaceVpcEndpointAwsService.STS);
    expect(sts.id).toBe('Sts');
    expect(sts.service).toBe(ec2.InterfaceVpcEndpointAwsService.STS);
  });
});
