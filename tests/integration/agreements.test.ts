import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { verifySealToken } from "../../server/agreements/seal-token";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { agreementCast } from "../support/agreements";
import { PASSWORD } from "../support/factories";

/**
 * Signed agreements: drafted from a connected match by a party, changed by the other (a new version, with the
 * fields that changed), signed by each party's representative after re-entering the password, sealed once by the
 * last signature — and every stored byte that matters checked: content, PDF, seal and the audit chain.
 */
describe.each(DIALECTS)("agreements on %s", (dialect) => {
  let c: TestContainer;
  let buyer: CurrentUser;
  let coop: CurrentUser;
  let member: CurrentUser;
  let stranger: CurrentUser;
  let staff: CurrentUser;
  let matchId: number;
  const meta = { ip: "203.0.113.7", userAgent: "vitest", locale: "vi" as const };

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
  const sign = (by: CurrentUser, publicId: string, version: number, password = PASSWORD) =>
    agreements().signAgreement(by, { publicId, form: { version: String(version), password }, meta });
  /** A fresh draft with both tax codes, at version 2. */
  const readyDraft = async () => {
    const { publicId } = await agreements().draftFromMatch(buyer, { matchId });
    await agreements().reviseAgreement(coop, { publicId, form: await termsWith(publicId, coop) });
    return publicId;
  };
  const sealedOnce = async (publicId: string) => {
    const agreement = (await c.db.models.Agreement.findOne({ where: { publicId } }))!;
    return {
      agreement,
      documents: await c.db.models.AgreementDocument.count({ where: { agreementId: agreement.id } }),
      seals: await c.db.models.AgreementEvent.count({
        where: { agreementId: agreement.id, action: "sealed" },
      }),
    };
  };

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    const cast = await agreementCast(c, { member: "xavien@example.com", stranger: "nguoila@example.com" });
    ({ buyer, coop, staff, matchId } = cast);
    member = cast.member!;
    stranger = cast.stranger!;
  }, 120_000);
  afterAll(async () => c?.destroy());

  it("drafts from a connected match, pre-filled from the demand, the offer and both profiles", async () => {
    const { publicId } = await agreements().draftFromMatch(buyer, { matchId });
    expect(publicId).toMatch(/^TT-\d{4}-[2-9A-Z]{6}$/);
    const view = await agreements().getAgreement(coop, { publicId });
    expect(view).toMatchObject({ status: "draft", currentVersion: 1, side: "supplier" });
    expect(view.content.parties.supplier.legalName).toBe("HTX Chè Tân Cương Hoàng Bình");
    expect(view.content.parties.buyer.representative).toBe("Nguyễn Thị Hằng");
    expect(view.content).toMatchObject({
      quantity: 300,
      unit: "kg",
      unitPriceVnd: 320_000,
      totalVnd: 96_000_000,
      deliveries: [{ date: "2027-01-10", quantity: 300 }],
      origin: { kind: "match", ref: String(matchId) },
    });
    // Not a party: as if it did not exist. Staff read it but draft nothing.
    await expect(agreements().getAgreement(stranger, { publicId })).rejects.toMatchObject({ status: 404 });
    expect((await agreements().getAgreement(staff, { publicId })).side).toBe("staff");
    await expect(agreements().draftFromMatch(stranger, { matchId })).rejects.toMatchObject({ status: 404 });
    await expect(agreements().draftFromMatch(staff, { matchId })).rejects.toMatchObject({ status: 403 });
  });

  it("makes each change a new version with the fields that changed, and refuses a change to a stale version", async () => {
    const { publicId } = await agreements().draftFromMatch(buyer, { matchId });
    const stale = await termsWith(publicId, buyer);
    expect(
      await agreements().reviseAgreement(coop, {
        publicId,
        form: await termsWith(publicId, coop, { unitPriceVnd: "300.000", totalVnd: "" }),
      }),
    ).toEqual({ version: 2, voidedSignatures: 0 });
    const view = await agreements().getAgreement(buyer, { publicId });
    expect(view.content.totalVnd).toBe(90_000_000);
    expect(view.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(view.versions[1]!.changes.map((ch) => ch.path)).toEqual([
      "parties.buyer.address",
      "parties.buyer.taxCode",
      "parties.supplier.taxCode",
      "totalVnd",
      "unitPriceVnd",
    ]);
    // The buyer's form was made from version 1: it would overwrite the cooperative's change unseen.
    await expect(agreements().reviseAgreement(buyer, { publicId, form: stale })).rejects.toMatchObject({
      code: "agreement_version_stale",
    });
    // A form error names the field and keeps nothing half-written.
    await expect(
      agreements().reviseAgreement(buyer, {
        publicId,
        form: await termsWith(publicId, buyer, { validUntil: "2020-01-01" }),
      }),
    ).rejects.toMatchObject({ status: 400, fields: { validUntil: { code: "ends_before_starts" } } });
    expect((await agreements().getAgreement(buyer, { publicId })).currentVersion).toBe(2);
  });

  it("lets only a representative sign, with the password, and voids a signature when the terms change", async () => {
    const publicId = await readyDraft();
    await expect(sign(member, publicId, 2)).rejects.toMatchObject({
      status: 403,
      code: "not_representative",
    });
    await expect(sign(stranger, publicId, 2)).rejects.toMatchObject({ status: 404 });
    await expect(sign(buyer, publicId, 2, "sai-mat-khau")).rejects.toMatchObject({
      status: 400,
      fields: { password: { code: "wrong_password" } },
    });
    expect(await sign(buyer, publicId, 2)).toEqual({ status: "awaiting_signature" });
    await expect(sign(buyer, publicId, 2)).rejects.toMatchObject({ code: "already_signed" });

    // The cooperative changes the schedule: the buyer's signature no longer stands, and signing v2 is refused.
    await agreements().reviseAgreement(coop, {
      publicId,
      form: await termsWith(publicId, coop, {
        deliveryDate: ["2027-01-10", "2027-02-10"],
        deliveryQuantity: ["150", "150"],
      }),
    });
    const changed = await agreements().getAgreement(buyer, { publicId });
    expect(changed).toMatchObject({ status: "draft", currentVersion: 3 });
    expect(changed.signatures).toEqual([
      expect.objectContaining({ version: 2, party: "buyer", voided: true }),
    ]);
    await expect(sign(coop, publicId, 2)).rejects.toMatchObject({ code: "agreement_version_stale" });

    expect(await sign(coop, publicId, 3)).toEqual({ status: "awaiting_signature" });
    expect(await sign(buyer, publicId, 3)).toEqual({ status: "sealed" });
    const sealed = await agreements().getAgreement(staff, { publicId });
    expect(sealed.sealed).toMatchObject({ contentHash: sealed.versions[2]!.contentHash });
    const live = sealed.signatures.filter((s) => !s.voided);
    expect(live.map((s) => s.party).sort()).toEqual(["buyer", "supplier"]);
    expect(live[0]).toMatchObject({
      signerName: "Lê Văn Bình",
      organisation: "HTX Chè Tân Cương Hoàng Bình",
    });
    const signature = (await c.db.models.AgreementSignature.findOne({
      where: { party: "buyer", version: 3 },
    }))!;
    expect(signature).toMatchObject({ ip: "203.0.113.7", userAgent: "vitest", method: "password" });
    // Sealed: no more changes, signatures or cancelling.
    await expect(
      agreements().reviseAgreement(buyer, { publicId, form: await termsWith(publicId, buyer) }),
    ).rejects.toMatchObject({ code: "agreement_not_editable" });
  });

  it("finds and names a changed byte in the content, the PDF or one audit entry", async () => {
    const publicId = await readyDraft();
    await sign(buyer, publicId, 2);
    await sign(coop, publicId, 2);
    const { agreement } = await sealedOnce(publicId);
    const intact = await agreements().agreementIntegrity(agreement.id);
    expect(intact).toEqual({
      content: "intact",
      seal: "valid",
      pdf: "intact",
      scan: "none",
      chain: { ok: true, entries: expect.any(Number) },
    });

    const version = (await c.db.models.AgreementVersion.findOne({
      where: { agreementId: agreement.id, version: 2 },
    }))!;
    const original = version.content;
    await version.update({ content: original.replace("300", "900") });
    expect((await agreements().agreementIntegrity(agreement.id)).content).toBe("tampered");
    await version.update({ content: original });

    const document = (await c.db.models.AgreementDocument.findOne({ where: { agreementId: agreement.id } }))!;
    const bytes = Buffer.from(document.bytes);
    const flipped = Buffer.from(bytes);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = flipped[middle]! ^ 0x01;
    await document.update({ bytes: flipped });
    expect((await agreements().agreementIntegrity(agreement.id)).pdf).toBe("tampered");
    await document.update({ bytes });

    const third = (await c.db.models.AgreementEvent.findOne({
      where: { agreementId: agreement.id, seq: 3 },
    }))!;
    const data = third.data;
    await third.update({ data: data.replace("}", ',"x":1}') });
    expect((await agreements().agreementIntegrity(agreement.id)).chain).toEqual({
      ok: false,
      seq: 3,
      reason: "content",
    });
    await third.update({ data });
    expect(await agreements().agreementIntegrity(agreement.id)).toEqual(intact);
  });

  it("verifies publicly by token, id or PDF, naming what does not match, and offline with the public key alone", async () => {
    const publicId = await readyDraft();
    await expect(agreements().verifyAgreement({ publicId })).resolves.toEqual({
      verdict: "unknown",
      reason: "not_sealed",
    });
    await sign(buyer, publicId, 2);
    await sign(coop, publicId, 2);
    const view = await agreements().getAgreement(buyer, { publicId });
    const token = view.sealed!.token;
    const valid = await agreements().verifyAgreement({ token });
    expect(valid).toMatchObject({
      verdict: "valid",
      agreement: { publicId, buyer: "Nguyễn Thị Hằng", supplier: "HTX Chè Tân Cương Hoàng Bình" },
    });
    // The public answer never carries the terms.
    expect(JSON.stringify(valid)).not.toMatch(/320000|96000000|unitPrice|paymentTerms/);
    // The QR code's address works as well as the bare token, in any case.
    await expect(
      agreements().verifyAgreement({ token: `https://htx.example.vn/v/${token.toLowerCase()}` }),
    ).resolves.toMatchObject({ verdict: "valid" });
    const { bytes } = await agreements().sealedPdf(buyer, { publicId });
    await expect(agreements().verifyAgreement({ pdf: Buffer.from(bytes) })).resolves.toMatchObject({
      verdict: "valid",
    });
    const changed = Buffer.from(bytes);
    const at = changed.indexOf("/Producer");
    changed[at + 2] = changed[at + 2]! ^ 0x20;
    await expect(agreements().verifyAgreement({ pdf: changed })).resolves.toEqual({
      verdict: "tampered",
      parts: ["pdf", "pdf_signature"],
      publicId,
    });
    const forged = token.slice(0, 40) + (token[40] === "A" ? "B" : "A") + token.slice(41);
    await expect(agreements().verifyAgreement({ token: forged })).resolves.toMatchObject({
      verdict: "tampered",
    });
    await expect(agreements().verifyAgreement({ publicId: "TT-2026-ZZZZZZ" })).resolves.toEqual({
      verdict: "unknown",
      reason: "no_such_agreement",
    });
    // Offline: the token and the platform's public key, nothing of the server.
    const keyring = c.services.sealKeyring();
    const offline = verifySealToken(token, (kid) => keyring.byId(kid)?.publicKey);
    expect(offline).toMatchObject({
      ok: true,
      claims: {
        publicId,
        contentHash: view.sealed!.contentHash,
        buyerTaxCode: "0108765432",
        totalVnd: 96_000_000,
      },
    });
    // Every check and download is in the chain.
    const actions = (
      await c.db.models.AgreementEvent.findAll({
        where: { agreementId: (await sealedOnce(publicId)).agreement.id },
        order: [["seq", "ASC"]],
      })
    ).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "drafted",
        "changed",
        "signed",
        "sign",
        "seal",
        "sealed",
        "downloaded",
        "verified",
      ]),
    );
  });

  it("writes a repeated public check once, and a different answer again", async () => {
    const publicId = await readyDraft();
    await sign(buyer, publicId, 2);
    await sign(coop, publicId, 2);
    const { agreement } = await sealedOnce(publicId);
    const verified = async () =>
      (
        await c.db.models.AgreementEvent.findAll({
          where: { agreementId: agreement.id, action: "verified" },
          order: [["seq", "ASC"]],
        })
      ).map((e) => JSON.parse(e.data) as { verdict: string });
    for (let i = 0; i < 3; i++)
      expect(await agreements().verifyAgreement({ publicId })).toMatchObject({ verdict: "valid" });
    expect(await verified()).toEqual([{ verdict: "valid", parts: [] }]);
    const document = (await c.db.models.AgreementDocument.findOne({ where: { agreementId: agreement.id } }))!;
    const bytes = Buffer.from(document.bytes);
    const flipped = Buffer.from(bytes);
    flipped[100] = flipped[100]! ^ 0x01;
    await document.update({ bytes: flipped });
    expect(await agreements().verifyAgreement({ publicId })).toMatchObject({ verdict: "tampered" });
    await document.update({ bytes });
    expect(await verified()).toEqual([
      { verdict: "valid", parts: [] },
      { verdict: "tampered", parts: ["pdf"] },
    ]);
  });

  it("seals exactly once when both parties sign at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      const publicId = await readyDraft();
      const results = await Promise.allSettled([sign(buyer, publicId, 2), sign(coop, publicId, 2)]);
      expect(results.filter((r) => r.status === "rejected")).toEqual([]);
      const { agreement, documents, seals } = await sealedOnce(publicId);
      expect(agreement.status).toBe("sealed");
      expect({ documents, seals }).toEqual({ documents: 1, seals: 1 });
      expect((await agreements().agreementIntegrity(agreement.id)).chain.ok).toBe(true);
    }
  });
});
