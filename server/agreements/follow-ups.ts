import { Op, type Transaction, type WhereOptions } from "sequelize";
import { onceByUniqueKey } from "../db/transaction";
import { z } from "zod";
import type { CurrentUser } from "../accounts/current-user";
import type { AgreementRecord } from "../db/models/agreements";
import { Invalid, NotFound } from "../errors";
import { blankToUndefined, wholeNumber } from "../fields";
import { enqueueJob, type JobHandler } from "../jobs";
import { lifecycle, stateMachine } from "../lifecycle";
import { emailUser } from "../notifications";
import { parseOrInvalid } from "../validation";
import { daysBetween, shiftDay, vietnamDay } from "../vocabulary/dates";
import { OPEN_PIPELINE_STATUSES, type FollowUpKind, type FollowUpStatus } from "../vocabulary/domain";
import type { AgreementContent } from "./content";
import { assertStaff, inUnion, type AgreementKit } from "./kit";
import { pipelineRows } from "./pipeline";
import { assignSchema, bulkSelectionSchema, followUpDoneSchema, followUpSchema } from "./schemas";

export const FOLLOW_UP_REMIND = "agreements.follow_up.remind";
/** Checkpoints after the seal, in months: how the unions' own follow-up calendars run. */
export const CHECKPOINT_MONTHS = [1, 3, 6, 12] as const;
export const FOLLOW_UPS_PAGE_SIZE = 50;

/**
 * The reminder ladder: three days before, on the day, a week late. Each rung is a job at 08:00 in Vietnam on its
 * day; a rung whose next one is already due is skipped (a follow-up created late gets one reminder, not three).
 */
export const REMINDER_RUNGS = [
  { rung: 1, days: -3, template: "follow_up_soon" },
  { rung: 2, days: 0, template: "follow_up_due" },
  { rung: 3, days: 7, template: "follow_up_overdue" },
] as const;
const dayMonthYear = (day: string) => day.split("-").reverse().join("/");
const rungAt = (dueOn: string, days: number) => new Date(`${shiftDay(dueOn, { days })}T08:00:00+07:00`);

const followUpMachine = stateMachine<
  "complete" | "cancel",
  FollowUpStatus,
  "staff" | "system",
  { status: FollowUpStatus }
>({
  complete: { from: ["open"], to: ["done"], by: ["staff", "system"] },
  cancel: { from: ["open"], to: ["cancelled"], by: ["staff", "system"] },
});

export const followUpQuerySchema = z.object({
  view: z.preprocess(blankToUndefined, z.enum(["mine", "team", "unassigned"]).optional()),
  status: z.preprocess(blankToUndefined, z.enum(["open", "done"]).optional()),
  page: z.preprocess(blankToUndefined, wholeNumber(1, 10_000).optional()),
});

/** The follow-ups sealing schedules: checkpoints, a week before each delivery, a month before the expiry. */
export function plannedFollowUps(
  sealedOn: string,
  content: Pick<AgreementContent, "deliveries" | "validUntil">,
) {
  const planned: Array<{ key: string; kind: FollowUpKind; detail: string | null; dueOn: string }> = [];
  for (const months of CHECKPOINT_MONTHS)
    planned.push({
      key: `auto:m${months}`,
      kind: "checkpoint",
      detail: String(months),
      dueOn: shiftDay(sealedOn, { months }),
    });
  for (const date of new Set(content.deliveries.map((d) => d.date))) {
    const dueOn = shiftDay(date, { days: -7 });
    // A delivery due within the week of sealing needs no reminder a week before it.
    if (dueOn > sealedOn)
      planned.push({ key: `auto:delivery:${date}`, kind: "delivery", detail: date, dueOn });
  }
  const expiry = shiftDay(content.validUntil, { months: -1 });
  if (expiry > sealedOn)
    planned.push({ key: "auto:expiry", kind: "expiry", detail: content.validUntil, dueOn: expiry });
  return planned.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
}

/**
 * A delivery recorded against a scheduled date settles the follow-up that was to chase it (inside the caller's
 * transaction, by the system, saying so): nobody is reminded of a lot that has arrived.
 */
export async function settleDeliveryFollowUp(
  models: AgreementKit["models"],
  transaction: Transaction,
  { agreementId, scheduledOn, at }: { agreementId: number; scheduledOn: string; at: Date },
) {
  const followUp = await models.AgreementFollowUp.findOne({
    where: { agreementId, key: `auto:delivery:${scheduledOn}`, status: "open" },
    transaction,
    lock: transaction.LOCK.UPDATE,
  });
  if (!followUp) return;
  await followUpLifecycle(models).move(transaction, {
    subject: followUp,
    action: "complete",
    actor: "system",
    actorId: null,
    // No outcome and nobody's name: the page says the delivery settled it.
    changes: { outcome: null, completedBy: null, completedAt: at },
  });
}

