"""Seed the code site: accounts, groups, projects with histories, branches, MRs and issues.

Everything comes from ``ctx`` (Faker, RNG, frozen now) and ``world_people(ctx.seed)``, so the
same seed builds the same database. Order per project: members, labels, milestones, the
repository history (some changes land through merged MRs), open/closed MRs, then issues.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from guigym.images.sites.kit import SeedContext, default_password, world_people
from guigym.images.sites.kit.world import build_world, job_title
from sqlalchemy.orm import Session

from . import repo
from .models import (
    Approval,
    Branch,
    Group,
    Issue,
    Label,
    Member,
    MergeRequest,
    Milestone,
    Note,
    Project,
    User,
)
from .seeding.files import RepoState, initial_state, render, slug
from .seeding.history import MR_STEPS_OK, STEPS, add_feature, fix_feature, pick_step
from .seeding.issues import (
    BASE_LABELS,
    MR_COMMENTS,
    area_labels,
    generated_issue,
    notable_issues,
)
from .seeding.orders import facts_of, fill_order, pick_order
from .seeding.projects import GROUPS, PROJECTS, ProjectDef
from .site import ADMIN_PASSWORD, ADMIN_USERNAME

__all__ = ["seed", "ROLE_PATTERN"]

#: Roles of the staff other than the owner and the project lead, in a per-project shuffle.
ROLE_PATTERN = ("maintainer", "developer", "developer", "developer", "reporter", "guest")


def _users(session: Session, ctx: SeedContext) -> dict[str, list[User]]:
    groups: dict[str, list[User]] = {"customer": [], "staff": [], "supplier": []}
    for person in world_people(ctx.seed):
        user = User(
            username=person.username,
            email=person.email,
            display_name=person.display_name,
            role=person.role,
            job_title=(
                job_title(person.username, ctx.seed)
                if person.role == "staff"
                else (person.company or "")
                if person.role == "supplier"
                else ""
            ),
        )
        user.set_password(default_password(person.username))
        groups[person.role].append(user)
        session.add(user)
    admin = User(
        username=ADMIN_USERNAME,
        email="admin@code.test",
        display_name="Administrator",
        role="admin",
        is_admin=True,
        job_title="Site administrator",
    )
    admin.set_password(ADMIN_PASSWORD)
    session.add(admin)
    session.flush()
    return groups


def _oncall(staff: list[User], now: datetime) -> str:
    """The on-call rotation page: one engineer per week of the current month."""
    first = now.replace(day=1)
    monday = first - timedelta(days=first.weekday())
    rows = []
    engineers = staff[1:6]
    for week in range(5):
        start = monday + timedelta(weeks=week)
        person = engineers[week % len(engineers)]
        rows.append(f"| {start:%Y-%m-%d} | {person.display_name} | @{person.username} |")
    return (
        f"# On-call rotation ({now:%B %Y})\n\nThe on-call engineer answers incident issues "
        "within 15 minutes during working hours.\n\n| week of | engineer | username |\n"
        "|---|---|---|\n" + "\n".join(rows) + "\n\nEscalation: the Store Manager, "
        f"{staff[0].display_name} (@{staff[0].username}).\n"
    )


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = max(60, int((end - start).total_seconds()))
    return (start + timedelta(seconds=rng.randint(0, seconds))).replace(microsecond=0)


class _ProjectSeeder:
    """Seeds one project; keeps the lookups the steps share."""

    def __init__(
        self,
        session: Session,
        ctx: SeedContext,
        p: ProjectDef,
        group: Group,
        people: dict[str, list[User]],
    ) -> None:
        self.db, self.ctx, self.p, self.rng = session, ctx, p, ctx.rng
        self.people = people
        staff = people["staff"]
        self.created = (ctx.now - timedelta(days=self.rng.randint(220, 330))).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        self.project = Project(
            group=group,
            path=p.path,
            name=p.name,
            description=p.description,
            visibility=p.visibility,
            default_branch="main",
            archived=False,
            created_at=self.created,
            last_activity_at=self.created,
        )
        session.add(self.project)
        session.flush()
        self.roles: dict[int, str] = {staff[0].id: "owner"}
        lead = staff[p.lead % len(staff)]
        self.lead = lead
        if lead.id not in self.roles:
            self.roles[lead.id] = "maintainer"
        others = [u for u in staff if u.id not in self.roles]
        self.rng.shuffle(others)
        for user, role in zip(others, ROLE_PATTERN, strict=False):
            self.roles[user.id] = role
        if p.path == "supplier-sync":
            for user in people["supplier"][:2]:
                self.roles[user.id] = "guest"
        by_id = {u.id: u for group_users in people.values() for u in group_users}
        for uid, role in self.roles.items():
            session.add(
                Member(project_id=self.project.id, user_id=uid, role=role, created_at=self.created)
            )
        self.members = [by_id[uid] for uid in self.roles]
        self.devs = [
            by_id[u] for u, r in self.roles.items() if r in ("developer", "maintainer", "owner")
        ]
        self.maintainers = [by_id[u] for u, r in self.roles.items() if r in ("maintainer", "owner")]
        self.labels: dict[str, Label] = {}
        for name, (color, desc) in {**BASE_LABELS, **area_labels(p)}.items():
            label = Label(project_id=self.project.id, name=name, color=color, description=desc)
            session.add(label)
            self.labels[name] = label
        q = (ctx.now.month - 1) // 3 + 1
        y = ctx.now.year

        def quarter(offset: int) -> tuple[str, datetime]:
            qq, yy = q + offset, y
            while qq < 1:
                qq, yy = qq + 4, yy - 1
            while qq > 4:
                qq, yy = qq - 4, yy + 1
            end_month = qq * 3
            due = datetime(yy + (end_month == 12), end_month % 12 + 1, 1) - timedelta(days=1)
            return f"Q{qq} {yy}", due

        self.milestones: dict[str, Milestone] = {}
        for key, offset, state in (
            ("previous", -1, "closed"),
            ("current", 0, "active"),
            ("next", 1, "active"),
        ):
            title, due = quarter(offset)
            m = Milestone(
                project_id=self.project.id,
                title=title,
                due_date=due,
                state=state,
                description=f"Work planned for {title}.",
            )
            session.add(m)
            self.milestones[key] = m
        session.flush()
        self.mr_iid = 0
        self.main: Branch | None = None

    # -- repository ----------------------------------------------------------------------
    def _changes(self, before: dict[str, str], after: dict[str, str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {p: t for p, t in after.items() if before.get(p) != t}
        out.update({p: None for p in before if p not in after})
        return out

    def _step(self, state: RepoState, kind: str) -> tuple[str, str, dict[str, str | None]]:
        before = render(state)
        title, message = STEPS[kind](state, self.rng)
        return title, message, self._changes(before, render(state))

    def history(self) -> RepoState:
        """Initial commit, then the changes over time (about 40% through merged MRs)."""
        state = initial_state(self.p, self.rng)
        if self.p.path == "runbooks":
            state.pages["oncall.md"] = _oncall(self.people["staff"], self.ctx.now)
        files = {path: repo.get_blob(self.db, text).id for path, text in render(state).items()}
        first = repo.create_commit(
            self.db, self.project, None, files, self.lead, "Initial commit", self.created
        )
        self.main = Branch(project_id=self.project.id, name="main", head_id=first.id)
        self.main.head = first
        self.db.add(self.main)
        self.db.flush()
        end = self.ctx.now - timedelta(days=12)
        times = sorted(
            _between(self.rng, self.created + timedelta(days=1), end) for _ in range(self.p.commits)
        )
        for i, when in enumerate(times):
            kind = pick_step(state, self.rng)
            title, message, changes = self._step(state, kind)
            if not changes:
                continue
            author = self.rng.choice(self.devs)
            gap = (times[i + 1] - when) if i + 1 < len(times) else timedelta(days=2)
            if kind in MR_STEPS_OK and self.rng.random() < 0.45 and gap > timedelta(hours=2):
                self._merged_mr(title, message, changes, author, when, gap)
            else:
                repo.commit_changes(
                    self.db, self.project, self.main, changes, author, title, when, message
                )
        return state

    def _new_branch(self, name: str) -> Branch:
        assert self.main is not None
        branch = Branch(project_id=self.project.id, name=name, head_id=self.main.head_id)
        branch.head = self.main.head
        self.db.add(branch)
        self.db.flush()
        return branch

    def _branch_name(self, title: str) -> str:
        prefix = "fix" if title.startswith("Fix") else "feature"
        base = f"{prefix}/{slug(title).replace('_', '-')[:40].strip('-')}"
        name, n = base, 2
        while repo.get_branch(self.db, self.project, name) is not None:
            name, n = f"{base}-{n}", n + 1
        return name

    def _mr(
        self, title: str, message: str, branch: Branch, author: User, when: datetime, state: str
    ) -> MergeRequest:
        self.mr_iid += 1
        reviewer = self.rng.choice([u for u in self.devs if u.id != author.id] or self.devs)
        mr = MergeRequest(
            project_id=self.project.id,
            iid=self.mr_iid,
            title=title,
            description=(message or f"{title}.")
            + "\n\n**Checklist**\n\n- [x] tests\n- [x] changelog",
            source_branch=branch.name,
            target_branch="main",
            state=state,
            author_id=author.id,
            assignee_id=author.id,
            reviewer_id=reviewer.id,
            created_at=when,
            updated_at=when,
        )
        self.db.add(mr)
        self.db.flush()
        return mr

    def _merged_mr(
        self,
        title: str,
        message: str,
        changes: dict[str, str | None],
        author: User,
        when: datetime,
        gap: timedelta,
    ) -> None:
        assert self.main is not None
        branch = self._new_branch(self._branch_name(title))
        repo.commit_changes(self.db, self.project, branch, changes, author, title, when, message)
        mr = self._mr(title, message, branch, author, when, "merged")
        span = min(gap / 2, timedelta(days=2))
        review_at = when + span / 3
        for body in self.rng.sample(MR_COMMENTS, self.rng.randint(0, 2)):
            self._note(
                mr=mr, author_id=mr.reviewer_id, body=body, when=_between(self.rng, when, review_at)
            )
        approver_id = mr.reviewer_id or self.lead.id
        self.db.add(Approval(merge_request_id=mr.id, user_id=approver_id, created_at=review_at))
        self._note(
            mr=mr,
            author_id=approver_id,
            body="approved this merge request",
            when=review_at,
            system=True,
        )
        merged_at = when + span * 2 / 3
        merger = self.rng.choice(self.maintainers)
        commit, base = repo.merge_branch(
            self.db,
            self.project,
            branch,
            self.main,
            merger,
            merged_at,
            f"Merge branch '{branch.name}' into 'main'",
            f"{title}\n\nSee merge request !{mr.iid}",
        )
        mr.state, mr.merged_at, mr.merged_by_id = "merged", merged_at, merger.id
        mr.merge_commit_id, mr.updated_at = commit.id, merged_at
        mr.base_commit_id = base.id if base else None
        mr.head_commit_id = branch.head_id
        self._note(mr=mr, author=merger, body="merged", when=merged_at, system=True)
        if self.rng.random() < 0.85:
            self.db.delete(branch)
        self.db.flush()

    def open_mrs(self, state: RepoState) -> None:
        """Open (some draft, some approved) and closed MRs on branches from today's main."""
        if self.p.archived:
            return
        start = self.ctx.now - timedelta(days=10)
        count = self.rng.randint(1, 3) + (1 if self.p.commits >= 20 else 0)
        fixed = False
        proposed: set[str] = set()
        for i in range(count + 1):
            branch_state = state.copy()
            before = render(branch_state)
            if not fixed:
                title, message = fix_feature(branch_state, self.rng)
                fixed = True
            else:
                title, message = add_feature(branch_state, self.rng, exclude=proposed)
                proposed.add(branch_state.last_feature)
            branch_state.changelog = state.copy().changelog
            changes = self._changes(before, render(branch_state))
            author = self.rng.choice(self.devs)
            when = _between(self.rng, start, self.ctx.now - timedelta(hours=3))
            branch = self._new_branch(self._branch_name(title))
            repo.commit_changes(
                self.db, self.project, branch, changes, author, title, when, message
            )
            closed = i == count
            if closed and self.rng.random() < 0.5:
                continue  # a branch without a merge request
            mr = self._mr(title, message, branch, author, when, "closed" if closed else "opened")
            if self.rng.random() < 0.5:
                mr.milestone_id = self.milestones["current"].id
            later = when
            for body in self.rng.sample(MR_COMMENTS, self.rng.randint(0, 3)):
                later = _between(self.rng, later, self.ctx.now - timedelta(hours=1))
                self._note(mr=mr, author=self.rng.choice(self.devs), body=body, when=later)
            if closed:
                mr.closed_at = mr.updated_at = _between(self.rng, later, self.ctx.now)
                mr.base_commit_id, mr.head_commit_id = self.main.head_id, branch.head_id
                self._note(mr=mr, author=author, body="closed", when=mr.closed_at, system=True)
            elif self.rng.random() < 0.25:
                mr.draft = True
                mr.title = f"Draft: {mr.title}"
            elif self.rng.random() < 0.5 and mr.reviewer_id:
                at = _between(self.rng, later, self.ctx.now - timedelta(minutes=30))
                self.db.add(Approval(merge_request_id=mr.id, user_id=mr.reviewer_id, created_at=at))
                self._note(
                    mr=mr,
                    author_id=mr.reviewer_id,
                    body="approved this merge request",
                    when=at,
                    system=True,
                )
                mr.updated_at = at
            if mr.state == "opened":
                mr.updated_at = max(mr.updated_at, later)
        self.db.flush()

    # -- issues --------------------------------------------------------------------------
    def _note(
        self,
        *,
        body: str,
        when: datetime,
        issue: Issue | None = None,
        mr: MergeRequest | None = None,
        author: User | None = None,
        author_id: int | None = None,
        system: bool = False,
    ) -> None:
        self.db.add(
            Note(
                project_id=self.project.id,
                issue_id=issue.id if issue else None,
                merge_request_id=mr.id if mr else None,
                author_id=author_id if author_id is not None else author.id,
                body=body,
                system=system,
                created_at=when,
            )
        )

    def issues(self, suppliers: list[str]) -> None:
        """Notable issues (recent) and generated ones spread over the project's life."""
        rng, now = self.rng, self.ctx.now
        drafts = [
            (d, _between(rng, now - timedelta(days=25), now - timedelta(days=1)))
            for d in notable_issues(self.p, suppliers)
        ]
        n = 5 if self.p.archived else 10 + self.p.commits
        drafts += [
            (generated_issue(self.p, rng), _between(rng, self.created, now - timedelta(hours=2)))
            for _ in range(n)
        ]
        drafts.sort(key=lambda x: x[1])
        customers = self.people["customer"]
        orders = build_world(self.ctx.seed, now).orders
        for iid, (d, created) in enumerate(drafts, 1):
            if d.order_kind is not None:
                facts = facts_of(pick_order(orders, d.order_kind, created, d.order_slot))
                d.title = fill_order(d.title, facts)
                d.description = fill_order(d.description, facts)
            if d.author == "customer" or (self.p.visibility == "public" and rng.random() < 0.15):
                author = rng.choice(customers) if self.p.visibility == "public" else self.lead
                if "customer-report" not in d.labels and self.p.visibility == "public":
                    d.labels.append("customer-report")
            else:
                author = rng.choice(self.members)
            state = d.state
            if state is None:
                old = (now - created).days > 60
                state = "closed" if rng.random() < (0.65 if old else 0.25) else "opened"
            assignee = (
                self.lead
                if d.assignee == "lead"
                else rng.choice(self.devs)
                if rng.random() < 0.6
                else None
            )
            ms_key = d.milestone
            if ms_key is None and rng.random() < 0.5:
                ms_key = "previous" if state == "closed" else rng.choice(("current", "next"))
            issue = Issue(
                project_id=self.project.id,
                iid=iid,
                title=d.title,
                description=d.description,
                state=state,
                author_id=author.id,
                assignee_id=assignee.id if assignee else None,
                milestone_id=self.milestones[ms_key].id if ms_key else None,
                created_at=created,
                updated_at=created,
            )
            issue.labels = [
                self.labels[name] for name in dict.fromkeys(d.labels) if name in self.labels
            ]
            self.db.add(issue)
            self.db.flush()
            last = created
            end = now - timedelta(minutes=5)
            for body in d.comments:
                last = _between(rng, last, min(end, last + timedelta(days=10)))
                who = rng.choice([m for m in self.members if m.id != author.id] or self.members)
                self._note(issue=issue, author=who, body=body, when=last)
            if state == "closed":
                closer = assignee or rng.choice(self.devs)
                issue.closed_at = _between(rng, last, min(end, last + timedelta(days=14)))
                self._note(
                    issue=issue, author=closer, body="closed", when=issue.closed_at, system=True
                )
                last = issue.closed_at
            issue.updated_at = last
        self.db.flush()

    def finish(self) -> None:
        """Archive if planned; last activity = newest commit, issue or MR change."""
        from sqlalchemy import func, select

        from .models import Commit

        times = [
            self.db.scalar(
                select(func.max(Commit.authored_at)).where(Commit.project_id == self.project.id)
            ),
            self.db.scalar(
                select(func.max(Issue.updated_at)).where(Issue.project_id == self.project.id)
            ),
            self.db.scalar(
                select(func.max(MergeRequest.updated_at)).where(
                    MergeRequest.project_id == self.project.id
                )
            ),
        ]
        self.project.last_activity_at = max(t for t in times if t is not None)
        self.project.archived = self.p.archived


def seed(session: Session, ctx: SeedContext) -> None:
    """Build the whole code site for ``ctx.seed``."""
    people = _users(session, ctx)
    suppliers = sorted({u.job_title for u in people["supplier"] if u.job_title})
    groups = {}
    for path, (name, desc) in GROUPS.items():
        groups[path] = Group(path=path, name=name, description=desc)
        session.add(groups[path])
    session.flush()
    for p in PROJECTS:
        seeder = _ProjectSeeder(session, ctx, p, groups[p.group], people)
        state = seeder.history()
        seeder.open_mrs(state)
        seeder.issues(suppliers)
        seeder.finish()
        session.flush()
