import { randomInt } from "node:crypto";
import type { CurrentUser } from "../accounts/current-user";
import { uniqueViolation } from "../db/slugs";
import { Conflict, Invalid, NotFound } from "../errors";
import { parseOrInvalid } from "../validation";
import type { Locale } from "../vocabulary/locale";
import type { FairsKit } from "./kit";
import { visitorSchema } from "./schemas";
import { fairIsOver, summaryOf } from "./views";

/** Crockford's base32: digits and capitals without I, L, O and U, so a code read aloud or copied by hand survives. */
const PASS_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A pass code: 20 characters of PASS_ALPHABET (100 random bits), no dashes. */
export function passCode(): string {
  let code = "";
  for (let i = 0; i < 20; i++) code += PASS_ALPHABET[randomInt(PASS_ALPHABET.length)];
  return code;
}

/** What a pass page shows, and what staff list. */
export interface VisitorPass {
  code: string;
  name: string;
  phone: string;
  email: string;
  status: "registered" | "cancelled";
  registeredAt: string;
}

/**
 * "I will visit": a buyer (signed in or not) registers once per fair and gets a pass with a QR code, which it can
 * cancel. The unique `register_key` ("<fair>:u:<user>" or "<fair>:e:<email>") is the guarantee of once: a
 * double-clicked form or two tabs find the registration the first one made and answer with its pass.
 */
export function fairVisitors(kit: FairsKit) {
  const { models, transact, assertStaff, loadFair, now } = kit;

  const passOf = (v: InstanceType<typeof models.FairVisitor>): VisitorPass => ({
    code: v.code,
    name: v.name,
    phone: v.phone,
    email: v.email,
    status: v.status,
    registeredAt: v.createdAt.toISOString(),
  });

  /** Visitors may register while the fair is out of draft and not over. */
  function assertVisitable(fair: Awaited<ReturnType<typeof loadFair>>) {
    if (fair.status === "draft") throw new NotFound("fair_not_found");
    if (fairIsOver(fair, now())) throw new Conflict("visit_closed");
  }

  return {
    /**
     * Register, or find the standing registration: a signed-in person by account (name and email from it, the
     * phone typed or the account's), a guest by email. A guest's email already registered with another phone is
     * refused rather than answered with someone else's pass.
     */
    async registerVisit(
      viewer: CurrentUser | null,
      { slug, form }: { slug: string; form: Record<string, unknown> },
    ): Promise<{ code: string; created: boolean }> {
      const fair = await loadFair(slug);
      assertVisitable(fair);
      const input = parseOrInvalid(
        visitorSchema,
        viewer
          ? { name: viewer.fullName, email: viewer.email, phone: form.phone || viewer.phone || "" }
          : form,
      );
      const registerKey = viewer ? `${fair.id}:u:${viewer.id}` : `${fair.id}:e:${input.email}`;
      const standing = async () => {
        const found = await models.FairVisitor.findOne({ where: { registerKey } });
        if (!found) return null;
        if (!viewer && found.phone !== input.phone)
          throw new Invalid({ email: { code: "visitor_email_taken" } });
        return { code: found.code, created: false };
      };
      const existing = await standing();
      if (existing) return existing;
      try {
        return await transact(async (transaction) => {
          const visitor = await models.FairVisitor.create(
            {
              fairId: fair.id,
              userId: viewer?.id ?? null,
              code: passCode(),
              registerKey,
              name: input.name,
              phone: input.phone,
              email: input.email,
              status: "registered",
            },
            { transaction },
          );
          return { code: visitor.code, created: true };
        });
      } catch (error) {
        if (!uniqueViolation(error)?.some((f) => f.includes("register_key") || f.includes("registerKey")))
          throw error;
        const other = await standing();
        if (!other) throw error;
        return other;
      }
    },

    /** A pass by its code, with its fair: whoever holds the code (the QR code's link) may see and cancel it. */
    async getVisitorPass({ slug, code, locale }: { slug: string; code: string; locale: Locale }) {
      const fair = await loadFair(slug);
      const visitor = await models.FairVisitor.findOne({ where: { code, fairId: fair.id } });
      if (!visitor || fair.status === "draft") throw new NotFound("pass_not_found");
      return { fair: summaryOf(fair, locale, undefined, now()), pass: passOf(visitor) };
    },

    /** Cancel a pass: its key is let go, so the same person may register again later (with a new pass). */
    async cancelVisit({ slug, code }: { slug: string; code: string }) {
      const fair = await loadFair(slug);
      await transact(async (transaction) => {
        const visitor = await models.FairVisitor.findOne({
          where: { code, fairId: fair.id },
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (!visitor) throw new NotFound("pass_not_found");
        if (visitor.status === "cancelled") return;
        await visitor.update({ status: "cancelled", registerKey: null, cancelledAt: now() }, { transaction });
      });
    },

    /** The viewer's standing pass at a fair, for the fair page ("you are registered"). */
    async visitorPassOf(viewer: CurrentUser | null, fairId: number): Promise<string | null> {
      if (!viewer) return null;
      const v = await models.FairVisitor.findOne({
        where: { registerKey: `${fairId}:u:${viewer.id}` },
        attributes: ["code"],
      });
      return v?.code ?? null;
    },

    /**
     * Staff: who registered to visit, newest first, how many stand (signed in or as guests), and, with `q`, only
     * those whose name, phone or email holds it (any case; a phone's spaces and dots ignored).
     */
    async listVisitors(user: CurrentUser, { fairId, q = "" }: { fairId: number; q?: string }) {
      assertStaff(user);
      await loadFair(fairId);
      const rows = await models.FairVisitor.findAll({
        where: { fairId },
        order: [
          ["createdAt", "DESC"],
          ["id", "DESC"],
        ],
      });
      const standing = rows.filter((r) => r.status === "registered");
      const needle = q.trim().normalize("NFC").toLocaleLowerCase("vi");
      const digits = needle.replace(/[\s.-]/g, "");
      const matches = (r: (typeof rows)[number]) =>
        !needle ||
        r.name.normalize("NFC").toLocaleLowerCase("vi").includes(needle) ||
        r.email.toLowerCase().includes(needle) ||
        (digits !== "" && r.phone.replace(/[\s.-]/g, "").includes(digits));
      return {
        registered: standing.length,
        signedIn: standing.filter((r) => r.userId !== null).length,
        guests: standing.filter((r) => r.userId === null).length,
        visitors: rows.filter(matches).map((r) => ({ ...passOf(r), signedIn: r.userId !== null })),
      };
    },
  };
}
