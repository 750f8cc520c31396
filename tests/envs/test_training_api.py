"""The generic envs in a trainer's loop: vector autoreset, task sampling, fresh instances.

Real Chromium and real sites throughout. Episodes are kept short (the agent says ``done()``), so
the cost is mostly resets.
"""

from __future__ import annotations

import functools
import itertools
import json

import gymnasium as gym
import numpy as np
import pytest
from guigym.envs.sampling import TaskSampler
from guigym.tasks import list_tasks, load_task
from gymnasium.utils.env_checker import check_env

import guigym  # noqa: F401 - registers the ids
from guigym.errors import ConfigError


def _combos(task_id: str) -> int:
    n = 1
    for p in load_task(task_id).params.values():
        if p.kind == "choice":
            n *= len(p.choice)
        elif p.kind == "int":
            n *= p.int_range[1] - p.int_range[0] + 1
    return n


def _still_short(seen: dict[str, set[str]], part: list[str]) -> TaskSampler:
    short = [t for t in part if len(seen[t]) < min(3, _combos(t))] or part
    return TaskSampler("web", tasks=short, sampling="round_robin")


# -- sampling rules (no browser) ------------------------------------------------------------------
def test_round_robin_restarts_at_a_seed_and_continues_without_one():
    s = TaskSampler("web", suite="demo", sampling="round_robin")
    rng = np.random.default_rng(0)
    got = [s.draw(rng, 1 if i == 0 else None).task for i in range(4)]
    demo = list_tasks("demo")
    assert got == [demo[1], demo[2], demo[0], demo[1]]


def test_weights_pick_only_weighted_tasks_and_uniform_covers_all():
    demo = list_tasks("demo")
    s = TaskSampler("web", suite="demo", weights={demo[0]: 0.0, demo[1]: 1.0, demo[2]: 3.0})
    assert s.sampling == "weights"
    rng = np.random.default_rng(0)
    drawn = [s.draw(rng, None).task for _ in range(200)]
    assert demo[0] not in drawn and drawn.count(demo[2]) > drawn.count(demo[1])
    u = TaskSampler("web", tasks=demo)
    assert {u.draw(rng, None).task for _ in range(60)} == set(demo)


