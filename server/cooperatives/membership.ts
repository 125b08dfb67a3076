import { isSlugRace } from "../db/slugs";
import type { CurrentUser, RequestMeta } from "../accounts";
import { recordAudit } from "../audit";
import { Forbidden, Invalid, isDomainError, NotFound } from "../errors";
import { processImage } from "../images";
import { enqueueNotification } from "../notifications";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import { cooperativeProfileSchema } from "./schemas";
import { bankAccountSchema } from "../payments/schemas";
import type { CooperativesKit } from "./kit";
import { toProfile, type CooperativeProfile } from "./views";
import { createCooperative, profileColumns, replaceSectors } from "./creation";

/** What a cooperative's members do with their own cooperative: join, the profile, the bank account, the logo. */
export function membership(kit: CooperativesKit) {
  const { db, models, storage, events, accounts, withSectors } = kit;
  return {
    /**
     * A cooperative joins: its account and its profile in one transaction, pending until staff review it (staff are
     * told). Two cooperatives registering one name at once race for its slug; the loser's registration runs again.
     */
    registerCooperative({
      form,
      meta,
      presentedToken = null,
    }: {
      form: Record<string, unknown>;
      meta: RequestMeta;
      presentedToken?: string | null;
    }) {
      return accounts.registerAccount({
        form,
        meta,
        presentedToken,
        registration: {
          role: "cooperative",
          schema: cooperativeProfileSchema,
          retryIf: isSlugRace,
          async within(transaction, user, profile) {
            const cooperative = await createCooperative(models, transaction, profile, user.id);
            const staff = await models.User.findAll({
              where: { role: "staff", disabledAt: null },
              transaction,
            });
            for (const s of staff) {
              await enqueueNotification(models, transaction, {
                userId: s.id,
                channel: "email",
                recipient: s.email,
                template: "cooperative_pending_review",
                params: { cooperative: cooperative.name, province: cooperative.provinceCode },
                locale: s.locale,
              });
            }
          },
        },
      });
    },

    /** The member's own cooperative, whatever its status. */
    async getOwnCooperative(user: CurrentUser, { locale }: { locale: Locale }): Promise<CooperativeProfile> {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const c = await models.Cooperative.findByPk(user.cooperative.id, { include: withSectors });
      if (!c) throw new NotFound("cooperative_not_found");
      return toProfile(c, locale);
    },

    /** A member edits the profile; a rejected cooperative that edits goes back into the review queue. */
    async updateCooperativeProfile(user: CurrentUser, form: unknown): Promise<{ resubmitted: boolean }> {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const cooperativeId = user.cooperative.id;
      const profile = parseOrInvalid(cooperativeProfileSchema, form);
      return db.transaction(async (transaction) => {
        const c = await models.Cooperative.findByPk(cooperativeId, {
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (!c) throw new NotFound("cooperative_not_found");
        const resubmitted = c.status === "rejected";
        await c.update(
          {
            ...profileColumns(profile),
            ...(resubmitted ? { status: "pending" as const, rejectionReason: null } : {}),
          },
          { transaction },
        );
        await replaceSectors(models, transaction, c.id, profile.sectors);
        await events.publish(transaction, "cooperative.changed", { cooperativeId: c.id });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: resubmitted ? "cooperative.resubmitted" : "cooperative.updated",
          entityType: "cooperative",
          entityId: c.id,
        });
        return { resubmitted };
      });
    },

    /** The account bank transfers for this cooperative's orders go to (shown to buyers with a VietQR code). */
    async getBankAccount(user: CurrentUser) {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const c = await models.Cooperative.findByPk(user.cooperative.id, {
        attributes: ["bankBin", "bankAccountNo", "bankAccountName"],
      });
      if (!c) throw new NotFound("cooperative_not_found");
      return { bankBin: c.bankBin, bankAccountNo: c.bankAccountNo, bankAccountName: c.bankAccountName };
    },

    async setBankAccount(user: CurrentUser, form: unknown) {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      const cooperativeId = user.cooperative.id;
      const account = parseOrInvalid(bankAccountSchema, form);
      await db.transaction(async (transaction) => {
        await models.Cooperative.update(
          {
            bankBin: account.bankBin ?? null,
            bankAccountNo: account.bankAccountNo ?? null,
            bankAccountName: account.bankAccountName ?? null,
          },
          { where: { id: cooperativeId }, transaction },
        );
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "cooperative.bank_account_updated",
          entityType: "cooperative",
          entityId: cooperativeId,
          data: { bankBin: account.bankBin ?? null },
        });
      });
    },

    /** A member uploads the cooperative's logo: checked and normalised by the image pipeline, square-cropped. */
    async setLogo(user: CurrentUser, { file }: { file: Buffer | undefined }) {
      if (!user.cooperative) throw new Forbidden("not_a_cooperative_member");
      if (!file) throw new Invalid({ logo: { code: "choose_image" } });
      let logoUrl: string;
      try {
        const image = await processImage(file, storage, { widths: [256], folder: "logos", crop: "square" });
        logoUrl = image.variants.find((v) => v.format === "webp")?.url ?? image.variants[0]!.url;
      } catch (error) {
        if (isDomainError(error) && error.status === 400)
          throw new Invalid({ logo: { code: error.code, params: error.params } });
        throw error;
      }
      const cooperativeId = user.cooperative.id;
      await db.transaction(async (transaction) => {
        await models.Cooperative.update({ logoUrl }, { where: { id: cooperativeId }, transaction });
        await recordAudit(models, transaction, {
          actorId: user.id,
          action: "cooperative.logo_updated",
          entityType: "cooperative",
          entityId: cooperativeId,
        });
      });
      return { logoUrl };
    },
  };
}
