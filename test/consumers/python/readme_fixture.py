"""The Python counterpart of rosetta/default.ts-fixture, to run the README's examples in.

The translated examples leave out their imports and write in a stack's constructor: `self` is the stack.
What a TypeScript example declares (`declare const vpc: ec2.IVpc;`) appears in Python as a comment,
`# vpc: ec2.IVpc`; the fixture supplies a value of that type, from `DECLARED_VALUES`.
"""

import re
from collections.abc import Callable
from pathlib import Path
from typing import cast

import aws_cdk as cdk
from aws_cdk import aws_acmpca as acmpca
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_route53 as route53
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sns as sns
from secure_fargate_web_service import SecureFargateWebService

from support import CA_ARN, CERT_ARN, HOSTED_ZONE_ID, IMAGE, REPO_ROOT, ZONE_NAME

TS_FIXTURE = REPO_ROOT / "rosetta" / "default.ts-fixture"

# `# name: Type`, the comment that stands for a TypeScript `declare const name: Type;`.
DECLARATION = re.compile(r"^#\s*(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\S.*?)\s*$")


def python_module(ts_module: str) -> str:
    """The Python module of a jsii package or submodule: `aws-cdk-lib/aws-ecs` is `aws_cdk.aws_ecs`."""
    package, _, submodule = ts_module.partition("/")
    python_package = {"aws-cdk-lib": "aws_cdk"}.get(package, package.replace("-", "_"))
    return f"{python_package}.{submodule.replace('-', '_')}" if submodule else python_package


def fixture_imports(fixture: Path = TS_FIXTURE) -> list[str]:
    """The README fixture's imports, written in Python: the names the translated examples use."""
    imports = []
    pattern = r"^import\s+(?:\*\s+as\s+(?P<alias>\w+)|\{(?P<names>[^}]*)\})\s+from\s+'(?P<module>[^']+)';"
    for match in re.finditer(pattern, fixture.read_text(), re.MULTILINE):
        module = python_module(match["module"])
        if match["alias"]:
            imports.append(f"import {module} as {match['alias']}")
        else:
            names = ", ".join(name.strip() for name in match["names"].split(",") if name.strip())
            imports.append(f"from {module} import {names}")
    if not imports:
        raise AssertionError(f"{fixture} has no imports: is it still the README fixture?")
    return imports


def prelude_namespace() -> dict[str, object]:
    """A namespace holding the fixture's imports, to run an example in."""
    namespace: dict[str, object] = {"__name__": "readme_example"}
    exec("\n".join(fixture_imports()), namespace)  # the fixture's own import lines
    return namespace


def declarations(code: str) -> list[tuple[str, str]]:
    """The `# name: Type` lines that open an example: what it declares, in order."""
    found = []
    for line in code.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        match = DECLARATION.match(stripped)
        if not match:
            break
        found.append((match["name"], match["type"]))
    return found


def declared_element_type(type_text: str) -> tuple[str, bool]:
    """The element type of a declared type and whether the declaration is a list of it.

    Tolerant on purpose (the static check reports a declaration that is not a Python type), so that
    `List[cloudwatch.IAlarm]`, `typing.List[...]`, `Sequence[...]` and a TypeScript `cloudwatch.IAlarm[]`
    left in the translation are all read as a list of `cloudwatch.IAlarm`.
    """
    text = type_text.strip()
    is_list = False
    wrapped = re.fullmatch(r"(?:typing\.)?(?:List|Sequence|list)\[(.*)\]", text)
    if wrapped:
        text, is_list = wrapped.group(1).strip(), True
    if text.endswith("[]"):
        text, is_list = text[:-2].strip(), True
    return text, is_list


def _alarm(stack: cdk.Stack, construct_id: str) -> cloudwatch.IAlarm:
    metric = cloudwatch.Metric(namespace="Example", metric_name="Errors")
    return cloudwatch.Alarm(stack, construct_id, metric=metric, threshold=1, evaluation_periods=1)


def _web_service(stack: cdk.Stack, construct_id: str) -> SecureFargateWebService:
    return SecureFargateWebService(
        stack,
        construct_id,
        image=ecs.ContainerImage.from_registry(IMAGE),
        certificate=acm.Certificate.from_certificate_arn(stack, f"{construct_id}Certificate", CERT_ARN),
    )


# A value for each type that an example declares, made in the fixture stack under the given construct id.
DECLARED_VALUES: dict[object, Callable[[cdk.Stack, str], object]] = {
    cdk.App: lambda stack, _id: cast(cdk.App, stack.node.root),
    # A stack of its own in the fixture's app, as for a service in a stack of its own.
    cdk.Stack: lambda stack, construct_id: cdk.Stack(
        cast(cdk.App, stack.node.root), construct_id, stack_name=re.sub(r"[^A-Za-z0-9-]", "-", construct_id)
    ),
    ec2.IVpc: lambda stack, construct_id: ec2.Vpc(stack, construct_id),
    acm.ICertificate: lambda stack, construct_id: acm.Certificate.from_certificate_arn(stack, construct_id, CERT_ARN),
    acmpca.ICertificateAuthority: lambda stack, construct_id: acmpca.CertificateAuthority.from_certificate_authority_arn(
        stack, construct_id, CA_ARN
    ),
    route53.IHostedZone: lambda stack, construct_id: route53.HostedZone.from_hosted_zone_attributes(
        stack, construct_id, hosted_zone_id=HOSTED_ZONE_ID, zone_name=ZONE_NAME
    ),
    secretsmanager.ISecret: lambda stack, construct_id: secretsmanager.Secret.from_secret_name_v2(
        stack, construct_id, "prod/db"
    ),
    sns.ITopic: lambda stack, construct_id: sns.Topic.from_topic_arn(
        stack, construct_id, "arn:aws:sns:us-west-2:123456789012:paging"
    ),
    lambda_.IFunction: lambda stack, construct_id: lambda_.Function.from_function_arn(
        stack, construct_id, "arn:aws:lambda:us-west-2:123456789012:function:smoke-test"
    ),
    cloudwatch.IAlarm: _alarm,
    SecureFargateWebService: _web_service,
}


def declared_value(stack: cdk.Stack, namespace: dict[str, object], name: str, type_text: str) -> object:
    """A value for `# name: Type`, or a KeyError naming the type the fixture cannot make."""
    element_text, is_list = declared_element_type(type_text)
    element_type = eval(element_text, dict(namespace))  # a dotted name, from the docs
    make = DECLARED_VALUES.get(element_type)
    if make is None:
        raise KeyError(f"the fixture has no value for `# {name}: {type_text}`: add {element_text} to DECLARED_VALUES")
    construct_id = f"Declared-{name}"
    return [make(stack, f"{construct_id}-0")] if is_list else make(stack, construct_id)
