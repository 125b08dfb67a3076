import { DataTypes, type QueryInterface } from "sequelize";

/**
 * What a signature rests on, kept beside it (server/agreements/signers.ts): nothing more for a password signature
 * (the audit chain has the re-authentication), the scan's SHA-256 for a paper one, and for a party's own digital
 * signature when one is added (a USB token, a licensed CA's remote signing) its CMS signature over the content hash.
 */
export async function up(qi: QueryInterface) {
  await qi.addColumn("agreement_signatures", "evidence", { type: DataTypes.TEXT, allowNull: true });
}

export async function down(qi: QueryInterface) {
  await qi.removeColumn("agreement_signatures", "evidence");
}
