package dev.ferry.demo;

import java.util.List;

/**
 * The shop demo's PostgreSQL schema, as an online shop keeps one: customers, products, orders and their items, with
 * foreign keys, money as {@code numeric}, times as {@code timestamptz}, a composite primary key, tables owned by a
 * role that is not the superuser, grants to an application role and row security on orders.
 */
final class ShopSchema {
    /** Owns the database and every table; the demo's connection logs in as this role. */
    static final String OWNER = "shop_owner";
    /** What an application connects as: reads and writes orders, reads the catalogue. */
    static final String APP = "shop_app";
    /** Support staff: row security shows them orders that are not cancelled. */
    static final String SUPPORT = "shop_support";

    private ShopSchema() {
    }

    /** Run as the superuser, in database {@code postgres}. */
    static List<String> roles(String database) {
        return List.of(
                "CREATE ROLE " + OWNER + " LOGIN",
                "CREATE ROLE " + APP + " NOLOGIN",
                "CREATE ROLE " + SUPPORT + " NOLOGIN",
                "CREATE DATABASE " + database + " OWNER " + OWNER);
    }

    /** Run as the owner, in the shop database. */
    static List<String> tables() {
        return List.of("""
                CREATE TABLE customers (
                    customer_id   integer PRIMARY KEY,
                    email         text NOT NULL UNIQUE,
                    first_name    text NOT NULL,
                    last_name     text NOT NULL,
                    company       text,
                    phone         text,
                    country       char(2) NOT NULL,
                    city          text,
                    created_at    timestamptz NOT NULL,
                    marketing_opt_in boolean NOT NULL DEFAULT false
                )""", """
                CREATE TABLE products (
                    product_id    integer PRIMARY KEY,
                    sku           varchar(20) NOT NULL UNIQUE,
                    name          text NOT NULL,
                    category      text NOT NULL,
                    unit_price    numeric(10,2) NOT NULL CHECK (unit_price >= 0),
                    discontinued  boolean NOT NULL DEFAULT false,
                    tags          text[] NOT NULL DEFAULT '{}',
                    attributes    jsonb
                )""", """
                CREATE TABLE orders (
                    order_id      bigint PRIMARY KEY,
                    customer_id   integer NOT NULL REFERENCES customers (customer_id),
                    status        text NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered',
                                      'cancelled', 'refunded')),
                    ordered_at    timestamptz NOT NULL,
                    shipped_at    timestamptz,
                    currency      char(3) NOT NULL,
                    shipping_fee  numeric(8,2) NOT NULL DEFAULT 0,
                    notes         text
                )""", """
                CREATE TABLE order_items (
                    order_id      bigint NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
                    line_no       smallint NOT NULL,
                    item_id       bigint NOT NULL UNIQUE,
                    product_id    integer NOT NULL REFERENCES products (product_id),
                    quantity      integer NOT NULL CHECK (quantity > 0),
                    unit_price    numeric(10,2) NOT NULL,
                    discount      numeric(4,3) NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount < 1),
                    PRIMARY KEY (order_id, line_no)
                )""",
                "CREATE INDEX orders_customer_id ON orders (customer_id)",
                "CREATE INDEX order_items_product_id ON order_items (product_id)",
                "GRANT SELECT ON customers, products TO " + APP,
                "GRANT SELECT, INSERT, UPDATE ON orders, order_items TO " + APP,
                "GRANT SELECT ON orders, order_items, customers TO " + SUPPORT,
                "ALTER TABLE orders ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY support_sees_open_orders ON orders FOR SELECT TO " + SUPPORT
                        + " USING (status <> 'cancelled')",
                "CREATE POLICY app_sees_all_orders ON orders TO " + APP + " USING (true)",
                "COMMENT ON TABLE orders IS 'One row per checkout; money in the order''s currency'");
    }
}
