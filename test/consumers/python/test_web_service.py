"""SecureFargateWebService from Python: profiles, deployment strategies, secrets, and bad input."""

import json
import re

import pytest
from aws_cdk import CfnElement, Duration, Stack, assertions
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_secretsmanager as secretsmanager
from secure_fargate_web_service import SecureFargateWebService, ServiceDeploymentStrategy, WebServiceProfile

from support import certificate, hosted_zone, image, new_stack, only, properties


@pytest.fixture(scope="module")
def development() -> assertions.Template:
    stack = new_stack("Dev")
    SecureFargateWebService(
        stack, "Web", image=image(), certificate=certificate(stack), profile=WebServiceProfile.DEVELOPMENT
    )
    return assertions.Template.from_stack(stack)


@pytest.fixture(scope="module")
def canary() -> assertions.Template:
    stack = new_stack("Canary")
    SecureFargateWebService(
        stack,
        "Web",
        image=image(),
        domain_name="app.example.com",
        hosted_zone=hosted_zone(stack),
        deployment_strategy=ServiceDeploymentStrategy.canary(percent=10, canary_bake_time=Duration.minutes(15)),
    )
    return assertions.Template.from_stack(stack)


@pytest.fixture(scope="module")
def with_secret() -> tuple[SecureFargateWebService, assertions.Template]:
    stack = new_stack("Secrets")
    database = secretsmanager.Secret.from_secret_name_v2(stack, "Db", "prod/db")
    web = SecureFargateWebService(
        stack,
        "Web",
        image=image(),
        certificate=certificate(stack),
        environment={"LOG_LEVEL": "info"},
        secrets={"DB_PASSWORD": ecs.Secret.from_secrets_manager(database, "password")},
    )
    return web, assertions.Template.from_stack(stack)


def test_development_profile_has_one_nat_instance(development: assertions.Template) -> None:
    development.resource_count_is("AWS::EC2::NatGateway", 0)
    development.resource_count_is("AWS::EC2::Instance", 1)
    assert only(properties(development, "AWS::EC2::Instance"))["InstanceType"] == "t4g.nano"
    development.resource_count_is("AWS::WAFv2::WebACL", 0)
    strategy = only(properties(development, "AWS::ECS::Service"))["CapacityProviderStrategy"]
    assert {"CapacityProvider": "FARGATE_SPOT", "Weight": 3} in strategy


def test_development_keeps_the_default_health_check(development: assertions.Template) -> None:
    group = only(properties(development, "AWS::ElasticLoadBalancingV2::TargetGroup"))
    assert (group["Port"], group["HealthCheckPath"], group["Matcher"]) == (3000, "/health", {"HttpCode": "200"})


def test_canary_deployment(canary: assertions.Template) -> None:
    configuration = only(properties(canary, "AWS::ECS::Service"))["DeploymentConfiguration"]
    assert configuration["Strategy"] == "CANARY"
    assert configuration["CanaryConfiguration"] == {"CanaryPercent": 10, "CanaryBakeTimeInMinutes": 15}
    assert configuration["BakeTimeInMinutes"] == 10
    assert configuration["Alarms"]["Rollback"] is True
    assert "Canary-Web-ErrorRate" in configuration["Alarms"]["AlarmNames"]
    # A second target group with the same health check; production traffic weighted 100 to 0.
    groups = properties(canary, "AWS::ElasticLoadBalancingV2::TargetGroup")
    assert len(groups) == 2 and groups[0] == groups[1]
    rule = only(properties(canary, "AWS::ElasticLoadBalancingV2::ListenerRule"))
    weights = [group["Weight"] for group in rule["Actions"][0]["ForwardConfig"]["TargetGroups"]]
    assert weights == [100, 0]


def test_secret_is_injected_from_secrets_manager(
    with_secret: tuple[SecureFargateWebService, assertions.Template],
) -> None:
    web, template = with_secret
    container = only(only(properties(template, "AWS::ECS::TaskDefinition"))["ContainerDefinitions"])
    assert container["Environment"] == [{"Name": "LOG_LEVEL", "Value": "info"}]
    secret = only(container["Secrets"])
    assert secret["Name"] == "DB_PASSWORD"
    value_from = json.dumps(secret["ValueFrom"])
    assert ":secretsmanager:" in value_from and "secret:prod/db" in value_from
    assert value_from.endswith(':password::"]]}'), value_from  # the JSON field "password" of the secret
    # Only the execution role may read it, and only that secret.
    execution_role = web.task_definition.obtain_execution_role()
    policies = [
        policy
        for policy in properties(template, "AWS::IAM::ManagedPolicy")
        if "secretsmanager:GetSecretValue" in json.dumps(policy)
    ]
    policy = only(policies)
    role = execution_role.node.default_child
    assert isinstance(role, CfnElement)
    assert policy["Roles"] == [{"Ref": Stack.of(web).get_logical_id(role)}]


def test_bad_input_raises_an_error_naming_the_prop() -> None:
    stack = new_stack()
    with pytest.raises(RuntimeError) as raised:
        SecureFargateWebService(stack, "Web", image=image(), certificate=certificate(stack), cpu=300)
    assert "Invalid SecureFargateWebService props" in str(raised.value)
    assert "cpu 300 is not a Fargate CPU value; allowed: 256, 512, 1024" in str(raised.value)


def test_every_problem_is_reported_at_once() -> None:
    stack = new_stack()
    with pytest.raises(RuntimeError) as raised:
        SecureFargateWebService(
            stack, "Web", image=image(), cpu=300, health_check_path="health", min_capacity=5, max_capacity=3
        )
    message = str(raised.value)
    # Each problem names its prop, as the API reference spells it or in snake_case.
    for expected in (
        r"HTTPS needs a certificate",
        r"cpu 300 is not a Fargate CPU value",
        r"(healthCheckPath|health_check_path) 'health' does not start with '/'",
        r"(minCapacity|min_capacity) 5 is greater than (maxCapacity|max_capacity) 3",
    ):
        assert re.search(expected, message), f"{expected!r} not in:\n{message}"


def test_a_keyword_the_binding_lacks_raises_type_error() -> None:
    """What a Python user meets with a misspelt prop, such as the translated `memory_limit_mi_b`."""
    stack = new_stack()
    with pytest.raises(TypeError, match=re.escape("unexpected keyword argument 'memory_limit_mi_b'")):
        SecureFargateWebService(stack, "Web", image=image(), memory_limit_mi_b=1024)  # type: ignore[call-arg]


def test_a_value_of_the_wrong_type_raises_type_error() -> None:
    stack = new_stack()
    with pytest.raises(TypeError, match="cpu"):
        SecureFargateWebService(
            stack, "Web", image=image(), certificate=certificate(stack), cpu="512"  # type: ignore[arg-type]
        )
