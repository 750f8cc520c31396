"""Oracles for work.help-center-faq (through the UI)."""

from guigym.tasks.work.common import forum_comment, open_page, wiki_body, wiki_edit

USER = "christina.ponce"


def open_help(actor):
    open_page(actor, f"http://wiki.test/spaces/HELP/pages/{actor.facts['page']}", USER)


def add_entry(actor):
    f = actor.facts
    body = wiki_body(actor.site("wiki"), "HELP", f["page"]).rstrip()
    body += f"\n\n**{f['question']}**\n{f['answer']}\n"
    wiki_edit(actor, USER, "HELP", f["page"], body, "FAQ from the forum")


def reply(actor):
    forum_comment(
        actor,
        USER,
        actor.facts["post_id"],
        f"Answered here: http://wiki.test/spaces/HELP/pages/{actor.facts['page']}",
    )
