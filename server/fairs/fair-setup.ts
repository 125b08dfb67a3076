import { Op } from "sequelize";
import { FAIR_STATUS_MOVES, type BoothState, type FairStatus } from "../vocabulary/domain";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit";
import { freeSlug, isSlugRace } from "../db/slugs";
import { Conflict, Invalid, NotFound } from "../errors";
import { processImage } from "../images";
import { TransitionRefused } from "../lifecycle";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import { fitsIn, overlaps, planGrid } from "./floor-plan";
import type { FairsKit } from "./kit";
import { boothSchema, fairSchema, gridSchema, hallNamesSchema, hallSchema, type FairInput } from "./schemas";
import { summaryOf, type FairViews, type StoredCover } from "./views";

function fairColumns(input: FairInput) {
  return {
    nameVi: input.nameVi,
    nameEn: input.nameEn ?? null,
    descriptionVi: input.descriptionVi,
    descriptionEn: input.descriptionEn ?? null,
    organiser: input.organiser,
    organiserEn: input.organiserEn ?? null,
    venue: input.venue,
    venueEn: input.venueEn ?? null,
    provinceCode: input.provinceCode,
    wardCode: input.wardCode,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    bookingOpensAt: input.bookingOpensAt,
    bookingClosesAt: input.bookingClosesAt,
    maxBoothsPerCooperative: input.maxBoothsPerCooperative,
    requiresApproval: input.requiresApproval,
    holdMinutes: input.holdMinutes,
    transferDays: input.transferDays,
    offerHours: input.offerHours,
    bankBin: input.bankBin ?? null,
    bankAccountNo: input.bankAccountNo ?? null,
    bankAccountName: input.bankAccountName ?? null,
  };
}

