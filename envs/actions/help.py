"""``action_help()``: the action reference shown to LLM agents, generated from the table.

Because it is rendered from the same specs the parser whitelists, the prompt can never offer an
action the parser refuses or miss one it accepts.
"""

from __future__ import annotations

from collections.abc import Iterable

from .table import SPECS, VALUE_TYPES, ActionSpec, Param, format_value

__all__ = ["action_help", "signature"]

_EXAMPLES = ("click(120, 45)", 'click("e12")', 'type("hello")', 'press("Control+a")', "done()")
_GROUPS = {
    "pointer": "Mouse",
    "text": "Text",
    "keys": "Keys",
    "form": "Form widgets",
    "browser": "Browser",
    "control": "Control",
}


def _param(p: Param) -> str:
    if p.required or (p.pos and p.vtype in ("coord", "delta")):
        return p.name
    return f"{p.name}={format_value(p.default) if p.default is not None else 'None'}"


def signature(spec: ActionSpec) -> str:
    """``click(x, y, button="left", clicks=1) | click(element, button="left", clicks=1)``."""
    if spec.cls.addressing == "either":
        point = [_param(p) for p in spec.params if p.name != "element"]
        rest = [_param(p) for p in spec.params if p.name not in ("x", "y", "element")]
        return f"{spec.name}({', '.join(point)}) | {spec.name}({', '.join(['element', *rest])})"
    return f"{spec.name}({', '.join(_param(p) for p in spec.params)})"


def action_help(env: str | None = None, kinds: Iterable[str] | None = None) -> str:
    """The prompt text: one line per action with its signature and purpose, grouped.

    ``env="desktop"`` leaves out browser-only actions; ``kinds`` restricts to some actions.
    """
    wanted = set(kinds) if kinds is not None else None
    shown = [
        s
        for s in SPECS.values()
        if (env != "desktop" or not s.cls.web_only) and (wanted is None or s.name in wanted)
    ]
    names = {s.name for s in shown}
    examples = [e for e in _EXAMPLES if e.partition("(")[0] in names]
    lines = ["Reply with one action per step, written as a call with literal arguments, e.g."]
    if examples:
        lines.append("  " + "   ".join(examples))
    else:
        lines[0] = lines[0].replace(", e.g.", ".")
    lines += [
        "Coordinates are pixels from the top-left; element ids (like e12) come from the",
        "accessibility tree. Strings in double quotes; nothing else (no variables or code).",
    ]
    for group, title in _GROUPS.items():
        specs = [s for s in shown if s.cls.group == group]
        if not specs:
            continue
        lines += ["", f"{title}:"]
        for spec in specs:
            lines.append(f"  {signature(spec)}")
            lines.append(f"      {spec.doc}")
    used = {p.vtype for s in shown for p in s.params}
    described = [v for v in ("coord", "element", "button", "combo", "seconds") if v in used]
    if described:
        lines += ["", "Argument types:"]
        lines += [f"  {v}: {VALUE_TYPES[v][1]}" for v in described]
    return "\n".join(lines)
