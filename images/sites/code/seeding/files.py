"""Repository contents: a project's files rendered from a small state, and changes to it.

A project's repository is described by ``RepoState`` (version, settings, feature modules,
changelog); ``render`` turns it into files for its kind (python, go, js, docs, infra), so a
change step mutates the state and the commit is the files that changed. Deterministic: all
choices come from the ``rng`` passed in.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

from .projects import ProjectDef

__all__ = ["RepoState", "Feature", "initial_state", "render", "slug"]


def slug(text: str) -> str:
    """``order status`` -> ``order_status``."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "item"


@dataclass
class Feature:
    """A module of the project: its name and the rules/checks it implements."""

    name: str
    rules: list[str] = field(default_factory=list)


@dataclass
class RepoState:
    """What the files are rendered from."""

    project: ProjectDef
    version: tuple[int, int, int] = (0, 1, 0)
    settings: dict[str, int | str] = field(default_factory=dict)
    features: list[Feature] = field(default_factory=list)
    changelog: list[tuple[str, list[str]]] = field(default_factory=list)  # (version, entries)
    readme_sections: list[tuple[str, str]] = field(default_factory=list)
    ci_jobs: list[str] = field(default_factory=lambda: ["lint", "test"])
    pages: dict[str, str] = field(default_factory=dict)  # docs pages: path -> markdown
    last_feature: str = ""  # the topic add_feature chose last (the seed avoids repeats)

    def copy(self) -> RepoState:
        """A deep-enough copy (branches diverge from it)."""
        return replace(
            self,
            settings=dict(self.settings),
            features=[Feature(f.name, list(f.rules)) for f in self.features],
            changelog=[(v, list(e)) for v, e in self.changelog],
            readme_sections=list(self.readme_sections),
            ci_jobs=list(self.ci_jobs),
            pages=dict(self.pages),
        )

    @property
    def version_str(self) -> str:
        """``1.4.2``."""
        return ".".join(map(str, self.version))


_SETTINGS = {
    "python": {
        "REQUEST_TIMEOUT_SECONDS": 5,
        "PAGE_SIZE": 20,
        "RETRY_ATTEMPTS": 3,
        "CACHE_TTL_SECONDS": 300,
        "LOG_LEVEL": "INFO",
    },
    "go": {"ListenAddr": ":8080", "Workers": 4, "RetryAttempts": 3, "TimeoutSeconds": 10},
    "js": {"apiBase": "/api", "pageSize": 25, "pollSeconds": 30, "theme": "light"},
    "docs": {"site_name": "", "theme": "material", "edit_uri": "-/edit/main/"},
    "infra": {
        "instance_type": "t3.medium",
        "min_nodes": 2,
        "max_nodes": 4,
        "backup_retention_days": 14,
    },
}


def initial_state(p: ProjectDef, rng: random.Random) -> RepoState:
    """The state of the first commit."""
    settings = dict(_SETTINGS[p.kind])
    if p.kind == "docs":
        settings["site_name"] = p.name
    state = RepoState(project=p, settings=settings)
    state.features.append(Feature("core", ["validate input"]))
    state.changelog.append(("0.1.0", ["Initial release"]))
    if p.kind == "docs":
        state.pages["index.md"] = f"# {p.name}\n\n{p.description}\n"
    return state


def _readme(s: RepoState) -> str:
    p = s.project
    text = p.readme or (
        f"# {p.name}\n\n{p.description}\n\n## Getting started\n\n"
        + {
            "python": f"```bash\npython -m venv .venv && .venv/bin/pip install -e .\n"
            f"make test\n```\n\nThe package lives in `{p.module}/`.\n",
            "go": "```bash\ngo build ./...\ngo test ./...\n```\n",
            "js": "```bash\nnpm ci\nnpm run dev\nnpm test\n```\n",
            "docs": "Pages are Markdown files; `make serve` previews the site.\n",
            "infra": "```bash\nterraform init\n"
            "terraform plan -var-file=environments/staging.tfvars\n```\n",
        }[p.kind]
    )
    for title, body in s.readme_sections:
        text += f"\n## {title}\n\n{body}\n"
    return text


