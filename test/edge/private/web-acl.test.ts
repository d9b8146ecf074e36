import { Lazy } from 'aws-cdk-lib';
import { checkWebAclArn, WebAclScope } from '../../../src/edge/private/web-acl';
import { problemsOfCheck } from '../../problems';

describe('checkWebAclArn', () => {
  const regional = 'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/app/a1b2';
  const global = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/c3d4';
  const chinaRegional = 'arn:aws-cn:wafv2:cn-north-1:123456789012:regional/webacl/app/a1b2';
  const classic = 'arn:aws:waf-regional:us-west-2:123456789012:webacl/a1b2';
  const REGIONAL_ALLOWED =
    "allowed: arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>, in the load balancer's Region";
  const CLOUDFRONT_ALLOWED = 'allowed: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>';

  test.each<[string, WebAclScope]>([
    [regional, 'REGIONAL'],
    [chinaRegional, 'REGIONAL'],
    [global, 'CLOUDFRONT'],
  ])('%s is a %s web ACL', (arn, scope) => {
    expect(problemsOfCheck((v) => checkWebAclArn(v, 'arn', arn, scope))).toEqual([]);
  });

  test.each<[string, WebAclScope, string]>([
    [global, 'REGIONAL', `arn '${global}' is not the ARN of a REGIONAL web ACL; ${REGIONAL_ALLOWED}`],
    [classic, 'REGIONAL', `arn '${classic}' is not the ARN of a REGIONAL web ACL; ${REGIONAL_ALLOWED}`],
    ['web-acl', 'REGIONAL', `arn 'web-acl' is not the ARN of a REGIONAL web ACL; ${REGIONAL_ALLOWED}`],
    [regional, 'CLOUDFRONT', `arn '${regional}' is not the ARN of a CLOUDFRONT-scope web ACL; ${CLOUDFRONT_ALLOWED}`],
    [
      `${global}/extra`,
      'CLOUDFRONT',
      `arn '${global}/extra' is not the ARN of a CLOUDFRONT-scope web ACL; ${CLOUDFRONT_ALLOWED}`,
    ],
  ])('%s is refused as %s', (arn, scope, message) => {
    expect(problemsOfCheck((v) => checkWebAclArn(v, 'arn', arn, scope))).toEqual([message]);
  });

  test('a Token and an absent ARN pass unchecked', () => {
    const token = Lazy.string({ produce: () => 'not an ARN' });
    expect(problemsOfCheck((v) => checkWebAclArn(v, 'arn', token, 'REGIONAL'))).toEqual([]);
    expect(problemsOfCheck((v) => checkWebAclArn(v, 'arn', `arn:aws:wafv2:${token}`, 'CLOUDFRONT'))).toEqual([]);
    expect(problemsOfCheck((v) => checkWebAclArn(v, 'arn', undefined, 'CLOUDFRONT'))).toEqual([]);
  });
});
