import type { Transaction } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { Models } from "../db/models";
import type { AgreementParty as PartySide, AgreementRecord, AgreementStatus } from "../db/models/agreements";
import { Conflict, Forbidden, NotFound } from "../errors";
import { lifecycle, stateMachine } from "../lifecycle";
import { parseOrInvalid } from "../validation";
import { addMonths } from "../catalogue";
import { vietnamDay } from "../vocabulary/dates";
import { addressLine } from "../vocabulary/wards";
import { appendAgreementEvent } from "./chain";
import {
  agreementSearchText,
  canonicalContent,
  contentHash,
  diffContent,
  type AgreementContent,
  type AgreementParty,
} from "./content";
import { newPublicId, sideOf, type AgreementKit } from "./kit";
import { agreementTermsSchema, cancelSchema, commentSchema, contentFromTerms } from "./schemas";
import { DEFAULT_CLAUSES, DEFAULT_VALIDITY_MONTHS } from "./template";

export type AgreementAction =
  "sign" | "revise" | "seal" | "cancel" | "start" | "stall" | "complete" | "terminate";
type AgreementActor = PartySide | "staff" | "system";

/**
 * An agreement's lifecycle. A draft is changed freely (each change a new version); the first signature of the
 * current version makes it await the other's; a change then voids that signature and returns it to draft; the
 * last signature seals it, once. Either party (or staff) may cancel before the seal.
 *
 * After the seal, the union's pipeline: the first delivery starts the implementation (or staff start it); staff mark
 * it stalled or cancelled with a reason, and resume a stalled one; it is completed when the deliveries confirmed
 * reach the quantity agreed, or when staff close it.
 */
export const agreementMachine = stateMachine<
  AgreementAction,
  AgreementStatus,
  AgreementActor,
  { status: AgreementStatus }
>({
  sign: { from: ["draft"], to: ["awaiting_signature"], by: ["buyer", "supplier"] },
  revise: { from: ["awaiting_signature"], to: ["draft"], by: ["buyer", "supplier"] },
  seal: { from: ["awaiting_signature"], to: ["sealed"], by: ["system"] },
  cancel: { from: ["draft", "awaiting_signature"], to: ["cancelled"], by: ["buyer", "supplier", "staff"] },
  start: { from: ["sealed", "stalled"], to: ["in_implementation"], by: ["staff", "system"] },
  stall: { from: ["sealed", "in_implementation"], to: ["stalled"], by: ["staff"] },
  complete: { from: ["sealed", "in_implementation", "stalled"], to: ["completed"], by: ["staff", "system"] },
  terminate: { from: ["sealed", "in_implementation", "stalled"], to: ["cancelled"], by: ["staff"] },
});

type DemandRow = InstanceType<Models["Demand"]>;
type OfferRow = InstanceType<Models["Offer"]> & { product?: InstanceType<Models["Product"]> | null };

