"""The Python code blocks of the published docs: found, checked against the installed packages, run.

Two documents show Python code: the wheel's long description (what PyPI shows: the README translated
to Python) and docs/python/API.md (the Python API docs that the build writes: that README, then the API reference,
whose blocks are signatures). `static_problems` checks that every class, function, method, attribute
and keyword argument a block names exists in the installed packages; `execute` runs an example in the
README fixture (readme_fixture.py) and synthesizes what it built.
"""

import ast
import builtins
import dataclasses
import difflib
import email.message
import importlib
import importlib.metadata
import inspect
import os
import re
import textwrap
import types
import typing
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aws_cdk as cdk

import readme_fixture
from support import REPO_ROOT, new_app

DIST_NAME = "secure-fargate-web-service"
MODULE_NAME = "secure_fargate_web_service"
API_DOCS = REPO_ROOT / "docs" / "python" / "API.md"
API_REFERENCE_HEADING = "API Reference"
SMALLEST_EXAMPLE_HEADING = "The smallest example"
# The complete Python app: a section of its own page, beside the README.
PYTHON_APP_PAGE = REPO_ROOT / "docs" / "python-and-java.md"
PYTHON_APP_HEADING = "Python"

LONG_DESCRIPTION = "long-description"
API_MD = "API.md"


# ---------------------------------------------------------------------------------------------------
# Finding the blocks


