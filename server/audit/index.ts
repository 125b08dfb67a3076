import type { Transaction } from "sequelize";
import type { Models } from "../db/models";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  data?: Record<string, unknown>;
}

/**
 * Append an audit event inside the caller's transaction: the event exists if and only if the change does.
 * The transaction is required on purpose.
 */
export async function recordAudit(
  models: Models,
  transaction: Transaction,
  entry: AuditEntry,
): Promise<void> {
  await models.AuditEvent.create(
    {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      data: JSON.stringify(entry.data ?? {}),
    },
    { transaction },
  );
}

export async function auditTrail(models: Models, entityType: string, entityId: string | number) {
  const rows = await models.AuditEvent.findAll({
    where: { entityType, entityId: String(entityId) },
    order: [["id", "ASC"]],
  });
  return rows.map((r) => ({
    id: r.id,
    actorId: r.actorId,
    action: r.action,
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: r.createdAt.toISOString(),
  }));
}