def test_curriculum_starts_late_then_earlier():
    s = TaskSampler("web", tasks=["demo.add-to-cart"], curriculum=2)  # 3 subtasks
    rng = np.random.default_rng(0)
    starts = [s.draw(rng, 0 if i == 0 else None).start_subtask for i in range(8)]
    assert starts == [2, 2, 1, 1, 0, 0, 0, 0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tasks": ["demo.nope"]}, "unknown task 'demo.nope'"),
        ({"tasks": ["desktop.meeting-notes"]}, "is a desktop task; this is the web env"),
        ({"suite": "demo", "sampling": "lottery"}, "sampling must be one of"),
        ({"suite": "demo", "sampling": "weights"}, "needs weights="),
        ({"suite": "demo", "weights": [1.0]}, "expected 3 weights (one per task), got 1"),
        ({"tasks": ["demo.add-to-cart"], "suite": "demo"}, "not both"),
        ({"suite": "demo", "curriculum": 0}, "episodes_per_stage must be an int >= 1, got 0"),
    ],
)
def test_bad_sampling_arguments_are_refused_clearly(kwargs, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        TaskSampler("web", **kwargs)


def test_generic_ids_rebuild_from_their_spec_in_a_fresh_process():
    """A fresh worker (Ray, a process pool) gets a pickled factory and the ``guigym:`` id form."""
    import pickle
    import subprocess
    import sys

    spec = gym.spec("guigym/Web-v0")
    assert spec.entry_point == "guigym.envs.sampling:make_web"
    made = functools.partial(gym.make, "guigym:guigym/Web-v0", suite="demo", obs=("url",))
    code = (
        "import pickle, sys\n"
        "factory = pickle.loads(sys.stdin.buffer.read())\n"
        "env = factory()\n"
        "print(type(env.unwrapped).__name__, env.unwrapped.task_ref.tasks)\n"
        "env.close()\n"
    )  # no `import guigym`: the id's "guigym:" prefix imports it
    run = subprocess.run(
        [sys.executable, "-c", code], input=pickle.dumps(made), capture_output=True, timeout=120
    )
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    assert run.stdout.decode().split(" ", 1) == ["WebEnv", f"{list_tasks('demo')}\n"]


# -- real Chromium ------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.slow
def test_async_vector_env_autoresets_into_fresh_instances():
    """4 Web-v0 envs over demo + shop, seed=None throughout: every task seen as >= 3 instances."""
    tasks = list_tasks("demo") + list_tasks("shop")
    parts = [tasks[i::4] for i in range(4)]
    fns = [
        functools.partial(
            gym.make,
            "guigym/Web-v0",
            tasks=part,
            sampling="round_robin",
            obs=("url",),
            max_steps=3,
        )  # fmt: skip
        for part in parts
    ]
    envs = gym.vector.AsyncVectorEnv(fns, shared_memory=False)
    seen: list[dict[str, set[str]]] = [{t: set() for t in part} for part in parts]
    resets = [0] * 4
    try:
        _, infos = envs.reset()  # seed=None
        for step in itertools.count():
            started = [i for i in range(4) if infos["step"][i] == 0]
            tasks_now = envs.get_attr("task") if started else ()
            for i in started:  # an instance: the task's params (and setup) of this episode
                resets[i] += 1
                assert tasks_now[i].id == infos["task_id"][i]
                seen[i][tasks_now[i].id].add(json.dumps(tasks_now[i].params, sort_keys=True))
            need = [
                i for i in range(4)
                if resets[i] < 4 or any(len(v) < min(3, _combos(t)) for t, v in seen[i].items())
            ]  # fmt: skip
            if not need:
                break
            if started:  # cost: keep sampling only the tasks still short of instances
                envs.set_attr("task_ref", [_still_short(seen[i], parts[i]) for i in range(4)])
            assert step < 300, f"still missing instances after {step} steps: {seen}"
            _, _, terminated, _, infos = envs.step(("done()",) * 4)
            # a done() step ends the episode; the next step is the autoreset
            assert all(terminated[i] or infos["step"][i] == 0 for i in range(4))
    finally:
        envs.close()
    assert min(resets) >= 4  # the first reset and >= 3 autoresets
    for i in range(4):
        for task, instances in seen[i].items():
            assert len(instances) >= min(3, _combos(task)), (task, instances)


@pytest.mark.browser
@pytest.mark.slow
def test_check_env_passes_on_web_v0_with_default_sampling():
    env = gym.make("guigym/Web-v0", suite="demo", obs=("screenshot", "axtree", "url"))
    try:
        check_env(env.unwrapped, skip_render_check=True)
        obs, info = env.reset()
        assert info["task_id"] in list_tasks("demo")
        json.dumps(info)
    finally:
        env.close()


@pytest.mark.browser
def test_unseeded_resets_continue_the_seeded_stream_and_draw_fresh_params():
    env = gym.make("guigym/shop.monthly-spend-v0", obs=("url",))
    try:
        runs = []
        for _ in range(2):
            env.reset(seed=5)
            first = env.unwrapped.task.params
            later = []
            for _ in range(6):
                env.reset()
                later.append(json.dumps(env.unwrapped.task.params, sort_keys=True))
            runs.append((first, later))
        assert runs[0] == runs[1]  # seeded: exactly reproducible, unseeded ones too
        assert len(set(runs[0][1])) >= 2  # and not all seed 5's instance again
        env.reset(seed=5)
        assert env.unwrapped.task.params == runs[0][0]
    finally:
        env.close()


def test_shared_memory_is_refused_with_a_clear_error():
    fns = [functools.partial(gym.make, "guigym/Web-v0", suite="demo")] * 2
    with pytest.raises(ConfigError, match="pass shared_memory=False"):
        gym.vector.AsyncVectorEnv(fns, shared_memory=True)


def test_timings_are_json_numbers_and_compare_equal_only_to_timings():
    from guigym.envs.core.timing import Ms, Timings
    from gymnasium.utils.env_checker import data_equivalence

    t = Timings()
    with t.phase("execute"):
        pass
    times = t.as_dict()
    text = json.dumps({"timings": times}, indent=1)
    assert "Infinity" not in text and "NaN" not in text
    assert json.loads(text)["timings"]["total"] == float(times["total"])
    assert data_equivalence({"t": Ms(1.0)}, {"t": Ms(250.0)})  # determinism check holds
    assert Ms(1.0) != 1.0 and Ms(1.0) != float("inf") and not (Ms(1.0) == float("nan"))


def test_action_space_pickles_without_the_env():
    import copy
    import pickle

    from guigym.envs.actions import ActionSpace

    space = ActionSpace(seed=1)
    space.hint_source = lambda: {"element_ids": ["e1"], "focused": False}
    clone = pickle.loads(pickle.dumps(space))
    assert clone.hint_source is None and copy.deepcopy(space).hint_source is None


def test_sample_uses_the_live_hints_and_types_only_with_focus():
    from guigym.envs.actions import ActionSpace, parse_action

    space = ActionSpace(seed=3, kinds=["click", "type"])
    space.hint_source = lambda: {"element_ids": ["e7", "e9"], "focused": False}
    kinds = [parse_action(space.sample()) for _ in range(60)]
    assert {a.kind for a in kinds} == {"click"}
    assert {a.element for a in kinds if a.element} == {"e7", "e9"}
    space.hint_source = lambda: {"element_ids": [], "focused": True}
    assert "type" in {parse_action(space.sample()).kind for _ in range(60)}


@pytest.mark.browser
def test_web_env_samples_element_actions_on_the_current_page_and_releases_the_driver():
    from guigym.envs.actions import parse_action
    from guigym.envs.web.browser import driver_running

    env = gym.make("guigym/demo.product-price-v0", obs=("url",))  # axtree not observed
    try:
        env.reset(seed=0)
        tree = env.unwrapped._backend_observe(("axtree",))["axtree"]
        env.action_space.seed(0)
        acts = [parse_action(env.action_space.sample()) for _ in range(80)]
        used = {a.element for a in acts if getattr(a, "element", None)}
        assert used and all(f"[{e}]" in tree for e in used)
        assert "focused" in tree or "type" not in {a.kind for a in acts}
        assert json.loads(json.dumps(env.step("noop()")[4]))["timings"]["total"] >= 0
    finally:
        env.close()
    assert not driver_running()  # the last env closed: no Playwright driver left


@pytest.mark.xvfb
@pytest.mark.slow
def test_check_env_passes_on_desktop_v0_with_default_sampling():
    env = gym.make("guigym/Desktop-v0", tasks=["desktop.meeting-notes"], obs=("screenshot",))
    try:
        check_env(env.unwrapped, skip_render_check=True)
        _, info = env.reset()
        assert info["task_id"] == "desktop.meeting-notes"
    finally:
        env.close()


@pytest.mark.browser
def test_record_video_writes_an_episode_with_the_video_extra(tmp_path):
    import moviepy  # noqa: F401 - the video extra, which `make setup` installs
    from gymnasium.wrappers import RecordVideo

    env = RecordVideo(
        gym.make("guigym/demo.product-price-v0", obs=("screenshot",), render_mode="rgb_array",
                 max_steps=3),
        str(tmp_path),
        episode_trigger=lambda _: True,
    )  # fmt: skip
    try:
        env.reset(seed=0)
        done = False
        while not done:
            _, _, terminated, truncated, _ = env.step("scroll(0, 200)")
            done = terminated or truncated
    finally:
        env.close()
    videos = list(tmp_path.glob("*.mp4"))
    assert len(videos) == 1 and videos[0].stat().st_size > 1000
