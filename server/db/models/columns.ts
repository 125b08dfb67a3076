import { DataTypes, type Model } from "sequelize";

/**
 * Integer VND in a BIGINT column. Drivers may hand BIGINT back as a string (mysql2 does past 2^53, SQLite
 * never): read it as a number, one way for every money column.
 */
export function moneyColumn(name: string, defaultValue?: number) {
  return {
    type: DataTypes.BIGINT,
    allowNull: false,
    ...(defaultValue === undefined ? {} : { defaultValue }),
    get(this: Model) {
      return Number(this.getDataValue(name));
    },
  };
}

/** The same for an amount that may be absent (an open end of a price range). */
export function nullableMoneyColumn(name: string) {
  return {
    type: DataTypes.BIGINT,
    allowNull: true,
    get(this: Model) {
      const v = this.getDataValue(name) as number | string | null;
      return v === null ? null : Number(v);
    },
  };
}
