"""LibreOffice on the desktop behaves for an agent as for a person.

Multi-line ``type`` lands in order. Why: Writer handles Enter as a shortcut that it posts
back to itself and runs after the keys already queued, so ``type("a\\nb")`` sent in one burst
once came out as "ab" with the paragraph break after it. The desktop env types each line, then
the break, then waits for the screen to show it before the next line. File dialogs fit on the
screen (GTK's default size was taller than it).
"""

from __future__ import annotations

import re
import shutil
import time

import pytest

pytestmark = [pytest.mark.xvfb, pytest.mark.slow]


def test_multi_line_type_in_writer_keeps_lines_in_order() -> None:
    if shutil.which("Xvfb") is None or shutil.which("libreoffice") is None:
        pytest.skip("Xvfb or LibreOffice is not installed")
    from guigym.envs.desktop import DesktopEnv

    env = DesktopEnv(task="desktop.writer-memo", obs=("axtree",), max_steps=20)
    try:
        env.reset(seed=0)
        env.step("press('Control+End')")
        obs, _, _, _, _ = env.step('type("\\nTo: Ana Lopez\\nSubject: Office move\\nThanks")')
        assert obs["last_action_error"] == ""
        lines = [ln for ln in obs["axtree"].splitlines() if "paragraph" in ln]
        texts = [m.group(1) for ln in lines if (m := re.search(r'"([^"]*)"', ln))]
        tail = [t for t in texts if t][-3:]
        assert tail == ["To: Ana Lopez", "Subject: Office move", "Thanks"], texts
    finally:
        env.close()


def test_file_dialogs_fit_on_the_screen() -> None:
    """GTK's Save dialog opened 891 px tall on the 720 px screen (its buttons out of reach)."""
    if shutil.which("Xvfb") is None or shutil.which("libreoffice") is None:
        pytest.skip("Xvfb or LibreOffice is not installed")
    from guigym.envs.desktop import DesktopEnv

    env = DesktopEnv(task="desktop.writer-memo", obs=("windows",), max_steps=20)
    try:
        env.reset(seed=0)
        env.step("press('Control+Shift+s')")  # Save As
        client = env.provider.client
        deadline = time.monotonic() + 30
        dialog = None
        while dialog is None and time.monotonic() < deadline:
            dialog = next((w for w in client.windows() if w["title"] == "Save"), None)
            time.sleep(0.1)
        assert dialog is not None, client.windows()
        assert dialog["y"] >= 0 and dialog["y"] + dialog["height"] <= 720, dialog
        assert dialog["x"] >= 0 and dialog["x"] + dialog["width"] <= 1280, dialog
    finally:
        env.close()
