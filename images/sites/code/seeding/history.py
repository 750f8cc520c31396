"""Change steps that grow a repository's state: features, fixes, tuning, docs, CI, releases.

Each step mutates a :class:`RepoState` and returns ``(title, message)`` for the commit; the seed
renders the files before and after and commits the difference.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .files import Feature, RepoState, slug

__all__ = [
    "STEPS",
    "add_feature",
    "fix_feature",
    "tune_setting",
    "document",
    "add_ci_job",
    "release",
    "add_page",
    "pick_step",
    "MR_STEPS_OK",
]

RULES = (
    "check sku format",
    "require quantity",
    "reject negative amounts",
    "require customer id",
    "limit page size",
    "trim whitespace",
    "require currency",
    "check warehouse code",
    "require order number",
    "validate email address",
    "require postcode",
    "check coupon expiry",
    "require supplier id",
    "reject duplicate ids",
    "check stock level",
    "require locale",
)
SECTIONS = (
    (
        "Configuration",
        "Settings are read from environment variables with the same names as in "
        "the config file; the defaults suit local development.",
    ),
    (
        "Troubleshooting",
        "If requests time out, check the upstream service's health page first, "
        "then raise the timeout only after talking to the service's maintainers.",
    ),
    (
        "Deployment",
        "Merges to `main` deploy to staging automatically; production deploys "
        "happen on Tuesdays and Thursdays after the release checklist in the runbooks.",
    ),
    (
        "Monitoring",
        "Dashboards: *Requests*, *Errors* and *Latency p95*. Alerts page the on-call "
        "engineer when the error rate stays above 2% for 10 minutes.",
    ),
    (
        "Contributing",
        "Open a merge request against `main`; one approval from a reviewer who is "
        "not the author is required, and a maintainer merges.",
    ),
    (
        "Security",
        "Report vulnerabilities privately to the Store Manager (the owner of every project), "
        "never in a public issue.",
    ),
)
CI_JOBS = ("build", "security-scan", "deploy-staging", "docs", "release")


def _note(state: RepoState, entry: str) -> None:
    if not state.changelog or state.changelog[-1][0] != "Unreleased":
        state.changelog.append(("Unreleased", []))
    state.changelog[-1][1].append(entry)


def add_feature(
    state: RepoState,
    rng: random.Random,
    topic: str | None = None,
    exclude: set[str] | frozenset[str] = frozenset(),
) -> tuple[str, str]:
    """A new module for one of the project's topics (not one named in ``exclude``)."""
    taken = {f.name for f in state.features} | set(exclude)
    options = [t for t in state.project.topics if t not in taken] or [
        f"{t} {suffix}"
        for t in state.project.topics
        for suffix in ("export", "metrics", "cache", "audit log", "webhooks")
        if f"{t} {suffix}" not in taken
    ]
    topic = topic or rng.choice(options)
    state.features.append(Feature(topic, rng.sample(RULES, 2)))
    state.last_feature = topic
    _note(state, f"Added {topic} handling")
    return (
        f"Add {topic} handling",
        f"Introduces the {topic} module with input validation and an endpoint.",
    )


def fix_feature(state: RepoState, rng: random.Random) -> tuple[str, str]:
    """One more validation rule in an existing module."""
    feature = rng.choice(state.features)
    rule = rng.choice([r for r in RULES if r not in feature.rules] or RULES)
    feature.rules.append(rule)
    _note(state, f"Fixed {feature.name}: {rule}")
    return (
        f"Fix {feature.name}: {rule}",
        f"Requests without this were accepted and failed later in the {feature.name} flow.",
    )


def tune_setting(state: RepoState, rng: random.Random) -> tuple[str, str]:
    """Change one numeric setting."""
    numeric = [k for k, v in state.settings.items() if isinstance(v, int)]
    if not numeric:
        return document(state, rng)
    key = rng.choice(numeric)
    old = int(state.settings[key])
    new = old * 2 if rng.random() < 0.6 or old <= 2 else max(1, old // 2)
    state.settings[key] = new
    _note(state, f"Changed {key} from {old} to {new}")
    verb = "Raise" if new > old else "Lower"
    return f"{verb} {key} to {new}", f"Was {old}; see the related issue for the measurements."


def document(state: RepoState, rng: random.Random) -> tuple[str, str]:
    """A README section."""
    done = {t for t, _ in state.readme_sections}
    left = [s for s in SECTIONS if s[0] not in done]
    if not left:
        return tune_setting(state, rng) if state.project.kind != "docs" else add_page(state, rng)
    title, body = rng.choice(left)
    state.readme_sections.append((title, body))
    return f"Document {title.lower()} in the README", ""


def add_ci_job(state: RepoState, rng: random.Random) -> tuple[str, str]:
    """One more pipeline job."""
    left = [j for j in CI_JOBS if j not in state.ci_jobs]
    if not left:
        return document(state, rng)
    job = rng.choice(left)
    state.ci_jobs.append(job)
    return f"CI: add {job} job", ""


def release(state: RepoState, rng: random.Random) -> tuple[str, str]:
    """Bump the version and name the unreleased changelog section."""
    major, minor, patch = state.version
    state.version = (major, minor + 1, 0) if rng.random() < 0.5 else (major, minor, patch + 1)
    if state.changelog and state.changelog[-1][0] == "Unreleased":
        state.changelog[-1] = (state.version_str, state.changelog[-1][1])
    else:
        state.changelog.append((state.version_str, ["Maintenance release"]))
    return f"Release {state.version_str}", ""


_PAGE_TOPICS = (
    "backups",
    "deploys",
    "database migrations",
    "feature flags",
    "log retention",
    "secrets rotation",
    "dependency updates",
    "holiday freeze",
    "performance budget",
    "accessibility checklist",
    "support handover",
    "postmortem template",
)


def add_page(state: RepoState, rng: random.Random) -> tuple[str, str]:
    """A Markdown page (docs projects)."""
    left = [t for t in _PAGE_TOPICS if f"{slug(t).replace('_', '-')}.md" not in state.pages]
    topic = rng.choice(left or list(_PAGE_TOPICS))
    name = f"{slug(topic).replace('_', '-')}.md"
    steps = rng.sample(
        [
            "Announce the change in the team channel.",
            "Open an issue to track the work.",
            "Ask a maintainer to review.",
            "Check the staging environment first.",
            "Write down what you did in the issue.",
            "Update this page if the steps changed.",
            "Keep the change window under one hour.",
            "Have a second person verify the result.",
        ],
        4,
    )
    state.pages[name] = f"# {topic.capitalize()}\n\n" + "".join(
        f"{i}. {s}\n" for i, s in enumerate(steps, 1)
    )
    return f"Add {topic} page", ""


STEPS: dict[str, Callable[[RepoState, random.Random], tuple[str, str]]] = {
    "feature": add_feature,
    "fix": fix_feature,
    "tune": tune_setting,
    "docs": document,
    "ci": add_ci_job,
    "release": release,
    "page": add_page,
}


def pick_step(state: RepoState, rng: random.Random) -> str:
    """The kind of the next change, weighted by project kind."""
    if state.project.kind == "docs":
        return rng.choices(["page", "docs", "ci", "release"], [6, 2, 1, 1])[0]
    return rng.choices(["feature", "fix", "tune", "docs", "ci", "release"], [3, 5, 2, 1, 1, 2])[0]


#: Step kinds that may land through a merged MR in the seeded history.
MR_STEPS_OK: frozenset[str] = frozenset({"feature", "fix", "tune", "docs", "page", "ci"})
