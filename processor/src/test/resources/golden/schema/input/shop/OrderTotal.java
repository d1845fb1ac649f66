package shop;

import dev.strata.annotation.View;

@View(name = "order_total", sql = """
    SELECT o.id AS order_id, sum(l.quantity * l.unit_price) AS total
    FROM "order" o JOIN order_line l ON l.order_id = o.id
    GROUP BY o.id""")
public class OrderTotal {}
