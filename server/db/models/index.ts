import type { Sequelize } from "sequelize";
import { defineAccountModels } from "./accounts";
import { defineCatalogueModels } from "./catalogue";
import { defineCooperativeModels } from "./cooperatives";
import { definePlatformModels } from "./platform";

/** Models are defined per Sequelize instance, so tests and scripts can hold several databases at once. */
export function defineModels(sequelize: Sequelize) {
  const accounts = defineAccountModels(sequelize);
  const cooperatives = defineCooperativeModels(sequelize);
  const platform = definePlatformModels(sequelize);
  const catalogue = defineCatalogueModels(sequelize);
  cooperatives.CooperativeMember.belongsTo(accounts.User, { foreignKey: "userId", as: "user" });
  catalogue.Product.belongsTo(cooperatives.Cooperative, { foreignKey: "cooperativeId", as: "cooperative" });
  cooperatives.Cooperative.hasMany(catalogue.Product, { foreignKey: "cooperativeId", as: "products" });
  return { ...accounts, ...cooperatives, ...platform, ...catalogue };
}

export type Models = ReturnType<typeof defineModels>;
