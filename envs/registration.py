"""Register guigym's env ids with Gymnasium: ``guigym/Web-v0`` and ``guigym/<task-id>-v0``.

Entry points are strings (never lambdas) so specs serialise and vector envs can rebuild them in
worker processes (``gym.make("guigym:guigym/Web-v0")`` imports guigym first, for a fresh Ray or
subprocess worker); a task id is passed as a fixed kwarg of the per-task spec. The generic ids
are built by ``guigym.envs.sampling`` (``tasks=``/``suite=`` plus a sampling rule), so a reset
without options samples a task and Gymnasium's autoreset works.
"""

from __future__ import annotations

import gymnasium as gym

__all__ = [
    "register_all", "WEB_ENTRY_POINT", "DESKTOP_ENTRY_POINT", "GENERIC_WEB", "GENERIC_DESKTOP"
]  # fmt: skip

WEB_ENTRY_POINT = "guigym.envs.web:WebEnv"
DESKTOP_ENTRY_POINT = "guigym.envs.desktop:DesktopEnv"
#: entry points of guigym/Web-v0 and guigym/Desktop-v0 (task sampling; see envs/sampling.py)
GENERIC_WEB = "guigym.envs.sampling:make_web"
GENERIC_DESKTOP = "guigym.envs.sampling:make_desktop"
_ENTRY_POINTS = {"web": WEB_ENTRY_POINT, "desktop": DESKTOP_ENTRY_POINT}


def _task_ids() -> list[tuple[str, str]]:
    """(task id, env kind) for every task that loads; [] while the tasks layer is absent."""
    try:
        from guigym.tasks import list_tasks, load_task
    except ImportError:
        return []
    out = []
    try:
        ids = list_tasks()
    except Exception:  # noqa: BLE001 - a broken suite must not break `import guigym`
        return []
    for task_id in ids:
        try:
            kind = load_task(task_id).env
        except Exception:  # noqa: BLE001 - `guigym task lint` reports broken tasks
            continue
        out.append((task_id, kind))
    return out


def register_all() -> None:
    """Register the generic web and desktop ids and one id per task (idempotent)."""
    if "guigym/Web-v0" not in gym.registry:
        gym.register(id="guigym/Web-v0", entry_point=GENERIC_WEB, disable_env_checker=False)
    if "guigym/Desktop-v0" not in gym.registry:
        gym.register(id="guigym/Desktop-v0", entry_point=GENERIC_DESKTOP)
    for task_id, kind in _task_ids():
        env_id = f"guigym/{task_id}-v0"
        if kind not in _ENTRY_POINTS or env_id in gym.registry:
            continue
        gym.register(id=env_id, entry_point=_ENTRY_POINTS[kind], kwargs={"task": task_id})
