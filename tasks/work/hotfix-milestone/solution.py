"""Oracles for work.hotfix-milestone (through the UI)."""

from guigym.tasks.work.common import click, code_triage, fill, open_page

USER = "darius.young"
PROJECT = "platform/inventory-service"


def create_milestone(actor):
    open_page(actor, f"http://code.test/{PROJECT}/-/milestones", USER)
    fill(actor, "Title", f"Hotfix {actor.params['month']}")
    click(actor, "Create milestone")


def move_a(actor):
    code_triage(actor, USER, PROJECT, actor.facts["a"], milestone=f"Hotfix {actor.params['month']}")


def move_b(actor):
    code_triage(actor, USER, PROJECT, actor.facts["b"], milestone=f"Hotfix {actor.params['month']}")
