import type { Sequelize } from "sequelize";
import { defineAccountModels } from "./accounts";
import { defineAgreementModels } from "./agreements";
import { defineCatalogueModels } from "./catalogue";
import { defineConferenceModels } from "./conferences";
import { defineCooperativeModels } from "./cooperatives";
import { defineFairModels } from "./fairs";
import { defineMatchingModels } from "./matching";
import { defineOrderModels } from "./orders";
import { definePlatformModels } from "./platform";
import { defineQuoteModels } from "./quotes";

/** Models are defined per Sequelize instance, so tests and scripts can hold several databases at once. */
export function defineModels(sequelize: Sequelize) {
  const accounts = defineAccountModels(sequelize);
  const cooperatives = defineCooperativeModels(sequelize);
  const platform = definePlatformModels(sequelize);
  const catalogue = defineCatalogueModels(sequelize);
  const orders = defineOrderModels(sequelize);
  const fairs = defineFairModels(sequelize);
  const matching = defineMatchingModels(sequelize);
  const conferences = defineConferenceModels(sequelize);
  const agreements = defineAgreementModels(sequelize);
  const quotes = defineQuoteModels(sequelize);
  cooperatives.CooperativeMember.belongsTo(accounts.User, { foreignKey: "userId", as: "user" });
  catalogue.Product.belongsTo(cooperatives.Cooperative, { foreignKey: "cooperativeId", as: "cooperative" });
  cooperatives.Cooperative.hasMany(catalogue.Product, { foreignKey: "cooperativeId", as: "products" });
  orders.CartItem.belongsTo(catalogue.Product, { foreignKey: "productId", as: "product" });
  orders.Order.belongsTo(cooperatives.Cooperative, { foreignKey: "cooperativeId", as: "cooperative" });
  orders.Order.belongsTo(accounts.User, { foreignKey: "buyerId", as: "buyer" });
  orders.OrderEvent.belongsTo(accounts.User, { foreignKey: "actorId", as: "actor" });
  fairs.BoothBooking.belongsTo(cooperatives.Cooperative, { foreignKey: "cooperativeId", as: "cooperative" });
  fairs.BookingProduct.belongsTo(catalogue.Product, { foreignKey: "productId", as: "product" });
  fairs.BookingEvent.belongsTo(accounts.User, { foreignKey: "actorId", as: "actor" });
  matching.Demand.belongsTo(accounts.User, { foreignKey: "buyerId", as: "buyer" });
  matching.Demand.belongsTo(accounts.Organisation, { foreignKey: "organisationId", as: "organisation" });
  matching.Offer.belongsTo(cooperatives.Cooperative, { foreignKey: "cooperativeId", as: "cooperative" });
  matching.Offer.belongsTo(catalogue.Product, { foreignKey: "productId", as: "product" });
  matching.Match.belongsTo(matching.Offer, { foreignKey: "offerId", as: "offer" });
  matching.Match.belongsTo(matching.Demand, { foreignKey: "demandId", as: "demand" });
  matching.MatchMessage.belongsTo(accounts.User, { foreignKey: "authorId", as: "author" });
  conferences.ConferenceParticipant.belongsTo(accounts.User, { foreignKey: "userId", as: "user" });
  conferences.ConferenceParticipant.belongsTo(cooperatives.Cooperative, {
    foreignKey: "cooperativeId",
    as: "cooperative",
  });
  conferences.ConferenceMeeting.belongsTo(conferences.ConferenceSlot, { foreignKey: "slotId", as: "slot" });
  agreements.AgreementFollowUp.belongsTo(agreements.Agreement, {
    foreignKey: "agreementId",
    as: "agreement",
  });
  return {
    ...accounts,
    ...cooperatives,
    ...platform,
    ...catalogue,
    ...orders,
    ...fairs,
    ...matching,
    ...conferences,
    ...agreements,
    ...quotes,
  };
}

export type Models = ReturnType<typeof defineModels>;
