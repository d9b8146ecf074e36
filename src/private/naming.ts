import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A readable name unique per stack and construct: `<stack name>-<construct path below the stack>`,
 * with '-' for '/' (for example `Prod-Web` for the construct `Web` in the stack `Prod`).
 */
export function stackScopedName(scope: Construct): string {
  const stack = Stack.of(scope);
  const below = scope.node.scopes.slice(scope.node.scopes.indexOf(stack) + 1).map((c) => c.node.id);
  return [stack.stackName, ...below].join('-');
}
