"""Seeded params, rendering with facts, StrictUndefined, hand-off, prefix, setup over SQLite."""

from __future__ import annotations

import pytest
from guigym.tasks import (
    CallOracle,
    TaskSpec,
    TemplateError,
    apply_setup,
    choose_params,
    handoff,
    load_task_file,
    prefix_for,
    render,
    render_task,
    render_value,
)

from guigym.errors import TaskError


@pytest.fixture
def spec(write_task) -> TaskSpec:
    return load_task_file(write_task("shop.x") / "task.yaml")


def test_params_are_deterministic_and_vary_with_seed(spec: TaskSpec) -> None:
    assert choose_params(spec, 7) == choose_params(spec, 7)
    seen = {tuple(choose_params(spec, s).items()) for s in range(30)}
    assert len(seen) > 5
    for s in range(30):
        p = choose_params(spec, s)
        assert p["category"] in ("Laptops", "Monitors", "Keyboards")
        assert p["qty"] in (10, 20, 50) and 1 <= p["n"] <= 9
    assert choose_params(spec, None) == choose_params(spec, 0)


def test_adding_a_param_keeps_the_others(spec: TaskSpec) -> None:
    data = spec.model_dump(by_alias=True)
    data["params"] = {**spec.params, "extra": {"choice": [1, 2, 3]}}
    bigger = TaskSpec.model_validate(data)
    for s in range(10):
        small = choose_params(spec, s)
        big = choose_params(bigger, s)
        assert {k: big[k] for k in small} == small


def test_overrides(spec: TaskSpec) -> None:
    assert choose_params(spec, 1, {"qty": 20})["qty"] == 20
    assert choose_params(spec, 1, {"qty": "50"})["qty"] == 50  # command-line strings
    assert choose_params(spec, 1, {"n": "4"})["n"] == 4
    with pytest.raises(TaskError, match=r"qty=30 is not one of \[10, 20, 50\]"):
        choose_params(spec, 1, {"qty": 30})
    with pytest.raises(TaskError, match=r"outside \[1, 9\]"):
        choose_params(spec, 1, {"n": 12})
    with pytest.raises(TaskError, match=r"no param 'qtty' \(did you mean 'qty'\?\)"):
        choose_params(spec, 1, {"qtty": 10})


def test_render_task_with_facts(spec: TaskSpec) -> None:
    params = choose_params(spec, 3, {"category": "Keyboards", "qty": 20})
    r = render_task(spec, params, {"expected_sku": "KB-104"})
    assert r.instruction == "Find the lowest-stock product in Keyboards and order 20 more."
    assert r.subtasks[0].check == {"answer": {"equals": "KB-104", "normalize": ["case", "space"]}}
    sql = r.subtasks[1].check["sql"]
    assert sql["params"] == {"sku": "KB-104"}
    assert sql["expect"] == 20 and isinstance(sql["expect"], int)  # a lone {{ qty }} keeps its type
    assert r.subtasks[0].oracle == ("answer('KB-104')",)
    assert isinstance(r.subtasks[1].oracle, CallOracle)
    assert r.subtasks[1].weight == 2 and r.subtasks[1].critical
    assert r.subtasks[3].depends_on == ("reorder",) and r.subtasks[2].depends_on == ("reorder",)
    assert r.start_url == "http://shop.test/admin" and r.task_dir == spec.path
    assert r.login == ("shop", "admin") and r.sites == ("shop",)
    assert r.oracle_steps() is None and r.oracle_steps(2) is None


def test_missing_fact_is_a_clear_error(spec: TaskSpec) -> None:
    with pytest.raises(TaskError, match=r"declared facts \['expected_sku'\]"):
        render_task(spec, choose_params(spec, 0), {})


def test_strict_undefined() -> None:
    with pytest.raises(TemplateError, match="'qtty' is undefined"):
        render("order {{ qtty }}", {"qty": 1})
    with pytest.raises(TemplateError, match="syntax"):
        render("order {{ qty ", {"qty": 1})
    assert render("no template {here}", {}) == "no template {here}"


def test_render_value_leaves_non_strings_intact() -> None:
    value = {"a": [1, 2.5, None, True, "{{ x }}-y"], "b": {"c": "{{ x }}"}, "d": 3}
    assert render_value(value, {"x": 7}) == {
        "a": [1, 2.5, None, True, "7-y"],
        "b": {"c": 7},
        "d": 3,
    }


def test_sandbox_refuses_unsafe_templates() -> None:
    with pytest.raises(Exception, match="unsafe|access"):
        render("{{ ''.__class__.__mro__ }}", {})


def test_prefix_and_handoff(spec: TaskSpec) -> None:
    r = render_task(
        spec, choose_params(spec, 0, {"category": "Monitors"}), {"expected_sku": "KB-104"}
    )
    assert [s.id for s in prefix_for(r, "notify")] == ["find-lowest", "reorder"]
    assert [s.id for s in prefix_for(r, 2)] == ["find-lowest", "reorder"]
    assert prefix_for(r, 0) == []
    assert handoff(r, 0) == r.instruction
    text = handoff(r, "notify", {"find-lowest": "KB-104"})
    assert text.startswith(r.instruction)
    assert "Report the SKU of the lowest-stock product in Monitors. (result: KB-104)" in text
    assert "- reorder" in text and "visit" not in text
    assert "Answers given so far: KB-104" in handoff(r, 3, ["KB-104", None])
    with pytest.raises(TaskError, match="no subtask 'nope'"):
        prefix_for(r, "nope")


SETUP = """
def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT sku FROM products WHERE category = :c ORDER BY stock LIMIT 1",
        {"c": ctx.params["category"]},
    )
    return {"expected_sku": rows[0]["sku"]}
"""


def test_apply_setup_runs_sql_then_functions(write_task, shop_db, good_yaml) -> None:
    text = good_yaml.replace(
        "statement: \"UPDATE products SET stock = 3 WHERE sku = 'KB-104'\"",
        "statement: \"UPDATE products SET stock = :n WHERE sku = 'KB-101'\","
        ' params: {n: "{{ n }}"}',
    )
    spec = load_task_file(write_task("shop.x", text, files={"setup.py": SETUP}) / "task.yaml")
    params = choose_params(spec, 0, {"category": "Keyboards", "n": 1})
    facts = apply_setup(spec, params, {"shop": shop_db}, seed=0)
    assert facts == {"expected_sku": "KB-101"}  # the statement made KB-101 the lowest
    assert shop_db.sql("SELECT stock FROM products WHERE sku = 'KB-101'") == [{"stock": 1}]


def test_apply_setup_errors_name_the_step(write_task, shop_db) -> None:
    folder = write_task("shop.x", files={"setup.py": "def prepare(ctx):\n    return {}\n"})
    spec = load_task_file(folder / "task.yaml")
    with pytest.raises(TaskError, match=r"declared facts \['expected_sku'\]"):
        apply_setup(spec, choose_params(spec, 0), {"shop": shop_db})
    folder = write_task("shop.y", files={"setup.py": "def prepare(ctx):\n    return 1 / 0\n"})
    spec = load_task_file(folder / "task.yaml")
    with pytest.raises(TaskError, match=r"setup\[1\]: setup.py:prepare raised ZeroDivisionError"):
        apply_setup(spec, choose_params(spec, 0), {"shop": shop_db})
