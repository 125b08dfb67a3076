import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viErrors from "../../app/locales/vi/errors.json";
import { CSV_COLUMNS, REQUIRED_COLUMNS } from "../../server/catalogue/csv-import";
import { makeCooperative, makeUser, PASSWORD, productForm } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";

/** The cooperative's product pages, spoken to over HTTP the way a browser without JavaScript would. */
describe("HTTP: the cooperative's product dashboard", () => {
  let server: TestServer;
  let ownerEmail: string;
  let otherEmail: string;
  let buyerEmail: string;
  let cooperativeId: number;

  beforeAll(async () => {
    server = await startTestServer("sqlite");
    const owner = await makeUser(server.container, { role: "cooperative" });
    const other = await makeUser(server.container, { role: "cooperative" });
    const buyer = await makeUser(server.container, { role: "buyer" });
    ownerEmail = owner.email;
    otherEmail = other.email;
    buyerEmail = buyer.email;
    cooperativeId = (
      await makeCooperative(server.container, { name: "HTX Chè Tân Cương", ownerId: owner.id })
    ).id;
    await makeCooperative(server.container, { name: "HTX Miến Na Rì", ownerId: other.id });
  });
  afterAll(async () => server?.close());

  const login = async (email: string, headers: Record<string, string> = {}) => {
    const b = new Browserless(server.url, headers);
    const res = await b.post("/login", { email, password: PASSWORD, redirectTo: "/cooperative" });
    expect(res.status).toBe(302);
    return b;
  };

  /** Browserless speaks urlencoded forms only; multipart posts carry the session cookie of a login by hand. */
  const sessionCookie = async (email: string) => {
    const res = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: server.url },
      body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }),
    });
    expect(res.status).toBe(302);
    return res.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
  };
  const postMultipart = (path: string, form: FormData, cookie: string) =>
    fetch(server.url + path, {
      method: "POST",
      redirect: "manual",
      headers: { origin: server.url, cookie },
      body: form,
    });

  const countProducts = () => server.container.db.models.Product.count({ where: { cooperativeId } });

  const draftForm = (overrides: Record<string, string | string[]> = {}) =>
    productForm({ status: "draft", ...overrides });

  let productId: number;

  it("keeps what was typed and explains a bad price beside the field, in Vietnamese and English", async () => {
    const b = await login(ownerEmail);
    const before = await countProducts();
    const res = await b.post("/cooperative/products/new", draftForm({ priceVnd: "một trăm nghìn" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="một trăm nghìn"');
    expect(html).toContain('value="TC-MOCCAU-200"');
    expect(html).toMatch(/id="priceVnd"[^>]*aria-invalid="true"/);
    expect(html).toContain('id="priceVnd-error"');
    expect(html).toContain("Giá trị không đúng định dạng.");
    expect(await countProducts()).toBe(before);

    const en = await login(ownerEmail, { "accept-language": "en" });
    const enRes = await en.post("/cooperative/products/new", draftForm({ priceVnd: "abc" }));
    expect(enRes.status).toBe(400);
    expect(await enRes.text()).toContain("This value is not in the right format.");
  });

  it("creates a product and sends the member to its edit page", async () => {
    const b = await login(ownerEmail);
    const res = await b.post("/cooperative/products/new", draftForm());
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/cooperative\/products\/\d+\?created=1$/);
    productId = Number(/products\/(\d+)/.exec(location)![1]);
    const product = await server.container.db.models.Product.findByPk(productId);
    expect(product).toMatchObject({ sku: "TC-MOCCAU-200", status: "draft", cooperativeId });
    expect(Number(product!.priceVnd)).toBe(180000);

    const page = await b.get(location);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Trà móc câu Tân Cương hộp 200g");
    expect(html).toContain("Đã tạo sản phẩm.");

    const list = await (await b.get("/cooperative/products")).text();
    expect(list).toContain("TC-MOCCAU-200");
    expect(list).toContain("Bản nháp");
    const active = await (await b.get("/cooperative/products?status=active")).text();
    expect(active).not.toContain("TC-MOCCAU-200");
    expect(await (await b.get("/cooperative/products?q=moc+cau")).text()).toContain("TC-MOCCAU-200");
  });

  it("publishes with the status buttons and keeps the status when the details are saved", async () => {
    const b = await login(ownerEmail);
    const res = await b.post(`/cooperative/products/${productId}`, { intent: "status", status: "active" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/cooperative/products/${productId}?saved=active`);
    const saved = await b.post(
      `/cooperative/products/${productId}`,
      draftForm({ intent: "update", status: "active", stock: "80" }),
    );
    expect(saved.status).toBe(302);
    const product = await server.container.db.models.Product.findByPk(productId);
    expect(product).toMatchObject({ status: "active", stock: 80 });
    expect(await (await b.get(`/cooperative/products/${productId}?saved=details`)).text()).toContain(
      "Đã lưu thông tin sản phẩm.",
    );
  });

  it("shows a form's errors beside its own fields only", async () => {
    const b = await login(ownerEmail);
    const res = await b.post(`/cooperative/products/${productId}`, {
      intent: "batch",
      lotCode: "L 2024",
      producedOn: "2024-05-01",
      quantity: "0",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="L 2024"');
    expect(html).toMatch(/id="lotCode"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/id="quantity"[^>]*aria-invalid="true"/);
    expect(html).not.toMatch(/id="sku"[^>]*aria-invalid="true"/);
  });

  it("refuses other cooperatives' members (403), buyers (403) and guests (to log in)", async () => {
    const other = await login(otherEmail);
    const page = await other.get(`/cooperative/products/${productId}`);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain("Trà móc câu Tân Cương");
    const post = await other.post(`/cooperative/products/${productId}`, {
      intent: "status",
      status: "archived",
    });
    expect(post.status).toBe(403);
    const update = await other.post(`/cooperative/products/${productId}`, draftForm({ intent: "update" }));
    expect(update.status).toBe(403);
    expect((await server.container.db.models.Product.findByPk(productId))!.status).toBe("active");
    expect((await other.get("/cooperative/products")).status).toBe(200);
    expect(await (await other.get("/cooperative/products")).text()).not.toContain("TC-MOCCAU-200");

    const buyer = await login(buyerEmail);
    expect((await buyer.get("/cooperative/products")).status).toBe(403);
    expect((await buyer.get(`/cooperative/products/${productId}`)).status).toBe(403);
    expect((await buyer.post("/cooperative/products/new", draftForm())).status).toBe(403);

    const guest = await fetch(`${server.url}/cooperative/products/new`, { redirect: "manual" });
    expect(guest.status).toBe(302);
    expect(guest.headers.get("location")).toBe("/login?redirectTo=%2Fcooperative%2Fproducts%2Fnew");
    expect((await fetch(`${server.url}/cooperative/products/999999`, { redirect: "manual" })).status).toBe(
      302,
    );
  });

  it("uploads a picture and rejects a text file posing as one", async () => {
    const cookie = await sessionCookie(ownerEmail);
    const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#3a7d44" } })
      .jpeg({ quality: 80 })
      .toBuffer();
    const form = new FormData();
    form.append("intent", "images");
    form.append("images", new Blob([new Uint8Array(jpeg)], { type: "image/jpeg" }), "tra-moc-cau.jpg");
    const res = await postMultipart(`/cooperative/products/${productId}`, form, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/cooperative/products/${productId}?saved=images`);
    const images = await server.container.db.models.ProductImage.findAll({ where: { productId } });
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ width: 1200, height: 900 });

    const list = await fetch(`${server.url}/cooperative/products`, { headers: { cookie } });
    expect(await list.text()).toMatch(/<img[^>]+sizes="64px"/);

    const bad = new FormData();
    bad.append("intent", "images");
    bad.append("images", new Blob(["Đây không phải là ảnh"], { type: "image/jpeg" }), "anh.jpg");
    const rejected = await postMultipart(`/cooperative/products/${productId}`, bad, cookie);
    expect(rejected.status).toBe(400);
    const html = await rejected.text();
    expect(html).toContain("Tệp này không phải là ảnh (JPEG, PNG, WebP, AVIF, HEIC, GIF, TIFF).");
    expect(html).toMatch(/id="images"[^>]*aria-invalid="true"/);
    expect(await server.container.db.models.ProductImage.count({ where: { productId } })).toBe(1);

    const intruder = await postMultipart(
      `/cooperative/products/${productId}`,
      form,
      await sessionCookie(otherEmail),
    );
    expect(intruder.status).toBe(403);
  });

  it("adds a batch and serves its QR code as SVG to members only", async () => {
    const b = await login(ownerEmail);
    const res = await b.post(`/cooperative/products/${productId}`, {
      intent: "batch",
      lotCode: "L2024/05",
      producedOn: "2024-05-01",
      quantity: "500",
      expiresOn: "2025-05-01",
      notes: "Thu hái đợt xuân.",
    });
    expect(res.status).toBe(302);
    const batch = await server.container.db.models.ProductBatch.findOne({
      where: { productId, lotCode: "L2024/05" },
    });
    expect(batch).not.toBeNull();
    const edit = await (await b.get(`/cooperative/products/${productId}`)).text();
    expect(edit).toContain(`/trace/${batch!.publicCode}`);

    const path = `/cooperative/products/${productId}/batches/${batch!.id}/qr.svg`;
    const qr = await b.get(path);
    expect(qr.status).toBe(200);
    expect(qr.headers.get("content-type")).toBe("image/svg+xml");
    expect(qr.headers.get("content-disposition")).toBe('attachment; filename="qr-L2024-05.svg"');
    expect(await qr.text()).toContain("<svg");

    expect((await (await login(otherEmail)).get(path)).status).toBe(403);
    expect((await b.get(`/cooperative/products/${productId}/batches/999999/qr.svg`)).status).toBe(404);
  });

  it("offers the template with a BOM and the importer's header", async () => {
    const b = await login(ownerEmail);
    const res = await b.get("/cooperative/products/import/template.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="htx-connect-san-pham-mau.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // drops the BOM
    // A cooperative's template has no `cooperative` column: its file is its own.
    expect(text.split("\n")[0]).toBe(
      Object.keys(CSV_COLUMNS)
        .filter((c) => c !== "cooperative")
        .join(","),
    );
    expect((await (await login(buyerEmail)).get("/cooperative/products/import/template.csv")).status).toBe(
      403,
    );
  });

  it("documents every importer column, and which are required, on the import page", async () => {
    const html = await (await (await login(ownerEmail)).get("/cooperative/products/import")).text();
    for (const column of Object.keys(CSV_COLUMNS).filter((c) => c !== "cooperative")) {
      const required = (REQUIRED_COLUMNS as string[]).includes(column);
      // On a phone each row is a card, its cells labelled with their column.
      expect(html, column).toContain(
        `<code>${column}</code></th><td data-label="Bắt buộc">${required ? "Có" : "Không"}</td>`,
      );
    }
    expect(html).toContain('href="/cooperative/products/import/template.csv"');
  });

  describe("CSV import", () => {
    const header =
      "sku,name_vi,description_vi,category,unit,price_vnd,status,origin_province,harvest_months,certifications";
    const good = [
      header,
      'HN-MATONG-500,Mật ong bạc hà Hà Giang 500ml,"Mật ong hoa bạc hà, sánh, thơm dịu.",honey_bee,chai,250.000,active,Hà Giang,10;11;12,organic',
      "MD-NARI-500,Miến dong Na Rì gói 500g,Miến dong riềng sợi dai không chất tẩy trắng.,vermicelli_noodles,gói,65000,draft,Bắc Kạn,,",
    ].join("\n");
    const upload = async (csv: string | Uint8Array, mode: "check" | "import") => {
      const form = new FormData();
      form.append("mode", mode);
      form.append(
        "file",
        new Blob([typeof csv === "string" ? csv : new Uint8Array(csv)], { type: "text/csv" }),
        "san-pham.csv",
      );
      return postMultipart("/cooperative/products/import", form, await sessionCookie(ownerEmail));
    };

    it("lists the lines of bad rows and writes nothing", async () => {
      const before = await countProducts();
      const bad = [
        header,
        "OK-1,Sản phẩm hợp lệ một,Mô tả đủ dài cho sản phẩm.,tea,hop,100000,draft,19,,",
        "BAD-2,Sản phẩm giá sai,Mô tả đủ dài cho sản phẩm.,tea,hop,một trăm,draft,19,,",
        "BAD-3,Sản phẩm danh mục sai,Mô tả đủ dài cho sản phẩm.,vàng bạc,hop,100000,draft,19,,",
      ].join("\n");
      const res = await upload(bad, "import");
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(
        /<td class="numeric">3<\/td><td><code>price_vnd<\/code><\/td><td>“một trăm”: Giá trị không đúng định dạng.<\/td>/,
      );
      expect(html).toMatch(/<td class="numeric">4<\/td><td><code>category<\/code><\/td>/);
      expect(html).not.toMatch(/<td class="numeric">2<\/td>/);
      expect(await countProducts()).toBe(before);
    });

    it("reads dates written day first and says which row holds an impossible one", async () => {
      const dated = [
        `${header},ocop_stars,ocop_certificate_no,ocop_issued_on`,
        "OCOP-HTTP-1,Chè móc câu hạng bốn sao,Chè búp non sao thủ công.,tea,hop,180000,draft,Thái Nguyên,,,4,OCOP-TN-2025-0201,31/02/2026",
      ].join("\n");
      const res = await upload(dated, "check");
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(
        `<td class="numeric">2</td><td><code>ocop_issued_on</code></td><td>“31/02/2026”: ${viErrors.date}</td>`,
      );
      const fixed = await upload(dated.replace("31/02/2026", "02/12/2025"), "check");
      expect(fixed.status).toBe(200);
    });

    it("says a file that is not UTF-8 must be", async () => {
      const latin1 = Uint8Array.from([...new TextEncoder().encode(`${header}\nX-1,Tr`), 0xe0, 0x0a]);
      const res = await upload(latin1, "check");
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Tệp phải được lưu với mã hóa UTF-8");
    });

    it("checks without writing, creates, then updates on a second import without duplicates", async () => {
      const before = await countProducts();
      const check = await upload(good, "check");
      expect(check.status).toBe(200);
      expect(await check.text()).toContain("Khi nhập sẽ tạo mới 2 và cập nhật 0 sản phẩm.");
      expect(await countProducts()).toBe(before);

      const first = await upload(good, "import");
      expect(first.status).toBe(302);
      // The second row's status is "draft": the page says one product waits to be published.
      expect(first.headers.get("location")).toMatch(
        /^\/cooperative\/products\/import\?imported=1&created=2&updated=0&drafts=1&report=[0-9a-f]{32}$/,
      );
      expect(await countProducts()).toBe(before + 2);

      const again = await upload(good.replace("250.000", "260.000"), "import");
      expect(again.status).toBe(302);
      expect(again.headers.get("location")).toMatch(
        /^\/cooperative\/products\/import\?imported=1&created=0&updated=2&drafts=0&report=[0-9a-f]{32}$/,
      );
      expect(await countProducts()).toBe(before + 2);
      const honey = await server.container.db.models.Product.findAll({
        where: { cooperativeId, sku: "HN-MATONG-500" },
      });
      expect(honey).toHaveLength(1);
      expect(honey[0]).toMatchObject({ unit: "chai", status: "active" });
      expect(Number(honey[0]!.priceVnd)).toBe(260000);

      const b = await login(ownerEmail);
      const done = await (await b.get(first.headers.get("location")!)).text();
      expect(done).toContain("Đã nhập xong: tạo mới 2, cập nhật 0 sản phẩm.");
      expect(done).toContain(
        "1 sản phẩm được tạo ở trạng thái bản nháp — vui lòng đăng bán từ danh sách sản phẩm.",
      );
    });
  });
});
