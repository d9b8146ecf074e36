"""app.py, the Python CDK app: what its template holds for the things a user relies on."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from aws_cdk import assertions

from app import WebStack
from support import HERE, new_app, only, properties, tag

STACK_NAME = "Web"
PREFIX = f"{STACK_NAME}-WebService"  # alarm names: <stack name>-<construct path below the stack>


@pytest.fixture(scope="module")
def template() -> assertions.Template:
    return assertions.Template.from_stack(WebStack(new_app(), STACK_NAME))


def test_subnet_plan_is_two_tier(template: assertions.Template) -> None:
    """Public 10.0.1.0/24 and 10.0.2.0/24, private 10.0.11.0/24 and 10.0.12.0/24, in a 10.0.0.0/16."""
    assert only(properties(template, "AWS::EC2::VPC"))["CidrBlock"] == "10.0.0.0/16"
    subnets = {
        subnet["CidrBlock"]: tag(subnet, "aws-cdk:subnet-type") for subnet in properties(template, "AWS::EC2::Subnet")
    }
    assert subnets == {
        "10.0.1.0/24": "Public",
        "10.0.2.0/24": "Public",
        "10.0.11.0/24": "Private",
        "10.0.12.0/24": "Private",
    }
    assert all(subnet["MapPublicIpOnLaunch"] is False for subnet in properties(template, "AWS::EC2::Subnet"))


def test_https_listener_uses_tls_13_and_12(template: assertions.Template) -> None:
    https = only([p for p in properties(template, "AWS::ElasticLoadBalancingV2::Listener") if p["Port"] == 443])
    assert https["Protocol"] == "HTTPS"
    assert https["SslPolicy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    certificates = list(template.find_resources("AWS::CertificateManager::Certificate"))
    assert len(certificates) == 1
    certificate = certificates[0]
    assert https["Certificates"] == [{"CertificateArn": {"Ref": certificate}}]
    template.has_resource_properties("AWS::CertificateManager::Certificate", {"DomainName": "app.example.com"})


def test_http_listener_only_redirects_to_https(template: assertions.Template) -> None:
    http = only([p for p in properties(template, "AWS::ElasticLoadBalancingV2::Listener") if p["Port"] == 80])
    assert http["Protocol"] == "HTTP"
    assert http["DefaultActions"] == [
        {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}
    ]


def test_target_group_health_check(template: assertions.Template) -> None:
    """IP targets on the container port; the app's health check path, and the default timings and codes."""
    group = only(properties(template, "AWS::ElasticLoadBalancingV2::TargetGroup"))
    expected = {
        "Port": 8080,
        "Protocol": "HTTP",
        "TargetType": "ip",
        "HealthCheckPath": "/health",
        "HealthCheckIntervalSeconds": 30,
        "HealthCheckTimeoutSeconds": 5,
        "HealthyThresholdCount": 2,
        "UnhealthyThresholdCount": 3,
        "Matcher": {"HttpCode": "200"},
    }
    assert {key: group.get(key) for key in expected} == expected
    assert {"Key": "deregistration_delay.timeout_seconds", "Value": "30"} in group["TargetGroupAttributes"]


def test_alarms_have_fixed_names_and_the_critical_ones_roll_back(template: assertions.Template) -> None:
    names = {alarm["AlarmName"] for alarm in properties(template, "AWS::CloudWatch::Alarm")}
    assert names == {
        f"{PREFIX}-{name}"
        for name in (
            "HighCpu",
            "HighMemory",
            "Http5xx",
            "UnhealthyTargets",
            "RunningTasksBelowMinimum",
            "NoHealthyTargets",
            "ResponseTimeP99",
        )
    }
    service = only(properties(template, "AWS::ECS::Service"))
    assert service["DeploymentConfiguration"]["Alarms"] == {
        "AlarmNames": [
            f"{PREFIX}-{name}"
            for name in ("Http5xx", "UnhealthyTargets", "RunningTasksBelowMinimum", "NoHealthyTargets")
        ],
        "Enable": True,
        "Rollback": True,
    }


def test_task_size_and_hardened_container(template: assertions.Template) -> None:
    task = only(properties(template, "AWS::ECS::TaskDefinition"))
    assert (task["Cpu"], task["Memory"]) == ("512", "1024")
    container = only(task["ContainerDefinitions"])
    assert container["Image"] == "traefik/whoami:v1.11.0"
    assert container["PortMappings"] == [{"ContainerPort": 8080, "Protocol": "tcp"}]
    assert container["Environment"] == [{"Name": "WHOAMI_PORT_NUMBER", "Value": "8080"}]
    assert container["ReadonlyRootFilesystem"] is True
    assert container["User"] == "1000:1000"
    assert container["Privileged"] is False
    assert container["LinuxParameters"]["Capabilities"] == {"Drop": ["ALL"]}
    assert container.get("MountPoints", []) == []


def test_production_profile_has_a_nat_gateway_per_az(template: assertions.Template) -> None:
    template.resource_count_is("AWS::EC2::NatGateway", 2)


def test_url_is_the_domain(template: assertions.Template) -> None:
    template.has_output("Url", {"Value": "https://app.example.com"})
    template.has_resource_properties("AWS::Route53::RecordSet", {"Name": "app.example.com.", "Type": "A"})


def test_cdk_json_app_command_synthesizes(tmp_path: Path) -> None:
    """What `cdk synth` runs: the "app" command of cdk.json, in this folder, writing to CDK_OUTDIR."""
    command = json.loads((HERE / "cdk.json").read_text())["app"]
    environment = {
        **os.environ,
        "CDK_OUTDIR": str(tmp_path),
        # `python3` in the command is the interpreter running these tests (the suite's virtual environment).
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    assert shutil.which(command.split()[0], path=environment["PATH"]), f"{command.split()[0]} is not on PATH"
    completed = subprocess.run(
        command, shell=True, cwd=HERE, env=environment, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    stacks = [
        name for name, artifact in manifest["artifacts"].items() if artifact["type"] == "aws:cloudformation:stack"
    ]
    assert stacks == ["SecureWebServicePython"]
    errors = [
        entry
        for artifact in manifest["artifacts"].values()
        for entries in artifact.get("metadata", {}).values()
        for entry in entries
        if entry.get("type") == "aws:cdk:error"
    ]
    assert errors == []
    template = json.loads((tmp_path / "SecureWebServicePython.template.json").read_text())
    assert template["Outputs"]["Url"]["Value"] == "https://app.example.com"