@dataclass(frozen=True)
class Block:
    """One fenced code block of a Markdown document."""

    source: str  # LONG_DESCRIPTION or API_MD
    line: int  # the line of the opening fence, from 1
    language: str
    headings: tuple[str, ...]  # the section it is in: its headings from the top level down
    anchor: str  # docgen's anchor id of the nearest heading ('' when it has none)
    ordinal: int  # the block's number under its nearest heading, from 1
    code: str
    in_api_reference: bool
    # An `@example` of the API reference (docgen writes `*Example*` above it): code, not a signature.
    is_example: bool = False

    @property
    def heading(self) -> str:
        return self.headings[-1] if self.headings else ""

    @property
    def id(self) -> str:
        if self.in_api_reference and self.anchor:
            name = self.anchor.removeprefix(f"{DIST_NAME}.")
            return f"{self.source}:{name}" + (f"-{self.ordinal}" if self.ordinal > 1 else "")
        return f"{self.source}:{slug(self.heading)}-{self.ordinal}"

    @property
    def where(self) -> str:
        return f"{self.source} line {self.line} (block {self.ordinal} under '{self.heading}')"

    def in_section(self, heading: str) -> bool:
        return any(h.lower().startswith(heading.lower()) for h in self.headings)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "top"


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)[^`]*$")
_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*$")
_ANCHOR = re.compile(r'<a\s+name="[^"]*"\s+id="(?P<id>[^"]*)"\s*>\s*</a>')


def _after_example_label(lines: list[str], fence: int) -> bool:
    """Whether the nearest non-blank line above a fence is docgen's `*Example*` label."""
    above = fence - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    return above >= 0 and lines[above].strip() == "*Example*"


def code_blocks(markdown: str, source: str) -> list[Block]:
    """Every fenced code block of a Markdown document, in order, with the section it is in."""
    lines = markdown.splitlines()
    blocks: list[Block] = []
    headings: list[tuple[int, str]] = []
    anchor = ""
    in_api_reference = False
    per_heading: Counter[tuple[str, ...]] = Counter()
    index = 0
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if fence:
            closing = re.compile(rf"^[ \t]*{re.escape(fence['fence'][0])}{{{len(fence['fence'])},}}\s*$")
            end = index + 1
            while end < len(lines) and not closing.match(lines[end]):
                end += 1
            path = tuple(text for _, text in headings)
            per_heading[path] += 1
            blocks.append(
                Block(
                    source=source,
                    line=index + 1,
                    language=fence["info"].lower(),
                    headings=path,
                    anchor=anchor,
                    ordinal=per_heading[path],
                    code=textwrap.dedent("\n".join(lines[index + 1 : end])).strip("\n") + "\n",
                    in_api_reference=in_api_reference,
                    is_example=in_api_reference and _after_example_label(lines, index),
                )
            )
            index = end + 1
            continue
        heading = _HEADING.match(lines[index])
        if heading:
            level = len(heading["level"])
            raw = heading["text"]
            found = _ANCHOR.search(raw)
            anchor = found["id"] if found else ""
            text = re.sub(r"<sup>.*?</sup>|<[^>]+>|`", "", _ANCHOR.sub("", raw)).strip()
            headings = [(lvl, t) for lvl, t in headings if lvl < level] + [(level, text)]
            if level == 1 and text == API_REFERENCE_HEADING:
                in_api_reference = True
        index += 1
    return blocks


def long_description() -> str:
    """The installed distribution's long description: the README that PyPI shows."""
    metadata = importlib.metadata.metadata(DIST_NAME)
    description = metadata["Description"]
    if not description and isinstance(metadata, email.message.Message):
        payload = metadata.get_payload()
        description = payload if isinstance(payload, str) else ""
    if not description:
        raise AssertionError(f"the installed {DIST_NAME} has no long description")
    return str(description)


def api_docs_path() -> Path:
    """docs/python/API.md, or the file that SFWS_PYTHON_API_DOCS names (run.sh --api-docs)."""
    return Path(os.environ.get("SFWS_PYTHON_API_DOCS", str(API_DOCS)))


def all_blocks() -> list[Block]:
    """The code blocks of both documents, in any language."""
    return code_blocks(long_description(), LONG_DESCRIPTION) + code_blocks(api_docs_path().read_text(), API_MD)


def python_blocks(blocks: list[Block]) -> list[Block]:
    """The Python blocks, each with an id unique among them."""
    found = [block for block in blocks if block.language == "python"]
    seen: Counter[str] = Counter()
    unique = []
    for block in found:
        seen[block.id] += 1
        if seen[block.id] > 1:  # two blocks under one anchor or heading: keep the ids apart
            block = dataclasses.replace(block, ordinal=block.ordinal + seen[block.id] - 1)
        unique.append(block)
    return unique


def is_program(code: str) -> bool:
    """Whether a block is a whole program, with imports of its own (the translated examples have none)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    return any(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body)


# What the tests counted, for the summary at the end of the run (conftest.py prints it).
SUMMARY: Counter[str] = Counter()


# ---------------------------------------------------------------------------------------------------
# The static check


def suggest(name: str, candidates: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(name, [c for c in candidates if not c.startswith("_")], n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def describe(obj: object) -> str:
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    qualname = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    return str(qualname) if qualname else repr(obj)


def has_member(obj: Any, name: str) -> bool:
    """Whether a module, class or value has an attribute, found without running a property's getter."""
    try:
        inspect.getattr_static(obj, name)
        return True
    except AttributeError:
        return hasattr(obj, name) if isinstance(obj, types.ModuleType) else False


def signature_of(callable_: Any) -> inspect.Signature | None:
    """The Python signature of a class's constructor (without self), a function or a bound method."""
    try:
        if inspect.isclass(callable_):
            init = callable_.__init__
            if init is object.__init__:
                return None
            parameters = list(inspect.signature(init).parameters.values())[1:]
            return inspect.Signature(parameters)
        return inspect.signature(callable_)
    except (TypeError, ValueError):
        return None


def union_members(hint: Any) -> list[Any]:
    """The types of an annotation, `Optional` and `Union` taken apart."""
    if typing.get_origin(hint) is typing.Union:
        return [member for member in typing.get_args(hint) if member is not type(None)]
    return [hint]


def is_struct(obj: Any) -> bool:
    """Whether a class is a jsii struct (a data type that Python builds from keyword arguments)."""
    return inspect.isclass(obj) and hasattr(obj, "__jsii_struct_bases__")


def struct_arguments(callable_: Any) -> dict[str, tuple[str, type]]:
    """The fields of the structs that a callable takes as arguments: field -> (parameter, struct).

    jsii turns only the last struct parameter of a method into keyword arguments; a struct parameter
    before it stays one argument, a `Struct(...)`.
    """
    signature = signature_of(callable_)
    target = callable_.__init__ if inspect.isclass(callable_) else callable_
    try:
        hints = typing.get_type_hints(target)
    except Exception:  # an annotation that does not resolve outside the package: nothing known
        return {}
    fields: dict[str, tuple[str, type]] = {}
    for parameter in signature.parameters.values() if signature else []:
        if parameter.kind not in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            continue
        for member in union_members(hints.get(parameter.name)):
            struct_signature = signature_of(member) if is_struct(member) else None
            for name in struct_signature.parameters if struct_signature else []:
                fields.setdefault(name, (parameter.name, member))
    return fields


def unknown_name_hint(name: str, parameters: typing.Iterable[str], callable_: Any) -> str:
    """What to say about a keyword a callable does not take: where it belongs, or the nearest name."""
    fields = struct_arguments(callable_)
    if name in fields:
        parameter, struct = fields[name]
        return (
            f": it is a field of {struct.__name__}, which Python takes as one argument"
            f" ({parameter}={struct.__name__}({name}=...))"
        )
    names = [n for n in parameters if not n.startswith("_")]
    close = difflib.get_close_matches(name, [*names, *fields], n=1, cutoff=0.75)
    if not close:
        return ""
    if close[0] in fields and close[0] not in names:
        parameter, struct = fields[close[0]]
        return f" (did you mean '{close[0]}', a field of {struct.__name__}, the argument '{parameter}'?)"
    return f" (did you mean '{close[0]}'?)"


def return_class(function: Any) -> type | None:
    """The class a function, method or property getter returns, when its annotation names one."""
    try:
        hint = typing.get_type_hints(function).get("return")
    except Exception:  # an annotation that does not resolve outside the package: unknown
        return None
    members = union_members(hint)
    return members[0] if len(members) == 1 and inspect.isclass(members[0]) else None


class _Unknown:
    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN = _Unknown()


@dataclass(frozen=True)
class Static:
    """A module, class, function, enum member or constant, known as itself."""

    obj: Any


@dataclass(frozen=True)
class Instance:
    """A value of a known class; `open` for a class written in the example, which may add attributes.

    `attributes` holds what the example's own class assigns to `self`, as far as the check follows it.
    """

    cls: type
    open: bool = False
    attributes: dict[str, "Value"] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Method:
    """A method of an instance of a known class."""

    cls: type
    name: str
    function: Any


@dataclass(frozen=True)
class UserClass:
    """A class written in the example itself."""

    name: str
    bases: tuple[type, ...]
    attributes: dict[str, "Value"] = field(default_factory=dict, compare=False, hash=False)


Value = Static | Instance | Method | UserClass | _Unknown


@dataclass
class StaticChecker:
    """Walks an example and reports each name it uses that the installed packages do not have."""

    block: Block
    namespace: dict[str, object]
    problems: list[str] = field(default_factory=list)
    checked_names: int = 0
    bound_anywhere: set[str] = field(default_factory=set)

    def report(self, node: ast.AST | None, message: str) -> None:
        line = self.block.line + getattr(node, "lineno", 0)
        self.problems.append(f"{self.block.source} line {line}: {message}")

    # -- values of names and expressions --

    def attribute(self, base: Value, name: str, node: ast.AST) -> Value:
        if isinstance(base, Static):
            return self.attribute_of_static(base.obj, name, node)
        if isinstance(base, Instance):
            return self.attribute_of_instance(base, name, node)
        return UNKNOWN

    def attribute_of_static(self, obj: Any, name: str, node: ast.AST) -> Value:
        self.checked_names += 1
        if isinstance(obj, types.ModuleType):
            if hasattr(obj, name):
                return Static(getattr(obj, name))
            try:
                return Static(importlib.import_module(f"{obj.__name__}.{name}"))
            except ImportError:
                self.report(node, f"module {obj.__name__} has no '{name}'{suggest(name, dir(obj))}")
                return UNKNOWN
        if not has_member(obj, name):
            self.report(node, f"{describe(obj)} has no attribute '{name}'{suggest(name, dir(obj))}")
            return UNKNOWN
        raw = inspect.getattr_static(obj, name)
        if type(raw).__name__ == "_ClassProperty":  # jsii's static properties
            returned = return_class(getattr(raw, "fget", None))
            return Instance(returned) if returned else UNKNOWN
        if isinstance(raw, property):
            return UNKNOWN
        return Static(getattr(obj, name))

    def attribute_of_instance(self, base: Instance, name: str, node: ast.AST) -> Value:
        self.checked_names += 1
        if name in base.attributes:
            return base.attributes[name]
        try:
            raw = inspect.getattr_static(base.cls, name)
        except AttributeError:
            if not base.open:
                self.report(node, f"{describe(base.cls)} has no attribute '{name}'{suggest(name, dir(base.cls))}")
            return UNKNOWN
        if isinstance(raw, property):
            returned = return_class(raw.fget)
            return Instance(returned) if returned else UNKNOWN
        if isinstance(raw, (staticmethod, classmethod)):
            return Static(getattr(base.cls, name))
        if inspect.isfunction(raw):
            return Method(base.cls, name, raw)
        return UNKNOWN

    def call(self, callee: Value, node: ast.Call) -> Value:
        if isinstance(callee, Static) and inspect.isclass(callee.obj):
            self.check_arguments(describe(callee.obj), callee.obj, signature_of(callee.obj), node)
            return Instance(callee.obj)
        if isinstance(callee, Static) and callable(callee.obj):
            self.check_arguments(describe(callee.obj), callee.obj, signature_of(callee.obj), node)
            returned = return_class(callee.obj)
            return Instance(returned) if returned else UNKNOWN
        if isinstance(callee, Method):
            signature = signature_of(callee.function)
            if signature is not None:  # without self
                signature = inspect.Signature(list(signature.parameters.values())[1:])
            self.check_arguments(f"{describe(callee.cls)}.{callee.name}", callee.function, signature, node)
            returned = return_class(callee.function)
            return Instance(returned) if returned else UNKNOWN
        if isinstance(callee, UserClass):
            base = callee.bases[0] if callee.bases else object
            return Instance(base, open=True, attributes=callee.attributes)
        return UNKNOWN

    def check_arguments(self, name: str, callable_: Any, signature: inspect.Signature | None, node: ast.Call) -> None:
        if signature is None:
            return
        parameters = signature.parameters
        takes_any_keyword = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
        keywords = [k.arg for k in node.keywords if k.arg is not None]
        for keyword in keywords:
            self.checked_names += 1
            if keyword not in parameters and not takes_any_keyword:
                hint = unknown_name_hint(keyword, parameters, callable_)
                self.report(node, f"{name}() has no keyword argument '{keyword}'{hint}")
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return
        try:
            signature.bind(*[None] * len(node.args), **{k: None for k in keywords if k in parameters})
        except TypeError as error:
            self.report(node, f"{name}() cannot be called so: {error}")

    def annotation(self, node: ast.expr | None, env: dict[str, Value]) -> Value:
        if node is None:
            return UNKNOWN
        value = self.expr(node, env)
        if isinstance(value, Static) and inspect.isclass(value.obj):
            return Instance(value.obj)
        return UNKNOWN

    def expr(self, node: ast.expr, env: dict[str, Value]) -> Value:
        if isinstance(node, ast.Name):
            if node.id in env:
                return env[node.id]
            if node.id in self.namespace:
                return Static(self.namespace[node.id])
            if hasattr(builtins, node.id):
                return Static(getattr(builtins, node.id))
            if node.id not in self.bound_anywhere:
                self.report(node, f"'{node.id}' is not defined{suggest(node.id, [*env, *self.namespace])}")
            return UNKNOWN
        if isinstance(node, ast.Attribute):
            return self.attribute(self.expr(node.value, env), node.attr, node)
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "super":
                return UNKNOWN
            callee = self.expr(node.func, env)
            for argument in node.args:
                self.expr(argument.value if isinstance(argument, ast.Starred) else argument, env)
            for keyword in node.keywords:
                self.expr(keyword.value, env)
            return self.call(callee, node)
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return UNKNOWN
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.expr(child, env)
        return UNKNOWN

    # -- statements --

    def bind(self, target: ast.expr, value: Value, env: dict[str, Value]) -> None:
        if isinstance(target, ast.Name):
            env[target.id] = value
        elif (
            isinstance(target, ast.Attribute)
            and isinstance(owner := self.expr(target.value, env), Instance)
            and owner.open
        ):
            owner.attributes[target.attr] = value  # `self.web = ...` in the example's own class
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self.bind(element, UNKNOWN, env)
        else:
            self.expr(target, env)

    def statements(self, body: list[ast.stmt], env: dict[str, Value]) -> None:
        for statement in body:
            self.statement(statement, env)

    def statement(self, node: ast.stmt, env: dict[str, Value]) -> None:
        if isinstance(node, ast.Assign):
            value = self.expr(node.value, env)
            for target in node.targets:
                self.bind(target, value, env)
        elif isinstance(node, ast.AnnAssign):
            declared = self.annotation(node.annotation, env)
            value = self.expr(node.value, env) if node.value else UNKNOWN
            self.bind(node.target, value if value is not UNKNOWN else declared, env)
        elif isinstance(node, ast.Expr):
            self.expr(node.value, env)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            self.imports(node, env)
        elif isinstance(node, ast.ClassDef):
            bases = tuple(
                value.obj
                for value in (self.expr(base, env) for base in node.bases)
                if isinstance(value, Static) and inspect.isclass(value.obj)
            )
            user_class = UserClass(node.name, bases)
            env[node.name] = user_class
            instance = Instance(bases[0] if bases else object, open=True, attributes=user_class.attributes)
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.function(member, env, owner=instance)
                else:
                    self.statement(member, env)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function(node, env, owner=None)
            env[node.name] = UNKNOWN
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    self.expr(child, env)
                elif isinstance(child, ast.stmt):
                    self.statement(child, env)
            if isinstance(node, (ast.For, ast.AsyncFor)):
                self.bind(node.target, UNKNOWN, env)

    def function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, env: dict[str, Value], owner: Value | None
    ) -> None:
        scope = dict(env)
        arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
        for index, argument in enumerate(arguments):
            if index == 0 and owner is not None:
                scope[argument.arg] = owner
            else:
                scope[argument.arg] = self.annotation(argument.annotation, env)
        for extra in (node.args.vararg, node.args.kwarg):
            if extra is not None:
                scope[extra.arg] = UNKNOWN
        self.statements(node.body, scope)

    def imports(self, node: ast.Import | ast.ImportFrom, env: dict[str, Value]) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                try:
                    module = importlib.import_module(alias.name)
                except ImportError as error:
                    self.report(node, f"cannot import {alias.name}: {error}")
                    continue
                if alias.asname:
                    env[alias.asname] = Static(module)
                else:
                    env[alias.name.split(".")[0]] = Static(importlib.import_module(alias.name.split(".")[0]))
            return
        try:
            module = importlib.import_module(node.module or "")
        except ImportError as error:
            self.report(node, f"cannot import {node.module}: {error}")
            return
        for alias in node.names:
            self.checked_names += 1
            if hasattr(module, alias.name):
                env[alias.asname or alias.name] = Static(getattr(module, alias.name))
                continue
            try:
                env[alias.asname or alias.name] = Static(importlib.import_module(f"{module.__name__}.{alias.name}"))
            except ImportError:
                self.report(node, f"module {module.__name__} has no '{alias.name}'{suggest(alias.name, dir(module))}")

    # -- the declarations that open an example --

    def declarations(self, env: dict[str, Value]) -> None:
        for offset, line in enumerate(self.block.code.splitlines(), start=1):
            match = readme_fixture.DECLARATION.match(line.strip())
            if not line.strip():
                continue
            if not match:
                break
            name, type_text = match["name"], match["type"]
            node = ast.Pass(lineno=offset)
            try:
                annotation = ast.parse(type_text, mode="eval").body
            except SyntaxError:
                self.report(node, f"the declared type of '{name}', `{type_text}`, is not a Python type")
                env[name] = UNKNOWN
                continue
            element, is_list = readme_fixture.declared_element_type(type_text)
            value = self.annotation(annotation, {**env, "List": Static(list), "typing": Static(typing)})
            if is_list:
                self.expr(ast.parse(element, mode="eval").body, env)
                value = UNKNOWN
            env[name] = value

    def check(self) -> list[str]:
        try:
            tree = ast.parse(self.block.code)
        except SyntaxError as error:
            self.report(None, f"not valid Python: {error.msg} (line {error.lineno} of the block)")
            return self.problems
        self.bound_anywhere = bound_names(tree)
        env: dict[str, Value] = {}
        if not is_program(self.block.code):
            env["self"] = Instance(cdk.Stack)  # written in the fixture's stack
        self.declarations(env)
        self.statements(tree.body, env)
        return self.problems


