"""Oracles for work.stock-issue-fix (through the UI)."""

from guigym.tasks.work.common import code_comment, forum_post, open_page, shop_product

USER = "matthew.armstrong"


def report_stock(actor):
    open_page(actor, f"http://shop.test/admin/products/{actor.facts['sku']}", USER)
    actor.answer(str(actor.facts["old_stock"]))


def fix_stock(actor):
    shop_product(actor, USER, actor.facts["sku"], stock=actor.facts["shelf"])


def close_issue(actor):
    f = actor.facts
    code_comment(
        actor, USER, "storefront/web-shop", f["iid"],
        f"Corrected the stock of {f['sku']} in the back office from {f['old_stock']} to"
        f" {f['shelf']} (shelf count).", close=True,
    )  # fmt: skip


def announce(actor):
    f = actor.facts
    forum_post(
        actor, USER, "northwind_dev", f"Stock of {f['sku']} corrected to {f['shelf']}",
        f"Following web-shop#{f['iid']}: the back office now shows {f['shelf']} units of"
        f" {f['sku']}, matching the shelf count.",
    )  # fmt: skip
