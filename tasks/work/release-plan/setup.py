"""Facts for work.release-plan: a project whose changelog has unreleased changes, its latest
release, the unreleased count and the next minor version."""

import re


def _changelog(text):
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    unreleased = [s for s in sections if s.startswith("Unreleased")]
    released = [s.split()[0] for s in sections if re.match(r"\d+\.\d+\.\d+\s", s)]
    if not unreleased or not released:
        return None
    count = len(re.findall(r"^- ", unreleased[0], flags=re.M))
    return (released[0], count) if count else None


def prepare(ctx):
    rows = ctx.site("code").sql(
        "SELECT g.path || '/' || p.path AS project, b.content FROM branches br"
        " JOIN projects p ON p.id = br.project_id JOIN groups g ON g.id = p.group_id"
        " JOIN commit_files f ON f.commit_id = br.head_id JOIN blobs b ON b.id = f.blob_id"
        " WHERE br.name = p.default_branch AND f.path = 'CHANGELOG.md' AND p.archived = 0"
        " AND p.visibility != 'private' ORDER BY p.id"
    )
    usable = [(r["project"], found) for r in rows if (found := _changelog(r["content"]))]
    project, (latest, count) = usable[ctx.params["pick"]]
    major, minor, _ = (int(x) for x in latest.split("."))
    return {"project": project, "latest": latest, "unreleased": count,
            "next": f"{major}.{minor + 1}.0"}  # fmt: skip