def _changelog(s: RepoState) -> str:
    out = ["# Changelog", "", "All notable changes to this project are documented here.", ""]
    for version, entries in reversed(s.changelog):
        out.append(f"## {version}")
        out.append("")
        out.extend(f"- {e}" for e in entries)
        out.append("")
    return "\n".join(out)


def _ci(s: RepoState) -> str:
    image = {
        "python": "python:3.11",
        "go": "golang:1.22",
        "js": "node:20",
        "docs": "python:3.11",
        "infra": "hashicorp/terraform:1.7",
    }[s.project.kind]
    cmds = {
        "lint": "make lint",
        "test": "make test",
        "build": "make build",
        "deploy-staging": "make deploy ENV=staging",
        "security-scan": "make audit",
        "docs": "make docs",
        "release": "make release",
    }
    stages = sorted(
        {("deploy" if j.startswith("deploy") else "test") for j in s.ci_jobs},
        key=lambda x: x != "test",
    )
    out = [f"image: {image}", "", "stages:"] + [f"  - {st}" for st in stages] + [""]
    for job in s.ci_jobs:
        stage = "deploy" if job.startswith("deploy") else "test"
        out += [
            f"{job}:",
            f"  stage: {stage}",
            "  script:",
            f"    - {cmds.get(job, 'make ' + job)}",
        ]
        if stage == "deploy":
            out += ["  only:", "    - main"]
        out.append("")
    return "\n".join(out)


def _py_feature(s: RepoState, f: Feature) -> str:
    fn = slug(f.name)
    lines = [
        f'"""{f.name.capitalize()} for {s.project.name}."""',
        "",
        "from __future__ import annotations",
        "",
        "from .config import PAGE_SIZE, REQUEST_TIMEOUT_SECONDS",
        "",
        "",
        f"class {''.join(w.capitalize() for w in fn.split('_'))}Error(ValueError):",
        f'    """Raised when a {f.name} request is invalid."""',
        "",
        "",
        f"def check_{fn}(payload: dict) -> list[str]:",
        f'    """Problems with a {f.name} payload (empty list: valid)."""',
        "    problems: list[str] = []",
    ]
    for rule in f.rules:
        key = slug(rule)
        lines += [f"    if not payload.get({key!r}):", f"        problems.append({rule!r})"]
    lines += [
        "    return problems",
        "",
        "",
        f"def handle_{fn}(payload: dict, page: int = 1) -> dict:",
        f'    """Validate and process one {f.name} request."""',
        f"    problems = check_{fn}(payload)",
        "    if problems:",
        f'        raise {"".join(w.capitalize() for w in fn.split("_"))}Error("; ".join(problems))',
        "    start = (page - 1) * PAGE_SIZE",
        '    return {"ok": True, "start": start, "timeout": REQUEST_TIMEOUT_SECONDS}',
        "",
    ]
    return "\n".join(lines)


def _py_test(s: RepoState, f: Feature) -> str:
    fn = slug(f.name)
    mod = s.project.module
    return "\n".join(
        [
            f"from {mod}.{fn} import check_{fn}, handle_{fn}",
            "",
            "",
            f"def test_{fn}_reports_missing_fields() -> None:",
            f"    assert check_{fn}({{}}) == {f.rules!r}",
            "",
            "",
            f"def test_{fn}_accepts_a_full_payload() -> None:",
            "    payload = {" + ", ".join(f"{slug(r)!r}: 1" for r in f.rules) + "}",
            f'    assert handle_{fn}(payload)["ok"] is True',
            "",
        ]
    )