/** How staff set a fair up: its details, status and cover, halls, booth grids and single booths. */
export function fairSetup(kit: FairsKit, views: FairViews) {
  const { models, storage, transact, assertStaff, loadFair } = kit;
  return {
    async listFairsForStaff(user: CurrentUser, { locale }: { locale: Locale }) {
      assertStaff(user);
      const fairs = await models.Fair.findAll({ order: [["startsOn", "DESC"]] });
      const c = await views.counts(fairs.map((f) => f.id));
      const pending = await models.BoothBooking.count({
        where: { fairId: fairs.map((f) => f.id), status: "pending_approval" },
        group: ["fairId"],
      });
      const pendingBy = new Map(
        (pending as unknown as Array<{ fairId: number; count: number }>).map((p) => [
          Number(p.fairId),
          Number(p.count),
        ]),
      );
      return fairs.map((f) => ({
        ...summaryOf(f, locale, c.get(f.id), kit.now()),
        pendingApproval: pendingBy.get(f.id) ?? 0,
      }));
    },

    async createFair(user: CurrentUser, form: unknown) {
      assertStaff(user);
      const input = parseOrInvalid(fairSchema, form);
      return transact(
        async (transaction) => {
          const slug = await freeSlug(models.Fair, transaction, input.nameVi, "hoi-cho");
          const fair = await models.Fair.create(
            { ...fairColumns(input), slug, createdById: user.id },
            { transaction },
          );
          await recordAudit(models, transaction, {
            actorId: user.id,
            action: "fair.created",
            entityType: "fair",
            entityId: fair.id,
          });
          return { id: fair.id, slug: fair.slug };
        },
        { retryIf: isSlugRace },
      );
    },

    async updateFair(user: CurrentUser, { fairId, form }: { fairId: number; form: unknown }) {
      assertStaff(user);
      const input = parseOrInvalid(fairSchema, form);
      await transact(async (transaction) => {
        const fair = await loadFair(fairId, transaction);
        await fair.update(fairColumns(input), { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "fair.updated",
          entityType: "fair",
          entityId: fair.id,
        });
      });
    },

    /** Draft → open → closed → finished (and back from closed to open). Opening needs at least one booth. */
    async setFairStatus(user: CurrentUser, { fairId, status }: { fairId: number; status: FairStatus }) {
      assertStaff(user);
      await transact(async (transaction) => {
        const fair = await loadFair(fairId, transaction);
        if (!FAIR_STATUS_MOVES[fair.status as FairStatus].includes(status))
          throw new TransitionRefused(fair.status, status);
        if (status === "open" && (await models.Booth.count({ where: { fairId }, transaction })) === 0)
          throw new Conflict("fair_has_no_booths");
        if (status === "draft" && (await models.BoothBooking.count({ where: { fairId }, transaction })) > 0)
          throw new Conflict("fair_has_bookings");
        await fair.update({ status }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: `fair.${status}`,
          entityType: "fair",
          entityId: fair.id,
        });
      });
    },

    async setFairCover(user: CurrentUser, { fairId, file }: { fairId: number; file: Buffer | undefined }) {
      assertStaff(user);
      if (!file) throw new Invalid({ cover: { code: "choose_image" } });
      let picture: StoredCover;
      try {
        const image = await processImage(file, storage, { widths: [640, 1280], folder: "fairs" });
        picture = {
          id: 0,
          width: image.width,
          height: image.height,
          placeholder: image.placeholder,
          variants: image.variants,
        };
      } catch (error) {
        const e = error as { status?: number; code?: string; params?: Record<string, string | number> };
        if (e.status === 400 && e.code) throw new Invalid({ cover: { code: e.code, params: e.params } });
        throw error;
      }
      await transact(async (transaction) => {
        const fair = await loadFair(fairId, transaction);
        await fair.update({ cover: JSON.stringify(picture) }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "fair.cover_updated",
          entityType: "fair",
          entityId: fair.id,
        });
      });
    },

    /** The staff editor: the fair, its halls and booths with every booking, and occupancy figures. */
    async getFairForStaff(user: CurrentUser, { fairId, locale }: { fairId: number; locale: Locale }) {
      assertStaff(user);
      const fair = await loadFair(fairId);
      const halls = await views.plan(fair, { staff: true }, locale);
      const bookings = await models.BoothBooking.findAll({
        where: { fairId },
        include: [
          {
            model: models.Cooperative,
            as: "cooperative",
            attributes: ["id", "name", "slug", "provinceCode"],
          },
          { model: models.Booth, as: "booth", attributes: ["code"] },
        ],
        order: [["id", "DESC"]],
      });
      const waitlist = await models.FairWaitlist.findAll({
        where: { fairId, status: ["waiting", "offered"] },
        include: [],
        order: [["id", "ASC"]],
      });
      const coopNames = new Map(
        (
          await models.Cooperative.findAll({
            where: { id: waitlist.map((w) => w.cooperativeId) },
            attributes: ["id", "name"],
          })
        ).map((c) => [c.id, c.name]),
      );
      const occupancy: Record<BoothState, number> = {
        available: 0,
        held: 0,
        pending: 0,
        booked: 0,
        blocked: 0,
        unused: 0,
      };
      for (const h of halls) for (const b of h.booths) occupancy[b.state]++;
      return {
        fair: {
          ...summaryOf(fair, locale, undefined, kit.now()),
          // What the edit form starts from: the stored values, not the display summary.
          input: {
            nameVi: fair.nameVi,
            nameEn: fair.nameEn,
            descriptionVi: fair.descriptionVi,
            descriptionEn: fair.descriptionEn,
            organiser: fair.organiser,
            organiserEn: fair.organiserEn,
            venue: fair.venue,
            venueEn: fair.venueEn,
            provinceCode: fair.provinceCode,
            wardCode: fair.wardCode,
            startsOn: fair.startsOn,
            endsOn: fair.endsOn,
            bookingOpensAt: fair.bookingOpensAt.toISOString(),
            bookingClosesAt: fair.bookingClosesAt.toISOString(),
            maxBoothsPerCooperative: fair.maxBoothsPerCooperative,
            requiresApproval: fair.requiresApproval,
            holdMinutes: fair.holdMinutes,
            transferDays: fair.transferDays,
            offerHours: fair.offerHours,
            bankBin: fair.bankBin,
            bankAccountNo: fair.bankAccountNo,
            bankAccountName: fair.bankAccountName,
          },
        },
        halls,
        occupancy,
        bookings: bookings.map((b) => {
          const x = b as typeof b & {
            cooperative?: { id: number; name: string; slug: string };
            booth?: { code: string };
          };
          return {
            publicId: b.publicId,
            status: b.status,
            boothId: b.boothId,
            boothCode: x.booth?.code ?? "",
            cooperative: x.cooperative
              ? { id: x.cooperative.id, name: x.cooperative.name, slug: x.cooperative.slug }
              : null,
            amountVnd: b.amountVnd,
            paymentMethod: b.paymentMethod,
            transferReference: b.transferReference,
            expiresAt: b.expiresAt?.toISOString() ?? null,
            paidAt: b.paidAt?.toISOString() ?? null,
            reason: b.reason,
            createdAt: b.createdAt.toISOString(),
            active: b.activeBoothId !== null,
          };
        }),
        waitlist: waitlist.map((w) => ({
          cooperativeId: w.cooperativeId,
          name: coopNames.get(w.cooperativeId) ?? "",
          status: w.status,
          since: w.createdAt.toISOString(),
        })),
      };
    },

    async addHall(user: CurrentUser, { fairId, form }: { fairId: number; form: unknown }) {
      assertStaff(user);
      const input = parseOrInvalid(hallSchema, form);
      return transact(async (transaction) => {
        await loadFair(fairId, transaction);
        const position = await models.FairHall.count({ where: { fairId }, transaction });
        const hall = await models.FairHall.create({ fairId, position, ...input }, { transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "fair.hall_added",
          entityType: "fair",
          entityId: fairId,
          data: { hall: hall.id, name: input.name },
        });
        return { id: hall.id };
      });
    },

    /** Rename a hall, in Vietnamese and (optionally) English. */
    async renameHall(
      user: CurrentUser,
      { fairId, hallId, form }: { fairId: number; hallId: number; form: unknown },
    ) {
      assertStaff(user);
      const input = parseOrInvalid(hallNamesSchema, form);
      await transact(async (transaction) => {
        const hall = await models.FairHall.findOne({ where: { id: hallId, fairId }, transaction });
        if (!hall) throw new NotFound("hall_not_found");
        await hall.update({ name: input.name, nameEn: input.nameEn ?? null }, { transaction });
      });
    },

    /** Generate rows × columns of booths in a hall; refused if a code is taken, a booth overlaps or leaves the hall. */
    async generateBoothGrid(user: CurrentUser, { fairId, form }: { fairId: number; form: unknown }) {
      assertStaff(user);
      const input = parseOrInvalid(gridSchema, form);
      return transact(async (transaction) => {
        const hall = await models.FairHall.findOne({ where: { id: input.hallId, fairId }, transaction });
        if (!hall) throw new Invalid({ hallId: { code: "choose_one" } });
        const planned = planGrid({ ...input, cornerPriceVnd: input.cornerPriceVnd ?? input.priceVnd });
        const outside = planned.find((b) => !fitsIn(b, hall));
        if (outside)
          throw new Invalid({ columns: { code: "grid_too_large", params: { code: outside.code } } });
        const existing = await models.Booth.findAll({ where: { fairId }, transaction });
        const codes = new Set(existing.map((b) => b.code));
        const clash = planned.find((b) => codes.has(b.code));
        if (clash)
          throw new Invalid({ firstRow: { code: "booth_code_taken", params: { code: clash.code } } });
        const overlap = planned.find((p) => existing.some((e) => e.hallId === hall.id && overlaps(p, e)));
        if (overlap)
          throw new Invalid({ originYM: { code: "booth_overlaps", params: { code: overlap.code } } });
        await models.Booth.bulkCreate(
          planned.map((p) => ({ ...p, fairId, hallId: hall.id })),
          { transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "fair.grid_generated",
          entityType: "fair",
          entityId: fairId,
          data: { hall: hall.id, booths: planned.length },
        });
        return { created: planned.length };
      });
    },

    /**
     * Adjust one booth. Its size and type cannot change, nor can it be removed, while a booking holds it:
     * move the booking first. Position and price can (the booking keeps the price it was made at).
     */
    async updateBooth(user: CurrentUser, { boothId, form }: { boothId: number; form: unknown }) {
      assertStaff(user);
      const input = parseOrInvalid(boothSchema, form);
      await transact(async (transaction) => {
        const booth = await models.Booth.findByPk(boothId, { transaction, lock: transaction.LOCK.UPDATE });
        if (!booth) throw new NotFound("booth_not_found");
        const hall = await models.FairHall.findByPk(booth.hallId, { transaction });
        const active = await models.BoothBooking.findOne({ where: { activeBoothId: booth.id }, transaction });
        const resized =
          input.widthM !== booth.widthM || input.depthM !== booth.depthM || input.type !== booth.type;
        if (active && resized) throw new Conflict("booth_has_booking", { code: booth.code });
        if (active && input.blockedReason) throw new Conflict("booth_has_booking", { code: booth.code });
        if (hall && !fitsIn(input, hall)) throw new Invalid({ xM: { code: "booth_outside_hall" } });
        const others = await models.Booth.findAll({
          where: { hallId: booth.hallId, id: { [Op.ne]: booth.id } },
          transaction,
        });
        const overlap = others.find((o) => overlaps(input, o));
        if (overlap) throw new Invalid({ xM: { code: "booth_overlaps", params: { code: overlap.code } } });
        // Codes are unique in the whole fair (booths_fair_code), not just in this hall.
        const codeTaken =
          input.code !== booth.code &&
          (await models.Booth.count({
            where: { fairId: booth.fairId, code: input.code, id: { [Op.ne]: booth.id } },
            transaction,
          })) > 0;
        if (codeTaken)
          throw new Invalid({ code: { code: "booth_code_taken", params: { code: input.code } } });
        await booth.update({ ...input, blockedReason: input.blockedReason ?? null }, { transaction });
      });
    },

    async deleteBooth(user: CurrentUser, { boothId }: { boothId: number }) {
      assertStaff(user);
      await transact(async (transaction) => {
        const booth = await models.Booth.findByPk(boothId, { transaction, lock: transaction.LOCK.UPDATE });
        if (!booth) throw new NotFound("booth_not_found");
        if (await models.BoothBooking.count({ where: { activeBoothId: booth.id }, transaction }))
          throw new Conflict("booth_has_booking", { code: booth.code });
        if (await models.BoothBooking.count({ where: { boothId: booth.id }, transaction }))
          throw new Conflict("booth_has_history", { code: booth.code });
        await booth.destroy({ transaction });
      });
    },
  };
}
