"""Facts for shop.return-refund-notify: one requested return (customers with one open return)."""


def prepare(ctx):
    rows = ctx.site("shop").sql(
        "SELECT r.number, u.username FROM returns r JOIN users u ON u.id = r.user_id"
        " WHERE r.status = 'requested' AND (SELECT count(*) FROM returns x"
        " WHERE x.user_id = r.user_id AND x.status = 'requested') = 1 ORDER BY r.number LIMIT 3"
    )
    row = rows[ctx.params["pick"]]
    return {"rma": row["number"], "customer": row["username"]}
