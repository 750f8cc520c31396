"""The task.yaml schema (DESIGN.md §5) as pydantic models; field names are a contract.

Structure is checked here (types, unknown fields, check/oracle/setup shapes). Cross-references
that need the whole task or its folder (template variables, ``call:`` targets, ``depends_on``
cycles) are checked in :mod:`guigym.tasks.validate`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from guigym.tasks.checkspec import ShapeError, validate_call_ref, validate_check
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator
from pydantic_core import PydanticCustomError

from guigym.errors import TaskError, did_you_mean

__all__ = [
    "TaskSpec",
    "Subtask",
    "ParamSpec",
    "Start",
    "Login",
    "SetupStep",
    "CallOracle",
    "Oracle",
    "ID_RE",
]

#: ``<suite>.<name>``: lowercase words with dashes or underscores.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_-]*$")
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _shape(fn):  # noqa: ANN001, ANN202 - decorator for BeforeValidators
    """Turn a ShapeError into a pydantic error that keeps the sub-path for messages."""

    def wrapper(value: Any) -> Any:
        try:
            return fn(value)
        except ShapeError as exc:
            raise PydanticCustomError(
                "guigym_shape", "{message}", {"message": exc.message, "sub": exc.sub}
            ) from None

    return wrapper


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ParamSpec(_Model):
    """One seeded parameter: ``{choice: [...]}``, ``{int: [lo, hi]}`` or a constant."""

    choice: list[Any] | None = None
    int_range: tuple[int, int] | None = Field(default=None, alias="int")
    value: Any = None

    @classmethod
    def parse(cls, raw: Any) -> ParamSpec:
        """Accept the YAML forms; a bare scalar is a constant."""
        if isinstance(raw, Mapping):
            keys = set(raw)
            if not keys or not keys <= {"choice", "int"} or len(keys) != 1:
                raise ShapeError(
                    "",
                    "expected {choice: [a, b, ...]}, {int: [lo, hi]} or a constant,"
                    f" got {dict(raw)!r}",
                )
            if "choice" in raw:
                if not isinstance(raw["choice"], list) or not raw["choice"]:
                    raise ShapeError(".choice", f"expected a non-empty list, got {raw['choice']!r}")
                return cls(choice=list(raw["choice"]))
            bounds = raw["int"]
            if (
                not isinstance(bounds, list)
                or len(bounds) != 2
                or not all(isinstance(b, int) and not isinstance(b, bool) for b in bounds)
                or bounds[0] > bounds[1]
            ):
                raise ShapeError(
                    ".int", f"expected [lo, hi] with integers lo <= hi, got {bounds!r}"
                )
            return cls(int_range=(bounds[0], bounds[1]))
        if isinstance(raw, list) or raw is None:
            raise ShapeError(
                "", f"expected {{choice: [...]}}, {{int: [lo, hi]}} or a constant, got {raw!r}"
            )
        return cls(value=raw)

    @property
    def kind(self) -> str:
        """``choice``, ``int`` or ``const``."""
        if self.choice is not None:
            return "choice"
        if self.int_range is not None:
            return "int"
        return "const"


def _params(raw: Any) -> dict[str, ParamSpec]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ShapeError("", f"expected a mapping of name -> {{choice: [...]}}, got {raw!r}")
    out: dict[str, ParamSpec] = {}
    for name, spec in raw.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ShapeError(f".{name}", f"parameter names must be identifiers, got {name!r}")
        if isinstance(spec, ParamSpec):
            out[name] = spec
            continue
        try:
            out[name] = ParamSpec.parse(spec)
        except ShapeError as exc:
            raise ShapeError(f".{name}{exc.sub}", exc.message) from None
    return out


class Login(_Model):
    """Start logged in as ``user`` on ``site`` (through the control API, not the UI)."""

    site: str
    user: str


class Start(_Model):
    """Where the episode starts: a URL (web), logged in or not; desktop: apps and files open."""

    url: str | None = None
    login: Login | None = None
    apps: list[str] = Field(default_factory=list)
    open: list[str] = Field(default_factory=list)


def _setup_step(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping) or len(raw) != 1 or next(iter(raw)) not in ("sql", "call"):
        raise ShapeError(
            "",
            "expected {sql: {site, statement, params?}} or {call: 'setup.py:fn'},"
            f" got {raw!r}",
        )
    if "call" in raw:
        validate_call_ref(raw["call"], ".call")
        return dict(raw)
    body = raw["sql"]
    if not isinstance(body, Mapping):
        raise ShapeError(".sql", f"expected {{site, statement, params?}}, got {body!r}")
    for key in body:
        if key not in ("site", "statement", "params"):
            raise ShapeError(
                f".sql.{key}", f"unknown field {key!r} (allowed: site, statement, params)"
            )
    for key in ("site", "statement"):
        if not isinstance(body.get(key), str) or not body[key].strip():
            raise ShapeError(".sql", f"sql setup needs a non-empty {key!r}")
    if "params" in body and not isinstance(body["params"], Mapping | list):
        raise ShapeError(".sql.params", f"expected a mapping, got {body['params']!r}")
    return {"sql": dict(body)}


SetupStep = Annotated[dict[str, Any], BeforeValidator(_shape(_setup_step))]
Check = Annotated[dict[str, Any], BeforeValidator(_shape(lambda v: dict(validate_check(v))))]


class CallOracle(_Model):
    """An oracle written in Python: ``solution.py:fn(actor)``, optional ``fast_forward``."""

    call: str
    fast_forward: str | None = None

    @field_validator("call", "fast_forward")
    @classmethod
    def _ref(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                validate_call_ref(value)
            except ShapeError as exc:
                raise ValueError(exc.message) from None
        return value


def _oracle(raw: Any) -> Any:
    if isinstance(raw, list):
        if not raw:
            raise ShapeError("", "an oracle list needs at least one action")
        for i, action in enumerate(raw):
            if not isinstance(action, str | Mapping):
                raise ShapeError(
                    f"[{i}]", f"expected an action string like \"click('e12')\", got {action!r}"
                )
        return raw
    if isinstance(raw, CallOracle):
        return raw
    if isinstance(raw, Mapping):
        for key in raw:
            if key not in ("call", "fast_forward"):
                raise ShapeError(f".{key}", f"unknown field {key!r} (allowed: call, fast_forward)")
        if "call" not in raw:
            raise ShapeError("", "a Python oracle needs 'call: solution.py:fn'")
        validate_call_ref(raw["call"], ".call")
        if raw.get("fast_forward") is not None:
            validate_call_ref(raw["fast_forward"], ".fast_forward")
        return CallOracle(call=raw["call"], fast_forward=raw.get("fast_forward"))
    raise ShapeError(
        "",
        "expected a list of actions or {call: 'solution.py:fn', fast_forward?: ...},"
        f" got {raw!r}",
    )


Oracle = Annotated[list[str | dict[str, Any]] | CallOracle, BeforeValidator(_shape(_oracle))]


class Subtask(_Model):
    """One verified step of the chain."""

    id: str
    instruction: str | None = None
    check: Check
    oracle: Oracle
    depends_on: list[str] | None = None  # None: the previous subtask
    weight: float = Field(default=1.0, gt=0)
    critical: bool = False
    #: the subtask is answered with ``answer()`` (implied when its check has an ``answer`` check;
    #: set it for a ``call`` check that reads ``ctx.answers``): it gets one bound answer.
    answer: bool = False

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG_RE.match(value):
            raise ValueError(f"expected lowercase letters, digits, '-' or '_', got {value!r}")
        return value


class TaskSpec(_Model):
    """A task as written in task.yaml (DESIGN.md §5). Load with :func:`guigym.tasks.load_task`."""

    id: str
    title: str
    env: Literal["web", "desktop"] = "web"
    sites: list[str] = Field(default_factory=list)
    apps: list[str] = Field(default_factory=list)
    instruction: str
    params: Annotated[dict[str, ParamSpec], BeforeValidator(_shape(_params))] = Field(
        default_factory=dict
    )
    facts: list[str] = Field(default_factory=list)
    start: Start = Field(default_factory=Start)
    setup: list[SetupStep] = Field(default_factory=list)
    max_steps: int = Field(default=30, gt=0)
    subtasks: list[Subtask] = Field(default_factory=list)
    infeasible: bool = False
    tags: list[str] = Field(default_factory=list)
    _dir: Path | None = PrivateAttr(default=None)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID_RE.match(value):
            raise ValueError(
                f"expected '<suite>.<name>' in lowercase (e.g. 'shop.restock'), got {value!r}"
            )
        return value

    @field_validator("facts")
    @classmethod
    def _facts(cls, value: list[str]) -> list[str]:
        for name in value:
            if not name.isidentifier():
                raise ValueError(f"fact names must be identifiers, got {name!r}")
        return value

    @property
    def path(self) -> Path | None:
        """The task's folder (None for a spec built in memory)."""
        return self._dir

    @property
    def suite(self) -> str:
        """The part of the id before the dot."""
        return self.id.split(".", 1)[0]

    @property
    def name(self) -> str:
        """The part of the id after the dot (the folder name)."""
        return self.id.split(".", 1)[1]

    def depends(self, index: int) -> list[str]:
        """The ids subtask ``index`` depends on (default: the previous subtask)."""
        sub = self.subtasks[index]
        if sub.depends_on is not None:
            return list(sub.depends_on)
        return [self.subtasks[index - 1].id] if index > 0 else []

    def subtask_index(self, key: int | str) -> int:
        """Index of a subtask given its index or id."""
        ids = [s.id for s in self.subtasks]
        if isinstance(key, int) and not isinstance(key, bool):
            if not 0 <= key < len(ids):
                raise TaskError(f"{self.id} has subtasks 0..{len(ids) - 1}, got {key}")
            return key
        if key in ids:
            return ids.index(key)
        raise TaskError(f"{self.id} has no subtask {key!r}{did_you_mean(str(key), ids)}")
