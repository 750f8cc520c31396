"""Oracles for work.price-cut-docs (through the UI)."""

from guigym.tasks.work.common import forum_post, shop_product, wiki_body, wiki_edit

USER = "julie.lawson"


def set_price(actor):
    shop_product(actor, USER, actor.facts["sku"], price=actor.facts["new_price"])


def update_wiki(actor):
    f = actor.facts
    body = wiki_body(actor.site("wiki"), "PROD", f["slug"]).replace(f["row_old"], f["row_new"])
    wiki_edit(actor, USER, "PROD", f["slug"], body, f"{f['sku']} now ${f['new_price']}")


def announce(actor):
    f = actor.facts
    forum_post(
        actor, USER, "northwind_deals", f"{actor.params['cut']}% off {f['product_name']}",
        f"{f['product_name']} ({f['sku']}) is now ${f['new_price']} at Northwind Electronics.",
    )  # fmt: skip