def bound_names(tree: ast.AST) -> set[str]:
    """Every name that the code binds somewhere: a name used before it is bound is still not undefined."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


# The shapes of docgen's API reference blocks: signatures, not calls.
_SIGNATURE_CALL = re.compile(
    rf"^import {MODULE_NAME}\s*\n\s*{MODULE_NAME}\.(?P<callee>[\w.]+)\((?P<parameters>.*)\)\s*$", re.DOTALL
)
_SIGNATURE_DEF = re.compile(r"^def (?P<name>\w+)\((?P<parameters>.*)\)\s*->\s*\S.*$", re.DOTALL)
_SIGNATURE_PROPERTY = re.compile(r"^(?P<name>\w+):\s*\S[^\n]*$")
_PARAMETER = re.compile(r"^\s*\**(?P<name>\w+)\s*:", re.MULTILINE)


def api_reference_problems(block: Block) -> tuple[list[str], int]:
    """The names in one of docgen's signature blocks that the binding does not have; and how many it names."""
    package = importlib.import_module(MODULE_NAME)
    code = block.code.strip()
    where = f"{block.source} line {block.line + 1}"
    owner_name = block.anchor.removeprefix(f"{DIST_NAME}.").split(".")[0] if block.anchor else ""

    def owner() -> Any:
        found = getattr(package, owner_name, None)
        if found is None:
            raise LookupError(f"{where}: the anchor '{block.anchor}' names no type of {MODULE_NAME}")
        return found

    def compare(described: str, shown: list[str], target: Any) -> list[str]:
        signature = signature_of(target)
        if signature is None:
            return [f"{where}: {described} has no Python signature to compare with"]
        real = [p.name for p in signature.parameters.values() if p.name != "self" and p.kind is not p.VAR_KEYWORD]
        problems = [
            f"{where}: {described} has no parameter '{name}'{unknown_name_hint(name, real, target)}"
            for name in shown
            if name not in real
        ]
        missing = [name for name in real if name not in shown]
        if missing:
            problems.append(f"{where}: the signature of {described} leaves out its parameter(s) {', '.join(missing)}")
        return problems

    call = _SIGNATURE_CALL.match(code)
    if call:
        target: Any = package
        path = [MODULE_NAME]
        for part in call["callee"].split("."):
            if not has_member(target, part):
                named = ".".join(path)
                return [f"{where}: {named} has no '{part}'{suggest(part, dir(target))}"], len(path)
            target = getattr(target, part)
            path.append(part)
        shown = _PARAMETER.findall(call["parameters"])
        return compare(".".join(path[1:]), shown, target), len(path) + len(shown)
    method = _SIGNATURE_DEF.match(code)
    if method:
        cls, name = owner(), method["name"]
        shown = _PARAMETER.findall(method["parameters"])
        if not has_member(cls, name):
            return [f"{where}: {cls.__name__} has no method '{name}'{suggest(name, dir(cls))}"], 1 + len(shown)
        return compare(f"{cls.__name__}.{name}", shown, getattr(cls, name)), 1 + len(shown)
    prop = _SIGNATURE_PROPERTY.match(code)
    if prop and "\n" not in code:
        cls, name = owner(), prop["name"]
        if not has_member(cls, name):
            return [f"{where}: {cls.__name__} has no attribute '{name}'{suggest(name, dir(cls))}"], 1
        return [], 1
    return [f"{where}: a block of an unknown shape (neither a signature nor a property):\n{code}"], 0


