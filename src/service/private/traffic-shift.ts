import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from '../../private/acknowledge';
import { ManagedPolicyRole } from '../../private/managed-policy-role';

/**
 * The role ECS assumes to move traffic between the target groups (`TrafficShiftRole` under `scope`): it may
 * read the load balancer's configuration and change only the service's listener rules and its two target
 * groups' registrations, instead of AWS's managed policy for all load balancers.
 */
function createTrafficShiftRole(
  scope: Construct,
  targetGroup: elbv2.IApplicationTargetGroup,
  alternate: elbv2.IApplicationTargetGroup,
  rules: elbv2.ApplicationListenerRule[],
): iam.IRole {
  const role = new ManagedPolicyRole(
    scope,
    'TrafficShiftRole',
    {
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com'),
      description: "Lets ECS shift the web service's traffic between its two target groups during deployments",
    },
    "ECS's traffic shifting for the web service's deployments",
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetHealth',
      ],
      resources: ['*'],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['elasticloadbalancing:ModifyRule'],
      resources: rules.map((rule) => rule.listenerRuleArn),
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
      resources: [targetGroup.targetGroupArn, alternate.targetGroupArn],
    }),
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5',
    "Elastic Load Balancing's Describe actions have no resource-level permissions; the rule changes and target registrations are limited to this service's rules and target groups.",
    ['Resource::*'],
  );
  return role;
}

/** How a service's tasks reach the load balancer: its container's port, and its target groups and rules. */
export interface TargetGroupAttachment {
  readonly service: ecs.FargateService;
  readonly container: ecs.ContainerDefinition;
  readonly containerPort: number;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** With deployments that shift traffic: the second target group, and the rules ECS moves between them. */
  readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
  readonly listenerRule: elbv2.ApplicationListenerRule;
  readonly testListenerRule?: elbv2.ApplicationListenerRule;
}

/**
 * Registers the service's tasks in its target group; with a second one, through the advanced configuration
 * that lets ECS shift traffic between them, with the role it needs (`TrafficShiftRole` under `scope`).
 */
export function attachToTargetGroups(scope: Construct, attachment: TargetGroupAttachment): void {
  const { service, targetGroup, alternateTargetGroup: alternate, listenerRule, testListenerRule } = attachment;
  if (!alternate) {
    service.attachToApplicationTargetGroup(targetGroup);
    return;
  }
  const role = createTrafficShiftRole(scope, targetGroup, alternate, [
    listenerRule,
    ...(testListenerRule ? [testListenerRule] : []),
  ]);
  // ECS registers each new revision in the target group the production rule does not weight, then
  // shifts the rule's weights to it (and the test listener's, first).
  targetGroup.addTarget(
    service.loadBalancerTarget({
      containerName: attachment.container.containerName,
      containerPort: attachment.containerPort,
      alternateTarget: new ecs.AlternateTarget('AlternateTarget', {
        alternateTargetGroup: alternate,
        productionListener: ecs.ListenerRuleConfiguration.applicationListenerRule(listenerRule),
        testListener: testListenerRule
          ? ecs.ListenerRuleConfiguration.applicationListenerRule(testListenerRule)
          : undefined,
        role,
      }),
    }),
  );
  // ECS acts through the role from the first deployment on: its policy must be attached by then.
  service.node.addDependency(role);
}