/** Drafting: a first version from a connected match or a held meeting, changes (new versions), comments, cancelling. */
export function draftingUseCases(kit: AgreementKit) {
  const { models, db } = kit;
  const agreements = lifecycle(agreementMachine, {
    models,
    model: models.Agreement,
    name: "agreement",
    changedCode: "agreement_changed",
    recordEvent: (transaction, move) =>
      appendAgreementEvent(models, transaction, move.subject, {
        action: move.action,
        actorId: move.actorId,
        at: kit.now(),
        data: { from: move.from, to: move.to, ...(move.note ? { note: move.note } : {}) },
      }).then(() => undefined),
  });

  /** Writes version `content.version` and stamps the agreement with it. */
  async function writeVersion(
    transaction: Transaction,
    agreement: AgreementRecord,
    content: AgreementContent,
    author: { id: number | null; side: PartySide | "staff"; note?: string | null },
  ) {
    const hash = contentHash(content);
    await models.AgreementVersion.create(
      {
        agreementId: agreement.id,
        version: content.version,
        content: canonicalContent(content),
        contentHash: hash,
        authorId: author.id,
        side: author.side,
        note: author.note ?? null,
      },
      { transaction },
    );
    await agreement.update(
      {
        currentVersion: content.version,
        totalVnd: content.totalVnd,
        quantity: content.quantity,
        type: content.type,
        category: content.product.category,
        searchText: agreementSearchText(content),
      },
      { transaction },
    );
    return hash;
  }

  async function contentOf(agreementId: number, version: number, transaction?: Transaction) {
    const row = await models.AgreementVersion.findOne({ where: { agreementId, version }, transaction });
    if (!row) throw new NotFound("agreement_not_found");
    return JSON.parse(row.content) as AgreementContent;
  }

  /** The buyer's side as its profile says: the organisation when the buyer trades for one. */
  async function buyerParty(buyerId: number): Promise<AgreementParty> {
    const buyer = await models.User.findByPk(buyerId, {
      include: [{ model: models.Organisation, as: "organisation" }],
    });
    if (!buyer) throw new NotFound("agreement_not_found");
    const org = (buyer as typeof buyer & { organisation?: InstanceType<typeof models.Organisation> | null })
      .organisation;
    return {
      legalName: org?.name ?? buyer.fullName,
      representative: buyer.fullName,
      representativeTitle: !org ? "Chủ hộ" : org.kind === "household" ? "Chủ hộ kinh doanh" : "Giám đốc",
      taxCode: org?.taxCode ?? "",
      address: org?.address ?? "",
      phone: buyer.phone ?? "",
      email: buyer.email,
    };
  }

  async function supplierParty(cooperativeId: number): Promise<AgreementParty> {
    const cooperative = await models.Cooperative.findByPk(cooperativeId);
    if (!cooperative) throw new NotFound("agreement_not_found");
    return {
      legalName: cooperative.name,
      representative: cooperative.representative,
      // A tổ hợp tác (a group of households) is led by its tổ trưởng; a cooperative and a union by a director.
      representativeTitle: cooperative.kind === "cooperative_group" ? "Tổ trưởng" : "Giám đốc",
      taxCode: "",
      address: addressLine(cooperative),
      phone: cooperative.phone,
      email: cooperative.email ?? "",
    };
  }

  /**
   * A conference meeting and who sat at its table: the buyer's account and the cooperative (a meeting names their
   * conference registrations). Null when there is no such meeting, or a side is not an account or a cooperative.
   */
  async function meetingParties(meetingId: number) {
    const meeting = await models.ConferenceMeeting.findByPk(meetingId);
    if (!meeting) return null;
    const participants = await models.ConferenceParticipant.findAll({
      where: { id: [meeting.buyerId, meeting.cooperativeId] },
    });
    const buyerId = participants.find((p) => p.id === meeting.buyerId)?.userId;
    const cooperativeId = participants.find((p) => p.id === meeting.cooperativeId)?.cooperativeId;
    return buyerId && cooperativeId ? { meeting, buyerId, cooperativeId } : null;
  }

  const withProduct = { include: [{ model: models.Product, as: "product" }] };

  /** The demand and offer behind a buyer and a cooperative who met: their match's, or the newest of each. */
  async function whatTheyMetAbout(buyerId: number, cooperativeId: number) {
    const matches = await models.Match.findAll({
      where: { buyerId, cooperativeId },
      include: [
        { model: models.Demand, as: "demand" },
        { model: models.Offer, as: "offer", ...withProduct },
      ],
      order: [["updatedAt", "DESC"]],
    });
    const match = matches.find((m) => m.status === "connected") ?? matches[0];
    if (match) return match as typeof match & { demand: DemandRow; offer: OfferRow };
    // No match: the buyer's newest open demand that the cooperative offers for, by category; else the
    // cooperative's newest offer alone, or the buyer's newest demand alone. Never a demand of one product beside an
    // offer of another.
    const [demands, offers] = await Promise.all([
      models.Demand.findAll({
        where: { buyerId, status: "open" },
        order: [["updatedAt", "DESC"]],
        limit: 50,
      }),
      models.Offer.findAll({
        where: { cooperativeId, status: "active" },
        order: [["updatedAt", "DESC"]],
        limit: 50,
        ...withProduct,
      }) as Promise<OfferRow[]>,
    ]);
    for (const demand of demands) {
      const offer = offers.find((o) => o.category === demand.category);
      if (offer) return { demand, offer };
    }
    return offers[0] ? { demand: null, offer: offers[0] } : { demand: demands[0] ?? null, offer: null };
  }

  interface DraftSource {
    buyerId: number;
    cooperativeId: number;
    demand: DemandRow | null;
    offer: OfferRow | null;
    origin: AgreementContent["origin"];
  }

  /**
   * Version 1's content, pre-filled from a demand and an offer (either may be missing; with neither, from the
   * profiles alone) and both profiles, with the template's clauses; and the buyer's organisation.
   */
  async function prefilledContent(from: DraftSource, publicId: string, now: Date) {
    const { demand, offer } = from;
    const basis = demand ?? offer;
    const [buyer, supplier, buyerRow, cooperative] = await Promise.all([
      buyerParty(from.buyerId),
      supplierParty(from.cooperativeId),
      models.User.findByPk(from.buyerId, { attributes: ["organisationId"] }),
      models.Cooperative.findByPk(from.cooperativeId, { attributes: ["provinceCode"] }),
    ]);
    const validFrom = vietnamDay(now);
    const unitPriceVnd = offer?.priceMaxVnd ?? offer?.priceMinVnd ?? demand?.priceMaxVnd ?? 0;
    const quantity = basis?.quantity ?? 1;
    const content: AgreementContent = {
      schema: "htx-connect/agreement/1",
      publicId,
      type: "principle_contract",
      version: 1,
      languages: ["vi"],
      parties: { buyer, supplier },
      product: {
        name: offer?.product?.nameVi ?? offer?.title ?? demand?.title ?? "",
        category: basis?.category ?? "other",
        qualityStandard: basis?.description.slice(0, 1000) ?? "",
        certifications: JSON.parse(
          basis?.certifications ?? "[]",
        ) as AgreementContent["product"]["certifications"],
        minOcopStars: demand?.minOcopStars ?? null,
      },
      quantity,
      unit: basis?.unit ?? "kg",
      deliveries: demand?.deliveryFrom ? [{ date: demand.deliveryFrom, quantity }] : [],
      unitPriceVnd,
      totalVnd: quantity * unitPriceVnd,
      paymentTerms: { vi: DEFAULT_CLAUSES.payment.vi, en: "" },
      deliveryTerms: { vi: DEFAULT_CLAUSES.delivery.vi, en: "" },
      disputeClause: { vi: DEFAULT_CLAUSES.dispute.vi, en: "" },
      validFrom,
      validUntil: addMonths(validFrom, DEFAULT_VALIDITY_MONTHS.principle_contract),
      origin: from.origin,
    };
    return {
      content,
      buyerOrganisationId: demand?.organisationId ?? buyerRow?.organisationId ?? null,
      provinceCode: cooperative?.provinceCode ?? null,
    };
  }

  /** A first draft, version 1, by one of its parties. */
  async function draft(
    user: CurrentUser,
    side: PartySide,
    from: DraftSource & { matchId: number | null; meetingId: number | null },
  ) {
    const now = kit.now();
    const publicId = newPublicId(now);
    const { content, buyerOrganisationId, provinceCode } = await prefilledContent(from, publicId, now);
    return db.transaction(async (transaction) => {
      const agreement = await models.Agreement.create(
        {
          publicId,
          type: content.type,
          status: "draft",
          method: "platform",
          matchId: from.matchId,
          meetingId: from.meetingId,
          buyerId: from.buyerId,
          buyerOrganisationId,
          cooperativeId: from.cooperativeId,
          provinceCode,
          currentVersion: 1,
          totalVnd: content.totalVnd,
          draftedBy: user.id,
        },
        { transaction },
      );
      const hash = await writeVersion(transaction, agreement, content, { id: user.id, side });
      await appendAgreementEvent(models, transaction, agreement, {
        action: "drafted",
        actorId: user.id,
        at: now,
        data: {
          version: 1,
          contentHash: hash,
          from: from.matchId ? { match: from.matchId } : { meeting: from.meetingId },
        },
      });
      return { publicId };
    });
  }

  return {
    agreementLifecycle: agreements,
    agreementContent: contentOf,
    writeVersion,
    prefilledContent,
    whatTheyMetAbout,
    meetingParties,

    /**
     * A first draft from a connected match, by either of its parties, pre-filled from the demand, the offer and
     * both profiles with the template's clauses. The parties then complete and change it (tax codes, schedule).
     */
    async draftFromMatch(user: CurrentUser, { matchId }: { matchId: number }) {
      const match = await models.Match.findByPk(matchId, {
        include: [
          { model: models.Demand, as: "demand" },
          { model: models.Offer, as: "offer", include: [{ model: models.Product, as: "product" }] },
        ],
      });
      const side = match ? sideOf(user, match) : null;
      if (!match || !side) throw new NotFound("match_not_found");
      if (side === "staff") throw new Forbidden("parties_only");
      if (match.status !== "connected") throw new Conflict("match_not_connected");
      const { demand, offer } = match as typeof match & { demand: DemandRow; offer: OfferRow };
      return draft(user, side, {
        buyerId: match.buyerId,
        cooperativeId: match.cooperativeId,
        matchId: match.id,
        meetingId: null,
        demand,
        offer,
        origin: { kind: "match", ref: String(match.id) },
      });
    },

    /**
     * A first draft from a meeting held at a matching conference, by either of its two participants. The terms
     * come from what brought them to the table: their match when they have one (connected first), otherwise the
     * buyer's newest open demand and the cooperative's newest active offer, of the same category when there is one;
     * with neither, the profiles alone.
     */
    async draftFromMeeting(user: CurrentUser, { meetingId }: { meetingId: number }) {
      const met = await meetingParties(meetingId);
      const side = met ? sideOf(user, met) : null;
      if (!met || !side) throw new NotFound("meeting_not_found");
      if (side === "staff") throw new Forbidden("parties_only");
      if (met.meeting.status !== "held") throw new Conflict("meeting_not_held");
      const { meeting, buyerId, cooperativeId } = met;
      const { demand, offer } = await whatTheyMetAbout(buyerId, cooperativeId);
      return draft(user, side, {
        buyerId,
        cooperativeId,
        matchId: null,
        meetingId: meeting.id,
        demand,
        offer,
        origin: { kind: "meeting", ref: String(meeting.id) },
      });
    },

    /**
     * A change by a party: a new version. Signatures of earlier versions are voided (kept, marked), and an agreement
     * awaiting the other's signature returns to draft. The version the change was made from must be the current one:
     * two parties editing at once do not silently overwrite each other.
     */
    async reviseAgreement(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      // Who asks comes first: a stranger hears "not found" whatever the form holds; staff read but do not write terms.
      if ((await kit.visibleAgreement(user, publicId)).side === "staff") throw new Forbidden("parties_only");
      const terms = parseOrInvalid(agreementTermsSchema, form);
      const basedOn = Number(form.basedOn);
      return db.transaction(async (transaction) => {
        const { agreement, side } = await kit.visibleAgreement(user, publicId, transaction);
        if (side === "staff") throw new Forbidden("parties_only");
        if (agreement.status !== "draft" && agreement.status !== "awaiting_signature")
          throw new Conflict("agreement_not_editable");
        if (Number.isFinite(basedOn) && basedOn !== agreement.currentVersion)
          throw new Conflict("agreement_version_stale");
        const before = await contentOf(agreement.id, agreement.currentVersion, transaction);
        const content = contentFromTerms(terms, {
          publicId,
          version: agreement.currentVersion + 1,
          origin: before.origin,
        });
        const changes = diffContent(before, content);
        if (changes.length === 0) throw new Conflict("agreement_unchanged");
        const now = kit.now();
        const voided = await models.AgreementSignature.update(
          { voidedAt: now },
          { where: { agreementId: agreement.id, voidedAt: null }, transaction },
        );
        if (agreement.status === "awaiting_signature")
          await agreements.move(transaction, {
            subject: agreement,
            action: "revise",
            actor: side,
            actorId: user.id,
          });
        const hash = await writeVersion(transaction, agreement, content, {
          id: user.id,
          side,
          note: terms.note,
        });
        await appendAgreementEvent(models, transaction, agreement, {
          action: "changed",
          actorId: user.id,
          at: now,
          data: {
            version: content.version,
            contentHash: hash,
            fields: changes.map((c) => c.path),
            voidedSignatures: voided[0],
          },
        });
        return { version: content.version, voidedSignatures: voided[0] };
      });
    },

    async commentOnAgreement(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      await kit.visibleAgreement(user, publicId);
      const { body } = parseOrInvalid(commentSchema, form);
      await db.transaction(async (transaction) => {
        const { agreement, side } = await kit.visibleAgreement(user, publicId, transaction);
        if (agreement.status === "cancelled") throw new Conflict("agreement_not_editable");
        await models.AgreementComment.create(
          { agreementId: agreement.id, version: agreement.currentVersion, authorId: user.id, side, body },
          { transaction },
        );
        await appendAgreementEvent(models, transaction, agreement, {
          action: "commented",
          actorId: user.id,
          at: kit.now(),
          data: { version: agreement.currentVersion },
        });
      });
    },

    async cancelAgreement(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      await kit.visibleAgreement(user, publicId);
      const { reason } = parseOrInvalid(cancelSchema, form);
      await db.transaction(async (transaction) => {
        const { agreement, side } = await kit.visibleAgreement(user, publicId, transaction);
        await agreements.move(transaction, {
          subject: agreement,
          action: "cancel",
          actor: side,
          actorId: user.id,
          changes: { cancelReason: reason },
          note: reason,
        });
      });
    },
  };
}
