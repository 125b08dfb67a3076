import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { vietnamDay } from "../../server/vocabulary/dates";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { agreementCast, pdfScan } from "../support/agreements";

const DAY = 86_400_000;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const pngScan = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const jpegScan = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);

/**
 * Agreements that start at a matchmaking conference: drafted on the platform by a party to a held meeting, or
 * signed on paper there and registered by staff — the scan kept and hashed, both signatures recorded as "paper",
 * the staff member's attestation in the audit chain, sealed like any other and checked like any other, scan included.
 */
describe.each(DIALECTS)("agreements from meetings and from paper on %s", (dialect) => {
  let c: TestContainer;
  let buyer: CurrentUser;
  let coop: CurrentUser;
  let stranger: CurrentUser;
  let staff: CurrentUser;
  let cooperativeId: number;
  let conferences = 0;

  const agreements = () => c.services.agreements;
  const yesterday = () => vietnamDay(new Date(Date.now() - DAY));

  /**
   * A past conference where the buyer met the cooperative: its two participants and their meeting, in `status`.
   * Rows straight into the tables — the conference's own lifecycle is tested in conferences.test.ts.
   */
  const meeting = async (status: "held" | "scheduled" = "held") => {
    conferences += 1;
    const { Conference, ConferenceParticipant, ConferenceMeeting } = c.db.models;
    const conference = await Conference.create({
      slug: `hoi-nghi-ket-noi-${conferences}`,
      nameVi: `Hội nghị kết nối cung cầu chè số ${conferences}`,
      nameEn: null,
      descriptionVi: "Người mua và hợp tác xã gặp nhau theo lịch hẹn trước.",
      descriptionEn: null,
      fairId: null,
      venue: "Trung tâm Hội nghị tỉnh Thái Nguyên",
      address: null,
      provinceCode: "19",
      startsOn: yesterday(),
      endsOn: yesterday(),
      meetingMinutes: 20,
      tables: 3,
      maxMeetings: 4,
      registrationOpensAt: new Date(Date.now() - 10 * DAY),
      registrationClosesAt: new Date(Date.now() - 3 * DAY),
      phase: status === "held" ? "finished" : "published",
      createdById: staff.id,
    });
    const participant = (side: "buyer" | "cooperative") =>
      ConferenceParticipant.create({
        conferenceId: conference.id,
        side,
        userId: side === "buyer" ? buyer.id : null,
        cooperativeId: side === "cooperative" ? cooperativeId : null,
        maxMeetings: null,
        unavailableSlotIds: "[]",
        status: "registered",
        addedById: null,
      });
    const buyerSide = await participant("buyer");
    const cooperativeSide = await participant("cooperative");
    const row = await ConferenceMeeting.create({
      conferenceId: conference.id,
      slotId: null,
      busySlotId: null,
      tableNo: 1,
      buyerId: buyerSide.id,
      cooperativeId: cooperativeSide.id,
      pairLive: 1,
      tier: null,
      status,
      publishedAt: new Date(Date.now() - 2 * DAY),
    });
    return { meetingId: row.id, conference: conference.nameVi };
  };

  /** The registration form as staff would complete it from the paper: the draft's terms, tax codes and address added. */
  const paperForm = async (who: Record<string, string>, change: Record<string, unknown> = {}) => {
    const { terms } = await agreements().paperDraft(staff, who);
    return {
      ...terms,
      ...who,
      signedOn: yesterday(),
      buyerTaxCode: "0108765432",
      buyerAddress: "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
      supplierTaxCode: "4600123456",
      ...change,
    };
  };
  const register = async (meetingId: number, scan = pdfScan(), by: CurrentUser = staff) => {
    const form = await paperForm({ meetingId: String(meetingId) });
    const { publicId } = await agreements().registerPaperAgreement(by, {
      form,
      scan: { data: scan, name: "ban-giay.pdf" },
    });
    const agreement = (await c.db.models.Agreement.findOne({ where: { publicId } }))!;
    return { publicId, agreement, scan, form };
  };
  const chainOf = async (agreementId: number) =>
    c.db.models.AgreementEvent.findAll({ where: { agreementId }, order: [["seq", "ASC"]] });
  const written = async () => {
    const { Agreement, AgreementVersion, AgreementSignature, AgreementDocument, AgreementEvent } =
      c.db.models;
    return {
      agreements: await Agreement.count(),
      versions: await AgreementVersion.count(),
      signatures: await AgreementSignature.count(),
      documents: await AgreementDocument.count(),
      events: await AgreementEvent.count(),
    };
  };

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    // The pair also has a connected match: what a draft from their meeting is pre-filled from.
    const cast = await agreementCast(c, {
      staff: { email: "canbo@example.com", fullName: "Phạm Thu Trang" },
      stranger: "nguoila@example.com",
    });
    ({ buyer, coop, staff, cooperativeId } = cast);
    stranger = cast.stranger!;
  }, 120_000);
  afterAll(async () => c?.destroy());

  it("drafts from a held meeting for either participant, pre-filled from the pair's match", async () => {
    const { meetingId } = await meeting();
    const { publicId } = await agreements().draftFromMeeting(coop, { meetingId });
    const row = (await c.db.models.Agreement.findOne({ where: { publicId } }))!;
    expect(row).toMatchObject({ meetingId, matchId: null, method: "platform", status: "draft" });
    const view = await agreements().getAgreement(buyer, { publicId });
    expect(view).toMatchObject({ side: "buyer", status: "draft", currentVersion: 1 });
    expect(view.content).toMatchObject({
      origin: { kind: "meeting", ref: String(meetingId) },
      product: { name: "Chè búp Tân Cương loại 1", category: "tea" },
      quantity: 300,
      unit: "kg",
      unitPriceVnd: 320_000,
      totalVnd: 96_000_000,
      deliveries: [{ date: "2027-01-10", quantity: 300 }],
    });
    expect(view.content.parties.buyer.representative).toBe("Nguyễn Thị Hằng");
    expect(view.content.parties.supplier.legalName).toBe("HTX Chè Tân Cương Hoàng Bình");
    expect(view.versions[0]).toMatchObject({ version: 1, side: "supplier" });
    const drafted = (await chainOf(row.id)).find((e) => e.action === "drafted")!;
    expect(drafted.actorId).toBe(coop.id);
    expect(JSON.parse(drafted.data)).toMatchObject({ from: { meeting: meetingId } });

    // The buyer drafts from the same meeting too: either participant may.
    await expect(agreements().draftFromMeeting(buyer, { meetingId })).resolves.toMatchObject({
      publicId: expect.stringMatching(/^TT-\d{4}-[2-9A-Z]{6}$/),
    });
    // The meeting's page links the drafts for its parties, and for no one else.
    const linked = await agreements().linkedAgreements(buyer, { meetingIds: [meetingId] });
    expect(linked).toHaveLength(2);
    expect(linked[0]).toEqual({ publicId, status: "draft", matchId: null, meetingId });
    expect(await agreements().linkedAgreements(stranger, { meetingIds: [meetingId] })).toEqual([]);
  });

  it("refuses a draft from a meeting not held, by a stranger, or by staff", async () => {
    const before = await written();
    const scheduled = await meeting("scheduled");
    await expect(
      agreements().draftFromMeeting(buyer, { meetingId: scheduled.meetingId }),
    ).rejects.toMatchObject({ status: 409, code: "meeting_not_held" });
    const { meetingId } = await meeting();
    await expect(agreements().draftFromMeeting(stranger, { meetingId })).rejects.toMatchObject({
      status: 404,
      code: "meeting_not_found",
    });
    await expect(
      agreements().draftFromMeeting(buyer, { meetingId: meetingId + 10_000 }),
    ).rejects.toMatchObject({ status: 404, code: "meeting_not_found" });
    await expect(agreements().draftFromMeeting(staff, { meetingId })).rejects.toMatchObject({
      status: 403,
      code: "parties_only",
    });
    expect(await written()).toEqual(before);
  });

  it("registers a paper agreement from a held meeting and seals it, the scan's hash as both signatures' evidence", async () => {
    const { meetingId } = await meeting();
    const draft = await agreements().paperDraft(staff, { meetingId: String(meetingId) });
    expect(draft.parties).toEqual({ buyer: "Nguyễn Thị Hằng", supplier: "HTX Chè Tân Cương Hoàng Bình" });
    expect(draft.terms).toMatchObject({ productName: "Chè búp Tân Cương loại 1", quantity: "300" });

    const { publicId, agreement, scan, form } = await register(meetingId);
    expect(agreement).toMatchObject({
      status: "sealed",
      method: "paper",
      meetingId,
      matchId: null,
      buyerId: buyer.id,
      cooperativeId,
      currentVersion: 1,
      draftedBy: staff.id,
    });

    const version = (await c.db.models.AgreementVersion.findOne({ where: { agreementId: agreement.id } }))!;
    expect(agreement.sealedHash).toBe(version.contentHash);
    expect(JSON.parse(version.content)).toMatchObject({
      origin: { kind: "meeting", ref: String(meetingId) },
      parties: { buyer: { taxCode: "0108765432" }, supplier: { taxCode: "4600123456" } },
    });

    const signatures = await c.db.models.AgreementSignature.findAll({
      where: { agreementId: agreement.id },
      order: [["party", "ASC"]],
    });
    expect(signatures.map((s) => s.party)).toEqual(["buyer", "supplier"]);
    for (const s of signatures)
      expect(s).toMatchObject({
        version: 1,
        method: "paper",
        signerId: null,
        evidence: sha256(scan),
        contentHash: version.contentHash,
        voidedAt: null,
      });
    // The day written on the paper, at noon in Vietnam: the time is not known.
    expect(signatures[0]!.signedAt.toISOString()).toBe(
      new Date(`${form.signedOn}T12:00:00+07:00`).toISOString(),
    );

    const chain = await chainOf(agreement.id);
    const named = ["registered", "signed", "attested", "sealed"];
    expect(chain.map((e) => e.action).filter((a) => named.includes(a))).toEqual([
      "registered",
      "signed",
      "signed",
      "attested",
      "sealed",
    ]);
    const attested = chain.find((e) => e.action === "attested")!;
    expect(attested.actorId).toBe(staff.id);
    expect(JSON.parse(attested.data)).toMatchObject({ scanSha256: sha256(scan), by: "Phạm Thu Trang" });
    expect(chain.find((e) => e.action === "registered")!.actorId).toBe(staff.id);

    const scanDocument = (await c.db.models.AgreementDocument.findOne({
      where: { agreementId: agreement.id, kind: "paper_scan" },
    }))!;
    expect(scanDocument.contentType).toBe("application/pdf");
    expect(Buffer.from(scanDocument.bytes).equals(scan)).toBe(true);
    const sealedPdf = (await c.db.models.AgreementDocument.findOne({
      where: { agreementId: agreement.id, kind: "sealed_pdf" },
    }))!;
    const pdfBytes = Buffer.from(sealedPdf.bytes);
    expect(pdfBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(sha256(pdfBytes)).toBe(agreement.pdfSha256);

    expect(await agreements().agreementIntegrity(agreement.id)).toEqual({
      content: "intact",
      seal: "valid",
      pdf: "intact",
      scan: "intact",
      chain: { ok: true, entries: expect.any(Number) },
    });
    await expect(agreements().verifyAgreement({ publicId })).resolves.toMatchObject({
      verdict: "valid",
      agreement: { publicId, method: "paper", buyer: "Nguyễn Thị Hằng" },
    });
    await expect(agreements().verifyAgreement({ pdf: pdfBytes })).resolves.toMatchObject({
      verdict: "valid",
    });

    const view = await agreements().getAgreement(buyer, { publicId });
    expect(view).toMatchObject({ status: "sealed", method: "paper", actions: [] });
    expect(view.paper).toMatchObject({ attestedBy: "Phạm Thu Trang", scanSha256: sha256(scan) });
  });

  it("accepts a photo of the paper (PNG or JPEG) for parties named by the buyer's account and a cooperative", async () => {
    for (const [scan, contentType, extension] of [
      [pngScan(), "image/png", "png"],
      [jpegScan(), "image/jpeg", "jpeg"],
    ] as const) {
      // The buyer's account names the party; the e-mail written on the paper is one of the terms, and may differ.
      const form = await paperForm(
        { buyerAccount: "THUMUA@example.com", cooperativeId: String(cooperativeId) },
        { buyerEmail: "phongmuahang@chuoicuahang.vn" },
      );
      const { publicId } = await agreements().registerPaperAgreement(staff, {
        form,
        scan: { data: scan, name: `anh-chup.${extension}` },
      });
      const agreement = (await c.db.models.Agreement.findOne({ where: { publicId } }))!;
      expect(agreement).toMatchObject({
        status: "sealed",
        method: "paper",
        meetingId: null,
        buyerId: buyer.id,
      });
      const view = await agreements().getAgreement(coop, { publicId });
      expect(view.content.origin).toEqual({ kind: "paper", ref: null });
      expect(view.content.parties.buyer.email).toBe("phongmuahang@chuoicuahang.vn");
      expect(await agreements().paperScan(coop, { publicId })).toMatchObject({
        contentType,
        filename: `${publicId}-ban-giay.${extension}`,
      });
      expect((await agreements().agreementIntegrity(agreement.id)).scan).toBe("intact");
    }
  });

  it("names every problem of a registration at once and writes nothing", async () => {
    const { meetingId } = await meeting();
    const who = { meetingId: String(meetingId) };
    const before = await written();
    const refused = (form: Record<string, unknown>, scan: Buffer | null) =>
      agreements().registerPaperAgreement(staff, {
        form,
        scan: scan ? { data: scan, name: "ban-giay.pdf" } : null,
      });

    // No terms and no scan: the scan's problem beside the fields'.
    const both = await refused({ ...who, signedOn: yesterday() }, null).catch((e: unknown) => e);
    expect(both).toMatchObject({ status: 400, code: "invalid" });
    const fields = (both as { fields: Record<string, { code: string }> }).fields;
    expect(fields.scan).toEqual({ code: "required" });
    expect(fields).toMatchObject({ productName: { code: "required" }, buyerLegalName: { code: "required" } });

    // A text file is no scan, whatever its name says.
    await expect(
      refused(await paperForm(who), Buffer.from("%PD nothing here, just text\n")),
    ).rejects.toMatchObject({ status: 400, fields: { scan: { code: "scan_type" } } });
    await expect(
      refused(await paperForm(who, { productName: "" }), Buffer.from("hợp đồng.txt")),
    ).rejects.toMatchObject({
      status: 400,
      fields: { scan: { code: "scan_type" }, productName: { code: "required" } },
    });

    await expect(
      refused(await paperForm(who, { signedOn: vietnamDay(new Date(Date.now() + 2 * DAY)) }), pdfScan()),
    ).rejects.toMatchObject({ status: 400, fields: { signedOn: { code: "signed_in_future" } } });

    await expect(
      refused(await paperForm(who, { buyerTaxCode: "", supplierTaxCode: "" }), pdfScan()),
    ).rejects.toMatchObject({
      status: 400,
      fields: { buyerTaxCode: { code: "required_to_sign" }, supplierTaxCode: { code: "required_to_sign" } },
    });

    // Three problems of three kinds, all in one answer: the file, the day, what signing needs.
    await expect(
      refused(
        await paperForm(who, {
          signedOn: vietnamDay(new Date(Date.now() + 2 * DAY)),
          buyerTaxCode: "",
          supplierTaxCode: "",
        }),
        Buffer.from("hợp đồng.txt"),
      ),
    ).rejects.toMatchObject({
      status: 400,
      fields: {
        scan: { code: "scan_type" },
        signedOn: { code: "signed_in_future" },
        buyerTaxCode: { code: "required_to_sign" },
        supplierTaxCode: { code: "required_to_sign" },
      },
    });

    // Named by e-mail: it must be a buyer's account (the cooperative's owner is not one).
    const elsewhere = { buyerAccount: "chunhiem@example.com", cooperativeId: String(cooperativeId) };
    await expect(
      refused({ ...(await paperForm(who)), meetingId: "", ...elsewhere }, pdfScan()),
    ).rejects.toMatchObject({ status: 400, fields: { buyerAccount: { code: "no_such_buyer" } } });
    await expect(
      refused(
        { ...(await paperForm(who)), ...elsewhere, meetingId: "", buyerAccount: "khongco@example.com" },
        pdfScan(),
      ),
    ).rejects.toMatchObject({ status: 400, fields: { buyerAccount: { code: "no_such_buyer" } } });

    // A meeting that has not been held.
    const scheduled = await meeting("scheduled");
    await expect(
      refused(await paperForm(who, { meetingId: String(scheduled.meetingId) }), pdfScan()),
    ).rejects.toMatchObject({ status: 400, fields: { meetingId: { code: "meeting_not_held" } } });

    expect(await written()).toEqual(before);
  });

  it("lets only staff see the choices, draft or register", async () => {
    const { meetingId } = await meeting();
    const form = await paperForm({ meetingId: String(meetingId) });
    const before = await written();
    for (const user of [buyer, coop]) {
      await expect(agreements().paperChoices(user)).rejects.toMatchObject({ status: 403 });
      await expect(agreements().paperDraft(user, { meetingId: String(meetingId) })).rejects.toMatchObject({
        status: 403,
      });
      await expect(
        agreements().registerPaperAgreement(user, { form, scan: { data: pdfScan(), name: "scan.pdf" } }),
      ).rejects.toMatchObject({ status: 403 });
    }
    expect(await written()).toEqual(before);
  });

  it("finds a changed scan: in the integrity check and in the public verification", async () => {
    const { meetingId } = await meeting();
    const { publicId, agreement } = await register(meetingId);
    const document = (await c.db.models.AgreementDocument.findOne({
      where: { agreementId: agreement.id, kind: "paper_scan" },
    }))!;
    const original = Buffer.from(document.bytes);
    const flipped = Buffer.from(original);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = flipped[middle]! ^ 0x01;
    await document.update({ bytes: flipped });
    expect(await agreements().agreementIntegrity(agreement.id)).toMatchObject({
      content: "intact",
      seal: "valid",
      pdf: "intact",
      scan: "tampered",
      chain: { ok: true },
    });
    await expect(agreements().verifyAgreement({ publicId })).resolves.toEqual({
      verdict: "tampered",
      parts: ["scan"],
      publicId,
    });

    // Another scan with its own hash beside it: still not the one attested in the chain.
    const other = pdfScan();
    await document.update({ bytes: other, sha256: sha256(other) });
    expect((await agreements().agreementIntegrity(agreement.id)).scan).toBe("tampered");

    // Gone altogether: a paper agreement without its scan is not intact either.
    await document.destroy();
    expect((await agreements().agreementIntegrity(agreement.id)).scan).toBe("tampered");
    await c.db.models.AgreementDocument.create({
      agreementId: agreement.id,
      kind: "paper_scan",
      contentType: "application/pdf",
      sha256: sha256(original),
      bytes: original,
    });
    expect((await agreements().agreementIntegrity(agreement.id)).scan).toBe("intact");
    await expect(agreements().verifyAgreement({ publicId })).resolves.toMatchObject({ verdict: "valid" });
  });

  it("registers one paper agreement per meeting, also when two staff send it at the same moment", async () => {
    const { meetingId } = await meeting();
    await register(meetingId);
    const before = await written();
    await expect(register(meetingId)).rejects.toMatchObject({
      status: 409,
      code: "paper_already_registered",
    });
    expect(await written()).toEqual(before);

    for (let round = 0; round < 3; round++) {
      const fresh = await meeting();
      const form = await paperForm({ meetingId: String(fresh.meetingId) });
      const results = await Promise.allSettled(
        [pdfScan(), pdfScan()].map((scan) =>
          agreements().registerPaperAgreement(staff, { form, scan: { data: scan, name: "scan.pdf" } }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected.map((r) => (r.reason as { code?: string }).code)).toEqual(["paper_already_registered"]);
      const rows = await c.db.models.Agreement.findAll({ where: { meetingId: fresh.meetingId } });
      expect(rows).toHaveLength(1);
      expect(await c.db.models.AgreementDocument.count({ where: { agreementId: rows[0]!.id } })).toBe(2);
      expect((await agreements().agreementIntegrity(rows[0]!.id)).chain.ok).toBe(true);
    }
  });

  it("gives the scan to the parties and staff, each download in the chain, and to no one else", async () => {
    const { meetingId } = await meeting();
    const { publicId, agreement, scan } = await register(meetingId);
    const downloads = async () =>
      (await chainOf(agreement.id))
        .filter((e) => e.action === "downloaded")
        .map((e) => ({ actorId: e.actorId, data: JSON.parse(e.data) as unknown }));
    expect(await downloads()).toEqual([]);
    for (const user of [buyer, coop, staff]) {
      const got = await agreements().paperScan(user, { publicId });
      expect(got).toMatchObject({ contentType: "application/pdf", filename: `${publicId}-ban-giay.pdf` });
      expect(Buffer.from(got.bytes).equals(scan)).toBe(true);
    }
    await expect(agreements().paperScan(stranger, { publicId })).rejects.toMatchObject({
      status: 404,
      code: "agreement_not_found",
    });
    expect(await downloads()).toEqual(
      [buyer, coop, staff].map((u) => ({ actorId: u.id, data: { scanSha256: sha256(scan) } })),
    );
    expect((await agreements().agreementIntegrity(agreement.id)).chain.ok).toBe(true);

    // An agreement made on the platform has no scan to give.
    const drafted = await meeting();
    const { publicId: online } = await agreements().draftFromMeeting(buyer, { meetingId: drafted.meetingId });
    await expect(agreements().paperScan(buyer, { publicId: online })).rejects.toMatchObject({ status: 404 });
  });

  it("notes each person's first view of each version, once", async () => {
    const { meetingId } = await meeting();
    const { publicId } = await agreements().draftFromMeeting(buyer, { meetingId });
    const agreement = (await c.db.models.Agreement.findOne({ where: { publicId } }))!;
    const views = async (user: CurrentUser) =>
      (await chainOf(agreement.id))
        .filter((e) => e.action === "viewed" && e.actorId === user.id)
        .map((e) => (JSON.parse(e.data) as { version: number }).version);
    expect(await views(buyer)).toEqual([]);

    const first = await agreements().getAgreement(buyer, { publicId });
    await agreements().getAgreement(buyer, { publicId });
    expect(await views(buyer)).toEqual([1]);
    expect(await views(coop)).toEqual([]);

    // A change by the cooperative (whose own view of version 1 is noted once), then the buyer's view of version 2.
    await agreements().getAgreement(coop, { publicId });
    await agreements().reviseAgreement(coop, {
      publicId,
      form: {
        ...first.terms,
        buyerTaxCode: "0108765432",
        buyerAddress: "Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        supplierTaxCode: "4600123456",
        basedOn: "1",
      },
    });
    await agreements().getAgreement(buyer, { publicId });
    await agreements().getAgreement(buyer, { publicId });
    expect(await views(buyer)).toEqual([1, 2]);
    expect(await views(coop)).toEqual([1]);
    await agreements().getAgreement(staff, { publicId });
    await agreements().getAgreement(staff, { publicId });
    expect(await views(staff)).toEqual([2]);
    // A stranger is turned away before anything is noted.
    await expect(agreements().getAgreement(stranger, { publicId })).rejects.toMatchObject({ status: 404 });
    expect(await views(stranger)).toEqual([]);
    expect((await agreements().agreementIntegrity(agreement.id)).chain.ok).toBe(true);
  });

  it("offers a held meeting for registration until its paper agreement is registered", async () => {
    const held = await meeting();
    const scheduled = await meeting("scheduled");
    const offered = async () => (await agreements().paperChoices(staff)).meetings.map((m) => m.id);
    const choices = await agreements().paperChoices(staff);
    expect(choices.meetings).toContainEqual({
      id: held.meetingId,
      conference: held.conference,
      buyer: "Nguyễn Thị Hằng",
      cooperative: "HTX Chè Tân Cương Hoàng Bình",
    });
    expect(choices.cooperatives).toContainEqual({ id: cooperativeId, name: "HTX Chè Tân Cương Hoàng Bình" });
    expect(await offered()).not.toContain(scheduled.meetingId);
    await register(held.meetingId);
    expect(await offered()).not.toContain(held.meetingId);
  });
});
