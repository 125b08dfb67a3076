/**
 * The database afterwards: invariants no request may break (as SQL counting the rows that break them), text
 * longer than its column, and row counts to see whether a refused request wrote anything.
 */
import type { Transaction } from "sequelize";
import {
  CERTIFICATIONS,
  MAX_CHECKOUT_VND,
  MAX_LINE_QUANTITY,
  MAX_PRICE_VND,
  SECTORS,
} from "../../../server/vocabulary/domain";
import type { Container } from "../../../server/context";
import type { Problem } from "./answers";

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
const ACTIVE_BOOKING = list(["held", "pending_approval", "pending_payment", "booked"]);

/** What no request may leave behind, as SQL counting the rows that break it (0 when it holds). */
export const INVARIANTS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: "cooperative user without a membership",
    sql: `SELECT COUNT(*) AS n FROM users u WHERE u.role = 'cooperative'
          AND NOT EXISTS (SELECT 1 FROM cooperative_members m WHERE m.user_id = u.id)`,
  },
  {
    name: "cooperative without a member",
    sql: `SELECT COUNT(*) AS n FROM cooperatives c
          WHERE NOT EXISTS (SELECT 1 FROM cooperative_members m WHERE m.cooperative_id = c.id)`,
  },
  {
    name: "cooperative without a sector",
    sql: `SELECT COUNT(*) AS n FROM cooperatives c
          WHERE NOT EXISTS (SELECT 1 FROM cooperative_sectors s WHERE s.cooperative_id = c.id)`,
  },
  {
    name: "sector outside the list",
    sql: `SELECT COUNT(*) AS n FROM cooperative_sectors WHERE sector NOT IN (${list(SECTORS)})`,
  },
  {
    name: "rejected cooperative without a reason",
    sql: `SELECT COUNT(*) AS n FROM cooperatives WHERE status = 'rejected' AND rejection_reason IS NULL`,
  },
  {
    name: "membership of a missing user or cooperative",
    sql: `SELECT COUNT(*) AS n FROM cooperative_members m
          WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.user_id)
             OR NOT EXISTS (SELECT 1 FROM cooperatives c WHERE c.id = m.cooperative_id)`,
  },
  {
    name: "user of a missing organisation",
    sql: `SELECT COUNT(*) AS n FROM users u WHERE u.organisation_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = u.organisation_id)`,
  },
  {
    name: "session of a missing user",
    sql: `SELECT COUNT(*) AS n FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id)`,
  },
  {
    name: "product price or stock out of bounds",
    sql: `SELECT COUNT(*) AS n FROM products WHERE price_vnd < 0 OR price_vnd > ${MAX_PRICE_VND}
          OR stock < 0 OR min_order_qty < 1`,
  },
  {
    name: "certification outside the list",
    sql: `SELECT COUNT(*) AS n FROM product_certifications WHERE certification NOT IN (${list(CERTIFICATIONS)})`,
  },
  {
    name: "child row of a missing product",
    sql: `SELECT (SELECT COUNT(*) FROM product_certifications x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
               + (SELECT COUNT(*) FROM product_images x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
               + (SELECT COUNT(*) FROM product_batches x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
               + (SELECT COUNT(*) FROM product_ocop x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
               + (SELECT COUNT(*) FROM cart_items x WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = x.product_id))
            AS n`,
  },
  {
    name: "product of a missing cooperative",
    sql: `SELECT COUNT(*) AS n FROM products p WHERE NOT EXISTS (SELECT 1 FROM cooperatives c WHERE c.id = p.cooperative_id)`,
  },
  {
    name: "cart line out of bounds or of a missing cart",
    sql: `SELECT COUNT(*) AS n FROM cart_items i WHERE i.quantity < 1 OR i.quantity > ${MAX_LINE_QUANTITY}
          OR NOT EXISTS (SELECT 1 FROM carts c WHERE c.id = i.cart_id)`,
  },
  {
    name: "checkout without orders",
    sql: `SELECT COUNT(*) AS n FROM checkouts c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.checkout_id = c.id)`,
  },
  {
    name: "order without items",
    sql: `SELECT COUNT(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)`,
  },
  {
    name: "order without its history",
    sql: `SELECT COUNT(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id)`,
  },
  {
    name: "order of a missing checkout, item of a missing order",
    sql: `SELECT (SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM checkouts c WHERE c.id = o.checkout_id))
               + (SELECT COUNT(*) FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id))
            AS n`,
  },
  {
    name: "order line total is not price × quantity",
    sql: `SELECT COUNT(*) AS n FROM order_items WHERE quantity < 1 OR unit_price_vnd < 0
          OR line_total_vnd <> unit_price_vnd * quantity`,
  },
  {
    name: "order subtotal is not the sum of its lines",
    sql: `SELECT COUNT(*) AS n FROM orders o
          WHERE o.subtotal_vnd <> (SELECT COALESCE(SUM(i.line_total_vnd), 0) FROM order_items i WHERE i.order_id = o.id)`,
  },
  {
    name: "checkout total is not the sum of its orders, or over the bound",
    sql: `SELECT COUNT(*) AS n FROM checkouts c WHERE c.total_vnd > ${MAX_CHECKOUT_VND}
          OR c.total_vnd <> (SELECT COALESCE(SUM(o.subtotal_vnd), 0) FROM orders o WHERE o.checkout_id = c.id)`,
  },
  {
    name: "shipped order without carrier and tracking number",
    sql: `SELECT COUNT(*) AS n FROM orders WHERE status IN ('shipped', 'delivered')
          AND (carrier IS NULL OR tracking_number IS NULL)`,
  },
  {
    name: "booking holds a booth it should not (or lost the one it should hold)",
    sql: `SELECT COUNT(*) AS n FROM booth_bookings
          WHERE (status IN (${ACTIVE_BOOKING}) AND (active_booth_id IS NULL OR active_booth_id <> booth_id))
             OR (status NOT IN (${ACTIVE_BOOKING}) AND active_booth_id IS NOT NULL)`,
  },
  {
    name: "booking without its history",
    sql: `SELECT COUNT(*) AS n FROM booth_bookings b
          WHERE NOT EXISTS (SELECT 1 FROM booking_events e WHERE e.booking_id = b.id)`,
  },
  {
    name: "booking shows another cooperative's product",
    sql: `SELECT COUNT(*) AS n FROM booking_products bp
          JOIN booth_bookings b ON b.id = bp.booking_id
          JOIN products p ON p.id = bp.product_id
          WHERE p.cooperative_id <> b.cooperative_id`,
  },
  {
    name: "booth in another fair's hall, or priced out of bounds",
    sql: `SELECT COUNT(*) AS n FROM booths b JOIN fair_halls h ON h.id = b.hall_id
          WHERE h.fair_id <> b.fair_id OR b.price_vnd < 0 OR b.price_vnd > ${MAX_PRICE_VND}`,
  },
  {
    name: "fair ends before it starts, or closes booking before it opens",
    sql: `SELECT COUNT(*) AS n FROM fairs WHERE ends_on < starts_on OR booking_closes_at <= booking_opens_at`,
  },
];

