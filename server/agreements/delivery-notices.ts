import type { Transaction } from "sequelize";
import { cooperativeContacts, notifyCooperativeContacts } from "../cooperatives";
import type { AgreementParty, AgreementRecord } from "../db/models/agreements";
import { resources } from "../i18n";
import { emailUser } from "../notifications";
import { formatDate, formatNumber, formatVnd } from "../vocabulary/format";
import type { Locale } from "../vocabulary/locale";
import type { AgreementContent } from "./content";
import type { AgreementKit } from "./kit";

/** The outbox templates (app/locales/*\/notifications.json) a delivery's life sends. */
export type DeliveryNotice =
  "agreement_delivery_recorded" | "agreement_delivery_confirmed" | "agreement_delivery_disputed";

/**
 * Tell one side of an agreement what the other did with a delivery, by e-mail through the notification outbox in
 * the caller's transaction: the buyer at their own address, the cooperative at its contacts; each in their own
 * language (amounts, dates and the unit written in it), with the sender named as the sealed content names it and
 * a link back to the agreement.
 */
export async function notifyDeliveryParty(
  kit: AgreementKit,
  transaction: Transaction,
  {
    to,
    template,
    agreement,
    content,
    delivery,
    reason,
  }: {
    to: AgreementParty;
    template: DeliveryNotice;
    agreement: AgreementRecord;
    content: AgreementContent;
    delivery: { deliveredOn: string; quantity: number; valueVnd: number };
    reason?: string | null;
  },
) {
  const { models } = kit;
  const from = to === "buyer" ? content.parties.supplier.legalName : content.parties.buyer.legalName;
  const params = (locale: Locale) => ({
    from,
    agreement: agreement.publicId,
    product: content.product.name,
    quantity: `${formatNumber(delivery.quantity, locale)} ${resources[locale].catalogue.unit[content.unit]}`,
    date: formatDate(delivery.deliveredOn, locale),
    value: formatVnd(delivery.valueVnd, locale),
    reason: reason ?? "",
    link: `${kit.origin}/agreements/${agreement.publicId}`,
  });
  if (to === "buyer") {
    const buyer = await models.User.findByPk(agreement.buyerId, { transaction });
    if (!buyer || buyer.disabledAt) return;
    await emailUser(models, transaction, buyer, template, params);
    return;
  }
  const contacts = await cooperativeContacts(kit.db, [agreement.cooperativeId], transaction);
  await notifyCooperativeContacts(
    models,
    transaction,
    contacts.get(agreement.cooperativeId),
    template,
    params,
  );
}
