import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * A role whose added permissions (including every `grant*` call on it) go into one customer managed
 * policy attached to it, instead of an inline default policy: the NIST 800-53, HIPAA and PCI DSS
 * packs refuse inline policies, and a managed policy can be reviewed and versioned on its own.
 */
export class ManagedPolicyRole extends iam.Role {
  private policy?: iam.ManagedPolicy;
  private readonly statements: iam.PolicyStatement[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: iam.RoleProps,
    private readonly policyDescription: string,
  ) {
    super(scope, id, props);
  }

  /** Whether any statement added so far allows `action`. */
  public allows(action: string): boolean {
    return this.statements.some((statement) => statement.actions.includes(action));
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.statements.push(statement);
    if (!this.policy) {
      this.policy = new iam.ManagedPolicy(this, 'Policy', { description: this.policyDescription });
      this.policy.attachToRole(this);
    }
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}