type Db = Container["db"];

/**
 * Text longer than its column: MySQL refuses it (a 500 when nothing checked the length after the last change to
 * the text), SQLite stores it silently. One check per VARCHAR column of every model.
 */
export function columnLimits(db: Db): Array<{ name: string; sql: string }> {
  const length = db.sequelize.getDialect() === "mysql" ? "CHAR_LENGTH" : "LENGTH";
  const out: Array<{ name: string; sql: string }> = [];
  for (const model of Object.values(db.sequelize.models)) {
    const table = model.getTableName() as string;
    for (const attribute of Object.values(model.getAttributes())) {
      const type = attribute.type as { key?: string; _length?: number };
      if (type.key !== "STRING" || !type._length) continue;
      const column = attribute.field ?? "";
      out.push({
        name: `${table}.${column} longer than ${type._length}`,
        sql: `SELECT COUNT(*) AS n FROM \`${table}\` WHERE ${length}(\`${column}\`) > ${type._length}`,
      });
    }
  }
  return out;
}

/** How many rows of these tables hold text longer than its column, per column (SQLite keeps it, MySQL refuses). */
export async function overlongText(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const { name, sql } of columnLimits(db).filter((c) =>
    tables.some((t) => c.name.startsWith(`${t}.`)),
  )) {
    const [rows] = await db.sequelize.query(sql);
    found[name] = Number((rows as Array<{ n: unknown }>)[0]?.n ?? 0);
  }
  return found;
}

/** The columns that got more over-long text between two overlongText() counts, as problems. */
export function overlongProblems(before: Record<string, number>, after: Record<string, number>): Problem[] {
  return Object.keys(after)
    .filter((name) => after[name]! > (before[name] ?? 0))
    .map((name) => ({ kind: `stored text longer than its column: ${name}` }));
}

/** How many rows break each invariant (column limits included). */
export async function invariantCounts(db: Db, transaction?: Transaction): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { name, sql } of [...INVARIANTS, ...columnLimits(db)]) {
    const [rows] = await db.sequelize.query(sql, { transaction });
    counts.set(name, Number((rows as Array<{ n: unknown }>)[0]?.n ?? 0));
  }
  return counts;
}

/** Invariants broken by more rows than before. */
export function newlyBroken(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after]
    .filter(([name, n]) => n > (before.get(name) ?? 0))
    .map(([name, n]) => `${name}: ${n - (before.get(name) ?? 0)} more row(s)`);
}

/** Row counts of some tables (and total stock), to see whether a refused request wrote anything. */
export async function snapshot(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const sql =
      table === "stock"
        ? "SELECT COALESCE(SUM(stock), 0) AS n FROM products"
        : `SELECT COUNT(*) AS n FROM ${table}`;
    const [rows] = await db.sequelize.query(sql);
    out[table] = Number((rows as Array<{ n: unknown }>)[0]?.n ?? 0);
  }
  return out;
}

/** What changed between two snapshots, as "table +n". */
export function changes(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(before)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k} ${after[k]! - before[k]! > 0 ? "+" : ""}${after[k]! - before[k]!}`);
}
