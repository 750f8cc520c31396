"""RunStore: atomic results.jsonl, torn-line recovery, config fingerprint, --out checks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guigym.errors import ConfigError
from guigym.runner import EpisodeSpec, RunConfig, RunStore, fingerprint, parse_agent_args
from guigym.runner.store import read_results

SPECS = [EpisodeSpec("demo.a", seed, 0) for seed in range(3)]
CONFIG = RunConfig(agent="random", agent_args={"seed": 1}, suites=("demo",), seeds=3)


def _record(spec: EpisodeSpec, **extra: object) -> dict:
    return {"key": spec.key, "task_id": spec.task_id, "seed": spec.seed, **extra}


def test_append_then_read_back_every_record(tmp_path: Path) -> None:
    store = RunStore.open(tmp_path / "run", CONFIG, SPECS)
    for spec in SPECS:
        store.append(_record(spec, success=True))
    assert [r["key"] for r in store.results()] == [s.key for s in SPECS]
    assert store.done_keys() == {s.key for s in SPECS}
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["fingerprint"] == fingerprint(CONFIG, SPECS)
    assert config["episodes"] == 3


def test_torn_last_line_is_ignored_and_cut_on_resume(tmp_path: Path) -> None:
    store = RunStore.open(tmp_path / "run", CONFIG, SPECS)
    store.append(_record(SPECS[0]))
    with store.results_path.open("ab") as fh:  # what a kill -9 mid-write leaves behind
        fh.write(b'{"key": "demo.a|s1|k0", "task_id": "de')
    records, bad = read_results(store.results_path)
    assert [r["key"] for r in records] == [SPECS[0].key] and bad == 1
    resumed = RunStore.open(tmp_path / "run", CONFIG, SPECS, resume=True)
    resumed.append(_record(SPECS[1]))
    assert [r["key"] for r in resumed.results()] == [SPECS[0].key, SPECS[1].key]
    assert read_results(resumed.results_path)[1] == 0


def test_duplicate_keys_keep_the_first_record(tmp_path: Path) -> None:
    store = RunStore.open(tmp_path / "run", CONFIG, SPECS)
    store.append(_record(SPECS[0], success=True))
    store.append(_record(SPECS[0], success=False))
    assert [r["success"] for r in store.results()] == [True]


def test_resume_with_a_different_configuration_is_refused(tmp_path: Path) -> None:
    RunStore.open(tmp_path / "run", CONFIG, SPECS).append(_record(SPECS[0]))
    other = RunConfig(agent="oracle", suites=("demo",), seeds=3)
    with pytest.raises(ConfigError, match="different configuration.*agent: 'random' -> 'oracle'"):
        RunStore.open(tmp_path / "run", other, SPECS, resume=True)
    with pytest.raises(ConfigError, match="episodes: 3 -> 2"):
        RunStore.open(tmp_path / "run", CONFIG, SPECS[:2], resume=True)
    # operational settings may change on resume
    faster = RunConfig(agent="random", agent_args={"seed": 1}, suites=("demo",), seeds=3, jobs=4)
    assert RunStore.open(tmp_path / "run", faster, SPECS, resume=True).done_keys() == {SPECS[0].key}


def test_a_new_run_moves_the_previous_one_aside(tmp_path: Path) -> None:
    RunStore.open(tmp_path / "run", CONFIG, SPECS).append(_record(SPECS[0]))
    fresh = RunStore.open(tmp_path / "run", CONFIG, SPECS)
    assert fresh.results() == []
    assert read_results(tmp_path / "run.prev" / "results.jsonl")[0][0]["key"] == SPECS[0].key


def test_unwritable_out_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="not writable"):
        RunStore.open(blocker / "run", CONFIG, SPECS)
    with pytest.raises(ConfigError, match="not writable"):
        RunStore.open("/proc/guigym-run", CONFIG, SPECS)


_APPENDER = """
import sys
from pathlib import Path
from guigym.runner import RunStore
store = RunStore(Path(sys.argv[1]))
for i in range(40):
    store.append({"key": f"w{sys.argv[2]}-{i}", "pad": "x" * 5000})
"""


def test_concurrent_appends_from_processes_never_interleave(tmp_path: Path) -> None:
    RunStore.open(tmp_path / "run", CONFIG, SPECS)
    procs = [
        subprocess.Popen([sys.executable, "-c", _APPENDER, str(tmp_path / "run"), str(w)])
        for w in range(3)
    ]
    assert [p.wait(60) for p in procs] == [0, 0, 0]
    records, bad = read_results(tmp_path / "run" / "results.jsonl")
    assert bad == 0 and len(records) == 120


def test_fingerprint_ignores_operational_settings() -> None:
    a = RunConfig(agent="random", suites=("demo",), jobs=1, retries=0, backend="local")
    b = RunConfig(agent="random", suites=("demo",), jobs=8, retries=3, backend="ray")
    c = RunConfig(agent="random", suites=("demo",), max_steps=5)
    assert fingerprint(a, SPECS) == fingerprint(b, SPECS) != fingerprint(c, SPECS)
    assert fingerprint(a, SPECS) != fingerprint(a, SPECS[:1])


def test_parse_agent_args() -> None:
    assert parse_agent_args(["seed=3", "temp=0.5", "model=gpt-x", "flag=true", "n-x=a=b"]) == {
        "seed": 3,
        "temp": 0.5,
        "model": "gpt-x",
        "flag": True,
        "n_x": "a=b",
    }
    with pytest.raises(ConfigError, match="key=value"):
        parse_agent_args(["novalue"])


def test_episode_spec_key_and_dirname_are_stable() -> None:
    spec = EpisodeSpec("shop.buy/odd name", 2, 1)
    assert spec.key == "shop.buy/odd name|s2|k1"
    assert spec.dirname == "shop.buy_odd_name__s2__k1"
    assert EpisodeSpec.from_dict(spec.to_dict()) == spec
