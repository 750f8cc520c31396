"""The repository without git: commits as snapshots, branches, diffs and merges.

Every write to repository tables goes through here (the web editor, merge requests and the
seed), so snapshots, shas and branch heads always agree.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from .models import Blob, Branch, Commit, CommitFile, Project, User

__all__ = [
    "MergeConflict",
    "FileDiff",
    "DiffLine",
    "get_blob",
    "snapshot",
    "read_file",
    "create_commit",
    "commit_changes",
    "ancestors",
    "ancestor_ids",
    "history",
    "merge_base",
    "diff_commits",
    "changed_paths",
    "merge_branch",
    "merge_text",
    "conflicting_paths",
    "list_dir",
    "get_branch",
    "valid_branch_name",
    "valid_path",
]

_BRANCH_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")
_PATH_RE = re.compile(r"^[A-Za-z0-9_.@+-][A-Za-z0-9_.@+ -]*(/[A-Za-z0-9_.@+-][A-Za-z0-9_.@+ -]*)*$")


class MergeConflict(Exception):
    """Both branches changed the same files differently since they diverged."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


def valid_branch_name(name: str) -> bool:
    """Letters, digits, ``. _ - /``; no ``..``, no trailing ``/`` or ``.lock``."""
    return bool(_BRANCH_RE.match(name)) and ".." not in name and not name.endswith(("/", ".lock"))


def valid_path(path: str) -> bool:
    """A relative file path without ``..`` segments."""
    return bool(_PATH_RE.match(path)) and ".." not in path.split("/") and len(path) <= 300


def get_blob(db: Session, content: str) -> Blob:
    """The blob holding ``content`` (created once per distinct text)."""
    sha = hashlib.sha1(content.encode("utf-8")).hexdigest()
    cache = db.info.setdefault("code_blobs", {})  # sha -> id, valid for this session
    if sha in cache:
        return db.get(Blob, cache[sha])
    blob = db.scalars(select(Blob).where(Blob.sha == sha)).first()
    if blob is None:
        blob = Blob(sha=sha, content=content)
        db.add(blob)
        db.flush()
    cache[sha] = blob.id
    return blob


def snapshot(db: Session, commit: Commit | int | None) -> dict[str, int]:
    """``{path: blob_id}`` of a commit (empty for None)."""
    if commit is None:
        return {}
    cid = commit if isinstance(commit, int) else commit.id
    rows = db.execute(
        select(CommitFile.path, CommitFile.blob_id).where(CommitFile.commit_id == cid)
    ).all()
    return {path: blob_id for path, blob_id in rows}


def read_file(db: Session, commit: Commit, path: str) -> str | None:
    """Text of ``path`` at ``commit``, or None if it does not exist there."""
    content = db.scalar(
        select(Blob.content)
        .join(CommitFile, CommitFile.blob_id == Blob.id)
        .where(CommitFile.commit_id == commit.id, CommitFile.path == path)
    )
    return content


