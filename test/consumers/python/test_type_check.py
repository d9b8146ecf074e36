"""The type check bites: mypy, as run.sh runs it, refuses a keyword the binding lacks and a wrong type."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import HERE

PROGRAM = """\
from aws_cdk import App, Stack
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_ecs as ecs
from secure_fargate_web_service import SecureFargateWebService

stack = Stack(App(), "Web")
SecureFargateWebService(
    stack,
    "Web",
    image=ecs.ContainerImage.from_registry("public.ecr.aws/example/app:1.0"),
    certificate=acm.Certificate.from_certificate_arn(stack, "Cert", "arn:aws:acm:us-west-2:1234567890:certificate/a"),
    {props}
)
"""


def mypy(tmp_path: Path, props: str) -> subprocess.CompletedProcess[str]:
    if not shutil.which("mypy", path=str(Path(sys.executable).parent)):
        pytest.skip("mypy is not installed beside this Python (run.sh installs it)")
    program = tmp_path / "program.py"
    program.write_text(PROGRAM.format(props=props))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(HERE / "pyproject.toml"), str(program)],
        cwd=tmp_path,
        env={**os.environ, "MYPY_CACHE_DIR": os.environ.get("MYPY_CACHE_DIR", str(tmp_path / ".mypy_cache"))},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_accepts_the_bindings_names(tmp_path: Path) -> None:
    result = mypy(tmp_path, "cpu=512, memory_limit_mib=1024,")
    assert result.returncode == 0, result.stdout + result.stderr


def test_refuses_a_keyword_the_binding_lacks(tmp_path: Path) -> None:
    result = mypy(tmp_path, "memory_limit_mi_b=1024,")
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Unexpected keyword argument "memory_limit_mi_b"' in result.stdout


def test_refuses_a_value_of_the_wrong_type(tmp_path: Path) -> None:
    result = mypy(tmp_path, 'cpu="512",')
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Argument "cpu" to "SecureFargateWebService" has incompatible type "str"' in result.stdout
