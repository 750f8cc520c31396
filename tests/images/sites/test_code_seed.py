"""The code site's seed and repository model: deterministic, big enough, coherent; merges and
conflicts on a real (in-memory) database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from guigym.images.sites.code import repo
from guigym.images.sites.code.models import Base, Branch, Group, Project, User
from guigym.images.sites.instance import cache_dir, code_hash, start_site
from guigym.images.sites.kit import world_people
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

ENTRY = "guigym.images.sites.code.site:SITE"


@pytest.fixture(scope="module")
def seeded() -> Path:
    """The seed-0 database as the instance cache holds it (built once, shared with the
    HTTP and browser tests, which start instances from the same template)."""
    cached = cache_dir() / "sites" / f"code-seed0-{code_hash(ENTRY)}.db"
    if not cached.exists():
        start_site("code").stop()  # builds the template into the cache
    return cached


@pytest.fixture(scope="module")
def db(seeded: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{seeded}?mode=ro", uri=True)
    yield conn
    conn.close()


def _one(db: sqlite3.Connection, query: str, *params: object) -> object:
    return db.execute(query, params).fetchone()[0]


@pytest.mark.slow
def test_same_seed_gives_identical_bytes(seeded: Path, tmp_path: Path) -> None:
    # Another process with another hash seed, as the instance cache builds it.
    again = tmp_path / "again.db"
    code = (
        "import sys; from guigym.images.sites.kit import build_database; "
        "from guigym.images.sites.code.site import SITE; build_database(SITE, sys.argv[1], seed=0)"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4321"}
    subprocess.run([sys.executable, "-c", code, str(again)], check=True, env=env, timeout=600)
    assert again.read_bytes() == seeded.read_bytes()


def test_volume_minimums(db: sqlite3.Connection) -> None:
    assert _one(db, "SELECT count(*) FROM projects") >= 15
    assert _one(db, "SELECT count(*) FROM groups") >= 5
    assert _one(db, "SELECT count(*) FROM commits") >= 300
    assert _one(db, "SELECT count(*) FROM issues") >= 400
    assert _one(db, "SELECT count(*) FROM merge_requests WHERE state = 'merged'") >= 60
    assert _one(db, "SELECT count(*) FROM merge_requests WHERE state = 'opened'") >= 20
    assert _one(db, "SELECT count(*) FROM notes WHERE system = 0") >= 800
    assert _one(db, "SELECT count(*) FROM approvals") >= 60
    # every project has a history, a README and both open and closed issues
    rows = db.execute(
        "SELECT p.path, (SELECT count(*) FROM commits c WHERE c.project_id = p.id), "
        "(SELECT count(DISTINCT state) FROM issues i WHERE i.project_id = p.id) FROM projects p "
        "WHERE p.archived = 0"
    ).fetchall()
    for path, commits, states in rows:
        assert commits >= 8, path
        assert states == 2, path
    assert _one(db, "SELECT count(*) FROM projects WHERE archived = 1") == 1
    assert {r[0] for r in db.execute("SELECT visibility FROM projects")} == {
        "public",
        "internal",
        "private",
    }


def test_identities_are_the_shared_world(db: sqlite3.Connection) -> None:
    people = world_people(0)
    names = {r[0] for r in db.execute("SELECT username FROM users")}
    assert {p.username for p in people} <= names
    assert "admin" in names
    staff = [p.username for p in people if p.role == "staff"]
    members = {
        r[0]
        for r in db.execute(
            "SELECT DISTINCT u.username FROM members m JOIN users u ON u.id = m.user_id "
            "WHERE u.role = 'staff'"
        )
    }
    assert members == set(staff)
    # the store manager (first staff person) owns every project
    owners = db.execute(
        "SELECT count(*) FROM members m JOIN users u ON u.id = m.user_id "
        "WHERE u.username = ? AND m.role = 'owner'",
        (staff[0],),
    ).fetchone()[0]
    assert owners == _one(db, "SELECT count(*) FROM projects")


def test_every_project_has_every_role(db: sqlite3.Connection) -> None:
    for (pid,) in db.execute("SELECT id FROM projects").fetchall():
        roles = {r[0] for r in db.execute("SELECT role FROM members WHERE project_id = ?", (pid,))}
        assert roles == {"guest", "reporter", "developer", "maintainer", "owner"}, pid


def test_notable_cross_site_issues(db: sqlite3.Connection) -> None:
    row = db.execute(
        "SELECT i.state, p.path, group_concat(l.name) FROM issues i "
        "JOIN projects p ON p.id = i.project_id JOIN issue_labels il ON il.issue_id = i.id "
        "JOIN labels l ON l.id = il.label_id "
        "WHERE i.title = 'Product page of KB-104 shows wrong stock' AND p.path = 'web-shop' "
        "GROUP BY i.id"
    ).fetchone()
    assert row is not None
    assert row[0] == "opened"
    assert set(row[2].split(",")) == {"bug", "customer-report", "catalog", "priority::high"}
    readme = db.execute(
        "SELECT b.content FROM branches br JOIN projects p ON p.id = br.project_id "
        "JOIN commit_files f ON f.commit_id = br.head_id JOIN blobs b ON b.id = f.blob_id "
        "WHERE p.path = 'runbooks' AND br.name = 'main' AND f.path = 'README.md'"
    ).fetchone()[0]
    assert "Release procedure" in readme and "$500" in readme


def test_merged_mrs_are_in_main(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT m.merge_commit_id, m.head_commit_id, c.merge_parent_id FROM merge_requests m "
        "JOIN commits c ON c.id = m.merge_commit_id WHERE m.state = 'merged'"
    ).fetchall()
    assert rows
    for _merge_commit, head, merge_parent in rows:
        assert merge_parent == head


def test_seed_text_is_plausible(db: sqlite3.Connection) -> None:
    titles = [r[0] for r in db.execute("SELECT title FROM issues")]
    assert len(set(titles)) > len(titles) * 0.6
    assert any("SO-1" in t for t in titles) and any("KB-" in t for t in titles)
    code = db.execute(
        "SELECT b.content FROM blobs b JOIN commit_files f ON f.blob_id = b.id "
        "WHERE f.path LIKE '%/main.py' LIMIT 1"
    ).fetchone()[0]
    compile(code, "main.py", "exec")  # the generated Python is real Python


# --- repository model on an in-memory database ------------------------------------------


@pytest.fixture()
def mem() -> Iterator[tuple[Session, Project, User]]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        user = User(username="a.b", email="a.b@mail.test", display_name="A B", password_hash="x")
        group = Group(path="g", name="G")
        when = datetime(2026, 5, 1)
        project = Project(group=group, path="p", name="P", created_at=when, last_activity_at=when)
        session.add_all([user, group, project])
        session.flush()
        files = {"a.txt": repo.get_blob(session, "one\ntwo\n").id}
        first = repo.create_commit(session, project, None, files, user, "init", when)
        session.add(Branch(project_id=project.id, name="main", head_id=first.id))
        session.flush()
        yield session, project, user
    engine.dispose()


def _branch(session: Session, project: Project, name: str, start: str = "main") -> Branch:
    src = repo.get_branch(session, project, start)
    b = Branch(project_id=project.id, name=name, head_id=src.head_id)
    session.add(b)
    session.flush()
    return b


def test_merge_applies_the_branch_changes(mem: tuple[Session, Project, User]) -> None:
    session, project, user = mem
    when = datetime(2026, 5, 2)
    main = repo.get_branch(session, project, "main")
    feature = _branch(session, project, "feature/x")
    repo.commit_changes(
        session, project, feature, {"a.txt": "one\n2\n", "b.txt": "new\n"}, user, "change", when
    )
    repo.commit_changes(session, project, main, {"c.txt": "main only\n"}, user, "other", when)
    commit, base = repo.merge_branch(session, project, feature, main, user, when, "merge")
    assert base is not None and base.title == "init"
    assert repo.read_file(session, commit, "a.txt") == "one\n2\n"
    assert repo.read_file(session, commit, "b.txt") == "new\n"
    assert repo.read_file(session, commit, "c.txt") == "main only\n"
    diff = repo.diff_commits(session, base, feature.head)
    assert [(d.path, d.status, d.additions, d.deletions) for d in diff] == [
        ("a.txt", "modified", 1, 1),
        ("b.txt", "added", 1, 0),
    ]


def test_conflicting_changes_refuse_to_merge(mem: tuple[Session, Project, User]) -> None:
    session, project, user = mem
    when = datetime(2026, 5, 2)
    main = repo.get_branch(session, project, "main")
    feature = _branch(session, project, "feature/y")
    repo.commit_changes(session, project, feature, {"a.txt": "feature\n"}, user, "f", when)
    repo.commit_changes(session, project, main, {"a.txt": "main\n"}, user, "m", when)
    head = main.head_id
    with pytest.raises(repo.MergeConflict) as err:
        repo.merge_branch(session, project, feature, main, user, when, "merge")
    assert err.value.paths == ["a.txt"]
    assert main.head_id == head


def test_same_file_changed_in_different_places_merges(mem: tuple[Session, Project, User]) -> None:
    session, project, user = mem
    when = datetime(2026, 5, 2)
    main = repo.get_branch(session, project, "main")
    feature = _branch(session, project, "feature/z")
    repo.commit_changes(
        session, project, feature, {"a.txt": "one\ntwo\nfeature\n"}, user, "f", when
    )
    repo.commit_changes(session, project, main, {"a.txt": "ONE\ntwo\n"}, user, "m", when)
    assert repo.conflicting_paths(session, feature, main) == []
    commit, _ = repo.merge_branch(session, project, feature, main, user, when, "merge")
    assert repo.read_file(session, commit, "a.txt") == "ONE\ntwo\nfeature\n"


def test_merge_text_rules() -> None:
    base = "a\nb\nc\n"
    assert repo.merge_text(base, "A\nb\nc\n", "a\nb\nC\n") == "A\nb\nC\n"
    assert repo.merge_text(base, "a\nB\nc\n", "a\nX\nc\n") is None
    assert repo.merge_text(base, base + "ours\n", base + "theirs\n") == base + "ours\ntheirs\n"
    assert repo.merge_text(base, "a\nc\n", base) == "a\nc\n"


def test_names_and_paths_are_validated() -> None:
    assert repo.valid_branch_name("fix/kb-104-stock")
    assert not repo.valid_branch_name("../x") and not repo.valid_branch_name("a b")
    assert repo.valid_path("docs/setup.md")
    assert not repo.valid_path("../etc/passwd") and not repo.valid_path("/abs")


def test_notable_issue_labels_exist_in_their_projects() -> None:
    from guigym.images.sites.code.seeding.issues import BASE_LABELS, area_labels, notable_issues
    from guigym.images.sites.code.seeding.projects import PROJECTS

    for p in PROJECTS:
        known = {**BASE_LABELS, **area_labels(p)}
        for draft in notable_issues(p, ["Some Company"]):
            assert set(draft.labels) <= set(known), (p.path, draft.title)
