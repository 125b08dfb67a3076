import { DataTypes, type QueryInterface } from "sequelize";
import { dropColumn } from "./helpers";

/**
 * A checkout for a business (issue 15): the organisation and tax code its orders are for, the buyer's own
 * purchase-order number, and the VAT e-invoice asked for (name, address, mailbox). All empty for a household.
 * On the checkout, as the contact and address are: every cooperative's order of it shows the same.
 */
const COLUMNS = [
  ["organisation_name", 200],
  ["tax_code", 14],
  ["purchase_order_no", 60],
  ["invoice_name", 200],
  ["invoice_address", 300],
  ["invoice_email", 254],
] as const;

export async function up(qi: QueryInterface) {
  for (const [name, length] of COLUMNS)
    await qi.addColumn("checkouts", name, { type: DataTypes.STRING(length), allowNull: true });
}

/** In place: Sequelize's SQLite removeColumn rebuilds the table and makes each column of the composite unique
 * (buyer_id, submission_key) unique on its own, so a buyer's second checkout would be refused. */
export async function down(qi: QueryInterface) {
  for (const [name] of [...COLUMNS].reverse()) await dropColumn(qi, "checkouts", name);
}
