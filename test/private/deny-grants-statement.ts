import { DENY_GRANTS_SID } from '../../src/private/kms-key';

/**
 * AWS Control Tower's CT.KMS.PR.3 statement, exactly as the policy of every key the library creates must
 * carry it: no grants unless an AWS service asks, for itself or on a user's behalf.
 */
export const DENY_GRANTS_STATEMENT = {
  Sid: DENY_GRANTS_SID,
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'kms:CreateGrant',
  Resource: '*',
  Condition: {
    BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
  },
};
