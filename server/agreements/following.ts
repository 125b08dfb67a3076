import { randomBytes } from "node:crypto";
import type { CurrentUser } from "../accounts/current-user";
import { onceByUniqueKey } from "../db/transaction";
import { NotFound } from "../errors";
import { parseOrInvalid } from "../validation";
import { assertStaff, type AgreementKit } from "./kit";
import { followUpKit, type FollowUpRow } from "./follow-ups";
import { agreementNoteSchema } from "./schemas";

/** Audit entries that say someone looked (opened, downloaded, verified): the timeline leaves them to the audit. */
const QUIET_ACTIONS = new Set(["viewed", "downloaded", "verified"]);

/** One line of an agreement's timeline, as staff read it. */
export type TimelineEntry =
  | { at: string; kind: "trail"; action: string; actor: string | null; detail: TrailDetail }
  | {
      at: string;
      kind: "follow_up_added" | "follow_up_done";
      actor: string | null;
      followUp: Omit<FollowUpRow, "agreement">;
    }
  | { at: string; kind: "note"; actor: string | null; body: string };

/** What of an audit entry's data a person reads: a move's states and reason, a delivery's figures, a version. */
export interface TrailDetail {
  from?: string;
  to?: string;
  note?: string;
  version?: number;
  party?: string;
  quantity?: number;
  valueVnd?: number;
  deliveredOn?: string;
  reason?: string;
}

function pickDetail(data: Record<string, unknown>): TrailDetail {
  const out: TrailDetail = {};
  for (const key of ["from", "to", "note", "party", "deliveredOn", "reason"] as const)
    if (typeof data[key] === "string") out[key] = data[key] as string;
  for (const key of ["version", "quantity", "valueVnd"] as const)
    if (typeof data[key] === "number") out[key] = data[key] as number;
  return out;
}

/**
 * The union's side of one agreement: its follower, follow-ups, staff notes and timeline for the agreement's page,
 * and each staff member's calendar of their follow-ups.
 */
