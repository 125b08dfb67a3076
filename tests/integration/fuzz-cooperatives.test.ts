import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, it } from "vitest";
import { CSV_COLUMNS } from "../../server/catalogue/csv-columns";
import { DIALECTS } from "../support/db";
import { cooperativeForm, makeCooperative, makeUser } from "../support/factories";
import { DROPPED_CONTROLS, problemsOf, type Problem } from "../support/fuzz/answers";
import { multipartBody, valuesIn } from "../support/fuzz/bodies";
import { brief } from "../support/fuzz/brief";
import { growingText, hostileText, numberText, RAW_JUNK, type Pair } from "../support/fuzz/inputs";
import { changes, overlongProblems, overlongText, snapshot } from "../support/fuzz/invariants";
import { fuzz } from "../support/fuzz/runner";
import {
  asPairs,
  fuzzSite,
  itSawNoStrayNul,
  PRODUCT,
  PRODUCT_TEXT,
  productForm,
  PROFILE,
  PROFILE_TEXT,
  PROPERTY_MS,
  type Rows,
} from "../support/fuzz/site";

/**
 * Issue 9: hostile input over the cooperative's forms: its profile and bank account, its review by staff, its
 * products and their CSV import. Every answer is a success or a 4xx with a translated message (never a 500,
 * never a stack trace), a refused form keeps what was typed (not passwords) and writes nothing, and the
 * database keeps its invariants (tests/support/fuzz/invariants.ts) after every property.
 *
 * Each property has a fixed seed and number of runs; a failure prints every distinct wrong answer with the
 * smallest input that gave it, and how to replay it (FUZZ_SEED, FUZZ_PATH; FUZZ_RUNS runs longer). The site
 * they post to, and how a form is fuzzed, are in tests/support/fuzz/site.ts.
 */
