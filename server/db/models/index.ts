import type { Sequelize } from "sequelize";
import { defineAccountModels } from "./accounts";
import { defineCooperativeModels } from "./cooperatives";
import { definePlatformModels } from "./platform";

/** Models are defined per Sequelize instance, so tests and scripts can hold several databases at once. */
export function defineModels(sequelize: Sequelize) {
  const accounts = defineAccountModels(sequelize);
  const cooperatives = defineCooperativeModels(sequelize);
  const platform = definePlatformModels(sequelize);
  cooperatives.CooperativeMember.belongsTo(accounts.User, { foreignKey: "userId", as: "user" });
  return { ...accounts, ...cooperatives, ...platform };
}

export type Models = ReturnType<typeof defineModels>;