export function followingUseCases(kit: AgreementKit) {
  const { models, db } = kit;
  const { followedAgreement, assignableStaff, agreementScope, followUpRows } = followUpKit(kit);

  return {
    /**
     * What the agreement's page shows staff: its follower, follow-ups, notes, who may be given it, and the timeline
     * (the audit chain, follow-ups added and done, notes), newest first.
     */
    async followingOf(user: CurrentUser, publicId: string) {
      const agreement = await followedAgreement(user, publicId);
      const [followUps, notes, staff, chain] = await Promise.all([
        models.AgreementFollowUp.findAll({
          where: { agreementId: agreement.id },
          order: [
            ["dueOn", "ASC"],
            ["id", "ASC"],
          ],
        }),
        models.AgreementNote.findAll({ where: { agreementId: agreement.id }, order: [["id", "ASC"]] }),
        assignableStaff(agreement.provinceCode),
        models.AgreementEvent.findAll({ where: { agreementId: agreement.id }, order: [["seq", "ASC"]] }),
      ]);
      const names = new Map(staff.map((s) => [s.id, s.fullName]));
      const unknown = [
        ...new Set(
          [
            ...notes.map((n) => n.authorId),
            ...chain.map((e) => e.actorId),
            ...followUps.map((f) => f.createdBy),
          ].filter((id): id is number => id !== null && !names.has(id)),
        ),
      ];
      if (unknown.length)
        for (const u of await models.User.findAll({ where: { id: unknown }, attributes: ["id", "fullName"] }))
          names.set(u.id, u.fullName);
      const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
      const rows = (await followUpRows(followUps)).map(({ agreement: _agreement, ...f }) => f);
      const timeline: TimelineEntry[] = [
        ...chain
          .filter((e) => !QUIET_ACTIONS.has(e.action))
          .map((e): TimelineEntry => {
            const data = JSON.parse(e.data) as Record<string, unknown>;
            return {
              at: e.at,
              kind: "trail",
              action: e.action,
              actor: nameOf(e.actorId),
              detail: pickDetail(data),
            };
          }),
        ...followUps.flatMap((f, i): TimelineEntry[] => [
          ...(f.kind === "manual"
            ? [
                {
                  at: f.createdAt.toISOString(),
                  kind: "follow_up_added" as const,
                  actor: nameOf(f.createdBy),
                  followUp: rows[i]!,
                },
              ]
            : []),
          ...(f.status === "done" && f.completedAt
            ? [
                {
                  at: f.completedAt.toISOString(),
                  kind: "follow_up_done" as const,
                  actor: rows[i]!.completedBy,
                  followUp: rows[i]!,
                },
              ]
            : []),
        ]),
        ...notes.map((n): TimelineEntry => ({
          at: n.createdAt.toISOString(),
          kind: "note",
          actor: nameOf(n.authorId),
          body: n.body,
        })),
      ].sort((a, b) => b.at.localeCompare(a.at));
      return {
        owner: agreement.ownerId ? { id: agreement.ownerId, name: nameOf(agreement.ownerId) } : null,
        followUps: rows,
        notes: notes.map((n) => ({
          id: n.id,
          body: n.body,
          author: nameOf(n.authorId),
          at: n.createdAt.toISOString(),
        })),
        staff: staff.map((s) => ({ id: s.id, name: s.fullName })),
        timeline,
      };
    },

    /** A note on an agreement, for the union's staff only; the same form twice is one note. */
    async addAgreementNote(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      await followedAgreement(user, publicId);
      const input = parseOrInvalid(agreementNoteSchema, form);
      return onceByUniqueKey(
        () =>
          db.transaction(async (transaction) => {
            const agreement = await followedAgreement(user, publicId, transaction);
            const known = await models.AgreementNote.findOne({
              where: { agreementId: agreement.id, requestId: input.requestId },
              transaction,
            });
            if (known) return { id: known.id };
            const note = await models.AgreementNote.create(
              { agreementId: agreement.id, authorId: user.id, body: input.body, requestId: input.requestId },
              { transaction },
            );
            return { id: note.id };
          }),
        async () => {
          const agreement = await followedAgreement(user, publicId);
          const known = await models.AgreementNote.findOne({
            where: { agreementId: agreement.id, requestId: input.requestId },
          });
          return known ? { id: known.id } : null;
        },
      );
    },

    /** Staff who may be given agreements in the user's union (the bulk form's choices). */
    async assignableStaffOf(user: CurrentUser) {
      assertStaff(user);
      return (await assignableStaff(user.unionProvinceCode)).map((s) => ({ id: s.id, name: s.fullName }));
    },

    /** The secret of the user's calendar feed, or null until they ask for one. */
    async calendarTokenOf(user: CurrentUser) {
      assertStaff(user);
      return (
        (await models.User.findByPk(user.id, { attributes: ["id", "calendarToken"] }))?.calendarToken ?? null
      );
    },

    /** A new secret for the user's calendar feed: the old link, if any, stops working. */
    async issueCalendarToken(user: CurrentUser) {
      assertStaff(user);
      const token = randomBytes(24).toString("base64url");
      await models.User.update({ calendarToken: token }, { where: { id: user.id } });
      return token;
    },

    /**
     * The open follow-ups of the staff member whose feed this is, for a calendar app (no session: the token is the
     * key). A wrong or revoked token is "not found", so tokens cannot be probed.
     */
    async calendarFeed(token: string) {
      if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new NotFound("calendar_not_found");
      const owner = await models.User.findOne({
        where: { calendarToken: token, role: "staff", disabledAt: null },
      });
      if (!owner) throw new NotFound("calendar_not_found");
      const followUps = await models.AgreementFollowUp.findAll({
        where: { assigneeId: owner.id, status: "open" },
        include: [
          {
            model: models.Agreement,
            as: "agreement",
            attributes: [],
            required: true,
            where: agreementScope(owner.unionProvinceCode, "open"),
          },
        ],
        order: [["dueOn", "ASC"]],
        limit: 1000,
      });
      return { owner: { name: owner.fullName, locale: owner.locale }, rows: await followUpRows(followUps) };
    },
  };
}
