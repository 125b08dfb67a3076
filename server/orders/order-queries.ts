import { addressView } from "../vocabulary/wards";
import { Op, type WhereOptions } from "sequelize";
import type { OrderStatus } from "../vocabulary/domain";
import type { CurrentUser } from "../accounts/current-user";
import { cooperativeContacts } from "../cooperatives";
import { Forbidden, NotFound } from "../errors";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import { ORDERS_PAGE_SIZE, type OrdersKit } from "./kit";
import { orderListQuerySchema, type OrderListQuery } from "./schemas";
import { availableActions } from "./state-machine";
import { amountDueOf, summaryOf, type Loaded, type OrderDetail } from "./views";

/** Who sees which orders: the buyer's, the cooperative's (with its CSV), all of them for staff; one in detail. */
export function orderQueries(kit: OrdersKit) {
  const { db, models, gateway, orderIncludes, bankInstructions, actorFor, cooperativeScope } = kit;

  function buildOrderWhere(q: OrderListQuery, base: WhereOptions): WhereOptions {
    const where: Record<string | symbol, unknown> = { ...(base as object) };
    if (q.status) where.status = q.status;
    const created: Record<symbol, Date> = {};
    // Dates are days in Vietnam (UTC+7).
    if (q.from) created[Op.gte] = new Date(`${q.from}T00:00:00+07:00`);
    if (q.to) created[Op.lt] = new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000);
    if (q.from || q.to) where.createdAt = created;
    if (q.q) where.code = { [Op.like]: `%${q.q.toUpperCase().replace(/[%_]/g, "")}%` };
    return where as WhereOptions;
  }

  async function list(base: WhereOptions, raw: unknown, perPage = ORDERS_PAGE_SIZE) {
    const q = parseOrInvalid(orderListQuerySchema, raw);
    const where = buildOrderWhere(q, base);
    // The page with each order's line count (a subquery, not a statement per order), and the total beside it:
    // counting needs neither the cooperative nor the buyer joined.
    const [rows, count] = await Promise.all([
      models.Order.findAll({
        where,
        attributes: {
          include: [
            [
              db.sequelize.literal("(SELECT COUNT(*) FROM order_items oi WHERE oi.order_id = `Order`.`id`)"),
              "itemCount",
            ],
          ],
        },
        include: [
          { model: models.Cooperative, as: "cooperative", attributes: ["id", "slug", "name"] },
          { model: models.User, as: "buyer", attributes: ["id", "fullName"] },
        ],
        order: [
          ["createdAt", "DESC"],
          ["id", "DESC"],
        ],
        limit: perPage,
        offset: (q.page - 1) * perPage,
      }),
      models.Order.count({ where }),
    ]);
    return {
      query: q,
      orders: rows.map((r) => summaryOf(r as Loaded, Number(r.get("itemCount")))),
      total: count,
      page: q.page,
      perPage,
    };
  }

  return {
    listBuyerOrders(user: CurrentUser, { query }: { query: unknown }) {
      return list({ buyerId: user.id }, query);
    },

    listCooperativeOrders(user: CurrentUser, { query }: { query: unknown }) {
      return list({ cooperativeId: cooperativeScope(user) }, query);
    },

    listAllOrders(user: CurrentUser, { query }: { query: unknown }) {
      if (user.role !== "staff") throw new Forbidden();
      return list({}, query);
    },

    /** Orders by status for a cooperative's dashboard tabs. */
    async countCooperativeOrders(user: CurrentUser): Promise<Partial<Record<OrderStatus, number>>> {
      const rows = (await models.Order.count({
        where: { cooperativeId: cooperativeScope(user) },
        group: ["status"],
      })) as unknown as Array<{ status: OrderStatus; count: number }>;
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
    },

    async getOrder(
      user: CurrentUser,
      { code, locale }: { code: string; locale: Locale },
    ): Promise<OrderDetail> {
      const order = (await models.Order.findOne({
        where: { code },
        include: [
          ...orderIncludes(),
          { model: models.Checkout, as: "checkout" },
          {
            model: models.OrderEvent,
            as: "events",
            include: [{ model: models.User, as: "actor", attributes: ["id", "fullName"] }],
          },
        ],
        order: [
          [{ model: models.OrderEvent, as: "events" }, "id", "ASC"],
          [{ model: models.OrderItem, as: "items" }, "id", "ASC"],
        ],
      })) as Loaded | null;
      if (!order) throw new NotFound("order_not_found");
      const viewerAs = actorFor(user, order);
      const contact = (await cooperativeContacts(db, [order.cooperativeId])).get(order.cooperativeId);
      const checkout = order.checkout!;
      return {
        ...summaryOf(order),
        checkoutPublicId: checkout.publicId,
        transferReference: order.transferReference,
        carrier: order.carrier,
        trackingNumber: order.trackingNumber,
        cancelReason: order.cancelReason,
        paidAt: order.paidAt?.toISOString() ?? null,
        contact: {
          name: checkout.contactName,
          phone: checkout.phone,
          email: checkout.email,
          location: addressView(checkout),
          address: checkout.address,
          note: checkout.note,
          business:
            checkout.organisationName && checkout.taxCode
              ? {
                  organisationName: checkout.organisationName,
                  taxCode: checkout.taxCode,
                  purchaseOrderNo: checkout.purchaseOrderNo,
                }
              : null,
          invoice:
            checkout.invoiceName && checkout.invoiceAddress && checkout.invoiceEmail
              ? { name: checkout.invoiceName, address: checkout.invoiceAddress, email: checkout.invoiceEmail }
              : null,
        },
        items: (order.items ?? []).map((i) => ({
          productId: i.productId,
          sku: i.sku,
          name: locale === "en" && i.nameEn ? i.nameEn : i.nameVi,
          unit: i.unit,
          unitPriceVnd: i.unitPriceVnd,
          quantity: i.quantity,
          lineTotalVnd: i.lineTotalVnd,
        })),
        timeline: (order.events ?? []).map((e) => ({
          from: e.fromStatus,
          to: e.toStatus,
          actorKind: e.actorKind,
          actorName: e.actor?.fullName ?? null,
          note: e.note,
          at: e.createdAt.toISOString(),
        })),
        bankTransfer: viewerAs === "buyer" ? await bankInstructions(order, contact) : null,
        viewerAs,
        actions: availableActions(order, viewerAs).filter((a) => a !== "refund" || gateway !== null),
      };
    },
    /** CSV of a cooperative's orders (one row per item), with the filters of its list. */
    async exportCooperativeOrders(user: CurrentUser, { query }: { query: unknown }) {
      const q = parseOrInvalid(orderListQuerySchema, query);
      const where = buildOrderWhere(q, { cooperativeId: cooperativeScope(user) });
      const orders = (await models.Order.findAll({
        where,
        include: [...orderIncludes(), { model: models.Checkout, as: "checkout" }],
        order: [
          ["createdAt", "ASC"],
          ["id", "ASC"],
          [{ model: models.OrderItem, as: "items" }, "id", "ASC"],
        ],
      })) as Loaded[];
      return orders.flatMap((o) =>
        (o.items ?? []).map((i) => ({
          code: o.code,
          createdAt: o.createdAt.toISOString(),
          status: o.status,
          paymentMethod: o.paymentMethod,
          paymentStatus: o.paymentStatus,
          buyer: o.checkout?.contactName ?? "",
          phone: o.checkout?.phone ?? "",
          location: addressView({
            address: o.checkout?.address,
            provinceCode: o.checkout?.provinceCode ?? null,
            wardCode: o.checkout?.wardCode ?? null,
            formerUnits: o.checkout?.formerUnits,
          }),
          address: o.checkout?.address ?? "",
          sku: i.sku,
          product: i.nameVi,
          unit: i.unit,
          quantity: i.quantity,
          unitPriceVnd: i.unitPriceVnd,
          lineTotalVnd: i.lineTotalVnd,
          shippingFeeVnd: o.shippingFeeVnd,
          orderTotalVnd: amountDueOf(o),
          carrier: o.carrier ?? "",
          trackingNumber: o.trackingNumber ?? "",
        })),
      );
    },
  };
}
