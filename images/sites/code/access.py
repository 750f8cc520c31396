"""Who may do what in a project: roles (guest < reporter < developer < maintainer < owner).

One table of abilities, checked by every route through :func:`can` / :func:`require`, so the
rules are enforced in one place (and listed in the README).
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import ROLE_LEVELS, Member, Project

__all__ = ["ABILITIES", "access_level", "can", "require", "can_view", "role_of"]

#: ability -> minimum access level (5 = any signed-in user who can see the project).
ABILITIES: dict[str, int] = {
    "create_issue": 5,
    "comment": 5,
    "update_issue": 20,  # labels, assignee, milestone, close/reopen (authors may edit their own)
    "manage_labels": 20,
    "push": 30,  # commit to non-protected branches, create branches
    "create_mr": 30,
    "approve_mr": 30,
    "manage_milestones": 30,
    "push_protected": 40,  # commit straight to the default branch
    "merge_mr": 40,
    "manage_members": 40,
    "settings": 40,
    "archive": 50,
}


def role_of(db: Session, project: Project, user: Any | None) -> str | None:
    """The user's member role in ``project`` (None for non-members and anonymous)."""
    if user is None:
        return None
    return db.scalar(
        select(Member.role).where(Member.project_id == project.id, Member.user_id == user.id)
    )


def can_view(db: Session, project: Project, user: Any | None) -> bool:
    """Public: everyone; internal: signed-in users; private: members and admins."""
    if project.visibility == "public":
        return True
    if user is None:
        return False
    if project.visibility == "internal" or user.is_admin:
        return True
    return role_of(db, project, user) is not None


def access_level(db: Session, project: Project, user: Any | None) -> int:
    """0 anonymous/no access, 5 signed-in non-member, else the member's level (admin: 50)."""
    if user is None or not can_view(db, project, user):
        return 0
    if user.is_admin:
        return ROLE_LEVELS["owner"]
    role = role_of(db, project, user)
    return ROLE_LEVELS[role] if role else 5


def can(db: Session, project: Project, user: Any | None, ability: str) -> bool:
    """True if ``user`` may do ``ability`` in ``project`` (archived projects are read-only)."""
    if project.archived and ability not in ("archive", "settings"):
        return False
    return access_level(db, project, user) >= ABILITIES[ability]


def require(db: Session, project: Project, user: Any | None, ability: str) -> None:
    """403 with a readable reason unless ``can``."""
    if can(db, project, user, ability):
        return
    if project.archived and ability not in ("archive", "settings"):
        reason = "This project is archived and read-only."
    else:
        need = ABILITIES[ability]
        role = next((r for r, lvl in ROLE_LEVELS.items() if lvl >= need), "member")
        reason = (
            "You need to sign in to do that."
            if need <= 5
            else f"You need the {role} role (or higher) in this project to do that."
        )
    raise HTTPException(status.HTTP_403_FORBIDDEN, reason)