describe.each(DIALECTS)("fuzzing the cooperative's forms on %s", (dialect) => {
  const site = fuzzSite(dialect);

  /** What a certifications or tags field stores: split on , and ;, trimmed, lower-cased, once each. */
  const listOf = (values: string[], lower: (s: string) => string) =>
    [
      ...new Set(
        values
          .map((v) => v.replace(DROPPED_CONTROLS, ""))
          .flatMap((v) => v.split(/[;,]+/))
          .map((s) => lower(s.trim()))
          .filter(Boolean),
      ),
    ].sort();

  async function storedAsSubmitted(productId: number, pairs: Pair[]): Promise<Problem[]> {
    const { ProductCertification, Product } = site.server.container.db.models;
    const certs = (await ProductCertification.findAll({ where: { productId } }))
      .map((r) => r.certification)
      .sort();
    const want = listOf(valuesIn(pairs, "certifications"), (s) => s.toLowerCase());
    const problems: Problem[] = [];
    if (JSON.stringify(certs) !== JSON.stringify(want))
      problems.push({
        kind: "stored certifications differ from the submitted ones",
        detail: `${JSON.stringify(want)} → ${JSON.stringify(certs)}`,
      });
    const product = await Product.findByPk(productId);
    const tags = (JSON.parse(product?.tags ?? "[]") as string[]).sort();
    const wantTags = listOf(valuesIn(pairs, "tags"), (s) => s.toLocaleLowerCase("vi"));
    if (JSON.stringify(tags) !== JSON.stringify(wantTags))
      problems.push({
        kind: "stored tags differ from the submitted ones",
        detail: `${brief(wantTags)} → ${brief(tags)}`,
      });
    return problems;
  }

  const productRows = async (id: number) => {
    const { Product, ProductCertification } = site.server.container.db.models;
    const p = await Product.findByPk(id);
    const certs = await ProductCertification.findAll({
      where: { productId: id },
      order: [["certification", "ASC"]],
    });
    return { product: { ...p?.toJSON(), updatedAt: null }, certs: certs.map((c) => c.certification) } as Rows;
  };

  it(
    "create a product (certifications, tags, prices, quantities)",
    () =>
      site.fuzzForm({
        name: "/cooperative/products/new",
        seed: 909,
        runs: 40,
        as: () => site.people.owner,
        path: () => "/cooperative/products/new",
        base: () => productForm(`FZ-${site.next()}`),
        fields: PRODUCT,
        echo: PRODUCT_TEXT,
        watch: ["products", "product_certifications", "jobs"],
        accepted: async (answer, pairs) => {
          const id = Number(/^\/cooperative\/products\/(\d+)\?created=1$/.exec(answer.location ?? "")?.[1]);
          if (!id)
            return [{ kind: "accepted without naming the new product", detail: answer.location ?? "" }];
          return storedAsSubmitted(id, pairs);
        },
      }),
    PROPERTY_MS,
  );

  it(
    "edit a product",
    () =>
      site.fuzzForm({
        name: "/cooperative/products/:id (update)",
        seed: 910,
        runs: 40,
        as: () => site.people.owner,
        path: () => `/cooperative/products/${site.products.edited.id}`,
        base: () => [["intent", "update"], ...productForm("MD-NARI-1KG")],
        fields: ["intent", ...PRODUCT],
        fixed: ["intent"],
        echo: PRODUCT_TEXT,
        watch: ["products", "product_certifications"],
        rows: () => productRows(site.products.edited.id),
        tables: ["products", "product_certifications"],
        accepted: (_answer, pairs) => storedAsSubmitted(site.products.edited.id, pairs),
      }),
    PROPERTY_MS,
  );

  const coopRows = async () => {
    const { Cooperative, CooperativeSector } = site.server.container.db.models;
    const c = await Cooperative.findByPk(site.coopId);
    const sectors = await CooperativeSector.findAll({
      where: { cooperativeId: site.coopId },
      order: [["sector", "ASC"]],
    });
    return { coop: { ...c?.toJSON(), updatedAt: null }, sectors: sectors.map((s) => s.sector) } as Rows;
  };

  it(
    "edit the cooperative's profile",
    () =>
      site.fuzzForm({
        name: "/cooperative/profile (profile)",
        seed: 914,
        as: () => site.people.owner,
        path: () => "/cooperative/profile",
        base: () => {
          const form = cooperativeForm();
          return asPairs(Object.fromEntries(PROFILE.map((k) => [k, form[k]!])));
        },
        fields: PROFILE,
        echo: PROFILE_TEXT,
        // The name is stored folded too (search): text that grows when decomposed gets its share of the runs.
        value: fc.oneof(hostileText, numberText, growingText),
        rows: coopRows,
        tables: ["cooperatives", "cooperative_sectors"],
      }),
    PROPERTY_MS,
  );

  it(
    "set the cooperative's bank account",
    () =>
      site.fuzzForm({
        name: "/cooperative/profile (bank)",
        seed: 915,
        as: () => site.people.owner,
        path: () => "/cooperative/profile",
        base: () => [
          ["intent", "bank"],
          ["bankBin", "970436"],
          ["bankAccountNo", "0011 0041 23456"],
          ["bankAccountName", "HTX Che Tan Cuong"],
        ],
        fields: ["intent", "bankBin", "bankAccountNo", "bankAccountName"],
        // The name is stored upper-cased: text that grows when it is (ß → SS) gets its share of the runs.
        value: fc.oneof(hostileText, numberText, growingText),
        fixed: ["intent"],
        echo: ["bankAccountNo", "bankAccountName"],
        rows: coopRows,
        tables: ["cooperatives", "cooperative_sectors"],
      }),
    PROPERTY_MS,
  );

  it(
    "review a cooperative (staff)",
    () =>
      site.fuzzForm({
        name: "/staff/cooperatives (review)",
        seed: 921,
        as: () => site.people.staff,
        prepare: async () => {
          const u = await makeUser(site.server.container, { role: "cooperative" });
          return (await makeCooperative(site.server.container, { status: "pending", ownerId: u.id })).id;
        },
        path: () => "/staff/cooperatives",
        base: (id) => [
          ["cooperativeId", String(id)],
          ["decision", "reject"],
          ["reason", "Hồ sơ thiếu giấy chứng nhận đăng ký hợp tác xã."],
        ],
        fields: ["cooperativeId", "decision", "reason", "reason"],
        fixed: ["cooperativeId", "decision"],
        echo: ["reason"],
        rows: async (id) =>
          (await site.server.container.db.models.Cooperative.findByPk(id))!.toJSON() as Rows,
        tables: ["cooperatives", "notifications"],
      }),
    PROPERTY_MS,
  );

  // ───────────────────────────── CSV import ─────────────────────────────

  const CSV_HEADER = Object.keys(CSV_COLUMNS);
  const csvRow = (sku: string) => [
    sku,
    "Trà móc câu Tân Cương hộp 200g",
    "Tân Cương hook tea 200 g",
    "Chè búp non sao thủ công, nước xanh, vị chát dịu.",
    "",
    "tea",
    "hộp",
    "180000",
    "1",
    "120",
    "active",
    "Thái Nguyên",
    "164",
    "3;4;5",
    "365",
    "vietgap;geographical_indication",
    "chè xanh;quà biếu",
  ];
  const cellOp = fc.oneof(
    fc.record({ at: fc.nat({ max: CSV_HEADER.length - 1 }), value: fc.oneof(hostileText, numberText) }),
    fc.record({
      at: fc.constant(15),
      value: fc.constantFrom(
        "VietGAP; vietgap ;ORGANIC",
        ";;",
        "organic,organic",
        "GlobalGAP",
        "fairtrade",
        "",
      ),
    }),
  );
  const csvInput = fc.record({
    rows: fc.array(fc.array(cellOp, { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    shape: fc.constantFrom(
      "plain",
      "bom",
      "lf",
      "extra-cell",
      "missing-cell",
      "unclosed-quote",
      "junk-bytes",
    ),
    junk: fc.constantFrom(...RAW_JUNK),
    mode: fc.constantFrom("import", "check", "", "IMPORT"),
    filename: fc.constantFrom("san-pham.csv", "../../etc/passwd", "sản phẩm 🍵.csv", ""),
  });

  it(
    "import products from a CSV file",
    () =>
      site.property(async () => {
        const db = site.server.container.db;
        await fuzz(
          "/cooperative/products/import",
          csvInput,
          async ({ rows, shape, junk, mode, filename }) => {
            const cells = rows.map((ops) => {
              const row = csvRow(`CSV-${site.next()}`);
              for (const { at, value } of ops) row[at] = value;
              if (shape === "extra-cell") row.push("thừa");
              if (shape === "missing-cell") row.pop();
              return row;
            });
            let text = stringify([CSV_HEADER, ...cells], {
              record_delimiter: shape === "lf" ? "unix" : "windows",
            });
            if (shape === "bom") text = `\uFEFF${text}`;
            if (shape === "unclosed-quote") text = text.replace(/\r\n$/, ',"chưa đóng\r\n');
            let data = Buffer.from(text, "utf8");
            if (shape === "junk-bytes")
              data = Buffer.concat([
                data.subarray(0, data.length - 2),
                Buffer.from(junk, "latin1"),
                Buffer.from("\r\n"),
              ]);
            const body = multipartBody(
              [["mode", mode]],
              [{ name: "file", filename, type: "text/csv", data }],
            );
            const before = await snapshot(db, ["products", "product_certifications"]);
            const overlongBefore = await overlongText(db, ["products"]);
            const answer = await site.people.owner.post("/cooperative/products/import", body);
            const problems = problemsOf(answer, {}, site.origin);
            problems.push(...overlongProblems(overlongBefore, await overlongText(db, ["products"])));
            if (answer.status >= 400 || mode !== "import") {
              const wrote = changes(before, await snapshot(db, ["products", "product_certifications"]));
              if (wrote.length)
                problems.push({
                  kind: `${answer.status >= 400 ? "refused" : "dry run"} but wrote rows`,
                  detail: wrote.join(", "),
                });
            } else if (answer.status === 302 && ["plain", "bom", "lf"].includes(shape)) {
              for (const row of cells) {
                const p = await db.models.Product.findOne({
                  where: { cooperativeId: site.coopId, sku: row[0]!.trim() },
                });
                if (!p) {
                  problems.push({ kind: "imported row missing", detail: brief(row[0]) });
                  continue;
                }
                problems.push(
                  ...(await storedAsSubmitted(p.id, [
                    ["certifications", row[15]!],
                    ["tags", row[16]!],
                  ])),
                );
              }
            }
            return problems.map((p) => ({ ...p, where: "POST /cooperative/products/import" }));
          },
          { seed: 925, numRuns: 40 },
        );
      }),
    PROPERTY_MS,
  );

  itSawNoStrayNul();
});
