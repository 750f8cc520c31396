"""Locator strings address elements by role/label/text instead of dynamic ids."""

from __future__ import annotations

import pytest
from guigym.envs.actions import Click, Fill, Locator, format_action, parse_action, parse_locator

from guigym.errors import ActionError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('role=button[name="Add to cart"]', Locator("role", "button", "Add to cart")),
        ("role=link[name='Cart' i]", Locator("role", "link", "Cart", exact=False)),
        ("role=textbox", Locator("role", "textbox", None)),
        ("label=Email", Locator("label", "Email")),
        ("text=Checkout", Locator("text", "Checkout")),
        ("css=#qty", Locator("css", "#qty")),
        ("placeholder=Search products", Locator("placeholder", "Search products")),
    ],
)
def test_parse_locator(text: str, expected: Locator) -> None:
    assert parse_locator(text) == expected


def test_actions_accept_locators_and_round_trip() -> None:
    action = parse_action("""click('role=button[name="Add to cart"]')""")
    assert action == Click(element='role=button[name="Add to cart"]')
    assert parse_action(format_action(action)) == action
    assert parse_action('fill("label=Email", "a@b.test")') == Fill("label=Email", "a@b.test")


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ('click("role=")', "empty value"),
        ('click("role=button[name=Save]")', "must look like"),
        ('click("bogus=thing")', "element id"),
        ('fill("label=", "x")', "empty value"),
    ],
)
def test_bad_locators_are_action_errors(action: str, message: str) -> None:
    with pytest.raises(ActionError, match=message):
        parse_action(action)
