"""Every packaged task against the real sites, without a browser (a headless `task check`):

for a few seeds, the setup yields its facts; a no-op episode passes nothing; before each
subtask's oracle its check fails and after it passes (action-list oracles are applied as their
effects: goto sets the URL and the page must answer 200, answer records the text; Python oracles
use their fast_forward); the same seed gives the same params and facts twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from guigym.envs.actions import parse_action
from guigym.evaluators import CheckContext, Verifier
from guigym.tasks import (
    CallOracle,
    SetupContext,
    apply_setup,
    choose_params,
    list_tasks,
    load_callable,
    load_task,
    render_task,
)

pytestmark = pytest.mark.slow
SEEDS = (0, 1, 2)


def _headless(task_id: str) -> bool:
    """Replayable without a browser: Python oracles have a fast_forward, action lists only
    goto/answer on the start login's site. (`guigym task check` proves the rest in Chromium.)"""
    spec = load_task(task_id)
    if spec.env != "web":
        return False
    login_site = spec.start.login.site if spec.start.login else None
    for sub in spec.subtasks:
        if isinstance(sub.oracle, CallOracle):
            if not sub.oracle.fast_forward:
                return False
            continue
        for text in sub.oracle:
            if not text.startswith(("goto(", "answer(")):
                return False
            if text.startswith("goto(") and login_site and f"//{login_site}." not in text:
                return False
    return True


TASKS = [t for t in list_tasks() if _headless(t)]


@pytest.fixture(scope="module")
def sites() -> Iterator[dict]:
    from guigym.images.sites.instance import start_site

    needed = sorted({s for t in TASKS for s in load_task(t).sites})
    running = {}
    try:
        for name in needed:
            running[name] = start_site(name)
        yield running
    finally:
        for site in running.values():
            site.stop()


def _episode(task_id: str, seed: int, sites: dict):
    spec = load_task(task_id)
    handles = {name: sites[name] for name in spec.sites}
    for handle in handles.values():
        handle.reset()
    params = choose_params(spec, seed)
    facts = apply_setup(spec, params, handles, seed=seed)
    return spec, handles, params, facts, render_task(spec, params, facts)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("task_id", TASKS)
def test_task_is_verified_step_by_step(task_id: str, seed: int, sites: dict) -> None:
    spec, handles, params, facts, rendered = _episode(task_id, seed, sites)
    if spec.start.login:
        site = handles[spec.start.login.site]
        user = spec.start.login.user
        assert site.sql("SELECT 1 FROM users WHERE username = :u", {"u": user}), user
    verifier = Verifier(rendered)
    answers: list[str] = []
    state = {"url": rendered.start_url or ""}

    def ctx() -> CheckContext:
        return CheckContext(sites=handles, answers=list(answers), url=state["url"])

    states = verifier.update(ctx(), 0)
    assert not any(s.passed for s in states), f"passes before the agent acts: {states}"
    for i, sub in enumerate(rendered.subtasks):
        assert not verifier.states[i].passed, f"{sub.id} passes before its oracle"
        if isinstance(sub.oracle, CallOracle):
            assert sub.oracle.fast_forward, f"{sub.id}: a Python oracle needs a fast_forward here"
            fast = load_callable(spec, sub.oracle.fast_forward)
            fast(SetupContext(sites=handles, params=params, seed=seed, facts=dict(facts)))
        else:
            for text in sub.oracle:
                action = parse_action(text)
                if action.kind == "goto":
                    parts = urlsplit(action.url)
                    site = handles[parts.hostname.removesuffix(".test")]
                    user = spec.start.login.user if spec.start.login else None
                    path = parts.path + (f"?{parts.query}" if parts.query else "")
                    assert site.get(path, user=user).status_code == 200, action.url
                    state["url"] = action.url
                elif action.kind == "answer":
                    answers.append(action.text)
        states = verifier.update(ctx(), i + 1)
        assert all(s.passed for s in states[: i + 1]), [s.message for s in states]
    verifier.update(ctx(), len(rendered.subtasks) + 1, final=True)
    assert verifier.all_passed() and verifier.completion() == 1.0


@pytest.mark.parametrize("task_id", TASKS)
def test_same_seed_same_episode(task_id: str, sites: dict) -> None:
    first = _episode(task_id, 1, sites)
    again = _episode(task_id, 1, sites)
    assert (first[2], first[3]) == (again[2], again[3])
    assert first[4].instruction == again[4].instruction
