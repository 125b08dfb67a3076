import { Op, QueryTypes } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import type { Database } from "../db";
import { Conflict, Forbidden } from "../errors";
import { cooperativeContacts, type CooperativeContact } from "../cooperatives";
import { bankByBin } from "../payments/vietqr";
import { parseOrInvalid } from "../validation";
import { settleSchema } from "./schemas";

export interface LedgerBalance {
  cooperative: { id: number; slug: string; name: string };
  /** Where to send the money: the cooperative's own account (null when it has given none). */
  bank: { bin: string; bankName: string; accountNo: string; accountName: string } | null;
  /** Owed and not yet settled: card sales minus refunds. */
  unsettledVnd: number;
  unsettledEntries: number;
  settledVnd: number;
  lastSettlementAt: string | null;
}

export interface LedgerLine {
  id: number;
  orderCode: string;
  kind: "card_sale" | "refund";
  amountVnd: number;
  createdAt: string;
  settlementId: number | null;
}

function bankOf(contact: CooperativeContact | undefined): LedgerBalance["bank"] {
  if (!contact?.bank) return null;
  const bank = bankByBin(contact.bank.bin);
  return {
    bin: contact.bank.bin,
    bankName: bank ? `${bank.shortName} — ${bank.name}` : contact.bank.bin,
    accountNo: contact.bank.accountNo,
    accountName: contact.bank.accountName,
  };
}

/**
 * Stripe cannot pay out to Vietnamese businesses, so card money lands with the union and is passed on to
 * cooperatives by bank transfer. The ledger says what each cooperative is owed; staff settle it in batches.
 */
export function createLedger(db: Database) {
  const { models, sequelize } = db;

  function assertStaff(user: CurrentUser) {
    if (user.role !== "staff") throw new Forbidden();
  }

  return {
    async listBalances(user: CurrentUser): Promise<LedgerBalance[]> {
      assertStaff(user);
      const rows = await sequelize.query<{
        cooperative_id: number;
        slug: string;
        name: string;
        unsettled: number | string | null;
        unsettled_entries: number | string;
        settled: number | string | null;
        last_settlement: string | Date | null;
      }>(
        `SELECT l.cooperative_id, c.slug, c.name,
                SUM(CASE WHEN l.settlement_id IS NULL THEN l.amount_vnd ELSE 0 END) AS unsettled,
                SUM(CASE WHEN l.settlement_id IS NULL THEN 1 ELSE 0 END) AS unsettled_entries,
                SUM(CASE WHEN l.settlement_id IS NULL THEN 0 ELSE l.amount_vnd END) AS settled,
                (SELECT MAX(s.created_at) FROM settlements s WHERE s.cooperative_id = l.cooperative_id) AS last_settlement
           FROM ledger_entries l JOIN cooperatives c ON c.id = l.cooperative_id
          GROUP BY l.cooperative_id, c.slug, c.name
          ORDER BY unsettled DESC, c.name ASC`,
        { type: QueryTypes.SELECT },
      );
      const contacts = await cooperativeContacts(
        db,
        rows.map((r) => Number(r.cooperative_id)),
      );
      return rows.map((r) => ({
        cooperative: { id: Number(r.cooperative_id), slug: r.slug, name: r.name },
        bank: bankOf(contacts.get(Number(r.cooperative_id))),
        unsettledVnd: Number(r.unsettled ?? 0),
        unsettledEntries: Number(r.unsettled_entries ?? 0),
        settledVnd: Number(r.settled ?? 0),
        lastSettlementAt: r.last_settlement ? new Date(r.last_settlement).toISOString() : null,
      }));
    },

    async listEntries(user: CurrentUser, options: { cooperativeId?: number; unsettledOnly?: boolean } = {}) {
      assertStaff(user);
      const where: Record<string, unknown> = {};
      if (options.cooperativeId) where.cooperativeId = options.cooperativeId;
      if (options.unsettledOnly) where.settlementId = null;
      const rows = await models.LedgerEntry.findAll({
        where,
        include: [
          {
            model: models.Order,
            as: "order",
            attributes: ["code"],
            include: [{ model: models.Cooperative, as: "cooperative", attributes: ["name"] }],
          },
        ],
        order: [["id", "ASC"]],
      });
      return rows.map((r) => ({
        id: r.id,
        cooperativeId: r.cooperativeId,
        cooperativeName: (r.order as unknown as { cooperative?: { name: string } })?.cooperative?.name ?? "",
        orderCode: r.order?.code ?? "",
        kind: r.kind,
        amountVnd: r.amountVnd,
        createdAt: r.createdAt.toISOString(),
        settlementId: r.settlementId,
      }));
    },

    async listSettlements(user: CurrentUser, { cooperativeId }: { cooperativeId?: number } = {}) {
      assertStaff(user);
      const rows = await models.Settlement.findAll({
        where: cooperativeId ? { cooperativeId } : {},
        order: [["id", "DESC"]],
        limit: 50,
      });
      return rows.map((s) => ({
        id: s.id,
        cooperativeId: s.cooperativeId,
        amountVnd: s.amountVnd,
        entryCount: s.entryCount,
        reference: s.reference,
        createdAt: s.createdAt.toISOString(),
      }));
    },

    /**
     * Record that the union transferred what a cooperative was owed. Takes every unsettled entry at once;
     * the entries are claimed by a conditional update, so two staff settling together cannot pay twice.
     */
    async settleCooperative(user: CurrentUser, form: unknown) {
      assertStaff(user);
      const input = parseOrInvalid(settleSchema, form);
      return db.transaction(async (transaction) => {
        const open = await models.LedgerEntry.findAll({
          where: { cooperativeId: input.cooperativeId, settlementId: null },
          order: [["id", "ASC"]],
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        const amount = open.reduce((s, e) => s + e.amountVnd, 0);
        if (open.length === 0 || amount <= 0) throw new Conflict("nothing_to_settle");
        // Checked under the lock: a sale or refund that arrived after the page was read changes the amount.
        if (input.expectedVnd !== undefined && input.expectedVnd !== amount)
          throw new Conflict("ledger_changed");
        const settlement = await models.Settlement.create(
          {
            cooperativeId: input.cooperativeId,
            amountVnd: amount,
            entryCount: open.length,
            reference: input.reference,
            settledById: user.id,
          },
          { transaction },
        );
        const [claimed] = await models.LedgerEntry.update(
          { settlementId: settlement.id },
          { where: { id: { [Op.in]: open.map((e) => e.id) }, settlementId: null }, transaction },
        );
        if (claimed !== open.length) throw new Conflict("ledger_changed");
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "ledger.settled",
          entityType: "cooperative",
          entityId: input.cooperativeId,
          data: { settlementId: settlement.id, amount, entries: open.length, reference: input.reference },
        });
        return { settlementId: settlement.id, amountVnd: amount, entryCount: open.length };
      });
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
