import { type Transaction } from "sequelize";
import type { Database } from "../db";
import { enqueueNotification } from "../notifications";
import type { Locale } from "../vocabulary/locale";

export interface CooperativeContact {
  id: number;
  name: string;
  slug: string;
  bank: { bin: string; accountNo: string; accountName: string } | null;
  /** Where order notifications go: the cooperative's address, else its owners'. */
  recipients: Array<{ userId: number | null; email: string; locale: Locale }>;
}

/** What orders need to know about the cooperatives they are placed with: payment account and who to notify. */
export async function cooperativeContacts(
  db: Database,
  ids: number[],
  transaction?: Transaction,
): Promise<Map<number, CooperativeContact>> {
  if (ids.length === 0) return new Map();
  const { models } = db;
  const rows = await models.Cooperative.findAll({ where: { id: ids }, transaction });
  const members = await models.CooperativeMember.findAll({
    where: { cooperativeId: ids },
    include: [{ model: models.User, as: "user" }],
    transaction,
  });
  return new Map(
    rows.map((c) => {
      const owners = members
        .filter((m) => m.cooperativeId === c.id)
        .map((m) => (m as typeof m & { user?: { id: number; email: string; locale: Locale } }).user)
        .filter((u): u is { id: number; email: string; locale: Locale } => !!u);
      const recipients = c.email
        ? [{ userId: owners[0]?.id ?? null, email: c.email, locale: owners[0]?.locale ?? "vi" }]
        : owners.map((u) => ({ userId: u.id, email: u.email, locale: u.locale }));
      return [
        c.id,
        {
          id: c.id,
          name: c.name,
          slug: c.slug,
          bank:
            c.bankBin && c.bankAccountNo && c.bankAccountName
              ? { bin: c.bankBin, accountNo: c.bankAccountNo, accountName: c.bankAccountName }
              : null,
          recipients,
        },
      ];
    }),
  );
}

/**
 * Write one notification per person a cooperative is reached at, in each one's language: `params` gets the
 * recipient's locale for what must be written in it (amounts, dates, names that exist in both languages).
 */
export async function notifyCooperativeContacts(
  models: Database["models"],
  transaction: Transaction,
  contact: CooperativeContact | undefined,
  template: string,
  params: (locale: Locale) => Record<string, string>,
) {
  for (const r of contact?.recipients ?? [])
    await enqueueNotification(models, transaction, {
      userId: r.userId,
      channel: "email",
      recipient: r.email,
      template,
      locale: r.locale,
      params: { cooperative: contact!.name, ...params(r.locale) },
    });
}