def _go_feature(s: RepoState, f: Feature) -> str:
    fn = slug(f.name)
    camel = "".join(w.capitalize() for w in fn.split("_"))
    lines = [
        f"// Package {fn.replace('_', '')} implements {f.name} for {s.project.name}.",
        f"package {fn.replace('_', '')}",
        "",
        "import (",
        '\t"errors"',
        '\t"strings"',
        ")",
        "",
        f"// Request is one {f.name} request.",
        "type Request struct {",
        "\tFields map[string]string",
        "}",
        "",
        f"// Validate{camel} lists what is missing from a request.",
        f"func Validate{camel}(r Request) error {{",
        "\tvar problems []string",
    ]
    for rule in f.rules:
        lines += [
            f'\tif r.Fields["{slug(rule)}"] == "" {{',
            f'\t\tproblems = append(problems, "{rule}")',
            "\t}",
        ]
    lines += [
        "\tif len(problems) > 0 {",
        '\t\treturn errors.New(strings.Join(problems, "; "))',
        "\t}",
        "\treturn nil",
        "}",
        "",
    ]
    return "\n".join(lines)


def _js_feature(s: RepoState, f: Feature) -> str:
    fn = slug(f.name)
    camel = fn.split("_")[0] + "".join(w.capitalize() for w in fn.split("_")[1:])
    lines = [
        f"// {f.name.capitalize()} for {s.project.name}.",
        "import { settings } from '../config.js';",
        "",
        f"export function validate{camel[0].upper() + camel[1:]}(form) {{",
        "  const problems = [];",
    ]
    for rule in f.rules:
        lines += [
            f"  if (!form.{camel}{''.join(w.capitalize() for w in slug(rule).split('_'))}) {{",
            f"    problems.push('{rule}');",
            "  }",
        ]
    lines += [
        "  return problems;",
        "}",
        "",
        f"export async function load{camel[0].upper() + camel[1:]}(page = 1) {{",
        f"  const url = `${{settings.apiBase}}/{fn.replace('_', '-')}?page=${{page}}`;",
        "  const res = await fetch(`${url}&size=${settings.pageSize}`);",
        "  if (!res.ok) throw new Error(`request failed: ${res.status}`);",
        "  return res.json();",
        "}",
        "",
    ]
    return "\n".join(lines)


