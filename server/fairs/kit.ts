import { Transaction } from "sequelize";
import { approvedCooperativeOf, type CurrentUser } from "../accounts/current-user";
import type { ProductLookup } from "../catalogue/product-lookup";
import { cooperativeContacts, notifyCooperativeContacts } from "../cooperatives";
import type { Database } from "../db";
import type { BookingRecord, FairRecord } from "../db/models/fairs";
import type { TransactionOptions } from "../db/transaction";
import { Forbidden, NotFound } from "../errors";
import type { ImageStorage } from "../images";
import type { Logger } from "../logger";
import type { CardGateway } from "../payments/stripe";
import type { Locale } from "../vocabulary/locale";
import { fairIsOver } from "./views";

/** What fairs need of the catalogue: a cooperative's products, never its tables (the catalogue's `lookup`). */
export type FairsCatalogue = Pick<
  ProductLookup,
  "activeProductsOf" | "ownActiveProductIds" | "productsByIds"
>;
export type { LookedUpProduct as ExhibitedProduct } from "../catalogue/product-lookup";

export interface FairsDeps {
  db: Database;
  logger: Logger;
  storage: ImageStorage;
  gateway: CardGateway | null;
  catalogue: FairsCatalogue;
  now?: () => Date;
}

/**
 * What every fairs use case shares: the dependencies, the one way to open a fair transaction, who may act, and
 * how a booking is locked. Built once by index.ts and handed to each group of use cases.
 */
export function fairsKit({ db, logger, storage, gateway, catalogue, now = () => new Date() }: FairsDeps) {
  const { models } = db;
  /**
   * Every fair write runs at READ COMMITTED on MySQL. Under REPEATABLE READ a count made after waiting for a lock
   * reads the snapshot taken before the wait (five holds at once passed a limit of two), and the gap locks taken
   * when a booking lets go of one booth deadlocked with a waitlist offer inserting the neighbouring booth.
   */
  const isolationLevel = db.dialect === "mysql" ? Transaction.ISOLATION_LEVELS.READ_COMMITTED : undefined;
  const transact = <T>(
    work: (transaction: Transaction) => Promise<T>,
    options: Omit<TransactionOptions, "isolationLevel"> = {},
  ) => db.transaction(work, { ...options, isolationLevel });

  function assertStaff(user: CurrentUser) {
    if (user.role !== "staff") throw new Forbidden();
  }

  const cooperativeOf = approvedCooperativeOf;

  async function loadFair(idOrSlug: number | string, transaction?: Transaction) {
    const fair =
      typeof idOrSlug === "number"
        ? await models.Fair.findByPk(idOrSlug, { transaction })
        : await models.Fair.findOne({ where: { slug: idOrSlug }, transaction });
    if (!fair) throw new NotFound("fair_not_found");
    return fair;
  }

  function bookingOpen(fair: FairRecord) {
    const t = now().getTime();
    return (
      fair.status === "open" &&
      fair.bookingOpensAt.getTime() <= t &&
      t < fair.bookingClosesAt.getTime() &&
      !fairIsOver(fair, now())
    );
  }

  /**
   * Lock a booking, then its fair's row. Changes to one fair's bookings queue on the fair: a booking letting go
   * of one booth while another's release offers a booth to the same waiting cooperative otherwise deadlocked on
   * MariaDB (one held the booth index, the other the cooperative). Always booking first, then fair.
   */
  async function lockBookingRow(where: { publicId: string } | { id: number }, transaction: Transaction) {
    const booking = await models.BoothBooking.findOne({ where, transaction, lock: transaction.LOCK.UPDATE });
    if (booking)
      await models.Fair.findByPk(booking.fairId, {
        transaction,
        lock: transaction.LOCK.UPDATE,
        attributes: ["id"],
      });
    return booking;
  }

  async function lockBooking(publicId: string, transaction: Transaction) {
    const booking = await lockBookingRow({ publicId }, transaction);
    if (!booking) throw new NotFound("booking_not_found");
    return booking;
  }

  /** A cooperative sees only its own bookings (someone else's "does not exist"); staff see all. */
  function ownBooking(user: CurrentUser, booking: BookingRecord) {
    if (user.role === "staff") return;
    if (user.cooperative?.id !== booking.cooperativeId) throw new NotFound("booking_not_found");
  }

  /** Tell a cooperative's people about its booking, the fair named in each one's language. */
  async function notifyCooperative(
    transaction: Transaction,
    cooperativeId: number,
    template: string,
    fair: FairRecord,
    params: Record<string, string>,
    localised: (locale: Locale) => Record<string, string> = () => ({}),
  ) {
    const contact = (await cooperativeContacts(db, [cooperativeId], transaction)).get(cooperativeId);
    await notifyCooperativeContacts(models, transaction, contact, template, (locale) => ({
      fair: locale === "en" && fair.nameEn ? fair.nameEn : fair.nameVi,
      ...params,
      ...localised(locale),
    }));
  }

  return {
    db,
    models,
    logger,
    storage,
    gateway,
    catalogue,
    now,
    transact,
    assertStaff,
    cooperativeOf,
    loadFair,
    bookingOpen,
    lockBookingRow,
    lockBooking,
    ownBooking,
    notifyCooperative,
  };
}

export type FairsKit = ReturnType<typeof fairsKit>;
