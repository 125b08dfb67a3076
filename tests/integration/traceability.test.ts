import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viTrace from "../../app/locales/vi/trace.json";
import viErrors from "../../app/locales/vi/errors.json";
import type { CurrentUser } from "../../server/accounts/current-user";
import { Forbidden } from "../../server/errors";
import { vietnamDay } from "../../server/vocabulary/dates";
import { MAX_BATCH_EVENTS } from "../../server/vocabulary/domain";
import { expandSources } from "../../server/vocabulary/pictures";
import { DIALECTS } from "../support/db";
import { currentUser, makeCooperative, makeProduct, makeUser, PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";

/** A picture big enough for the image pipeline (it refuses tiny ones). */
const photo = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 60, g: 140, b: 70 } } })
    .png()
    .toBuffer();

/**
 * A batch's story (issue 16): the steps a cooperative writes on its batch page, who may write them, and the
 * public trace page they end up on, over the use cases and over HTTP as a browser without scripts would.
 */
describe.each(DIALECTS)("traceability on %s", (dialect) => {
  let server: TestServer;
  let member: CurrentUser;
  let outsider: CurrentUser;
  let productId: number;
  let batchId: number;
  let publicCode: string;
  let ownerEmail: string;
  let otherEmail: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const c = server.container;
    const owner = await makeUser(c, { role: "cooperative" });
    const other = await makeUser(c, { role: "cooperative" });
    ownerEmail = owner.email;
    otherEmail = other.email;
    // The cooperative sits in Hà Nội; its tea grows in Thái Nguyên (the factory's product origin, 19).
    const coop = await makeCooperative(c, {
      name: "HTX Chè Tân Cương Xanh",
      ownerId: owner.id,
      provinceCode: "01",
      wardCode: "00004",
    });
    await makeCooperative(c, { name: "HTX Miến Na Rì", ownerId: other.id });
    productId = (await makeProduct(c, coop.id, { nameVi: "Chè búp Tân Cương" })).id;
    member = await currentUser(c, owner.email);
    outsider = await currentUser(c, other.email);
    ({ id: batchId, publicCode } = await c.services.catalogue.addBatch(member, {
      productId,
      form: { lotCode: "TC-2026-A", producedOn: "2026-03-22", quantity: "400" },
    }));
  });
  afterAll(async () => server?.close());

  const catalogue = () => server.container.services.catalogue;
  const trace = () => catalogue().getTracePage({ publicCode, locale: "vi" });

  it("records the steps of a batch, in date order, with a photo through the image pipeline", async () => {
    await catalogue().addBatchEvent(member, {
      productId,
      batchId,
      form: { kind: "harvest", happenedOn: "2026-03-18", note: "Hái tay một tôm hai lá" },
      photo: await photo(),
    });
    await catalogue().addBatchEvent(member, {
      productId,
      batchId,
      form: { kind: "sowing", happenedOn: "2025-12-10", note: "" },
    });
    const page = await catalogue().getBatchForEdit(member, { productId, batchId, locale: "vi" });
    expect(page.batch).toMatchObject({ lotCode: "TC-2026-A", publicCode });
    expect(page.events.map((e) => [e.kind, e.happenedOn, e.note])).toEqual([
      ["sowing", "2025-12-10", null],
      ["harvest", "2026-03-18", "Hái tay một tôm hai lá"],
    ]);
    const harvest = page.events[1]!;
    expect(harvest.photo).toMatchObject({ width: 800, height: 600 });
    // Stored through the pipeline in the widths a trace page needs, and served from where it says.
    const variants = expandSources(harvest.photo!.sources);
    expect(Math.max(...variants.map((v) => v.width))).toBeLessThanOrEqual(960);
    const jpeg = variants.find((v) => v.format === "jpeg")!;
    expect((await fetch(new URL(jpeg.url, server.url))).status).toBe(200);
    expect(page.events[0]!.photo).toBeNull();
    // The public page tells the same story.
    expect((await trace()).events).toEqual(page.events);
  });

  it("refuses a step without a kind or a date, in the future or with a file that is not a picture", async () => {
    const add = (form: Record<string, string>, file?: Buffer) =>
      catalogue().addBatchEvent(member, { productId, batchId, form, photo: file });
    await expect(add({ kind: "", happenedOn: "" })).rejects.toMatchObject({
      fields: { kind: expect.anything(), happenedOn: expect.anything() },
    });
    await expect(add({ kind: "fishing", happenedOn: "2026-01-01" })).rejects.toMatchObject({
      fields: { kind: expect.anything() },
    });
    const tomorrow = new Date(Date.parse(`${vietnamDay()}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    await expect(add({ kind: "packing", happenedOn: tomorrow })).rejects.toMatchObject({
      fields: { happenedOn: { code: "event_in_future" } },
    });
    await expect(
      add({ kind: "packing", happenedOn: "2026-03-22" }, Buffer.from("not a picture")),
    ).rejects.toMatchObject({ fields: { photo: { code: "not_an_image" } } });
    await expect(
      add({ kind: "packing", happenedOn: "2026-03-22", note: "x".repeat(1001) }),
    ).rejects.toMatchObject({
      fields: { note: expect.anything() },
    });
    expect(await server.container.db.models.BatchEvent.count({ where: { batchId } })).toBe(2);
  });

  it("lets only the owning cooperative read or change a batch's steps", async () => {
    const [event] = (await trace()).events;
    const refused: Array<() => Promise<unknown>> = [
      () => catalogue().getBatchForEdit(outsider, { productId, batchId, locale: "vi" }),
      () =>
        catalogue().addBatchEvent(outsider, {
          productId,
          batchId,
          form: { kind: "other", happenedOn: "2026-01-01" },
        }),
      () =>
        catalogue().updateBatchEvent(outsider, {
          productId,
          batchId,
          eventId: event!.id,
          form: { kind: "other", happenedOn: "2026-01-01" },
        }),
      () => catalogue().removeBatchEvent(outsider, { productId, batchId, eventId: event!.id }),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toBeInstanceOf(Forbidden);
    // A step is reached only through its own batch: another batch of the same product does not own it.
    const other = await catalogue().addBatch(member, {
      productId,
      form: { lotCode: "TC-2026-B", producedOn: "2026-06-10", quantity: "10" },
    });
    await expect(
      catalogue().removeBatchEvent(member, { productId, batchId: other.id, eventId: event!.id }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await trace()).events).toHaveLength(2);
  });

  it("edits a step, takes its photo away, removes it, and the batch takes its steps along", async () => {
    const harvest = (await trace()).events.find((e) => e.kind === "harvest")!;
    await catalogue().updateBatchEvent(member, {
      productId,
      batchId,
      eventId: harvest.id,
      form: { kind: "processing", happenedOn: "2026-03-19", note: "Sao chảo gang" },
      removePhoto: true,
    });
    expect((await trace()).events.find((e) => e.id === harvest.id)).toMatchObject({
      kind: "processing",
      happenedOn: "2026-03-19",
      note: "Sao chảo gang",
      photo: null,
    });
    await catalogue().removeBatchEvent(member, { productId, batchId, eventId: harvest.id });
    await expect(
      catalogue().removeBatchEvent(member, { productId, batchId, eventId: harvest.id }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await trace()).events.map((e) => e.kind)).toEqual(["sowing"]);

    const doomed = await catalogue().addBatch(member, {
      productId,
      form: { lotCode: "TC-2026-X", producedOn: "2026-01-10", quantity: "1" },
    });
    await catalogue().addBatchEvent(member, {
      productId,
      batchId: doomed.id,
      form: { kind: "harvest", happenedOn: "2026-01-09" },
    });
    await catalogue().removeBatch(member, { productId, batchId: doomed.id });
    expect(await server.container.db.models.BatchEvent.count({ where: { batchId: doomed.id } })).toBe(0);
  });

  it(`keeps a batch's story to ${MAX_BATCH_EVENTS} steps`, async () => {
    const full = await catalogue().addBatch(member, {
      productId,
      form: { lotCode: "TC-2026-FULL", producedOn: "2026-01-10", quantity: "1" },
    });
    await server.container.db.models.BatchEvent.bulkCreate(
      Array.from({ length: MAX_BATCH_EVENTS }, () => ({
        batchId: full.id,
        kind: "other" as const,
        happenedOn: "2026-01-01",
        note: null,
        photo: null,
      })),
    );
    await expect(
      catalogue().addBatchEvent(member, {
        productId,
        batchId: full.id,
        form: { kind: "other", happenedOn: "2026-01-02" },
      }),
    ).rejects.toMatchObject({ fields: { kind: { code: "too_many_events" } } });
  });

  it("puts the product, the cooperative's story and certificates and the production area on the trace page", async () => {
    await server.container.db.models.ProductOcop.create({
      productId,
      stars: 4,
      certificateNo: "OCOP-TN-2025-0044",
      issuedOn: "2025-05-12",
      expiresOn: "2028-05-11",
    });
    const page = await catalogue().getTracePage({ publicCode, locale: "en" });
    expect(page.product).toMatchObject({ name: "Chè búp Tân Cương", province: { code: "19" } });
    expect(page.product.ocop).toMatchObject({ stars: 4, certificateNo: "OCOP-TN-2025-0044", valid: true });
    expect(page.cooperative).toMatchObject({
      name: "HTX Chè Tân Cương Xanh",
      story: "A cooperative growing VietGAP tea in Tân Cương.",
      storyLang: "en",
      location: { province: { code: "01" } },
    });
    expect((await catalogue().getTracePage({ publicCode, locale: "vi" })).cooperative).toMatchObject({
      story: "Hợp tác xã sản xuất chè búp theo tiêu chuẩn VietGAP tại Tân Cương.",
      storyLang: "vi",
    });
  });

  it("serves the trace page without scripts, with its QR code, map and timeline", async () => {
    const res = await fetch(`${server.url}/trace/${publicCode}`, { headers: { "accept-language": "vi" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script\b/);
    expect(html).not.toContain('rel="modulepreload"');
    // The QR code drawn inline (the qrcode library's SVG), the production area marked, the step listed.
    expect(html).toMatch(/class="trace-qr__code"[^>]*><svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(html).toMatch(/<svg class="province-map"[^>]*data-origin="19"/);
    expect(html).toContain(viTrace.kind.sowing);
    expect(html).toContain("OCOP-TN-2025-0044");
    // The marked provinces are named beside their dots: the growing area and the cooperative's seat.
    expect(html).toMatch(/<g class="province-map__origin">.*?<text[^>]*>Thái Nguyên<\/text>/s);
    expect(html).toMatch(/<g class="province-map__coop">.*?<text[^>]*>Hà Nội<\/text>/s);
    // The lot code once in the header (the facts list below names it again).
    const header = /<header class="trace-hero[\s\S]*?<\/header>/.exec(html)![0];
    expect(header.split("TC-2026-A")).toHaveLength(2);

    expect((await fetch(`${server.url}/trace/khong-co-lo-nay`)).status).toBe(404);
  });

  it("gives the batch page and the label sheet to the owner only, and keeps a bad step's input beside its fields", async () => {
    const login = async (email: string) => {
      const b = new Browserless(server.url);
      expect((await b.post("/login", { email, password: PASSWORD, redirectTo: "/" })).status).toBe(302);
      return b;
    };
    const owner = await login(ownerEmail);
    const outsiderBrowser = await login(otherEmail);
    const page = `/cooperative/products/${productId}/batches/${batchId}`;
    expect((await outsiderBrowser.get(page)).status).toBe(403);
    expect((await outsiderBrowser.get(`${page}/labels`)).status).toBe(403);
    expect((await new Browserless(server.url).get(page)).status).toBe(302);

    const bad = await owner.post(page, {
      intent: "addEvent",
      kind: "harvest",
      happenedOn: "",
      note: "Lứa chè xuân",
    });
    expect(bad.status).toBe(400);
    const body = await bad.text();
    expect(body).toContain("Lứa chè xuân");
    // The date field is marked and its message, translated, sits beside it.
    expect(body).toMatch(
      /<input[^>]*id="new-happenedOn"[^>]*aria-invalid="true"[^>]*aria-describedby="new-happenedOn-error"/,
    );
    expect(body).toMatch(new RegExp(`id="new-happenedOn-error"[^>]*>${viErrors.required}<`));
    const good = await owner.post(page, {
      intent: "addEvent",
      kind: "packing",
      happenedOn: "2026-03-22",
      note: "Túi 200g",
    });
    expect(good.status).toBe(302);
    expect(good.headers.get("location")).toBe(`${page}?saved=added#events`);
    const shown = await (await owner.get(page)).text();
    expect(shown).toContain("Túi 200g");

    const labels = await (await owner.get(`${page}/labels`)).text();
    expect(labels.match(/class="label"/g)).toHaveLength(24);
    expect(labels.match(/class="label__qr"[^>]*><svg/g)).toHaveLength(24);
    expect(labels).toContain("Chè búp Tân Cương");
    expect(labels).toContain("TC-2026-A");
    expect(labels).toContain("HTX Chè Tân Cương Xanh");

    // In English the words around the step are English; its note stays as written, marked as Vietnamese.
    const en = await (
      await fetch(`${server.url}/trace/${publicCode}`, { headers: { "accept-language": "en" } })
    ).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('<p class="trace-step__note" lang="vi">Túi 200g</p>');
  });
});
