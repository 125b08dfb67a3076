import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import JSZip from "jszip";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../../server/accounts/current-user";
import { createCatalogueService } from "../../server/catalogue";
import { createImageFetcher, isPrivateAddress } from "../../server/catalogue/image-fetch";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { currentUser, makeCooperative, makeUser } from "../support/factories";

/**
 * Pictures in a product file: by URL, read through the image pipeline with a size limit, a timeout and a
 * content-type check, and from a ZIP matched by SKU. The pictures are served here by a local HTTP server (this
 * machine cannot reach the internet); private addresses are allowed only for this test's fetcher.
 */
const picture = (background: string) =>
  sharp({ create: { width: 400, height: 300, channels: 3, background } })
    .png()
    .toBuffer();

describe("the pictures' fetcher", () => {
  let server: Server;
  let base = "";
  const requests: string[] = [];

  beforeAll(async () => {
    const tea = await picture("#2f6b3a");
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      if (req.url === "/tea.png") res.writeHead(200, { "content-type": "image/png" }).end(tea);
      else if (req.url === "/moved") res.writeHead(302, { location: "/tea.png" }).end();
      else if (req.url === "/page")
        res.writeHead(200, { "content-type": "text/html" }).end("<p>không phải ảnh</p>");
      else if (req.url === "/huge") {
        // No length announced: the fetcher counts what arrives.
        res.writeHead(200, { "content-type": "image/jpeg" });
        res.write(Buffer.alloc(64 * 1024));
        res.end(Buffer.alloc(64 * 1024));
      } else if (req.url === "/slow")
        res.writeHead(200, { "content-type": "image/png" }).write(Buffer.alloc(10));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("reads a picture, follows a redirect, and names what is wrong with the others", async () => {
    const fetch = createImageFetcher({ allowPrivateHosts: true, maxBytes: 100 * 1024, timeoutMs: 500 });
    expect((await sharp(await fetch(`${base}/tea.png`)).metadata()).width).toBe(400);
    expect((await fetch(`${base}/moved`)).length).toBeGreaterThan(0);
    await expect(fetch(`${base}/page`)).rejects.toMatchObject({
      code: "import_image_not_image",
      params: { type: "text/html" },
    });
    await expect(fetch(`${base}/huge`)).rejects.toMatchObject({
      code: "import_image_too_large",
      params: { maxMb: 0 },
    });
    await expect(fetch(`${base}/missing`)).rejects.toMatchObject({
      code: "import_image_status",
      params: { status: 404 },
    });
    await expect(fetch(`${base}/slow`)).rejects.toMatchObject({ code: "import_image_timeout" });
    await expect(fetch("http://127.0.0.1:1/x.png")).rejects.toMatchObject({
      code: "import_image_unreachable",
    });
  });

  it("refuses loopback and private networks unless told otherwise, by address and by name", async () => {
    const fetch = createImageFetcher();
    const before = requests.length;
    await expect(fetch(`${base}/tea.png`)).rejects.toMatchObject({ code: "import_image_private_host" });
    await expect(fetch(base.replace("127.0.0.1", "localhost") + "/tea.png")).rejects.toMatchObject({
      code: "import_image_private_host",
    });
    expect(requests.length).toBe(before);
    expect(
      [
        "10.1.2.3",
        "192.168.0.9",
        "172.20.0.1",
        "169.254.169.254",
        "::1",
        "fd00::1",
        "::ffff:127.0.0.1",
      ].every(isPrivateAddress),
    ).toBe(true);
    expect(["8.8.8.8", "203.113.1.1", "2001:4860:4860::8888"].some(isPrivateAddress)).toBe(false);
  });
});

describe.each(DIALECTS)("pictures in a product import on %s", (dialect) => {
  let c: TestContainer;
  let member: CurrentUser;
  let coopId = 0;
  let server: Server;
  let base = "";
  let catalogue: ReturnType<typeof createCatalogueService>;
  const HEAD = "sku,name_vi,description_vi,category,unit,price_vnd,status,origin_province,image_urls";
  const row = (sku: string, urls: string) =>
    `${sku},Chè móc câu hộp 200g,Chè búp non sao thủ công.,tea,hop,180000,active,Thái Nguyên,${urls}`;
  const imagesOf = async (sku: string) => {
    const p = await c.db.models.Product.findOne({ where: { cooperativeId: coopId, sku } });
    return p
      ? c.db.models.ProductImage.findAll({ where: { productId: p.id }, order: [["position", "ASC"]] })
      : [];
  };

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    const owner = await makeUser(c, { role: "cooperative", email: "anh@htx.vn" });
    coopId = (await makeCooperative(c, { ownerId: owner.id })).id;
    member = await currentUser(c, owner.email);
    const [green, brown] = await Promise.all([picture("#2f6b3a"), picture("#8a5a2b")]);
    server = createServer((req, res) => {
      if (req.url === "/green.png") res.writeHead(200, { "content-type": "image/png" }).end(green);
      else if (req.url === "/brown.png") res.writeHead(200, { "content-type": "image/png" }).end(brown);
      else res.writeHead(200, { "content-type": "text/html" }).end("<p>trang</p>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    catalogue = createCatalogueService({
      db: c.db,
      engine: c.engine,
      storage: c.storage,
      events: c.events,
      fetchImage: createImageFetcher({ allowPrivateHosts: true, timeoutMs: 5000 }),
    });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await c?.destroy();
  });

  it("adds pictures by URL, checks them in the dry run as in the import, and does not add one twice", async () => {
    const file = (urls: string) => ({ data: Buffer.from([HEAD, row("URL-1", urls)].join("\n")) });
    const bad = file(`${base}/green.png;${base}/page.html`);
    for (const dryRun of [true, false])
      expect(await catalogue.importProducts(member, { file: bad, dryRun })).toMatchObject({
        ok: false,
        problems: [
          {
            line: 2,
            column: "image_urls",
            code: "import_image_not_image",
            params: { value: `${base}/page.html`, type: "text/html" },
          },
        ],
      });
    expect(await imagesOf("URL-1")).toEqual([]);
    expect(
      await catalogue.importProducts(member, { file: file("ftp://anh.vn/x.png"), dryRun: true }),
    ).toMatchObject({
      problems: [{ column: "image_urls", code: "import_image_url", params: { value: "ftp://anh.vn/x.png" } }],
    });

    const good = file(`${base}/green.png;${base}/brown.png`);
    expect(await catalogue.importProducts(member, { file: good, dryRun: true })).toMatchObject({
      ok: true,
      created: 1,
    });
    expect(await catalogue.importProducts(member, { file: good, dryRun: false })).toMatchObject({
      ok: true,
      created: 1,
    });
    const first = await imagesOf("URL-1");
    expect(first.map((i) => i.position)).toEqual([0, 1]);
    expect(JSON.parse(first[0]!.variants)).not.toEqual([]);
    // The same file again: the same pictures, not two more.
    expect(await catalogue.importProducts(member, { file: good, dryRun: false })).toMatchObject({
      ok: true,
      updated: 1,
    });
    expect((await imagesOf("URL-1")).map((i) => i.hash)).toEqual(first.map((i) => i.hash));
  });

  it("matches a ZIP's pictures by SKU, and names one that matches no row", async () => {
    const zip = new JSZip();
    zip.file("ZIP-1.png", await picture("#1d4f91"));
    zip.file("zip-1-2.png", await picture("#b3261e"));
    zip.file("ZIP-2/mat-truoc.png", await picture("#f2c94c"));
    zip.file("__MACOSX/._ZIP-1.png", "rác");
    const csv = Buffer.from([HEAD, row("ZIP-1", ""), row("ZIP-2", "")].join("\n"));
    const withStray = new JSZip();
    withStray.file("ZIP-9.png", await picture("#000000"));
    expect(
      await catalogue.importProducts(member, {
        file: { data: csv, images: await withStray.generateAsync({ type: "uint8array" }) },
        dryRun: true,
      }),
    ).toMatchObject({
      ok: false,
      problems: [{ line: 0, code: "import_zip_unmatched", params: { value: "ZIP-9.png" } }],
    });

    const images = await zip.generateAsync({ type: "uint8array" });
    expect(
      await catalogue.importProducts(member, { file: { data: csv, images }, dryRun: false }),
    ).toMatchObject({
      ok: true,
      created: 2,
    });
    expect(await imagesOf("ZIP-1")).toHaveLength(2);
    expect(await imagesOf("ZIP-2")).toHaveLength(1);
  });
});
