"""Finding, loading and caching tasks; one broken task never stops the others; load_callable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from guigym.tasks import (
    list_suites,
    list_tasks,
    load_all,
    load_callable,
    load_task,
    load_task_file,
    task_dir,
)

from guigym.errors import TaskError


def test_broken_tasks_do_not_stop_the_others(write_task, tasks_root: Path, good_yaml) -> None:
    write_task("shop.good")
    write_task("shop.yaml-error", "id: shop.yaml-error\ntitle: [oops\n")
    write_task(
        "mail.bad-check",
        good_yaml.replace("shop.x", "mail.bad-check").replace("{url: {", "{urll: {"),
    )
    write_task("mail.good")
    tasks, issues = load_all(roots=[tasks_root])
    assert [t.id for t in tasks] == ["mail.good", "shop.good"]
    files = {Path(i.file).parent.name for i in issues}
    assert files == {"yaml-error", "bad-check"}
    assert any(i.field.startswith("line ") and "YAML" in i.message for i in issues)
    assert any("unknown check type 'urll'" in i.message for i in issues)
    only_shop, _ = load_all("shop", roots=[tasks_root])
    assert [t.id for t in only_shop] == ["shop.good"]


def test_listing_and_lookup(write_task, tasks_root: Path) -> None:
    write_task("shop.b")
    write_task("shop.a")
    write_task("mail.c")
    (tasks_root / "empty-suite").mkdir()
    (tasks_root / "shop" / "notes").mkdir()  # a folder without task.yaml is not a task
    assert list_suites(roots=[tasks_root]) == ["mail", "shop"]
    assert list_tasks(roots=[tasks_root]) == ["mail.c", "shop.a", "shop.b"]
    assert list_tasks("shop", roots=[tasks_root]) == ["shop.a", "shop.b"]
    with pytest.raises(TaskError, match=r"unknown suite 'shopp' \(did you mean 'shop'\?\)"):
        list_tasks("shopp", roots=[tasks_root])
    assert task_dir("shop.a", roots=[tasks_root]) == tasks_root.resolve() / "shop" / "a"
    with pytest.raises(TaskError, match=r"unknown task 'shop.aa' \(did you mean 'shop.a'"):
        task_dir("shop.aa", roots=[tasks_root])
    with pytest.raises(TaskError, match="<suite>.<name>"):
        task_dir("nodot", roots=[tasks_root])
    spec = load_task("shop.a", roots=[tasks_root])
    assert spec.id == "shop.a" and spec.suite == "shop" and spec.name == "a"
    assert spec.path == tasks_root.resolve() / "shop" / "a"


def test_env_var_adds_a_root(write_task, tasks_root: Path, monkeypatch) -> None:
    write_task("zz-extra.one")
    monkeypatch.setenv("GUIGYM_TASK_PATH", str(tasks_root))
    assert "zz-extra.one" in list_tasks()
    assert load_task("zz-extra.one").title


def test_load_is_cached_and_reloads_on_change(write_task) -> None:
    folder = write_task("shop.x")
    first = load_task_file(folder / "task.yaml")
    assert load_task_file(folder / "task.yaml") is first
    text = (folder / "task.yaml").read_text().replace("max_steps: 40", "max_steps: 41")
    (folder / "task.yaml").write_text(text)
    st = (folder / "task.yaml").stat()
    os.utime(folder / "task.yaml", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert load_task_file(folder / "task.yaml").max_steps == 41


def test_broken_task_raises_with_every_issue(write_task, good_yaml) -> None:
    folder = write_task("shop.x", good_yaml.replace("{{ qty }} more", "{{ qtty }} {{ nope }}"))
    with pytest.raises(TaskError) as info:
        load_task_file(folder / "task.yaml")
    assert "'qtty'" in str(info.value) and "'nope'" in str(info.value)


def test_load_callable_by_path_with_unique_modules(write_task) -> None:
    a = write_task("shop.a", files={"check.py": "def notified(ctx):\n    return 'a'\n"})
    b = write_task("shop.b", files={"check.py": "def notified(ctx):\n    return 'b'\n"})
    fa = load_callable(a, "check.py:notified")
    fb = load_callable(load_task_file(b / "task.yaml"), "check.py:notified")
    assert (fa(None), fb(None)) == ("a", "b")
    assert fa.__module__ != fb.__module__
    assert load_callable(a, "check.py:notified") is fa  # cached


@pytest.mark.parametrize(
    ("ref", "files", "words"),
    [
        ("check.py:nope", None, "defines no function 'nope'"),
        ("missing.py:fn", None, "no file 'missing.py'"),
        ("../x.py:fn", None, "outside the task folder"),
        ("check.py", None, "expected 'file.py:function'"),
        ("check.py:notified", {"check.py": "import no_such_module_here\n"}, "importing failed"),
    ],
)
def test_load_callable_errors(write_task, ref: str, files, words: str) -> None:
    folder = write_task("shop.x", files=files)
    with pytest.raises(TaskError, match=words.replace("(", r"\(")):
        load_callable(folder, ref)


def test_packaged_tasks_lint_clean(monkeypatch) -> None:
    monkeypatch.delenv("GUIGYM_TASK_PATH", raising=False)
    tasks, issues = load_all()
    assert issues == [], "\n".join(map(str, issues))
    assert {"demo.cheapest-in-category", "demo.product-price", "demo.add-to-cart"} <= {
        t.id for t in tasks
    }
