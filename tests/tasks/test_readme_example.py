"""The worked example in tasks/README.md is a real task: it lints clean and renders."""

from __future__ import annotations

import re
from pathlib import Path

from guigym.tasks import TASKS_ROOT, choose_params, lint_file, render_task

FILES = ("task.yaml", "setup.py", "check.py", "solution.py")


def write_readme_example(root: Path) -> Path:
    """Write the README's four code blocks into root/shop/restock-lowest/."""
    text = (TASKS_ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:yaml|python)\n(.*?)```", text, re.S)
    assert len(blocks) >= len(FILES), "the README lost a code block of the worked example"
    folder = root / "shop" / "restock-lowest"
    folder.mkdir(parents=True)
    for name, body in zip(FILES, blocks, strict=False):
        (folder / name).write_text(body)
    return folder


def test_readme_example_lints_and_renders(tasks_root: Path) -> None:
    folder = write_readme_example(tasks_root)
    spec, issues = lint_file(folder / "task.yaml")
    assert issues == [], "\n".join(map(str, issues))
    for name in FILES[1:]:
        compile((folder / name).read_text(), name, "exec")
    rendered = render_task(
        spec,
        choose_params(spec, 0, {"category": "mice"}),
        {"expected_sku": "MS-1", "supplier": "X"},
    )
    assert "Mice product with the lowest stock" in rendered.instruction
    assert [s.id for s in rendered.subtasks] == ["find-lowest", "order-more", "report-po"]
