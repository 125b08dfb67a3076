import { randomBytes } from "node:crypto";
import { Op } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { Database } from "../db";
import { NotFound } from "../errors";
import { IMPORT_REPORT_HOURS, type ImportReport } from "./csv-columns";

/**
 * The row report of an import or a check, kept a day under a random id for the person who ran it, so the page can
 * offer it as a CSV without the file being sent again (decision 0032). Reports older than a day are deleted when
 * the next one is saved.
 */
const expiry = () => new Date(Date.now() - IMPORT_REPORT_HOURS * 3600_000);

export async function saveImportReport(
  db: Database,
  user: CurrentUser,
  report: ImportReport,
): Promise<string> {
  const id = randomBytes(16).toString("hex");
  await db.transaction(async (transaction) => {
    await db.models.ImportReport.destroy({ where: { createdAt: { [Op.lt]: expiry() } }, transaction });
    await db.models.ImportReport.create(
      { id, userId: user.id, report: JSON.stringify(report) },
      { transaction },
    );
  });
  return id;
}

/** One's own report while it is kept; anyone else's, or an expired one, is not found. */
export async function loadImportReport(db: Database, user: CurrentUser, id: string): Promise<ImportReport> {
  const row = /^[0-9a-f]{32}$/.test(id)
    ? await db.models.ImportReport.findOne({
        where: { id, userId: user.id, createdAt: { [Op.gte]: expiry() } },
      })
    : null;
  if (!row) throw new NotFound("not_found");
  return JSON.parse(row.report) as ImportReport;
}