def _sha(*parts: object) -> str:
    return hashlib.sha1("\x00".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def create_commit(
    db: Session,
    project: Project,
    parent: Commit | None,
    files: dict[str, int],
    author: User,
    title: str,
    when: datetime,
    message: str = "",
    merge_parent: Commit | None = None,
) -> Commit:
    """Store a commit whose snapshot is ``files`` (path -> blob id)."""
    digest = _sha(*sorted(f"{p}={b}" for p, b in files.items()))
    sha = _sha(
        project.id,
        parent.sha if parent else "",
        merge_parent.sha if merge_parent else "",
        author.username,
        title,
        message,
        when.isoformat(),
        digest,
    )
    commit = Commit(
        project_id=project.id,
        sha=sha,
        parent_id=parent.id if parent else None,
        merge_parent_id=merge_parent.id if merge_parent else None,
        author_id=author.id,
        title=title,
        message=message,
        authored_at=when,
    )
    db.add(commit)
    db.flush()
    db.info.get("code_graphs", {}).pop(project.id, None)
    if files:
        db.execute(
            insert(CommitFile),
            [{"commit_id": commit.id, "path": p, "blob_id": b} for p, b in sorted(files.items())],
        )
    return commit


def get_branch(db: Session, project: Project, name: str) -> Branch | None:
    """The branch ``name`` of ``project``."""
    return db.scalars(
        select(Branch).where(Branch.project_id == project.id, Branch.name == name)
    ).first()


def commit_changes(
    db: Session,
    project: Project,
    branch: Branch,
    changes: dict[str, str | None],
    author: User,
    title: str,
    when: datetime,
    message: str = "",
) -> Commit:
    """Commit ``changes`` (path -> new text, None deletes) on top of ``branch`` and move it."""
    files = snapshot(db, branch.head_id)
    for path, text in changes.items():
        if text is None:
            files.pop(path, None)
        else:
            files[path] = get_blob(db, text).id
    commit = create_commit(db, project, branch.head, files, author, title, when, message)
    branch.head_id = commit.id
    branch.head = commit
    project.last_activity_at = when
    return commit


def _graph(db: Session, project_id: int) -> dict[int, tuple[int | None, int | None, datetime]]:
    """commit id -> (parent, merge parent, time) for one project, cached per session."""
    cache = db.info.setdefault("code_graphs", {})
    if project_id not in cache:
        rows = db.execute(
            select(Commit.id, Commit.parent_id, Commit.merge_parent_id, Commit.authored_at).where(
                Commit.project_id == project_id
            )
        ).all()
        cache[project_id] = {cid: (p, m, t) for cid, p, m, t in rows}
    return cache[project_id]


def ancestor_ids(db: Session, commit: Commit | None) -> list[int]:
    """Ids of ``commit`` and everything reachable from it, newest first."""
    if commit is None:
        return []
    graph = _graph(db, commit.project_id)
    seen: set[int] = set()
    stack = [commit.id]
    while stack:
        cid = stack.pop()
        if cid in seen or cid not in graph:
            continue
        seen.add(cid)
        parent, merge_parent, _ = graph[cid]
        stack.extend(x for x in (parent, merge_parent) if x is not None)
    return sorted(seen, key=lambda i: (graph[i][2], i), reverse=True)


def ancestors(db: Session, commit: Commit | None) -> list[Commit]:
    """``commit`` and everything reachable from it, newest first."""
    ids = ancestor_ids(db, commit)
    if not ids:
        return []
    by_id = {c.id: c for c in db.scalars(select(Commit).where(Commit.id.in_(ids))).all()}
    return [by_id[i] for i in ids]


def history(db: Session, head: Commit | None, path: str | None = None) -> list[Commit]:
    """Commits reachable from ``head``, newest first (only those touching ``path`` if given)."""
    commits = ancestors(db, head)
    if not path:
        return commits
    out = []
    for c in commits:
        parent_files = snapshot(db, c.parent_id)
        files = snapshot(db, c)
        touched = [p for p in {*files, *parent_files} if p == path or p.startswith(path + "/")]
        if any(files.get(p) != parent_files.get(p) for p in touched):
            out.append(c)
    return out


def merge_base(db: Session, a: Commit, b: Commit) -> Commit | None:
    """The newest common ancestor of ``a`` and ``b``."""
    left = set(ancestor_ids(db, a))
    for cid in ancestor_ids(db, b):
        if cid in left:
            return db.get(Commit, cid)
    return None


@dataclass
class DiffLine:
    """One line of a rendered diff: kind is ``hunk``, ``context``, ``add`` or ``del``."""

    kind: str
    old: int | None
    new: int | None
    text: str


@dataclass
class FileDiff:
    """The change of one file between two snapshots."""

    path: str
    status: str  # added, modified, deleted
    lines: list[DiffLine] = field(default_factory=list)
    additions: int = 0
    deletions: int = 0


_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def _file_diff(path: str, status: str, old: str, new: str) -> FileDiff:
    out = FileDiff(path=path, status=status)
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=3)
    o = n = 0
    for line in lines:
        if line.startswith(("---", "+++")) and not out.lines:
            continue
        match = _HUNK.match(line)
        if match:
            o, n = int(match.group(1)), int(match.group(2))
            out.lines.append(DiffLine("hunk", None, None, line))
        elif line.startswith("+"):
            out.lines.append(DiffLine("add", None, n, line[1:]))
            out.additions += 1
            n += 1
        elif line.startswith("-"):
            out.lines.append(DiffLine("del", o, None, line[1:]))
            out.deletions += 1
            o += 1
        else:
            out.lines.append(DiffLine("context", o, n, line[1:]))
            o += 1
            n += 1
    return out


def diff_commits(db: Session, base: Commit | int | None, head: Commit | int) -> list[FileDiff]:
    """Per-file unified diffs from ``base`` to ``head``, by path."""
    old, new = snapshot(db, base), snapshot(db, head)
    paths = sorted(p for p in {*old, *new} if old.get(p) != new.get(p))
    ids = {b for p in paths for b in (old.get(p), new.get(p)) if b is not None}
    texts = dict(db.execute(select(Blob.id, Blob.content).where(Blob.id.in_(ids))).all())
    out = []
    for p in paths:
        status = "added" if p not in old else "deleted" if p not in new else "modified"
        out.append(_file_diff(p, status, texts.get(old.get(p), ""), texts.get(new.get(p), "")))
    return out


def changed_paths(old: dict[str, int], new: dict[str, int]) -> set[str]:
    """Paths whose blob differs between two snapshots."""
    return {p for p in {*old, *new} if old.get(p) != new.get(p)}