const followUpLifecycle = (models: AgreementKit["models"]) =>
  lifecycle(followUpMachine, {
    models,
    model: models.AgreementFollowUp,
    name: "agreement_follow_up",
    changedCode: "follow_up_changed",
    // The follow-up row itself keeps who completed it, when and with what outcome: there is no separate timeline.
    recordEvent: async () => {},
  });

/** What the follow-up use cases share: the staff member's agreement, the union's staff, rows as lists show them. */
export function followUpKit(kit: AgreementKit) {
  const { models } = kit;
  const today = () => vietnamDay(kit.now());

  /** The agreement a staff member may follow (sealed, in their union), locked when in a transaction. */
  async function followedAgreement(user: CurrentUser, publicId: string, transaction?: Transaction) {
    assertStaff(user);
    const { agreement } = await kit.visibleAgreement(user, publicId, transaction);
    if (!agreement.sealedAt) throw new NotFound("agreement_not_found");
    return agreement;
  }

  /** Staff who may be given an agreement of `provinceCode`: its union's and the national level's, still active. */
  async function assignableStaff(provinceCode: string | null, transaction?: Transaction) {
    return models.User.findAll({
      where: {
        role: "staff",
        disabledAt: null,
        unionProvinceCode: provinceCode ? { [Op.or]: [null, provinceCode] } : null,
      },
      attributes: ["id", "fullName", "email", "locale", "unionProvinceCode"],
      order: [["fullName", "ASC"]],
      transaction,
    });
  }

  /**
   * A scope's WHERE on agreements: the union's province, sealed; for open follow-ups, agreements still being carried
   * out (a completed or cancelled agreement's remaining follow-ups are moot, and are neither listed nor reminded).
   */
  function agreementScope(unionProvinceCode: string | null, status: "open" | "done"): WhereOptions {
    return {
      sealedAt: { [Op.ne]: null },
      ...(status === "open" ? { status: OPEN_PIPELINE_STATUSES } : {}),
      ...(unionProvinceCode ? { provinceCode: unionProvinceCode } : {}),
    };
  }

  async function followUpRows(followUps: InstanceType<typeof models.AgreementFollowUp>[]) {
    const agreements = await models.Agreement.findAll({
      where: { id: [...new Set(followUps.map((f) => f.agreementId))] },
    });
    const day = today();
    const rows = new Map(
      (await pipelineRows(models, agreements, day)).map((r, i) => [agreements[i]!.id, r] as const),
    );
    const people = await models.User.findAll({
      where: {
        id: [
          ...new Set(
            followUps.flatMap((f) => [f.assigneeId, f.completedBy]).filter((x): x is number => x !== null),
          ),
        ],
      },
      attributes: ["id", "fullName"],
    });
    const nameOf = (id: number | null) => (id ? (people.find((p) => p.id === id)?.fullName ?? null) : null);
    return followUps.map((f) => ({
      id: f.id,
      kind: f.kind,
      detail: f.detail,
      dueOn: f.dueOn,
      note: f.note,
      status: f.status,
      outcome: f.outcome,
      assigneeId: f.assigneeId,
      assignee: nameOf(f.assigneeId),
      completedBy: nameOf(f.completedBy),
      completedAt: f.completedAt?.toISOString() ?? null,
      overdue: f.status === "open" && f.dueOn < day,
      daysLate: f.status === "open" && f.dueOn < day ? daysBetween(f.dueOn, day) : 0,
      agreement: rows.get(f.agreementId)!,
    }));
  }

  return { today, followedAgreement, assignableStaff, agreementScope, followUpRows };
}

/** A follow-up as the lists show it, with its agreement's row (pipelineRows). */
export type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpKit>["followUpRows"]>>[number];

/**
 * Union staff chasing sealed agreements: follow-ups scheduled at the seal and added by hand, given to a staff member
 * (the agreement's follower by default), completed with what came of it, reminded by e-mail through the notification
 * outbox, and a calendar feed of one's own. Notes staff write while following. All within the staff member's union.
 */
