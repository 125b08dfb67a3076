import { createHash } from "node:crypto";
import { Op } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import { Conflict, Invalid, NotFound, type FieldErrors } from "../errors";
import { fieldErrorsFrom, PARSE_OPTIONS, parseParts } from "../validation";
import { vietnamDay } from "../vocabulary/dates";
import { appendAgreementEvent } from "./chain";
import { contentHash, type AgreementContent } from "./content";
import type { draftingUseCases } from "./drafting";
import { assertStaff, inUnion, newPublicId, type AgreementKit } from "./kit";
import { agreementTermsSchema, contentFromTerms, missingToSign, paperSchema, termsOf } from "./schemas";
import type { agreementSealer } from "./signing";

/** What a scan may be: a PDF or a photo, told by its first bytes rather than by its name. */
const SCAN_TYPES = [
  { type: "application/pdf", magic: Buffer.from("%PDF-") },
  { type: "image/jpeg", magic: Buffer.from([0xff, 0xd8, 0xff]) },
  { type: "image/png", magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
] as const;

export function scanTypeOf(bytes: Buffer): string | null {
  return SCAN_TYPES.find((t) => bytes.subarray(0, t.magic.length).equals(t.magic))?.type ?? null;
}

/** Noon in Vietnam of the day the parties signed on paper: the time is not known, the day is. */
const paperSignedAt = (day: string) => new Date(`${day}T12:00:00+07:00`);

/**
 * Agreements signed on paper, at a conference or elsewhere, registered by the union's staff: the scan is kept and
 * hashed, the terms typed from it become version 1, both parties' signatures are recorded as "paper" with the
 * scan's hash as their evidence, the staff member counter-attests (an entry of the audit chain in their name), and
 * the platform seals it like any other — the same PDF, QR and verification, and the same tracking afterwards.
 */
export function paperUseCases(
  kit: AgreementKit,
  drafting: ReturnType<typeof draftingUseCases>,
  seal: ReturnType<typeof agreementSealer>,
) {
  const { models, db } = kit;

  /** The buyer and cooperative named by a held meeting, or by the buyer's e-mail and a cooperative's id. */
  /** Whether a cooperative is within the staff member's union (national staff: every one). */
  async function inScope(user: CurrentUser, cooperativeId: number) {
    if (!user.unionProvinceCode) return true;
    const cooperative = await models.Cooperative.findByPk(cooperativeId, { attributes: ["provinceCode"] });
    return inUnion(user, cooperative?.provinceCode ?? null);
  }

  async function partiesOf(
    user: CurrentUser,
    input: { meetingId?: number; buyerAccount?: string; cooperativeId?: number },
  ) {
    const parties = await resolveParties(input);
    // A province's staff register their own province's cooperatives' agreements, the ones they then follow.
    if (!(await inScope(user, parties.cooperativeId)))
      throw new Invalid(
        parties.meetingId ? { meetingId: { code: "choose_one" } } : { cooperativeId: { code: "choose_one" } },
      );
    return parties;
  }

  async function resolveParties(input: {
    meetingId?: number;
    buyerAccount?: string;
    cooperativeId?: number;
  }) {
    if (input.meetingId) {
      const met = await drafting.meetingParties(input.meetingId);
      if (!met) throw new Invalid({ meetingId: { code: "choose_one" } });
      if (met.meeting.status !== "held") throw new Invalid({ meetingId: { code: "meeting_not_held" } });
      return { buyerId: met.buyerId, cooperativeId: met.cooperativeId, meetingId: met.meeting.id };
    }
    const errors: Record<string, { code: string }> = {};
    const buyer = input.buyerAccount
      ? await models.User.findOne({ where: { email: input.buyerAccount, role: "buyer" } })
      : null;
    if (!buyer) errors.buyerAccount = { code: "no_such_buyer" };
    const cooperative = input.cooperativeId ? await models.Cooperative.findByPk(input.cooperativeId) : null;
    if (cooperative?.status !== "approved") errors.cooperativeId = { code: "choose_one" };
    if (Object.keys(errors).length > 0) throw new Invalid(errors);
    return { buyerId: buyer!.id, cooperativeId: cooperative!.id, meetingId: null };
  }

  return {
    /**
     * What the registration form offers: the meetings held at conferences with no paper agreement registered yet
     * (newest first; the same rule registering enforces), and the approved cooperatives for one signed elsewhere.
     */
    async paperChoices(user: CurrentUser) {
      assertStaff(user);
      const registered = await models.Agreement.findAll({
        where: { meetingId: { [Op.ne]: null }, method: "paper", status: { [Op.ne]: "cancelled" } },
        attributes: ["meetingId"],
      });
      const meetings = await models.ConferenceMeeting.findAll({
        where: {
          status: "held",
          ...(registered.length ? { id: { [Op.notIn]: registered.map((a) => a.meetingId!) } } : {}),
        },
        order: [["id", "DESC"]],
        limit: 300,
      });
      const participants = await models.ConferenceParticipant.findAll({
        where: { id: meetings.flatMap((m) => [m.buyerId, m.cooperativeId]) },
      });
      const conferences = await models.Conference.findAll({
        where: { id: [...new Set(meetings.map((m) => m.conferenceId))] },
        attributes: ["id", "nameVi"],
      });
      const users = await models.User.findAll({
        where: { id: participants.map((p) => p.userId).filter((x): x is number => x !== null) },
        attributes: ["id", "fullName", "organisationId"],
        include: [{ model: models.Organisation, as: "organisation", attributes: ["name"] }],
      });
      const cooperatives = await models.Cooperative.findAll({
        where: {
          status: "approved",
          ...(user.unionProvinceCode ? { provinceCode: user.unionProvinceCode } : {}),
        },
        attributes: ["id", "name"],
        order: [["name", "ASC"]],
      });
      const nameOfParticipant = (id: number) => {
        const p = participants.find((x) => x.id === id);
        if (p?.cooperativeId) return cooperatives.find((c) => c.id === p.cooperativeId)?.name ?? "";
        const u = users.find((x) => x.id === p?.userId) as
          ((typeof users)[number] & { organisation?: { name: string } | null }) | undefined;
        return u?.organisation?.name ?? u?.fullName ?? "";
      };
      // A province's staff are offered the meetings of their province's cooperatives.
      const cooperativeOf = (m: (typeof meetings)[number]) =>
        participants.find((x) => x.id === m.cooperativeId)?.cooperativeId;
      const inScope = meetings.filter((m) => cooperatives.some((c) => c.id === cooperativeOf(m)));
      return {
        meetings: inScope.map((m) => ({
          id: m.id,
          conference: conferences.find((c) => c.id === m.conferenceId)?.nameVi ?? "",
          buyer: nameOfParticipant(m.buyerId),
          cooperative: nameOfParticipant(m.cooperativeId),
        })),
        cooperatives: cooperatives.map((c) => ({ id: c.id, name: c.name })),
      };
    },

    /** The form's starting terms for the parties chosen: their profiles, and what they met about. */
    async paperDraft(user: CurrentUser, query: Record<string, unknown>) {
      assertStaff(user);
      const [who] = parseParts({ ...query, signedOn: vietnamDay(kit.now()) }, paperSchema);
      const parties = await partiesOf(user, who);
      const { demand, offer } = await drafting.whatTheyMetAbout(parties.buyerId, parties.cooperativeId);
      const { content } = await drafting.prefilledContent(
        {
          ...parties,
          demand,
          offer,
          origin: parties.meetingId
            ? { kind: "meeting", ref: String(parties.meetingId) }
            : { kind: "paper", ref: null },
        },
        "",
        kit.now(),
      );
      return {
        parties: { buyer: content.parties.buyer.legalName, supplier: content.parties.supplier.legalName },
        terms: termsOf(content),
      };
    },

    /**
     * Registers a paper agreement and seals it, in one transaction: nothing is kept unless all of it is. The terms
     * must be complete enough to sign (both tax codes); the day signed may not be in the future.
     */
    async registerPaperAgreement(
      user: CurrentUser,
      { form, scan }: { form: Record<string, unknown>; scan: { data: Buffer; name: string } | null },
    ) {
      assertStaff(user);
      // Every problem in one answer: the scan's, the fields', the day's, who signed, what signing needs.
      const scanType = scan ? scanTypeOf(scan.data) : null;
      const errors: FieldErrors = {};
      if (!scan) errors.scan = { code: "required" };
      else if (!scanType) errors.scan = { code: "scan_type" };
      const now = kit.now();
      const who = paperSchema.safeParse(form, PARSE_OPTIONS);
      const terms = agreementTermsSchema.safeParse(form, PARSE_OPTIONS);
      if (!who.success) Object.assign(errors, fieldErrorsFrom(who.error));
      if (!terms.success) Object.assign(errors, fieldErrorsFrom(terms.error));
      if (who.success && who.data.signedOn > vietnamDay(now)) errors.signedOn = { code: "signed_in_future" };
      const parties = who.success
        ? await partiesOf(user, who.data).catch((error: unknown) => {
            if (!(error instanceof Invalid)) throw error;
            Object.assign(errors, error.fields);
            return null;
          })
        : null;
      const publicId = newPublicId(now);
      const origin: AgreementContent["origin"] = parties?.meetingId
        ? { kind: "meeting", ref: String(parties.meetingId) }
        : { kind: "paper", ref: null };
      const content = terms.success ? contentFromTerms(terms.data, { publicId, version: 1, origin }) : null;
      for (const field of content ? missingToSign(content) : []) errors[field] = { code: "required_to_sign" };
      if (Object.keys(errors).length > 0 || !content || !parties || !who.success) throw new Invalid(errors);
      const signedOn = who.data.signedOn;
      const scanSha256 = createHash("sha256").update(scan!.data).digest("hex");
      const hash = contentHash(content);
      const signedAt = paperSignedAt(signedOn);
      return db.transaction(async (transaction) => {
        if (parties.meetingId) {
          // One agreement per meeting from paper: a second registration of the same scan is refused, not doubled.
          const lockedMeeting = await models.ConferenceMeeting.findByPk(parties.meetingId, {
            transaction,
            lock: transaction.LOCK.UPDATE,
          });
          const existing = await models.Agreement.findOne({
            where: { meetingId: lockedMeeting!.id, method: "paper", status: { [Op.ne]: "cancelled" } },
            transaction,
          });
          if (existing) throw new Conflict("paper_already_registered");
        }
        const agreement = await models.Agreement.create(
          {
            publicId,
            type: content.type,
            status: "awaiting_signature",
            method: "paper",
            matchId: null,
            meetingId: parties.meetingId,
            buyerId: parties.buyerId,
            buyerOrganisationId:
              (await models.User.findByPk(parties.buyerId, { attributes: ["organisationId"], transaction }))
                ?.organisationId ?? null,
            cooperativeId: parties.cooperativeId,
            provinceCode: (
              await models.Cooperative.findByPk(parties.cooperativeId, {
                attributes: ["provinceCode"],
                transaction,
              })
            )?.provinceCode,
            currentVersion: 1,
            totalVnd: content.totalVnd,
            draftedBy: user.id,
          },
          { transaction },
        );
        await drafting.writeVersion(transaction, agreement, content, { id: user.id, side: "staff" });
        await models.AgreementDocument.create(
          {
            agreementId: agreement.id,
            kind: "paper_scan",
            contentType: scanType!,
            sha256: scanSha256,
            bytes: scan!.data,
          },
          { transaction },
        );
        await appendAgreementEvent(models, transaction, agreement, {
          action: "registered",
          actorId: user.id,
          at: now,
          data: { version: 1, contentHash: hash, method: "paper", scanSha256, meeting: parties.meetingId },
        });
        for (const side of ["buyer", "supplier"] as const) {
          const party = content.parties[side];
          await models.AgreementSignature.create(
            {
              agreementId: agreement.id,
              version: 1,
              party: side,
              signerId: null,
              signerName: party.representative,
              organisation: party.legalName,
              title: party.representativeTitle,
              method: "paper",
              contentHash: hash,
              evidence: scanSha256,
              ip: null,
              userAgent: null,
              signedAt,
            },
            { transaction },
          );
          await appendAgreementEvent(models, transaction, agreement, {
            action: "signed",
            actorId: null,
            at: now,
            data: { version: 1, party: side, contentHash: hash, method: "paper", signedOn },
          });
        }
        await appendAgreementEvent(models, transaction, agreement, {
          action: "attested",
          actorId: user.id,
          at: now,
          data: { version: 1, contentHash: hash, scanSha256, by: user.fullName },
        });
        await seal(transaction, agreement, content, hash, { staffName: user.fullName, at: now, scanSha256 });
        return { publicId };
      });
    },

    /** The scan of a paper agreement, for its parties and staff; each download is an entry of the audit chain. */
    async paperScan(user: CurrentUser, { publicId }: { publicId: string }) {
      await kit.visibleAgreement(user, publicId);
      return db.transaction(async (transaction) => {
        const { agreement } = await kit.visibleAgreement(user, publicId, transaction);
        const document = await models.AgreementDocument.findOne({
          where: { agreementId: agreement.id, kind: "paper_scan" },
          transaction,
        });
        if (!document) throw new NotFound("agreement_not_found");
        await appendAgreementEvent(models, transaction, agreement, {
          action: "downloaded",
          actorId: user.id,
          at: kit.now(),
          data: { scanSha256: document.sha256 },
        });
        const extension = document.contentType === "application/pdf" ? "pdf" : document.contentType.slice(6);
        return {
          filename: `${agreement.publicId}-ban-giay.${extension}`,
          contentType: document.contentType,
          bytes: document.bytes,
        };
      });
    },
  };
}
