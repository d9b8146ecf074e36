"""Two services sharing one WebServiceEnvironment: one network, cluster and load balancer; a route each."""

from dataclasses import dataclass

import pytest
from aws_cdk import CfnElement, Stack, assertions
from constructs import Construct
from secure_fargate_web_service import SecureFargateWebService, ServiceRouteOptions, WebServiceEnvironment

from support import hosted_zone, image, new_stack, only, properties


@dataclass
class Shared:
    stack: Stack
    environment: WebServiceEnvironment
    shop: SecureFargateWebService
    api: SecureFargateWebService
    template: assertions.Template

    def logical_id(self, construct: Construct) -> str:
        resource = construct.node.default_child
        assert isinstance(resource, CfnElement), f"{construct.node.path} has no CloudFormation resource"
        return self.stack.get_logical_id(resource)


@pytest.fixture(scope="module")
def shared() -> Shared:
    stack = new_stack("Shared")
    environment = WebServiceEnvironment(
        stack, "Environment", domain_name="*.example.com", hosted_zone=hosted_zone(stack)
    )
    # One service in the environment's own scope, one beside it through the static factory.
    shop = environment.add_service(
        "Shop",
        image=image(),
        route=ServiceRouteOptions(host_headers=["shop.example.com"], rule_priority=10),
    )
    api = SecureFargateWebService.in_environment(
        stack,
        "Api",
        environment,
        image=image(),
        route=ServiceRouteOptions(host_headers=["api.example.com"], path_patterns=["/v1/*"], rule_priority=20),
    )
    return Shared(stack, environment, shop, api, assertions.Template.from_stack(stack))


def test_what_services_share_is_created_once(shared: Shared) -> None:
    for resource_type in (
        "AWS::EC2::VPC",
        "AWS::ECS::Cluster",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::CertificateManager::Certificate",
        "AWS::WAFv2::WebACL",
    ):
        shared.template.resource_count_is(resource_type, 1)
    shared.template.resource_count_is("AWS::ElasticLoadBalancingV2::Listener", 2)
    shared.template.resource_count_is("AWS::SNS::Topic", 3)
    assert only(properties(shared.template, "AWS::CertificateManager::Certificate"))["DomainName"] == "*.example.com"
    for service in (shared.shop, shared.api):
        assert service.cluster.node.path == shared.environment.cluster.node.path
        assert service.load_balancer.node.path == shared.environment.load_balancer.node.path


def test_each_service_has_its_own_route(shared: Shared) -> None:
    shared.template.resource_count_is("AWS::ECS::Service", 2)
    shared.template.resource_count_is("AWS::ElasticLoadBalancingV2::TargetGroup", 2)
    listener = {"Ref": shared.logical_id(shared.environment.https_listener)}
    rules = {
        rule["Priority"]: rule for rule in properties(shared.template, "AWS::ElasticLoadBalancingV2::ListenerRule")
    }
    assert sorted(rules) == [10, 20]
    expected = {
        10: (shared.shop, [{"Field": "host-header", "HostHeaderConfig": {"Values": ["shop.example.com"]}}]),
        20: (
            shared.api,
            [
                {"Field": "host-header", "HostHeaderConfig": {"Values": ["api.example.com"]}},
                {"Field": "path-pattern", "PathPatternConfig": {"Values": ["/v1/*"]}},
            ],
        ),
    }
    for priority, (service, conditions) in expected.items():
        rule = rules[priority]
        # Optional since services without a route: a routed service always has one.
        assert service.target_group is not None
        assert rule["ListenerArn"] == listener
        assert rule["Conditions"] == conditions
        assert rule["Actions"] == [
            {"Type": "forward", "TargetGroupArn": {"Ref": shared.logical_id(service.target_group)}}
        ]


def test_each_service_has_its_own_alarms(shared: Shared) -> None:
    names = {alarm["AlarmName"] for alarm in properties(shared.template, "AWS::CloudWatch::Alarm")}
    assert len(names) == 14
    # add_service puts the service below the environment; the alarm names follow the construct path.
    assert {
        "Shared-Environment-Shop-Http5xx",
        "Shared-Api-Http5xx",
        "Shared-Environment-Shop-HighCpu",
        "Shared-Api-HighCpu",
    } <= names