export function followUpUseCases(kit: AgreementKit) {
  const { models, db } = kit;
  const machine = followUpLifecycle(models);
  const { today, followedAgreement, assignableStaff, agreementScope, followUpRows } = followUpKit(kit);

  async function checkAssignee(
    assigneeId: number | undefined,
    agreement: AgreementRecord,
    transaction: Transaction,
  ) {
    if (assigneeId === undefined) return null;
    const staff = await assignableStaff(agreement.provinceCode, transaction);
    if (!staff.some((s) => s.id === assigneeId)) throw new Invalid({ assigneeId: { code: "choose_one" } });
    return assigneeId;
  }

  async function scheduleReminders(transaction: Transaction, followUpId: number, dueOn: string) {
    for (const { rung, days } of REMINDER_RUNGS)
      await enqueueJob(
        models,
        transaction,
        FOLLOW_UP_REMIND,
        { followUpId, rung, dueOn },
        { runAt: rungAt(dueOn, days) },
      );
  }

  async function createFollowUp(
    transaction: Transaction,
    row: {
      agreementId: number;
      key: string;
      kind: FollowUpKind;
      detail: string | null;
      dueOn: string;
      note: string | null;
      assigneeId: number | null;
      createdBy: number | null;
    },
  ) {
    const created = await models.AgreementFollowUp.create({ ...row, status: "open" }, { transaction });
    await scheduleReminders(transaction, created.id, created.dueOn);
    return created;
  }

  /** Who hears a follow-up's reminder: its assignee, else the agreement's follower, else the union's staff. */
  async function recipientsOf(
    followUp: { assigneeId: number | null },
    agreement: AgreementRecord,
    t: Transaction,
  ) {
    const id = followUp.assigneeId ?? agreement.ownerId;
    if (id) {
      const user = await models.User.findOne({ where: { id, disabledAt: null }, transaction: t });
      if (user) return [user];
    }
    const staff = await assignableStaff(agreement.provinceCode, t);
    const own = staff.filter((s) => s.unionProvinceCode === agreement.provinceCode && agreement.provinceCode);
    return own.length ? own : staff.filter((s) => s.unionProvinceCode === null);
  }

  async function addOne(
    user: CurrentUser,
    agreement: AgreementRecord,
    input: z.infer<typeof followUpSchema>,
    t: Transaction,
    key: string,
  ) {
    const known = await models.AgreementFollowUp.findOne({
      where: { agreementId: agreement.id, key },
      transaction: t,
    });
    if (known) return known;
    return createFollowUp(t, {
      agreementId: agreement.id,
      key,
      kind: "manual",
      detail: null,
      dueOn: input.dueOn,
      note: input.note,
      assigneeId: (await checkAssignee(input.assigneeId, agreement, t)) ?? agreement.ownerId ?? null,
      createdBy: user.id,
    });
  }

  return {
    /**
     * Subscriber of `agreement.sealed`: the agreement's checkpoints, delivery and expiry follow-ups. Run twice (a
     * redelivered event) it adds nothing: each has its key, looked up under the agreement's lock.
     */
    async scheduleFollowUps(agreementId: number) {
      await db.transaction(async (transaction) => {
        const agreement = await models.Agreement.findByPk(agreementId, {
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (!agreement?.sealedAt || !(OPEN_PIPELINE_STATUSES as readonly string[]).includes(agreement.status))
          return;
        const version = await models.AgreementVersion.findOne({
          where: { agreementId, contentHash: agreement.sealedHash! },
          transaction,
        });
        const content = JSON.parse(version!.content) as AgreementContent;
        const known = new Set(
          (
            await models.AgreementFollowUp.findAll({
              where: { agreementId },
              attributes: ["key"],
              transaction,
            })
          ).map((f) => f.key),
        );
        // Counted from the day the agreement was signed: the later signature, which for paper is the day on the paper,
        // not the day staff registered it.
        const signatures = await models.AgreementSignature.findAll({
          where: { agreementId, contentHash: agreement.sealedHash!, voidedAt: null },
          attributes: ["signedAt"],
          transaction,
        });
        const signedAt = signatures.reduce(
          (latest, s) => (s.signedAt > latest ? s.signedAt : latest),
          signatures[0]?.signedAt ?? agreement.sealedAt,
        );
        for (const planned of plannedFollowUps(vietnamDay(signedAt), content))
          if (!known.has(planned.key))
            await createFollowUp(transaction, {
              agreementId,
              ...planned,
              note: null,
              assigneeId: agreement.ownerId ?? null,
              createdBy: null,
            });
      });
    },

    /** Staff's follow-ups: theirs first by default, the team's or the unassigned ones in their union; open or done. */
    async listFollowUps(user: CurrentUser, input: Record<string, unknown>) {
      assertStaff(user);
      const query = parseOrInvalid(followUpQuerySchema, input);
      const view = query.view ?? "mine";
      const status = query.status ?? "open";
      const page = query.page ?? 1;
      const where: Record<string, unknown> = { status };
      if (view === "mine") where.assigneeId = user.id;
      if (view === "unassigned") where.assigneeId = null;
      const within = (of: "open" | "done") => [
        {
          model: models.Agreement,
          as: "agreement",
          attributes: [],
          required: true,
          where: agreementScope(user.unionProvinceCode, of),
        },
      ];
      // Open ones by due date, the longest overdue first; done ones the latest first.
      const order: Array<[string, string]> =
        status === "open"
          ? [
              ["dueOn", "ASC"],
              ["id", "ASC"],
            ]
          : [
              ["completedAt", "DESC"],
              ["id", "DESC"],
            ];
      const day = today();
      const [{ rows, count }, counts] = await Promise.all([
        models.AgreementFollowUp.findAndCountAll({
          where,
          include: within(status),
          order,
          limit: FOLLOW_UPS_PAGE_SIZE,
          offset: (page - 1) * FOLLOW_UPS_PAGE_SIZE,
        }),
        // The tabs' badges: open and overdue, mine and unassigned.
        Promise.all(
          [
            { assigneeId: user.id },
            { assigneeId: user.id, dueOn: { [Op.lt]: day } },
            { assigneeId: null },
            {},
          ].map((extra) =>
            models.AgreementFollowUp.count({ where: { status: "open", ...extra }, include: within("open") }),
          ),
        ),
      ]);
      return {
        view,
        status,
        page,
        perPage: FOLLOW_UPS_PAGE_SIZE,
        total: count,
        counts: { mine: counts[0]!, mineOverdue: counts[1]!, unassigned: counts[2]!, team: counts[3]! },
        rows: await followUpRows(rows),
      };
    },

    /** Staff add a follow-up to an agreement: a day, what to do, and who (the agreement's follower by default). */
    async addFollowUp(
      user: CurrentUser,
      { publicId, form }: { publicId: string; form: Record<string, unknown> },
    ) {
      await followedAgreement(user, publicId);
      const input = parseOrInvalid(followUpSchema, form);
      if (input.dueOn < today()) throw new Invalid({ dueOn: { code: "date_in_past" } });
      const key = `form:${input.requestId}`;
      return onceByUniqueKey(
        () =>
          db.transaction(async (t) => {
            const agreement = await followedAgreement(user, publicId, t);
            return { id: (await addOne(user, agreement, input, t, key)).id };
          }),
        async () => {
          const agreement = await followedAgreement(user, publicId);
          const known = await models.AgreementFollowUp.findOne({ where: { agreementId: agreement.id, key } });
          return known ? { id: known.id } : null;
        },
      );
    },

    /** Completing a follow-up, saying what came of it; anyone of the union's staff may (a colleague stands in). */
    async completeFollowUp(user: CurrentUser, { form }: { form: Record<string, unknown> }) {
      assertStaff(user);
      const input = parseOrInvalid(followUpDoneSchema, form);
      await db.transaction(async (transaction) => {
        const { followUp } = await lockedFollowUp(user, input.followUpId, transaction);
        await machine.move(transaction, {
          subject: followUp,
          action: "complete",
          actor: "staff",
          actorId: user.id,
          changes: { outcome: input.outcome, completedBy: user.id, completedAt: kit.now() },
          note: input.outcome,
        });
      });
    },

    /** Giving one follow-up to a staff member of the union (blank: back to the team). */
    async assignFollowUp(
      user: CurrentUser,
      { followUpId, form }: { followUpId: number; form: Record<string, unknown> },
    ) {
      assertStaff(user);
      const { assigneeId } = parseOrInvalid(assignSchema, form);
      await db.transaction(async (transaction) => {
        const { followUp, agreement } = await lockedFollowUp(user, followUpId, transaction);
        if (followUp.status !== "open") throw new Invalid({ assigneeId: { code: "follow_up_closed" } });
        await followUp.update(
          { assigneeId: await checkAssignee(assigneeId, agreement, transaction) },
          { transaction },
        );
      });
    },

    /**
     * Bulk, from the pipeline: give the chosen agreements to a staff member (their follower), with their open
     * follow-ups that were the previous follower's or nobody's. Agreements outside the union are refused, all or none.
     */
    async assignAgreements(user: CurrentUser, form: Record<string, unknown>) {
      assertStaff(user);
      const { publicIds } = parseOrInvalid(bulkSelectionSchema, form);
      const { assigneeId } = parseOrInvalid(assignSchema, form);
      return db.transaction(async (transaction) => {
        const agreements = await lockedSelection(user, publicIds, transaction);
        for (const agreement of agreements) {
          const owner = await checkAssignee(assigneeId, agreement, transaction);
          await models.AgreementFollowUp.update(
            { assigneeId: owner },
            {
              where: {
                agreementId: agreement.id,
                status: "open",
                assigneeId: agreement.ownerId ? { [Op.or]: [null, agreement.ownerId] } : null,
              },
              transaction,
            },
          );
          await agreement.update({ ownerId: owner }, { transaction });
        }
        return { count: agreements.length };
      });
    },

    /** Bulk, from the pipeline: the same follow-up on each chosen agreement (one per agreement for one form). */
    async addFollowUps(user: CurrentUser, form: Record<string, unknown>) {
      assertStaff(user);
      const { publicIds } = parseOrInvalid(bulkSelectionSchema, form);
      const input = parseOrInvalid(followUpSchema, form);
      if (input.dueOn < today()) throw new Invalid({ dueOn: { code: "date_in_past" } });
      return onceByUniqueKey(
        () =>
          db.transaction(async (transaction) => {
            const agreements = await lockedSelection(user, publicIds, transaction);
            for (const agreement of agreements)
              await addOne(user, agreement, input, transaction, `form:${input.requestId}`);
            return { count: agreements.length };
          }),
        async () => ({ count: publicIds.length }),
      );
    },

    jobHandlers(): Record<string, JobHandler> {
      return {
        /**
         * One rung of a follow-up's reminder ladder. Sent once: the rung is recorded on the follow-up under its
         * lock, and a rung is not sent when the follow-up is done, moved to another day, or a later rung is due.
         */
        [FOLLOW_UP_REMIND]: async (payload) => {
          const rung = Number(payload.rung);
          const step = REMINDER_RUNGS.find((r) => r.rung === rung);
          if (!step) return;
          await db.transaction(async (transaction) => {
            const followUp = await models.AgreementFollowUp.findByPk(Number(payload.followUpId), {
              transaction,
              lock: transaction.LOCK.UPDATE,
            });
            if (!followUp || followUp.status !== "open" || followUp.dueOn !== payload.dueOn) return;
            if (followUp.reminded >= rung) return;
            const later = REMINDER_RUNGS.find((r) => r.rung === rung + 1);
            if (later && rungAt(followUp.dueOn, later.days) <= kit.now()) return;
            const agreement = await models.Agreement.findByPk(followUp.agreementId, { transaction });
            if (!agreement || !(OPEN_PIPELINE_STATUSES as readonly string[]).includes(agreement.status))
              return;
            const [row] = await pipelineRows(models, [agreement], vietnamDay(kit.now()));
            for (const recipient of await recipientsOf(followUp, agreement, transaction))
              await emailUser(models, transaction, recipient, step.template, () => ({
                agreement: agreement.publicId,
                cooperative: row!.cooperative,
                buyer: row!.buyer,
                dueOn: dayMonthYear(followUp.dueOn),
                // The template words the task itself (followUps:kind), in the recipient's language.
                kind: followUp.kind,
                months: followUp.kind === "checkpoint" ? Number(followUp.detail) : 0,
                date: followUp.kind === "checkpoint" || !followUp.detail ? "" : dayMonthYear(followUp.detail),
                note: followUp.note ? `\n${followUp.note}` : "",
                link: `${kit.origin}/agreements/${agreement.publicId}`,
              }));
            await followUp.update({ reminded: rung }, { transaction });
          });
        },
      };
    },
  };

  /** A follow-up of the staff member's union, locked, with its agreement; "not found" for any other. */
  async function lockedFollowUp(user: CurrentUser, id: number, transaction: Transaction) {
    const followUp = await models.AgreementFollowUp.findByPk(id, {
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    const agreement = followUp && (await models.Agreement.findByPk(followUp.agreementId, { transaction }));
    if (!followUp || !agreement || !inUnion(user, agreement.provinceCode))
      throw new NotFound("follow_up_not_found");
    return { followUp, agreement };
  }

  async function lockedSelection(user: CurrentUser, publicIds: string[], transaction: Transaction) {
    // In a fixed order (by id), so two bulk actions on overlapping selections wait for each other, never deadlock.
    const agreements = await models.Agreement.findAll({
      where: { publicId: publicIds, sealedAt: { [Op.ne]: null } },
      order: [["id", "ASC"]],
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    if (
      agreements.length !== new Set(publicIds).size ||
      agreements.some((a) => !inUnion(user, a.provinceCode))
    )
      throw new Invalid({ publicIds: { code: "form_outdated" } });
    return agreements;
  }
}
