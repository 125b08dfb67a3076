import { describe, it } from "vitest";
import { DIALECTS } from "../support/db";
import { fairForm, gridForm } from "../support/fairs";
import { asPairs, fuzzSite, itSawNoStrayNul, PROPERTY_MS, type Rows } from "../support/fuzz/site";

/**
 * Issue 9: hostile input over the trade-fair forms: holding and confirming a booth, and staff setting up a
 * fair, its halls and booths. Every answer is a success or a 4xx with a translated message (never a 500,
 * never a stack trace), a refused form keeps what was typed (not passwords) and writes nothing, and the
 * database keeps its invariants (tests/support/fuzz/invariants.ts) after every property.
 *
 * Each property has a fixed seed and number of runs; a failure prints every distinct wrong answer with the
 * smallest input that gave it, and how to replay it (FUZZ_SEED, FUZZ_PATH; FUZZ_RUNS runs longer). The site
 * they post to, and how a form is fuzzed, are in tests/support/fuzz/site.ts.
 */
describe.each(DIALECTS)("fuzzing the trade-fair forms on %s", (dialect) => {
  const site = fuzzSite(dialect);

  it(
    "hold a booth on the fair page",
    () =>
      site.fuzzForm({
        name: "/cooperative/fairs/:slug (hold)",
        seed: 916,
        as: () => site.people.owner,
        prepare: site.freeBooth,
        path: () => `/cooperative/fairs/${site.fair.slug}`,
        base: (booth) => [
          ["intent", "hold"],
          ["boothId", String(booth)],
        ],
        fields: ["intent", "boothId", "boothId", "fairId"],
        watch: ["booth_bookings", "booking_events"],
        cleanup: site.releaseBooths,
      }),
    PROPERTY_MS,
  );

  it(
    "confirm a held booth",
    () =>
      site.fuzzForm({
        name: "/cooperative/bookings/:publicId (confirm)",
        seed: 917,
        as: () => site.people.owner,
        prepare: async () =>
          (
            await site.server.container.services.fairs.holdBooth(site.owner, {
              boothId: await site.freeBooth(),
            })
          ).publicId,
        path: (publicId) => `/cooperative/bookings/${publicId}`,
        base: () => [
          ["intent", "confirm"],
          ["productIds", String(site.products.tea.id)],
          ["productIds", String(site.products.pricey.id)],
        ],
        fields: ["intent", "productIds", "productIds", "paymentMethod"],
        rows: async (publicId) => {
          const { BoothBooking, BookingProduct } = site.server.container.db.models;
          const b = await BoothBooking.findOne({ where: { publicId } });
          const shown = await BookingProduct.findAll({
            where: { bookingId: b!.id },
            order: [["productId", "ASC"]],
          });
          return { booking: b?.toJSON(), products: shown.map((p) => p.productId) } as Rows;
        },
        tables: ["booth_bookings", "booking_products", "booking_events"],
        cleanup: site.releaseBooths,
      }),
    PROPERTY_MS,
  );

  const FAIR_TEXT = [
    "nameVi",
    "nameEn",
    "descriptionVi",
    "descriptionEn",
    "organiser",
    "venue",
    "startsOn",
    "endsOn",
    "bookingOpensAt",
    "bookingClosesAt",
    "maxBoothsPerCooperative",
    "holdMinutes",
    "transferDays",
    "offerHours",
    "bankAccountNo",
    "bankAccountName",
  ];
  const FAIR = [...FAIR_TEXT, "provinceCode", "bankBin", "requiresApproval"];

  it(
    "create a fair (staff)",
    () =>
      site.fuzzForm({
        name: "/staff/fairs/new",
        seed: 918,
        as: () => site.people.staff,
        path: () => "/staff/fairs/new",
        base: () => asPairs(fairForm({ nameVi: `Hội chợ OCOP ${site.next()}` })),
        fields: FAIR,
        echo: FAIR_TEXT,
        watch: ["fairs", "fair_halls", "booths"],
      }),
    PROPERTY_MS,
  );

  const fairRow = async () => {
    const f = await site.server.container.db.models.Fair.findByPk(site.fair.editId);
    return { ...f?.toJSON(), updatedAt: null } as Rows;
  };

  it(
    "edit a fair (staff)",
    () =>
      site.fuzzForm({
        name: "/staff/fairs/:id (details)",
        seed: 919,
        as: () => site.people.staff,
        path: () => `/staff/fairs/${site.fair.editId}/details`,
        base: () => [["intent", "details"], ...asPairs(fairForm({ nameVi: "Hội chợ sửa thử" }))],
        fields: ["intent", ...FAIR],
        fixed: ["intent"],
        echo: FAIR_TEXT,
        rows: fairRow,
        tables: ["fairs"],
      }),
    PROPERTY_MS,
  );

  it(
    "add a hall to a fair (staff)",
    () =>
      site.fuzzForm({
        name: "/staff/fairs/:id (hall)",
        seed: 920,
        as: () => site.people.staff,
        path: () => `/staff/fairs/${site.fair.editId}?index`,
        base: () => [
          ["intent", "hall"],
          ["name", "Nhà C"],
          ["widthM", "40"],
          ["depthM", "20"],
        ],
        fields: ["intent", "name", "widthM", "depthM", "depthM"],
        fixed: ["intent"],
        echo: ["name", "widthM", "depthM"],
        watch: ["fair_halls", "booths"],
      }),
    PROPERTY_MS,
  );

  it(
    "generate a grid of booths (staff)",
    () =>
      site.fuzzForm({
        name: "/staff/fairs/:id (grid)",
        seed: 928,
        runs: 25,
        as: () => site.people.staff,
        // A new hall each run, so an accepted grid does not stand in the way of the next one.
        prepare: async () => {
          const hall = { name: "Nhà lưới", widthM: "200", depthM: "200" };
          return (
            await site.server.container.services.fairs.addHall(site.staff, {
              fairId: site.fair.editId,
              form: hall,
            })
          ).id;
        },
        path: () => `/staff/fairs/${site.fair.editId}?index`,
        base: (hallId) => [["intent", "grid"], ...asPairs(gridForm(hallId, { rows: "1", columns: "2" }))],
        fields: [
          "intent",
          "hallId",
          "rows",
          "columns",
          "firstRow",
          "firstNumber",
          "widthM",
          "depthM",
          "aisleM",
          "originXM",
          "originYM",
          "type",
          "cornerEnds",
          "priceVnd",
          "cornerPriceVnd",
        ],
        fixed: ["intent"],
        watch: ["booths"],
      }),
    PROPERTY_MS,
  );

  it(
    "edit a booth (staff)",
    () =>
      site.fuzzForm({
        name: "/staff/fairs/:id (booth)",
        seed: 929,
        as: () => site.people.staff,
        // The booth's panel is open on the plan: that is the page its form posts back to.
        path: () => `/staff/fairs/${site.fair.editId}?index&booth=${site.fair.boothId}`,
        base: () => [
          ["intent", "booth"],
          ["boothId", String(site.fair.boothId)],
          ["code", "A1"],
          ["type", "corner"],
          ["xM", "2"],
          ["yM", "2"],
          ["widthM", "3"],
          ["depthM", "3"],
          ["priceVnd", "1500000"],
          ["blockedReason", ""],
        ],
        fields: [
          "intent",
          "boothId",
          "code",
          "type",
          "xM",
          "yM",
          "widthM",
          "depthM",
          "priceVnd",
          "blockedReason",
        ],
        fixed: ["intent", "boothId"],
        watch: ["booths"],
        rows: async () => {
          const b = await site.server.container.db.models.Booth.findByPk(site.fair.boothId);
          return { ...b?.toJSON(), updatedAt: null } as Rows;
        },
      }),
    PROPERTY_MS,
  );

  itSawNoStrayNul();
});
