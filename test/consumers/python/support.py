"""What the consumer tests share: a unit-test app, the fixtures' names, and template helpers."""

import inspect
import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk import assertions
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_route53 as route53
from constructs import Construct

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[2]

CERT_ARN = "arn:aws:acm:us-west-2:123456789012:certificate/abc"
CA_ARN = "arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/0123abcd-0123-4567-89ab-0123456789ab"
HOSTED_ZONE_ID = "Z0123456789EXAMPLE"
ZONE_NAME = "example.com"
IMAGE = "public.ecr.aws/example/app:1.0"


def supports_builtin_validation() -> bool:
    """Whether this aws-cdk-lib has the built-in CloudFormation validation (newer than the minimum)."""
    return "builtin_cloud_formation_validation" in inspect.signature(cdk.App.__init__).parameters


def new_app(**props: Any) -> cdk.App:
    """A unit-test app, as in the TypeScript tests (test/util.ts).

    aws-cdk-lib's built-in CloudFormation validation, which newer releases run on every synth, is
    switched off; the minimum release has none to switch off.
    """
    if supports_builtin_validation():
        props.setdefault("builtin_cloud_formation_validation", False)
    return cdk.App(**props)


def new_stack(stack_name: str = "Test", **props: Any) -> cdk.Stack:
    """A stack in a fresh unit-test app."""
    return cdk.Stack(new_app(), stack_name, **props)


def hosted_zone(scope: Construct, construct_id: str = "Zone") -> route53.IHostedZone:
    """The tests' hosted zone, from its attributes (nothing is looked up)."""
    return route53.HostedZone.from_hosted_zone_attributes(
        scope, construct_id, hosted_zone_id=HOSTED_ZONE_ID, zone_name=ZONE_NAME
    )


def certificate(scope: Construct, construct_id: str = "Cert") -> acm.ICertificate:
    """The tests' certificate, from its ARN."""
    return acm.Certificate.from_certificate_arn(scope, construct_id, CERT_ARN)


def image() -> ecs.ContainerImage:
    return ecs.ContainerImage.from_registry(IMAGE)


def properties(template: assertions.Template, resource_type: str) -> list[dict[str, Any]]:
    """The properties of every resource of a type, in template order."""
    resources = template.find_resources(resource_type)
    return [dict(resource.get("Properties", {})) for resource in resources.values()]


def only(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The one item of a list, or an assertion error that shows them all."""
    assert len(items) == 1, f"expected exactly one, got {len(items)}: {json.dumps(items, indent=1)[:2000]}"
    return items[0]


def tag(resource_properties: dict[str, Any], key: str) -> str | None:
    """The value of a resource's tag, if it has that tag."""
    for entry in resource_properties.get("Tags", []):
        if entry.get("Key") == key:
            return str(entry.get("Value"))
    return None
