"""JavaScript dialogs are answered like a person who meant the click: accepted, and reported.

A site's ``onsubmit="return confirm('Delete this post?')"`` must be passable by an agent; before
this, Playwright's default (no listener: dismiss) made such buttons dead.
"""

from __future__ import annotations

import pytest
from webenv_testing import make_env

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def env():
    env = make_env(obs=("axtree", "url"), max_steps=100)
    env.reset(seed=0)
    yield env
    env.close()


@pytest.mark.parametrize(
    ("button", "shown", "dialog"),
    [
        ("Confirm", "confirm true", "confirm 'Sure?' accepted"),
        ("Prompt", "prompt x", "prompt 'Name?' accepted"),
        ("Alert", "-", "alert 'hello' accepted"),
    ],
)
def test_dialogs_are_accepted_and_listed_in_info(env, button, shown, dialog) -> None:
    env.step("goto('http://gymtest.test/nasty')")
    obs, _, _, _, info = env.step(f"click('text={button}')")
    assert obs["last_action_error"] == ""
    assert info["dialogs"] == [dialog]
    assert f'paragraph "{shown}"' in obs["axtree"] or f'"{shown}"' in obs["axtree"], obs["axtree"]
    obs, _, _, _, info = env.step("scroll(0, 10)")
    assert info["dialogs"] == []  # one step's dialogs only


def test_forum_post_deletion_behind_confirm_works_through_the_ui() -> None:
    from guigym.envs.web import WebEnv

    env = WebEnv(task="work.heated-thread", obs=("axtree", "url"), max_steps=30)
    try:
        env.reset(seed=0)
        forum = env.provider.instances["forum"]
        post = forum.sql(
            "SELECT p.id, u.username FROM posts p JOIN users u ON u.id = p.author_id "
            "WHERE p.is_deleted = 0 AND p.is_removed = 0 ORDER BY p.id DESC LIMIT 1"
        )[0]
        env.tabs.context.clear_cookies()
        env.tabs.context.add_cookies([forum.login_cookie(post["username"])])
        env.step(f"goto('http://forum.test/posts/{post['id']}')")
        obs, _, _, _, info = env.step(
            f"click('css=form[action=\"/posts/{post['id']}/delete\"] button')"
        )
        assert obs["last_action_error"] == "", obs["last_action_error"]
        assert info["dialogs"] == ["confirm 'Delete this post?' accepted"]
        deleted = forum.sql("SELECT is_deleted FROM posts WHERE id = :i", {"i": post["id"]})
        assert deleted == [{"is_deleted": 1}]
    finally:
        env.close()