def static_problems(block: Block) -> tuple[list[str], int]:
    """What a block names that the installed packages lack, and how many names it checked."""
    if block.in_api_reference and not block.is_example:
        return api_reference_problems(block)
    checker = StaticChecker(block, readme_fixture.prelude_namespace())
    problems = checker.check()
    return problems, checker.checked_names


# ---------------------------------------------------------------------------------------------------
# Running an example


@dataclass
class Synthesized:
    """What running an example built: its apps' stacks and their templates' resource counts."""

    stacks: dict[str, int] = field(default_factory=dict)  # stack name -> resources
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)  # stack name -> outputs
    errors: list[str] = field(default_factory=list)


def synthesize(apps: list[cdk.App]) -> Synthesized:
    result = Synthesized()
    for app in apps:
        assembly = app.synth()
        for stack in assembly.stacks:
            template = stack.template
            result.stacks[stack.stack_name] = len(template.get("Resources", {}))
            result.outputs[stack.stack_name] = dict(template.get("Outputs", {}))
            result.errors += [
                f"{stack.stack_name}: {message.id}: {message.entry.data}"
                for message in stack.messages
                if str(message.level.value).lower() == "error"
            ]
    return result


def apps_in(namespace: dict[str, object]) -> Iterator[cdk.App]:
    for value in namespace.values():
        if isinstance(value, cdk.App):
            yield value


def execute(block: Block, outdir: Path) -> Synthesized:
    """Runs an example in the fixture stack, with the values it declares, and synthesizes every app.

    An example that opens with imports is a whole program: it runs as `__main__`, on its own.
    """
    if is_program(block.code):
        namespace: dict[str, object] = {"__name__": "__main__"}
        exec(compile(block.code, f"<{block.where}>", "exec"), namespace)
        apps = list(apps_in(namespace))
        if not apps:
            raise AssertionError(f"{block.where}: the program made no cdk.App")
        return synthesize(apps)
    app = new_app(outdir=str(outdir))
    stack = cdk.Stack(app, "Fixture")
    namespace = readme_fixture.prelude_namespace()
    namespace["self"] = stack
    for name, type_text in readme_fixture.declarations(block.code):
        namespace[name] = readme_fixture.declared_value(stack, namespace, name, type_text)
    exec(compile(block.code, f"<{block.where}>", "exec"), namespace)
    return synthesize([app, *(other for other in apps_in(namespace) if other is not app)])
