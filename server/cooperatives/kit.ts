import type { Transaction } from "sequelize";
import type { AccountsService } from "../accounts";
import type { Database } from "../db";
import type { EventPublisher } from "../events";
import type { ImageStorage } from "../images";

export interface CooperativesDeps {
  db: Database;
  storage: ImageStorage;
  events: EventPublisher;
  /** Opening a cooperative's account is opening an account that brings its cooperative with it. */
  accounts: Pick<AccountsService, "registerAccount">;
}

/** What every cooperatives use case shares; built once by index.ts and handed to each group. */
export function cooperativesKit({ db, storage, events, accounts }: CooperativesDeps) {
  const { models, sequelize } = db;
  const withSectors = [{ model: models.CooperativeSector, as: "sectors" }];

  async function membersOf(cooperativeId: number, transaction: Transaction) {
    return models.CooperativeMember.findAll({
      where: { cooperativeId },
      include: [{ model: models.User, as: "user" }],
      transaction,
    });
  }

  return { db, models, sequelize, storage, events, accounts, withSectors, membersOf };
}

export type CooperativesKit = ReturnType<typeof cooperativesKit>;
