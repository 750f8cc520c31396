"""PSS accounting used by `guigym bench`."""

from __future__ import annotations

import os
import subprocess
import sys

from guigym.envs.bench.memory import pss_kb, tree_pids


def test_pss_of_this_process_is_positive_and_dead_pids_count_zero():
    assert pss_kb([os.getpid()]) > 1000
    assert pss_kb([2**22 + 12345]) == 0


def test_tree_includes_children():
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)  # fmt: skip
    try:
        assert child.pid in tree_pids([os.getpid()])
    finally:
        child.stdin.close()
        child.wait()


def test_bench_rejects_an_unknown_only_value():
    from guigym.cli import main

    assert main(["bench", "--only", "everything"]) == 2