def render(s: RepoState) -> dict[str, str]:
    """All files of the repository for this state."""
    p, kind = s.project, s.project.kind
    files = {"README.md": _readme(s), "CHANGELOG.md": _changelog(s), ".gitlab-ci.yml": _ci(s)}
    if kind == "python":
        m = p.module
        files[".gitignore"] = "__pycache__/\n*.pyc\n.venv/\n.pytest_cache/\ndist/\n"
        files["pyproject.toml"] = (
            f'[project]\nname = "{p.path}"\nversion = "{s.version_str}"\n'
            f'description = "{p.description}"\nrequires-python = ">=3.11"\n'
            'dependencies = ["fastapi>=0.110", "sqlalchemy>=2.0", "httpx>=0.27"]\n\n'
            "[tool.ruff]\nline-length = 100\n"
        )
        files["Makefile"] = (
            "lint:\n\truff check .\n\ntest:\n\tpytest -q\n\ndev:\n\tuvicorn "
            + m
            + ".main:app --reload\n"
        )
        files[f"{m}/__init__.py"] = f'"""{p.name}."""\n\n__version__ = "{s.version_str}"\n'
        files[f"{m}/config.py"] = (
            '"""Settings (override with environment variables)."""\n\n'
            + "".join(f"{k} = {v!r}\n" for k, v in s.settings.items())
        )
        routes = "".join(
            f'\n\n@app.post("/{slug(f.name).replace("_", "-")}")\n'
            f"def {slug(f.name)}_endpoint(payload: dict) -> dict:\n"
            f'    """{f.name.capitalize()}."""\n    return handle_{slug(f.name)}(payload)\n'
            for f in s.features
        )
        imports = "".join(
            f"from .{slug(f.name)} import handle_{slug(f.name)}\n" for f in s.features
        )
        files[f"{m}/main.py"] = (
            f'"""HTTP entry point of {p.name}."""\n\nfrom fastapi import FastAPI\n\n'
            f"{imports}\napp = FastAPI(title={p.name!r})" + routes
        )
        for f in s.features:
            files[f"{m}/{slug(f.name)}.py"] = _py_feature(s, f)
            files[f"tests/test_{slug(f.name)}.py"] = _py_test(s, f)
    elif kind == "go":
        files["go.mod"] = f"module code.test/{p.group}/{p.path}\n\ngo 1.22\n"
        files["config.yaml"] = "".join(f"{k}: {v}\n" for k, v in s.settings.items())
        files["VERSION"] = s.version_str + "\n"
        files["Makefile"] = (
            "build:\n\tgo build ./...\n\ntest:\n\tgo test ./...\n\nlint:\n\tgo vet ./...\n"
        )
        files["cmd/server/main.go"] = (
            'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\n'
            f'const version = "{s.version_str}"\n\nfunc main() {{\n\tmux := http.NewServeMux()\n'
            + "".join(
                f'\tmux.HandleFunc("/{slug(f.name).replace("_", "-")}", handle)\n'
                for f in s.features
            )
            + f'\tlog.Printf("{p.path} %s listening on :8080", version)\n'
            '\tlog.Fatal(http.ListenAndServe(":8080", mux))\n}\n\n'
            "func handle(w http.ResponseWriter, r *http.Request) {\n"
            "\tw.WriteHeader(http.StatusNoContent)\n}\n"
        )
        for f in s.features:
            pkg = slug(f.name).replace("_", "")
            files[f"internal/{pkg}/{pkg}.go"] = _go_feature(s, f)
    elif kind == "js":
        files["package.json"] = (
            f'{{\n  "name": "@northwind/{p.path}",\n  "version": "{s.version_str}",\n'
            '  "private": true,\n'
            '  "type": "module",\n  "scripts": {\n    "dev": "vite",\n    "build": "vite build",\n'
            '    "test": "vitest run"\n  }\n}\n'
        )
        files[".gitignore"] = "node_modules/\ndist/\n"
        files["src/config.js"] = (
            "export const settings = {\n"
            + "".join(f"  {k}: {v!r},\n".replace("'", "'") for k, v in s.settings.items())
            + "};\n"
        )
        files["src/index.js"] = "".join(
            f"export * from './features/{slug(f.name).replace('_', '-')}.js';\n" for f in s.features
        )
        for f in s.features:
            files[f"src/features/{slug(f.name).replace('_', '-')}.js"] = _js_feature(s, f)
        files["styles/main.css"] = (
            ":root {\n  --brand: #2f5bd3;\n  --radius: 6px;\n}\n\n"
            "body {\n  font-family: system-ui, sans-serif;\n}\n"
        )
    elif kind == "docs":
        files["mkdocs.yml"] = (
            "".join(f"{k}: {v}\n" for k, v in s.settings.items())
            + "nav:\n"
            + "".join(f"  - {path}\n" for path in sorted(s.pages))
        )
        for path, text in s.pages.items():
            files[f"pages/{path}" if p.path != "runbooks" else f"runbooks/{path}"] = text
    elif kind == "infra":
        files["main.tf"] = (
            'terraform {\n  required_version = ">= 1.7"\n}\n\n'
            'module "shop" {\n  source = "./modules/app"\n'
            "  instance_type = var.instance_type\n  min_nodes     = var.min_nodes\n"
            "  max_nodes     = var.max_nodes\n}\n"
        )
        files["variables.tf"] = "".join(
            f'variable "{k}" {{\n  default = {v!r}\n}}\n\n'.replace("'", '"')
            for k, v in s.settings.items()
        )
        for env in ("staging", "production"):
            files[f"environments/{env}.tfvars"] = "".join(
                f"{k} = {v!r}\n".replace("'", '"') for k, v in s.settings.items()
            )
        for f in s.features:
            files[f"modules/{slug(f.name)}/main.tf"] = (
                f'# {f.name}\nresource "null_resource" "{slug(f.name)}" {{\n  triggers = {{\n'
                + "".join(f'    {slug(r)} = "enabled"\n' for r in f.rules)
                + "  }\n}\n"
            )
    return files
