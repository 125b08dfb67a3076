import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viAgreements from "../../app/locales/vi/agreements.json";
import viErrors from "../../app/locales/vi/errors.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { vietnamDay } from "../../server/vocabulary/dates";
import { formatDate } from "../../server/vocabulary/format";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { agreementCast, sealedAgreement as sealedFor } from "../support/agreements";
import { PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { html, interpolate } from "../support/text";

/** A calendar day `n` days from `day` (YYYY-MM-DD, no time zone). */
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A JPEG photo of `width`×`height` in one colour (each colour its own picture, so its own files). */
const photoOf = (background: string, width = 1600, height = 1200) =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();

/** Every file the image pipeline stored for delivery photos, relative to the uploads folder. */
async function deliveryFiles(uploadsDir: string): Promise<string[]> {
  const root = path.join(uploadsDir, "deliveries");
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(uploadsDir, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * Carrying a sealed agreement out: a party records what it delivered against the schedule, the other confirms or
 * disputes it; the first delivery starts the implementation, confirmed deliveries reaching the agreed quantity
 * complete it, and staff move the pipeline by hand (stall and cancel with a reason). Every step is in the audit
 * chain, the seal still verifies, and what must happen once (a delivery per request, an answer per delivery, the
 * start) happens once when requests arrive together.
 */
describe.each(DIALECTS)("agreement tracking on %s", (dialect) => {
  let c: TestContainer;
  let buyer: CurrentUser;
  let coop: CurrentUser;
  let member: CurrentUser;
  let stranger: CurrentUser;
  let staff: CurrentUser;
  let matchId: number;
  const meta = { ip: "203.0.113.7", userAgent: "vitest", locale: "vi" as const };
  // The schedule of every sealed agreement here: one date already past, one still to come (150 kg each of 300).
  const today = vietnamDay(new Date());
  const pastDate = addDays(today, -10);
  const futureDate = addDays(today, 20);

  const agreements = () => c.services.agreements;
  /** The current terms with the tax codes filled (a draft leaves them blank), changed by `change`. */
  const termsWith = async (publicId: string, by: CurrentUser, change: Record<string, unknown> = {}) => {
    const view = await agreements().getAgreement(by, { publicId });
    return {
      ...view.terms,
      buyerTaxCode: "0108765432",
      buyerAddress: "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
      supplierTaxCode: "4600123456",
      basedOn: String(view.currentVersion),
      ...change,
    };
  };
  const sign = (by: CurrentUser, publicId: string, version: number) =>
    agreements().signAgreement(by, {
      publicId,
      form: { version: String(version), password: PASSWORD },
      meta,
    });
  /** A draft at version 2 with both tax codes and a schedule of two deliveries, one past and one to come. */
  const readyDraft = async () => {
    const { publicId } = await agreements().draftFromMatch(buyer, { matchId });
    await agreements().reviseAgreement(coop, {
      publicId,
      form: await termsWith(publicId, coop, {
        deliveryDate: [pastDate, futureDate],
        deliveryQuantity: ["150", "150"],
      }),
    });
    return publicId;
  };
  /** Signed by both parties: sealed, 300 kg at 320.000 đ, 150 kg due on each date. */
  const sealedAgreement = async () => {
    const publicId = await readyDraft();
    await sign(buyer, publicId, 2);
    expect(await sign(coop, publicId, 2)).toEqual({ status: "sealed" });
    return publicId;
  };
  const row = async (publicId: string) => (await c.db.models.Agreement.findOne({ where: { publicId } }))!;
  const chain = async (publicId: string) =>
    (
      await c.db.models.AgreementEvent.findAll({
        where: { agreementId: (await row(publicId)).id },
        order: [["seq", "ASC"]],
      })
    ).map((e) => ({
      action: e.action,
      actorId: e.actorId,
      data: JSON.parse(e.data) as Record<string, unknown>,
    }));
  const actionsOf = async (publicId: string) => (await chain(publicId)).map((e) => e.action);
  const countOf = async (publicId: string, action: string) =>
    (await actionsOf(publicId)).filter((a) => a === action).length;
  const deliveryRows = async (publicId: string, where: Record<string, unknown> = {}) =>
    c.db.models.AgreementDelivery.findAll({
      where: { agreementId: (await row(publicId)).id, ...where },
      order: [["id", "ASC"]],
    });
  const record = (by: CurrentUser, publicId: string, form: Record<string, unknown> = {}) =>
    agreements().recordDelivery(by, {
      publicId,
      form: { requestId: randomUUID(), deliveredOn: pastDate, quantity: "100", ...form },
    });
  const answer = (by: CurrentUser, publicId: string, deliveryId: number, form: Record<string, unknown>) =>
    agreements().answerDelivery(by, { publicId, form: { deliveryId: String(deliveryId), ...form } });
  const move = (by: CurrentUser, publicId: string, form: Record<string, unknown>) =>
    agreements().moveAgreement(by, { publicId, form });

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    const cast = await agreementCast(c, { member: "xavien@example.com", stranger: "nguoila@example.com" });
    ({ buyer, coop, staff, matchId } = cast);
    member = cast.member!;
    stranger = cast.stranger!;
  }, 120_000);
  afterAll(async () => c?.destroy());

  it("records a party's delivery, which starts the implementation, and refuses what does not fit", async () => {
    const publicId = await sealedAgreement();
    const sealed = await agreements().getAgreement(buyer, { publicId });
    expect(sealed).toMatchObject({ status: "sealed", statusReason: null });
    expect(sealed.content).toMatchObject({
      quantity: 300,
      unitPriceVnd: 320_000,
      deliveries: [
        { date: pastDate, quantity: 150 },
        { date: futureDate, quantity: 150 },
      ],
    });
    const before = (await chain(publicId)).length;

    const first = await record(coop, publicId, { scheduledOn: pastDate, note: "Giao tại kho Hà Nội" });
    expect(first).toEqual({ deliveryId: expect.any(Number), repeated: false });
    expect((await row(publicId)).status).toBe("in_implementation");
    const added = (await chain(publicId)).slice(before);
    expect(added).toEqual([
      expect.objectContaining({
        action: "delivery_recorded",
        actorId: coop.id,
        data: expect.objectContaining({
          delivery: first.deliveryId,
          side: "supplier",
          quantity: 100,
          valueVnd: 32_000_000,
        }),
      }),
      // The lifecycle's own entry: moved by the system, not by the party.
      { action: "start", actorId: null, data: { from: "sealed", to: "in_implementation" } },
    ]);
    const [delivery] = await deliveryRows(publicId);
    expect(delivery).toMatchObject({
      id: first.deliveryId,
      scheduledOn: pastDate,
      deliveredOn: pastDate,
      quantity: 100,
      valueVnd: 32_000_000, // quantity × unit price when the form leaves it out
      note: "Giao tại kho Hà Nội",
      side: "supplier",
      recordedBy: coop.id,
      status: "recorded",
    });

    // A value written on the form is kept; a delivery outside the schedule is allowed. The start happens once.
    const second = await record(buyer, publicId, { quantity: "20", valueVnd: "6.000.000", scheduledOn: "" });
    expect(await c.db.models.AgreementDelivery.findByPk(second.deliveryId)).toMatchObject({
      valueVnd: 6_000_000,
      scheduledOn: null,
      side: "buyer",
    });
    expect(await countOf(publicId, "start")).toBe(1);
    expect((await row(publicId)).status).toBe("in_implementation");

    // What does not fit writes nothing.
    const rowsBefore = (await deliveryRows(publicId)).length;
    await expect(record(coop, publicId, { scheduledOn: addDays(pastDate, 1) })).rejects.toMatchObject({
      status: 400,
      fields: { scheduledOn: { code: "choose_one" } },
    });
    await expect(record(coop, publicId, { deliveredOn: addDays(today, 2) })).rejects.toMatchObject({
      status: 400,
      fields: { deliveredOn: { code: "delivered_in_future" } },
    });
    await expect(record(coop, publicId, { quantity: "0" })).rejects.toMatchObject({
      status: 400,
      fields: { quantity: expect.anything() },
    });
    await expect(record(coop, publicId, { requestId: "x" })).rejects.toMatchObject({
      status: 400,
      fields: { requestId: { code: "form_outdated" } },
    });
    await expect(record(staff, publicId)).rejects.toMatchObject({ status: 403, code: "parties_only" });
    await expect(record(stranger, publicId)).rejects.toMatchObject({
      status: 404,
      code: "agreement_not_found",
    });
    expect(await deliveryRows(publicId)).toHaveLength(rowsBefore);

    // Not sealed yet: nothing to deliver against.
    const draft = await readyDraft();
    await expect(record(coop, draft)).rejects.toMatchObject({
      status: 409,
      code: "agreement_not_in_implementation",
    });
    expect(await deliveryRows(draft)).toHaveLength(0);
    expect((await row(draft)).status).toBe("draft");
  });

  it("records a form sent twice once, one after the other and at the same moment", async () => {
    const publicId = await sealedAgreement();
    const form = { requestId: randomUUID(), scheduledOn: pastDate, quantity: "50" };
    const once = await record(coop, publicId, form);
    const again = await record(coop, publicId, form);
    expect(once.repeated).toBe(false);
    expect(again).toEqual({ deliveryId: once.deliveryId, repeated: true });
    expect(await deliveryRows(publicId, { requestId: form.requestId })).toHaveLength(1);
    expect(await countOf(publicId, "delivery_recorded")).toBe(1);

    // At the same moment, on a freshly sealed agreement: both race to record and to start it.
    for (let round = 0; round < 3; round++) {
      const fresh = round === 0 ? await sealedAgreement() : publicId;
      const same = { requestId: randomUUID(), deliveredOn: pastDate, quantity: "10" };
      const results = await Promise.allSettled([record(coop, fresh, same), record(coop, fresh, same)]);
      // A lost race must come back as the same delivery, not as an error (a 500 from the unique index).
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const answers = results.map(
        (r) => (r as PromiseFulfilledResult<{ deliveryId: number; repeated: boolean }>).value,
      );
      expect(answers[0]!.deliveryId).toBe(answers[1]!.deliveryId);
      expect(answers.map((a) => a.repeated).sort()).toEqual([false, true]);
      expect(await deliveryRows(fresh, { requestId: same.requestId })).toHaveLength(1);
      expect(await countOf(fresh, "start")).toBe(1);
      expect((await row(fresh)).status).toBe("in_implementation");
      expect((await agreements().agreementIntegrity((await row(fresh)).id)).chain.ok).toBe(true);
    }

    // Two different deliveries at once on a sealed agreement: both recorded, one start.
    const fresh = await sealedAgreement();
    const results = await Promise.allSettled([
      record(coop, fresh, { quantity: "5" }),
      record(buyer, fresh, { quantity: "6" }),
      record(member, fresh, { quantity: "7" }),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect((await deliveryRows(fresh)).map((d) => d.quantity).sort()).toEqual([5, 6, 7]);
    expect(await countOf(fresh, "start")).toBe(1);
    expect(await countOf(fresh, "delivery_recorded")).toBe(3);
    expect((await agreements().agreementIntegrity((await row(fresh)).id)).chain.ok).toBe(true);

    // The backstop below the lock: the table itself refuses a second row for the same request.
    const [kept] = await deliveryRows(publicId, { requestId: form.requestId });
    await expect(
      c.db.models.AgreementDelivery.create({
        agreementId: kept!.agreementId,
        requestId: form.requestId,
        scheduledOn: null,
        deliveredOn: pastDate,
        quantity: 1,
        valueVnd: 320_000,
        note: null,
        photoUrl: null,
        side: "supplier",
        recordedBy: coop.id,
        status: "recorded",
      }),
    ).rejects.toMatchObject({ name: "SequelizeUniqueConstraintError" });
  });

  it("lets only the other party confirm or dispute a delivery, once", async () => {
    const publicId = await sealedAgreement();
    const { deliveryId } = await record(buyer, publicId, { quantity: "10" });

    await expect(answer(buyer, publicId, deliveryId, { answer: "confirm" })).rejects.toMatchObject({
      status: 403,
      code: "other_party_answers",
    });
    await expect(answer(staff, publicId, deliveryId, { answer: "confirm" })).rejects.toMatchObject({
      status: 403,
      code: "parties_only",
    });
    await expect(answer(stranger, publicId, deliveryId, { answer: "confirm" })).rejects.toMatchObject({
      status: 404,
    });
    for (const reason of [undefined, "", "sai", "  abc  "])
      await expect(answer(coop, publicId, deliveryId, { answer: "dispute", reason })).rejects.toMatchObject({
        status: 400,
        fields: { reason: expect.objectContaining({ code: expect.any(String) }) },
      });
    await expect(answer(coop, publicId, 2 ** 30, { answer: "confirm" })).rejects.toMatchObject({
      status: 400,
      fields: { deliveryId: { code: "form_outdated" } },
    });
    expect(await c.db.models.AgreementDelivery.findByPk(deliveryId)).toMatchObject({ status: "recorded" });

    expect(await answer(coop, publicId, deliveryId, { answer: "confirm" })).toEqual({ status: "confirmed" });
    expect(await c.db.models.AgreementDelivery.findByPk(deliveryId)).toMatchObject({
      status: "confirmed",
      answeredBy: coop.id,
      answeredAt: expect.any(Date),
      disputeReason: null,
    });
    await expect(
      answer(member, publicId, deliveryId, { answer: "dispute", reason: "Thiếu 2 kg so với phiếu" }),
    ).rejects.toMatchObject({ status: 409, code: "delivery_answered" });
    await expect(answer(coop, publicId, deliveryId, { answer: "confirm" })).rejects.toMatchObject({
      code: "delivery_answered",
    });

    // The supplier's delivery is the buyer's to answer; a dispute keeps its reason.
    const other = await record(member, publicId, { quantity: "20", scheduledOn: pastDate });
    await expect(answer(coop, publicId, other.deliveryId, { answer: "confirm" })).rejects.toMatchObject({
      code: "other_party_answers",
    });
    const reason = "Thiếu 5 kg so với phiếu giao hàng";
    expect(await answer(buyer, publicId, other.deliveryId, { answer: "dispute", reason })).toEqual({
      status: "disputed",
    });
    expect(await c.db.models.AgreementDelivery.findByPk(other.deliveryId)).toMatchObject({
      status: "disputed",
      disputeReason: reason,
      answeredBy: buyer.id,
    });
    const entries = await chain(publicId);
    expect(entries.filter((e) => e.action.startsWith("delivery_"))).toEqual([
      expect.objectContaining({ action: "delivery_recorded", actorId: buyer.id }),
      { action: "delivery_confirmed", actorId: coop.id, data: { delivery: deliveryId } },
      expect.objectContaining({ action: "delivery_recorded", actorId: member.id }),
      { action: "delivery_disputed", actorId: buyer.id, data: { delivery: other.deliveryId, reason } },
    ]);

    // Confirmed and disputed at the same moment, by two hands of the cooperative: one answer stands.
    for (let round = 0; round < 3; round++) {
      const { deliveryId: id } = await record(buyer, publicId, { quantity: "1" });
      const results = await Promise.allSettled([
        answer(coop, publicId, id, { answer: "confirm" }),
        answer(member, publicId, id, { answer: "dispute", reason: "Hàng không đúng loại" }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({
        status: 409,
        code: "delivery_answered",
      });
      const { status } = (won[0] as PromiseFulfilledResult<{ status: string }>).value;
      expect((await c.db.models.AgreementDelivery.findByPk(id))!.status).toBe(status);
      const answers = (await chain(publicId)).filter(
        (e) =>
          (e.action === "delivery_confirmed" || e.action === "delivery_disputed") && e.data.delivery === id,
      );
      expect(answers).toHaveLength(1);
    }
    expect((await agreements().agreementIntegrity((await row(publicId)).id)).chain.ok).toBe(true);
  });

  it("completes the agreement when the confirmed deliveries reach the agreed quantity", async () => {
    const publicId = await sealedAgreement();
    // A disputed delivery of everything counts for nothing.
    const all = await record(coop, publicId, { quantity: "300" });
    await answer(buyer, publicId, all.deliveryId, { answer: "dispute", reason: "Chưa nhận được hàng" });
    expect((await row(publicId)).status).toBe("in_implementation");

    const a = await record(coop, publicId, { quantity: "150", scheduledOn: pastDate });
    const bForm = { requestId: randomUUID(), quantity: "150", scheduledOn: futureDate, deliveredOn: today };
    const b = await record(coop, publicId, bForm);
    await answer(buyer, publicId, a.deliveryId, { answer: "confirm" });
    const half = await agreements().getAgreement(buyer, { publicId });
    expect(half.status).toBe("in_implementation");
    expect(half.tracking!.fulfilment).toMatchObject({
      percent: 50,
      delivered: { quantity: 150, valueVnd: 48_000_000 },
      awaiting: { quantity: 150, valueVnd: 48_000_000 },
    });

    await answer(buyer, publicId, b.deliveryId, { answer: "confirm" });
    const agreement = await row(publicId);
    expect(agreement.status).toBe("completed");
    expect((await chain(publicId)).filter((e) => e.action === "complete")).toEqual([
      {
        action: "complete",
        actorId: null,
        data: { from: "in_implementation", to: "completed", note: "delivered" },
      },
    ]);
    const expected = {
      planned: { quantity: 300, valueVnd: 96_000_000 },
      delivered: { quantity: 300, valueVnd: 96_000_000 },
      awaiting: { quantity: 0, valueVnd: 0 },
      percent: 100,
      overdue: [],
      nextDue: null,
    };
    const tracking = await agreements().trackingOf(agreement);
    expect(tracking!.fulfilment).toEqual(expected);
    expect(tracking!.unit).toBe("kg");
    expect(tracking!.deliveries.map((d) => d.status)).toEqual(["disputed", "confirmed", "confirmed"]);
    const view = await agreements().getAgreement(coop, { publicId });
    expect(view).toMatchObject({ status: "completed", tracking: { fulfilment: expected } });

    // Closed: nothing more is recorded or answered.
    const late = await c.db.models.AgreementDelivery.count({ where: { agreementId: agreement.id } });
    await expect(record(coop, publicId)).rejects.toMatchObject({
      status: 409,
      code: "agreement_not_in_implementation",
    });
    expect(await c.db.models.AgreementDelivery.count({ where: { agreementId: agreement.id } })).toBe(late);
    // …but a retry of a form recorded before gets its delivery, not a refusal.
    expect(await record(coop, publicId, bForm)).toEqual({ deliveryId: b.deliveryId, repeated: true });
  });

  it("lets staff alone stall, resume, complete and cancel, with a reason where one is owed", async () => {
    const publicId = await sealedAgreement();
    for (const party of [buyer, coop, member])
      await expect(
        move(party, publicId, { action: "stall", reason: "Chưa thu hoạch kịp" }),
      ).rejects.toMatchObject({
        status: 403,
        code: "staff_only",
      });
    await expect(move(stranger, publicId, { action: "start" })).rejects.toMatchObject({ status: 404 });
    for (const reason of [undefined, "", "mưa"])
      await expect(move(staff, publicId, { action: "stall", reason })).rejects.toMatchObject({
        status: 400,
        fields: { reason: expect.anything() },
      });
    await expect(move(staff, publicId, { action: "archive" })).rejects.toMatchObject({
      status: 400,
      fields: { action: expect.anything() },
    });
    expect((await row(publicId)).status).toBe("sealed");

    const stallReason = "Hợp tác xã chưa thu hoạch kịp do mưa lớn";
    await move(staff, publicId, { action: "stall", reason: stallReason });
    expect(await agreements().getAgreement(buyer, { publicId })).toMatchObject({
      status: "stalled",
      statusReason: stallReason,
    });

    await move(staff, publicId, { action: "start" });
    expect(await row(publicId)).toMatchObject({ status: "in_implementation", statusReason: null });

    await expect(move(staff, publicId, { action: "terminate" })).rejects.toMatchObject({
      status: 400,
      fields: { reason: expect.anything() },
    });
    const endReason = "Bên mua giải thể, hai bên thỏa thuận chấm dứt";
    await move(staff, publicId, { action: "terminate", reason: endReason });
    expect(await agreements().getAgreement(coop, { publicId })).toMatchObject({
      status: "cancelled",
      statusReason: endReason,
    });
    // Cancelled is the end: no move out of it, and nothing more delivered.
    for (const action of ["start", "complete"])
      await expect(move(staff, publicId, { action })).rejects.toMatchObject({
        status: 409,
        code: "transition_refused",
      });
    await expect(record(coop, publicId)).rejects.toMatchObject({ code: "agreement_not_in_implementation" });

    const moves = (await chain(publicId)).filter((e) => ["stall", "start", "terminate"].includes(e.action));
    expect(moves).toEqual([
      { action: "stall", actorId: staff.id, data: { from: "sealed", to: "stalled", note: stallReason } },
      { action: "start", actorId: staff.id, data: { from: "stalled", to: "in_implementation" } },
      {
        action: "terminate",
        actorId: staff.id,
        data: { from: "in_implementation", to: "cancelled", note: endReason },
      },
    ]);
    expect((await agreements().agreementIntegrity((await row(publicId)).id)).chain.ok).toBe(true);

    // Staff close one by hand; a completed one is not stalled.
    const other = await sealedAgreement();
    await move(staff, other, { action: "complete" });
    expect((await row(other)).status).toBe("completed");
    await expect(move(staff, other, { action: "stall", reason: stallReason })).rejects.toMatchObject({
      status: 409,
      code: "transition_refused",
    });
    expect(await row(other)).toMatchObject({ status: "completed", statusReason: null });
    expect((await chain(other)).filter((e) => e.action === "complete")).toEqual([
      { action: "complete", actorId: staff.id, data: { from: "sealed", to: "completed" } },
    ]);

    // Before the seal the pipeline does not apply.
    const draft = await readyDraft();
    for (const form of [
      { action: "start" },
      { action: "complete" },
      { action: "stall", reason: stallReason },
    ])
      await expect(move(staff, draft, form)).rejects.toMatchObject({
        status: 409,
        code: "transition_refused",
      });
    expect((await row(draft)).status).toBe("draft");
  });

  it("still verifies the seal of an agreement in implementation or completed, and says where it stands", async () => {
    const publicId = await sealedAgreement();
    const { token } = (await agreements().getAgreement(buyer, { publicId })).sealed!;
    await expect(agreements().verifyAgreement({ publicId })).resolves.toMatchObject({
      verdict: "valid",
      agreement: { publicId, status: "sealed" },
    });

    const { deliveryId } = await record(coop, publicId, { quantity: "300", scheduledOn: pastDate });
    for (const input of [{ publicId }, { token }])
      await expect(agreements().verifyAgreement(input)).resolves.toMatchObject({
        verdict: "valid",
        agreement: { publicId, status: "in_implementation" },
      });
    const { bytes } = await agreements().sealedPdf(buyer, { publicId });
    await expect(agreements().verifyAgreement({ pdf: Buffer.from(bytes) })).resolves.toMatchObject({
      verdict: "valid",
    });

    await answer(buyer, publicId, deliveryId, { answer: "confirm" });
    for (const input of [{ publicId }, { token }])
      await expect(agreements().verifyAgreement(input)).resolves.toMatchObject({
        verdict: "valid",
        agreement: { publicId, status: "completed" },
      });
    expect(await agreements().agreementIntegrity((await row(publicId)).id)).toMatchObject({
      content: "intact",
      seal: "valid",
      pdf: "intact",
      chain: { ok: true },
    });
    const view = await agreements().getAgreement(staff, { publicId });
    expect(view.sealed).toMatchObject({ token });
  });

  it("shows a past scheduled date as overdue until a delivery is recorded against it", async () => {
    const draft = await readyDraft();
    expect((await agreements().getAgreement(buyer, { publicId: draft })).tracking).toBeNull();

    const publicId = await sealedAgreement();
    const fresh = await agreements().getAgreement(buyer, { publicId });
    expect(fresh.tracking).toEqual({
      schedule: [
        { date: pastDate, quantity: 150 },
        { date: futureDate, quantity: 150 },
      ],
      unit: "kg",
      fulfilment: {
        planned: { quantity: 300, valueVnd: 96_000_000 },
        delivered: { quantity: 0, valueVnd: 0 },
        awaiting: { quantity: 0, valueVnd: 0 },
        percent: 0,
        overdue: [pastDate],
        nextDue: futureDate,
      },
      deliveries: [],
    });

    // Against another date (outside the schedule): still overdue.
    await record(coop, publicId, { quantity: "30" });
    expect((await agreements().getAgreement(buyer, { publicId })).tracking!.fulfilment.overdue).toEqual([
      pastDate,
    ]);

    const { deliveryId } = await record(coop, publicId, { quantity: "150", scheduledOn: pastDate });
    const recorded = await agreements().getAgreement(coop, { publicId });
    expect(recorded.tracking!.fulfilment).toMatchObject({
      overdue: [],
      nextDue: futureDate,
      awaiting: { quantity: 180, valueVnd: 57_600_000 },
    });
    expect(recorded.tracking!.deliveries).toContainEqual(
      expect.objectContaining({
        id: deliveryId,
        scheduledOn: pastDate,
        side: "supplier",
        status: "recorded",
      }),
    );

    // Disputed: the date is open again.
    await answer(buyer, publicId, deliveryId, { answer: "dispute", reason: "Không nhận được hàng" });
    const disputed = await agreements().getAgreement(buyer, { publicId });
    expect(disputed.tracking!.fulfilment.overdue).toEqual([pastDate]);
    expect(disputed.tracking!.deliveries).toContainEqual(
      expect.objectContaining({
        id: deliveryId,
        status: "disputed",
        disputeReason: "Không nhận được hàng",
        answeredAt: expect.any(String),
      }),
    );
  });

  /** Notifications written since `after` (an outbox row id), in order: who, which template, what it says. */
  const notices = async (after: number) =>
    (
      await c.db.models.Notification.findAll({ where: { id: { [Op.gt]: after } }, order: [["id", "ASC"]] })
    ).map((n) => ({
      userId: n.userId,
      recipient: n.recipient,
      template: n.template,
      locale: n.locale,
      params: JSON.parse(n.params) as Record<string, string>,
    }));
  const lastNotice = async () => ((await c.db.models.Notification.max("id")) as number | null) ?? 0;
  const withPhoto = (by: CurrentUser, publicId: string, photo: Buffer, form: Record<string, unknown> = {}) =>
    agreements().recordDelivery(by, {
      publicId,
      form: { requestId: randomUUID(), deliveredOn: pastDate, quantity: "100", ...form },
      photo,
    });

  it("keeps a proof photo through the image pipeline, resized, and shows its thumbnail and full photo", async () => {
    const publicId = await sealedAgreement();
    const photo = await photoOf("#2f6b3a", 1600, 1200);
    const { deliveryId } = await withPhoto(coop, publicId, photo, { note: "Phiếu giao hàng số 12" });

    const delivery = (await c.db.models.AgreementDelivery.findByPk(deliveryId))!;
    const match = /^\/uploads\/(deliveries\/[0-9a-f]{2}\/([0-9a-f]{64}))-1280\.jpg$/.exec(
      delivery.photoUrl ?? "",
    );
    expect(match, `photo_url ${delivery.photoUrl}`).not.toBeNull();
    const stem = match![1]!;
    // Resized variants at the two widths, in the three formats, and nothing of the upload kept as it was.
    expect((await deliveryFiles(c.config.uploadsDir)).filter((f) => f.startsWith(stem))).toEqual(
      [320, 1280].flatMap((w) => ["avif", "jpg", "webp"].map((ext) => `${stem}-${w}.${ext}`)).sort(),
    );
    const full = await sharp(path.join(c.config.uploadsDir, `${stem}-1280.jpg`)).metadata();
    expect({ width: full.width, height: full.height, exif: full.exif }).toEqual({
      width: 1280,
      height: 960,
      exif: undefined,
    });
    const thumb = await sharp(path.join(c.config.uploadsDir, `${stem}-320.jpg`)).metadata();
    expect(thumb.width).toBe(320);

    const view = await agreements().getAgreement(buyer, { publicId });
    expect(view.tracking!.deliveries).toEqual([
      expect.objectContaining({
        id: deliveryId,
        photo: { url: `/uploads/${stem}-1280.jpg`, thumbnailUrl: `/uploads/${stem}-320.jpg` },
      }),
    ]);
    // The audit chain keeps which photo was recorded with the delivery.
    expect((await chain(publicId)).find((e) => e.action === "delivery_recorded")!.data).toMatchObject({
      delivery: deliveryId,
      photo: `/uploads/${stem}-1280.jpg`,
    });

    // A narrow photo is its own thumbnail; a delivery without one has none.
    const narrow = await withPhoto(buyer, publicId, await photoOf("#7a4b1c", 300, 240), { quantity: "1" });
    const plain = await record(buyer, publicId, { quantity: "2" });
    const shown = (await agreements().getAgreement(coop, { publicId })).tracking!.deliveries;
    const narrowPhoto = shown.find((d) => d.id === narrow.deliveryId)!.photo!;
    expect(narrowPhoto.url).toMatch(/-300\.jpg$/);
    expect(narrowPhoto.thumbnailUrl).toBe(narrowPhoto.url);
    expect(shown.find((d) => d.id === plain.deliveryId)!.photo).toBeNull();
  });

  it("refuses a file that is not a usable picture beside the photo field, and writes nothing", async () => {
    const publicId = await sealedAgreement();
    const before = {
      rows: (await deliveryRows(publicId)).length,
      chain: (await chain(publicId)).length,
      files: await deliveryFiles(c.config.uploadsDir),
      notice: await lastNotice(),
    };
    await expect(withPhoto(coop, publicId, Buffer.from("%PDF-1.4 không phải ảnh"))).rejects.toMatchObject({
      status: 400,
      fields: { photo: { code: "not_an_image" } },
    });
    await expect(withPhoto(coop, publicId, await photoOf("#123456", 150, 120))).rejects.toMatchObject({
      status: 400,
      fields: { photo: { code: "image_too_small", params: { minPx: 200 } } },
    });
    // The fields are checked first: a bad form stores no photo either.
    await expect(
      withPhoto(coop, publicId, await photoOf("#abcdef"), { quantity: "0" }),
    ).rejects.toMatchObject({
      status: 400,
      fields: { quantity: expect.anything() },
    });
    expect((await deliveryRows(publicId)).length).toBe(before.rows);
    expect((await chain(publicId)).length).toBe(before.chain);
    expect(await deliveryFiles(c.config.uploadsDir)).toEqual(before.files);
    expect(await notices(before.notice)).toEqual([]);
    expect((await row(publicId)).status).toBe("sealed");
  });

  it("records a form with a photo sent twice once, and keeps one set of files that it refers to", async () => {
    const publicId = await sealedAgreement();
    const photo = await photoOf("#c0392b");
    const notice = await lastNotice();
    const form = { requestId: randomUUID(), scheduledOn: pastDate, quantity: "40" };
    const once = await withPhoto(coop, publicId, photo, form);
    const again = await withPhoto(coop, publicId, photo, form);
    expect(again).toEqual({ deliveryId: once.deliveryId, repeated: true });

    // At the same moment: both may process the photo, but one delivery stands and the files are the same ones.
    const same = { requestId: randomUUID(), quantity: "15" };
    const photo2 = await photoOf("#8e44ad");
    const results = await Promise.allSettled([
      withPhoto(coop, publicId, photo2, same),
      withPhoto(coop, publicId, photo2, same),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const [a, b] = results.map(
      (r) => (r as PromiseFulfilledResult<{ deliveryId: number; repeated: boolean }>).value,
    );
    expect(a!.deliveryId).toBe(b!.deliveryId);

    const rows = await deliveryRows(publicId);
    expect(rows.map((r) => r.requestId)).toEqual([form.requestId, same.requestId]);
    expect(await countOf(publicId, "delivery_recorded")).toBe(2);
    // Every stored delivery photo file belongs to a recorded delivery's photo: none twice, none orphaned.
    const stems = rows.map((r) => r.photoUrl!.replace(/^\/uploads\//, "").replace(/-1280\.jpg$/, ""));
    const files = (await deliveryFiles(c.config.uploadsDir)).filter((f) =>
      stems.some((stem) => f.startsWith(stem)),
    );
    expect(files).toHaveLength(2 * 6);
    for (const r of rows) expect(await c.storage.exists(r.photoUrl!.replace(/^\/uploads\//, ""))).toBe(true);
    // …and the buyer was told once per delivery, not per request.
    expect((await notices(notice)).map((n) => n.template)).toEqual([
      "agreement_delivery_recorded",
      "agreement_delivery_recorded",
    ]);
  });

  it("tells the other party of a delivery, and the recording party of the answer, each in their language", async () => {
    const publicId = await sealedAgreement();
    const buyerRow = (await c.db.models.User.findByPk(buyer.id))!;
    await buyerRow.update({ locale: "en" });
    try {
      const link = `${c.config.publicUrl ?? `http://localhost:${c.config.port}`}/agreements/${publicId}`;
      let mark = await lastNotice();
      // The cooperative records: the buyer is told, in English, and no one on the cooperative's side.
      const bySupplier = await record(coop, publicId, { quantity: "100", scheduledOn: pastDate });
      expect(await notices(mark)).toEqual([
        {
          userId: buyer.id,
          recipient: buyerRow.email,
          template: "agreement_delivery_recorded",
          locale: "en",
          params: {
            name: buyerRow.fullName,
            from: "HTX Chè Tân Cương Hoàng Bình",
            agreement: publicId,
            product: expect.any(String),
            quantity: "100 kg",
            date: expect.stringContaining(pastDate.slice(0, 4)),
            value: expect.stringMatching(/^(₫\s?32,000,000|32,000,000\s?₫)$/),
            reason: "",
            link,
          },
        },
      ]);
      await c.worker.drain();
      const mail = c.sender.sent.find((m) => m.to === buyerRow.email && m.body.includes(publicId))!;
      expect(mail.subject).toBe(`HTX Chè Tân Cương Hoàng Bình recorded a delivery on agreement ${publicId}`);
      expect(mail.body).toContain(link);
      expect(mail.body).toContain("100 kg delivered on");

      // The buyer disputes it: the cooperative's people are told why, in Vietnamese.
      mark = await lastNotice();
      const reason = "Thiếu 5 kg so với phiếu giao hàng";
      await answer(buyer, publicId, bySupplier.deliveryId, { answer: "dispute", reason });
      const disputed = await notices(mark);
      expect(disputed.map((n) => n.userId).sort()).toEqual([coop.id, member.id].sort());
      for (const n of disputed)
        expect(n).toMatchObject({
          template: "agreement_delivery_disputed",
          locale: "vi",
          params: { from: "Nguyễn Thị Hằng", agreement: publicId, reason, quantity: "100 kg", link },
        });
      await c.worker.drain();
      const coopMail = c.sender.sent.find(
        (m) => m.to === "chunhiem@example.com" && m.body.includes(reason) && m.body.includes(publicId),
      )!;
      expect(coopMail.subject).toBe(`Nguyễn Thị Hằng khiếu nại lần giao hàng theo thỏa thuận ${publicId}`);

      // The buyer records: the cooperative is told; the cooperative confirms: the buyer is told.
      mark = await lastNotice();
      const byBuyer = await record(buyer, publicId, { quantity: "20" });
      expect((await notices(mark)).map((n) => [n.template, n.userId, n.locale])).toEqual(
        expect.arrayContaining([
          ["agreement_delivery_recorded", coop.id, "vi"],
          ["agreement_delivery_recorded", member.id, "vi"],
        ]),
      );
      expect((await notices(mark)).some((n) => n.userId === buyer.id)).toBe(false);
      mark = await lastNotice();
      await answer(member, publicId, byBuyer.deliveryId, { answer: "confirm" });
      expect(await notices(mark)).toEqual([
        expect.objectContaining({
          userId: buyer.id,
          template: "agreement_delivery_confirmed",
          locale: "en",
          params: expect.objectContaining({ from: "HTX Chè Tân Cương Hoàng Bình", quantity: "20 kg" }),
        }),
      ]);
    } finally {
      await buyerRow.update({ locale: "vi" });
    }
  });
});

/**
 * The delivery form as a browser without JavaScript sends it (multipart, with its photo): a refused photo comes back
 * beside its field with what was typed, a good one is recorded once however often the form is sent, and the
 * delivery's row shows the thumbnail linked to the full photo, which the site serves. Needs `npm run build`.
 */
describe.each(DIALECTS)("the delivery form over HTTP on %s", (dialect) => {
  let server: TestServer;
  let publicId: string;
  const today = vietnamDay(new Date());
  const pastDate = addDays(today, -3);
  const t = viAgreements.tracking;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const cast = await agreementCast(server.container, {
      buyer: { email: "nguoimua.http@example.com", fullName: "Trần Văn Khải" },
      owner: { email: "chunhiem.http@example.com", fullName: "Đỗ Thị Lan" },
      staff: { email: "canbo.http@example.com" },
    });
    publicId = await sealedFor(server.container, cast, [{ date: pastDate, quantity: 300 }]);
  }, 120_000);
  afterAll(async () => server?.close());

  const deliveries = async () => {
    const agreement = await server.container.db.models.Agreement.findOne({ where: { publicId } });
    return server.container.db.models.AgreementDelivery.findAll({ where: { agreementId: agreement!.id } });
  };
  /** The delivery form's fields, as the page's form posts them (the file last, as the form orders it). */
  const deliveryForm = (fields: Record<string, string>, photo?: { data: Buffer; name: string }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "delivery", ...fields })) form.append(k, v);
    form.append(
      "photo",
      photo
        ? new Blob([new Uint8Array(photo.data)], { type: "image/jpeg" })
        : new Blob([], { type: "application/octet-stream" }),
      photo?.name ?? "",
    );
    return form;
  };
  const fieldError = (page: string, name: string) =>
    page.match(new RegExp(`<p[^>]*\\bid="${name}-error"[^>]*>([^<]*)<`))?.[1] ?? null;

  it("refuses a file that is not a photo beside the field, keeping what was typed, then records one delivery", async () => {
    const owner = new Browserless(server.url, { "accept-language": "vi" });
    expect(
      (
        await owner.post("/login", {
          email: "chunhiem.http@example.com",
          password: PASSWORD,
          redirectTo: "/",
        })
      ).status,
    ).toBe(302);
    const path_ = `/agreements/${publicId}`;
    const page = await (await owner.get(path_)).text();
    expect(page).toMatch(/<form[^>]*enctype="multipart\/form-data"[^>]*aria-labelledby="record-title"/i);
    expect(page).toContain(html(t.photo));
    const requestId = page.match(/name="requestId" value="([^"]+)"/)?.[1];
    expect(requestId).toBeTruthy();
    const fields = {
      requestId: requestId!,
      scheduledOn: pastDate,
      deliveredOn: pastDate,
      quantity: "75",
      valueVnd: "",
      note: "Lô 1: 150 túi, kèm phiếu “kiểm nghiệm” & biên bản",
    };

    const refused = await owner.postMultipart(
      path_,
      deliveryForm(fields, { data: Buffer.from("Đây không phải là ảnh"), name: "phieu-giao.jpg" }),
    );
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(fieldError(again, "photo")).toBe(html(viErrors.not_an_image));
    expect(again).toMatch(/<input[^>]*id="photo"[^>]*aria-invalid="true"/);
    expect(again).toContain(html(t.photoAgain));
    expect(again).toContain(`value="${html(fields.note)}"`);
    expect(again).toMatch(/name="quantity"[^>]*value="75"|value="75"[^>]*name="quantity"/);
    expect(again).toContain(`value="${requestId}"`);
    expect(await deliveries()).toHaveLength(0);
    expect(await deliveryFiles(server.container.config.uploadsDir)).toEqual([]);

    // Sent with a photo, twice (a double click): one delivery, with its photo.
    const photo = { data: await photoOf("#27613a"), name: "phieu-giao.jpg" };
    for (let i = 0; i < 2; i++) {
      const sent = await owner.postMultipart(path_, deliveryForm(fields, photo));
      expect(sent.status).toBe(302);
      expect(sent.headers.get("location")).toBe(`${path_}?done=delivery`);
    }
    const rows = await deliveries();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      quantity: 75,
      note: fields.note,
      photoUrl: expect.stringMatching(/-1280\.jpg$/),
    });
    const full = rows[0]!.photoUrl!;
    const thumbnail = full.replace(/-1280\.jpg$/, "-320.jpg");

    const shown = await (await owner.get(`${path_}?done=delivery`)).text();
    const link = shown.match(new RegExp(`<a href="${full}"[^>]*>\\s*<img[^>]*>`))?.[0] ?? "";
    expect(link).toContain(`src="${thumbnail}"`);
    expect(link).toContain(`alt="${html(interpolate(t.photoAlt, { date: formatDate(pastDate, "vi") }))}"`);
    for (const url of [full, thumbnail]) {
      const res = await fetch(server.url + url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
    }
    // The buyer was told once, in the outbox.
    const told = await server.container.db.models.Notification.findAll({
      where: { template: "agreement_delivery_recorded", recipient: "nguoimua.http@example.com" },
    });
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]!.params)).toMatchObject({ agreement: publicId, quantity: "75 kg" });
  });

  it("names the limit beside the photo field when the file is too large", async () => {
    const owner = new Browserless(server.url, { "accept-language": "vi" });
    await owner.post("/login", { email: "chunhiem.http@example.com", password: PASSWORD, redirectTo: "/" });
    const path_ = `/agreements/${publicId}`;
    const before = (await deliveries()).length;
    // Over the photo limit, within what the server reads for this form.
    const huge = { data: Buffer.alloc(10 * 1024 * 1024 + 100_000, 0xff), name: "rat-lon.jpg" };
    const res = await owner.postMultipart(
      path_,
      deliveryForm({ requestId: randomUUID(), deliveredOn: pastDate, quantity: "5" }, huge),
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(fieldError(page, "photo")).toBe(html(interpolate(viErrors.file_too_large, { maxMb: 10 })));
    expect(page).toContain(html(t.photoAgain));
    expect(await deliveries()).toHaveLength(before);
  });
});