def _edits(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    ops = difflib.SequenceMatcher(a=base, b=other, autojunk=False).get_opcodes()
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def merge_text(base: str, ours: str, theirs: str) -> str | None:
    """Three-way merge of one file by lines; None when both sides changed the same lines.

    Insertions at the same place from both sides are kept, ours first (like git's union
    driver), so two branches that each add an import or an entry merge cleanly.
    """
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    b = base.split("\n")
    edits = [(i1, i2, lines, 0) for i1, i2, lines in _edits(b, ours.split("\n"))]
    edits += [(i1, i2, lines, 1) for i1, i2, lines in _edits(b, theirs.split("\n"))]
    edits.sort(key=lambda e: (e[0], e[1], e[3]))
    ours_edits = [e for e in edits if e[3] == 0]
    for a1, a2, lines_a, _ in ours_edits:
        for b1, b2, lines_b, side in edits:
            if side == 0 or (a1, a2, lines_a) == (b1, b2, lines_b):
                continue
            if a1 == a2 and b1 == b2:
                continue  # both insert here: keep both
            if a1 == a2 and b1 < a1 < b2 or b1 == b2 and a1 < b1 < a2:
                return None  # an insertion inside the other side's change
            if a1 < a2 and b1 < b2 and a1 < b2 and b1 < a2:
                return None  # both changed the same lines
    out: list[str] = []
    pos = 0
    applied: set[tuple[int, int, tuple[str, ...]]] = set()
    for i1, i2, lines, _side in edits:
        key = (i1, i2, tuple(lines))
        if key in applied:
            continue
        applied.add(key)
        out.extend(b[pos:i1])
        out.extend(lines)
        pos = max(pos, i2)
    out.extend(b[pos:])
    return "\n".join(out)


def merge_branch(
    db: Session,
    project: Project,
    source: Branch,
    target: Branch,
    user: User,
    when: datetime,
    title: str,
    message: str = "",
) -> tuple[Commit, Commit | None]:
    """Merge ``source`` into ``target`` with a merge commit; returns (commit, merge base).

    The source's changes since the merge base are applied to the target's files; a path
    changed differently on both sides is a :class:`MergeConflict` (nothing is written).
    """
    base = merge_base(db, source.head, target.head)
    base_files = snapshot(db, base)
    src_files = snapshot(db, source.head)
    tgt_files = snapshot(db, target.head)
    src_changed = changed_paths(base_files, src_files)
    tgt_changed = changed_paths(base_files, tgt_files)
    merged, conflicts = _merge_files(
        db, base_files, src_files, tgt_files, src_changed & tgt_changed
    )
    if conflicts:
        raise MergeConflict(conflicts)
    files = dict(tgt_files)
    for p in src_changed:
        if p in merged:
            files[p] = merged[p]
        elif p in src_files:
            files[p] = src_files[p]
        else:
            files.pop(p, None)
    commit = create_commit(
        db, project, target.head, files, user, title, when, message, merge_parent=source.head
    )
    target.head_id = commit.id
    target.head = commit
    project.last_activity_at = when
    return commit, base


def _merge_files(
    db: Session, base: dict[str, int], src: dict[str, int], tgt: dict[str, int], both: set[str]
) -> tuple[dict[str, int], list[str]]:
    """Line-merge the files both sides changed: ({path: merged blob id}, conflicting paths)."""
    merged: dict[str, int] = {}
    conflicts: list[str] = []
    for path in sorted(both):
        if src.get(path) == tgt.get(path):
            continue
        if path not in src or path not in tgt:  # deleted on one side, changed on the other
            conflicts.append(path)
            continue
        ids = [i for i in (base.get(path), src[path], tgt[path]) if i is not None]
        texts = dict(db.execute(select(Blob.id, Blob.content).where(Blob.id.in_(ids))).all())
        text = merge_text(texts.get(base.get(path), ""), texts[tgt[path]], texts[src[path]])
        if text is None:
            conflicts.append(path)
        else:
            merged[path] = get_blob(db, text).id
    return merged, conflicts


def conflicting_paths(db: Session, source: Branch, target: Branch) -> list[str]:
    """Files that would conflict when merging ``source`` into ``target`` (empty: mergeable)."""
    base = merge_base(db, source.head, target.head)
    b, s, t = snapshot(db, base), snapshot(db, source.head), snapshot(db, target.head)
    both = changed_paths(b, s) & changed_paths(b, t)
    conflicts = []
    for path in sorted(both):
        if s.get(path) == t.get(path):
            continue
        if path not in s or path not in t:
            conflicts.append(path)
            continue
        ids = [i for i in (b.get(path), s[path], t[path]) if i is not None]
        texts = dict(db.execute(select(Blob.id, Blob.content).where(Blob.id.in_(ids))).all())
        if merge_text(texts.get(b.get(path), ""), texts[t[path]], texts[s[path]]) is None:
            conflicts.append(path)
    return conflicts


def list_dir(paths: list[str] | set[str], folder: str) -> tuple[list[str], list[str]]:
    """(sub-folder names, file names) directly inside ``folder`` ("" is the root), sorted."""
    prefix = folder.strip("/") + "/" if folder.strip("/") else ""
    dirs: set[str] = set()
    files: set[str] = set()
    for p in paths:
        if not p.startswith(prefix):
            continue
        rest = p[len(prefix) :]
        if "/" in rest:
            dirs.add(rest.split("/", 1)[0])
        else:
            files.add(rest)
    return sorted(dirs), sorted(files)
