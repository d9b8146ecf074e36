/** Readers of a synthesized task definition, shared by the service's container tests. */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';

/** The template's one task definition's container definitions, by name. */
export function containersOf(template: Template): Record<string, Record<string, any>> {
  const [task] = Object.values(template.findResources('AWS::ECS::TaskDefinition'));
  return Object.fromEntries(
    (task.Properties.ContainerDefinitions as Array<Record<string, any>>).map((c) => [c.Name, c]),
  );
}

/** A container definition's environment, by variable name. */
export const environmentOf = (container: Record<string, any>): Record<string, unknown> =>
  Object.fromEntries((container.Environment ?? []).map((e: { Name: string; Value: unknown }) => [e.Name, e.Value]));

/** The statements of the managed policies attached to `role`. */
export function roleStatements(stack: Stack, role: iam.IRole, template: Template): any[] {
  const name = JSON.stringify([stack.resolve(role.roleName)]);
  return Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === name)
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}
