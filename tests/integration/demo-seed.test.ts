import { existsSync } from "node:fs";
import path from "node:path";
import { Op } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgreementContent } from "../../server/agreements/content";
import { verifySealToken } from "../../server/agreements/seal-token";
import { vnPhone } from "../../server/fields";
import { vietnamDay } from "../../server/vocabulary/dates";
import { ORDER_STATUSES } from "../../server/vocabulary/domain";
import { isProvinceCode } from "../../server/vocabulary/geo";
import { wardIn } from "../../server/vocabulary/wards";
import { DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN, seedDemoIfEmpty } from "../../seeds";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";

/** `npm start` on an empty database seeds the demo: the dashboards must have something in every state. */
describe.each(DIALECTS)("demo data on %s", (dialect) => {
  let c: TestContainer;
  let seeded: Awaited<ReturnType<typeof seedDemoIfEmpty>>;

  beforeAll(async () => {
    c = await createTestContainer(dialect);
    seeded = await seedDemoIfEmpty(c);
  }, 120_000);
  afterAll(async () => c?.destroy());

  it("has orders in every status, made through the real use cases", async () => {
    expect(seeded).toMatchObject({ cooperatives: 48, products: 230 });
    const { Order, OrderEvent, OrderItem } = c.db.models;
    for (const status of ORDER_STATUSES)
      expect(await Order.count({ where: { status } }), status).toBeGreaterThan(0);
    // Every order has its first event and its items, and totals agree with the items.
    for (const order of await Order.findAll()) {
      expect(await OrderEvent.count({ where: { orderId: order.id, fromStatus: null } })).toBe(1);
      const items = await OrderItem.findAll({ where: { orderId: order.id } });
      expect(items.reduce((s, i) => s + i.lineTotalVnd, 0)).toBe(order.subtotalVnd);
    }
  });

  it("gives the demo cooperative orders to work on and the staff a ledger with one settlement", async () => {
    const member = (await c.services.accounts.getCurrentUser({ email: DEMO_ACCOUNTS.cooperative.email }))!;
    const counts = await c.services.orders.countCooperativeOrders(member);
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(6);
    const staff = (await c.services.accounts.getCurrentUser({ email: DEMO_ACCOUNTS.staff.email }))!;
    const balances = await c.services.ledger.listBalances(staff);
    expect(balances.some((b) => b.unsettledVnd > 0)).toBe(true);
    expect(await c.services.ledger.listSettlements(staff)).toHaveLength(1);
    // A quote waits for the demo cooperative's answer, and one it answered waits for the business buyer's order.
    expect(seeded).toMatchObject({ quotes: 2 });
    expect(seeded!.tieredProducts).toBeGreaterThan(50);
    const quotes = await c.services.quotes.listCooperativeQuotes(member, { locale: "vi" });
    expect(quotes.map((q) => q.status).sort()).toEqual(["answered", "requested"]);
    // Past notifications are not sent again at first start.
    expect(await c.db.models.Notification.count({ where: { status: "pending" } })).toBe(0);
  });

  it("has an upcoming fair open for booking and last year's fair finished, made through the fairs use cases", async () => {
    expect(seeded).toMatchObject({ fairs: 2 });
    const { fairs } = c.services;
    const staff = (await c.services.accounts.getCurrentUser({ email: DEMO_ACCOUNTS.staff.email }))!;
    const [upcoming] = await fairs.listFairs({ locale: "vi", upcoming: true });
    const [past] = await fairs.listFairs({ locale: "vi", upcoming: false });
    const today = new Date().toISOString().slice(0, 10);

    // Upcoming: two to three weeks ahead, booking open, about forty booths at several prices, two set aside.
    expect(upcoming).toMatchObject({ status: "open", province: { code: "19" } });
    expect(upcoming!.name).toMatch(/^Hội chợ Nông sản và sản phẩm OCOP Thái Nguyên \d{4}$/);
    const daysAhead = (Date.parse(upcoming!.startsOn) - Date.parse(today)) / 86_400_000;
    expect(daysAhead).toBeGreaterThanOrEqual(14);
    expect(daysAhead).toBeLessThanOrEqual(21);
    const page = await fairs.getPublicFair({ slug: upcoming!.slug, query: {}, locale: "vi", viewer: null });
    expect(page.fair).toMatchObject({ bookingOpen: true, requiresApproval: true });
    const booths = page.halls.flatMap((h) => h.booths);
    expect(page.halls).toHaveLength(2);
    expect(booths.length).toBeGreaterThanOrEqual(36);
    expect(booths.length).toBeLessThanOrEqual(44);
    expect(new Set(booths.map((b) => b.priceVnd))).toEqual(new Set([0, 1_500_000, 2_000_000, 6_000_000]));
    expect(new Set(booths.map((b) => b.type))).toEqual(new Set(["standard", "corner", "premium"]));
    const states = (state: string) => booths.filter((b) => b.state === state).length;
    expect(states("blocked")).toBe(2);
    expect(states("booked")).toBeGreaterThanOrEqual(8);
    expect(states("pending")).toBeGreaterThanOrEqual(4);
    expect(states("available")).toBeGreaterThanOrEqual(15);
    expect(states("held")).toBe(0);
    const view = await fairs.getFairForStaff(staff, { fairId: upcoming!.id, locale: "vi" });
    const statuses = new Set(view.bookings.map((b) => b.status));
    for (const s of ["booked", "pending_approval", "pending_payment", "declined"])
      expect(statuses).toContain(s);
    expect(view.fair.input).toMatchObject({ bankBin: expect.any(String), bankAccountNo: expect.any(String) });
    expect(view.waitlist).toEqual([]);
    expect(page.exhibitors.length).toBeGreaterThanOrEqual(8);
    expect(page.exhibitors.every((e) => e.products.length > 0)).toBe(true);
    // Every booking has its first event and a person behind each cooperative step.
    for (const b of await c.db.models.BoothBooking.findAll()) {
      const events = await c.db.models.BookingEvent.findAll({ where: { bookingId: b.id } });
      expect(events.filter((e) => e.fromStatus === null)).toHaveLength(1);
      expect(events.every((e) => e.actorKind === "system" || e.actorId !== null)).toBe(true);
    }

    // The demo cooperative is free to book the upcoming fair, and exhibited at the past one.
    const member = (await c.services.accounts.getCurrentUser({ email: DEMO_ACCOUNTS.cooperative.email }))!;
    const mine = await fairs.getFairForCooperative(member, { slug: upcoming!.slug, locale: "vi" });
    expect(mine).toMatchObject({ activeCount: 0, bookings: [], waitlist: null });
    expect(mine.fair.bookingOpen).toBe(true);
    const profile = await fairs.listFairsOfCooperative({
      cooperativeId: member.cooperative!.id,
      locale: "vi",
    });
    expect(profile.map((f) => f.id)).toEqual([past!.id]);

    // Past: finished, in Lạng Sơn, its dates and bookings in the past, every exhibitor booked with products.
    expect(past).toMatchObject({ status: "finished", province: { code: "20" } });
    expect(past!.name).toMatch(/^Tuần hàng OCOP vùng Việt Bắc \d{4}$/);
    expect(past!.endsOn < today).toBe(true);
    expect(Date.parse(past!.bookingClosesAt)).toBeLessThan(Date.parse(`${past!.startsOn}T00:00:00Z`));
    const pastPage = await fairs.getPublicFair({ slug: past!.slug, query: {}, locale: "vi", viewer: null });
    expect(pastPage.exhibitors.length).toBeGreaterThanOrEqual(10);
    expect(pastPage.exhibitors.every((e) => e.products.length > 0)).toBe(true);
    const pastBookings = await c.db.models.BoothBooking.findAll({ where: { fairId: past!.id } });
    expect(pastBookings.every((b) => b.status === "booked" && b.paidAt !== null)).toBe(true);
    expect(pastBookings.every((b) => b.createdAt.toISOString().slice(0, 10) < past!.startsOn)).toBe(true);
    expect(await c.db.models.Notification.count({ where: { status: "pending" } })).toBe(0);
  });

  it("reaches no real person: reserved e-mail domains, fictitious phones, consent recorded", async () => {
    const { Checkout, Cooperative, Notification, User } = c.db.models;
    // RFC 2606: the .example top-level domain, or example.com / .net / .org.
    const reserved = /@(?:[a-z0-9-]+\.)*(?:example|example\.(?:com|net|org))$/;
    const users = await User.findAll();
    const cooperatives = await Cooperative.findAll();
    const emails = [
      ...users.map((u) => u.email),
      ...cooperatives.flatMap((co) => (co.email ? [co.email] : [])),
      ...(await Checkout.findAll()).map((o) => o.email),
      ...(await Notification.findAll({ where: { channel: "email" } })).map((n) => n.recipient),
    ];
    expect(emails.length).toBeGreaterThan(users.length + 20);
    expect(emails.filter((e) => !reserved.test(e))).toEqual([]);
    // The logins printed in the README share one domain.
    for (const account of Object.values(DEMO_ACCOUNTS))
      expect(account.email).toMatch(`@${DEMO_EMAIL_DOMAIN}`);
    expect(users.every((u) => u.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`))).toBe(true);
    // Phones in the 0300 block (seeds/index.ts says why), which the phone check still accepts.
    const phones = [
      ...users.flatMap((u) => (u.phone ? [u.phone] : [])),
      ...cooperatives.map((co) => co.phone),
    ];
    expect(phones.filter((phone) => !/^0300\d{6}$/.test(phone))).toEqual([]);
    expect(phones.filter((phone) => !vnPhone.safeParse(phone).success)).toEqual([]);
    // Every seeded person agreed to the privacy notice, as registration requires.
    expect(users.filter((u) => u.privacyConsentAt === null).map((u) => u.email)).toEqual([]);
  });

  it("awards OCOP stars as they are awarded, claims no expired certificate and stocks like a cooperative", async () => {
    const { Product, ProductOcop } = c.db.models;
    const ocop = await ProductOcop.findAll();
    const stars = (n: number) => ocop.filter((o) => o.stars === n).length;
    // Five stars is national and rare: one product at most. Most certified products hold three or four, and
    // most products none.
    expect(stars(5)).toBeLessThanOrEqual(1);
    expect(stars(3) + stars(4)).toBeGreaterThan(0.9 * ocop.length);
    const products = await Product.findAll();
    expect(ocop.length).toBeLessThan(products.length / 2);
    const today = new Date().toISOString().slice(0, 10);
    const expired = new Set(ocop.filter((o) => o.expiresOn < today).map((o) => o.productId));
    expect(expired.size).toBeGreaterThan(0);
    for (const p of products.filter((p) => expired.has(p.id)))
      expect(`${p.nameVi} ${p.descriptionVi} ${p.descriptionEn ?? ""}`, p.sku).not.toMatch(/OCOP/i);
    expect(products.filter((p) => p.stock > 1000).map((p) => p.sku)).toEqual([]);
  });

  it("lives on the 2025 map: every address in a ward of its province, and the old names kept as origins", async () => {
    const { Cooperative, Checkout, Fair, Product } = c.db.models;
    for (const row of [
      ...(await Cooperative.findAll()),
      ...(await Checkout.findAll()),
      ...(await Fair.findAll()),
    ])
      expect(wardIn(row.provinceCode, row.wardCode), `${row.provinceCode}/${row.wardCode}`).toBeDefined();
    const provinces = new Set((await Product.findAll()).map((p) => p.originProvinceCode));
    for (const code of provinces) expect(isProvinceCode(code), code).toBe(true);
    // The former Thái Bình union's cooperatives are in Hưng Yên now; Bắc Kạn's miến dong is in Thái Nguyên.
    expect(await Cooperative.count({ where: { provinceCode: "34" } })).toBe(0);
    expect(await Cooperative.count({ where: { provinceCode: "33" } })).toBeGreaterThan(0);
    await c.reindex(); // as the first start does (server/main.ts)
    const found = await c.services.catalogue.searchProducts({
      query: { q: "miến dong Bắc Kạn" },
      locale: "vi",
    });
    expect(found.total).toBeGreaterThan(0);
    for (const hit of found.hits) expect(hit.province.code).toBe("19");
  });

  it("has buyers' demands and cooperatives' offers, made through the matching use cases", async () => {
    const { Demand, Offer, Product, User } = c.db.models;
    expect(seeded).toMatchObject({ demands: expect.any(Number), offers: expect.any(Number) });
    const demands = await Demand.findAll();
    expect(demands.length).toBeGreaterThanOrEqual(40);
    const open = demands.filter((d) => d.status === "open").length;
    expect(open).toBeGreaterThan(0.75 * demands.length);
    for (const status of ["paused", "fulfilled", "closed"])
      expect(demands.filter((d) => d.status === status).length, status).toBeGreaterThan(0);
    expect(new Set(demands.map((d) => d.buyerId)).size).toBeGreaterThanOrEqual(10);
    expect(demands.some((d) => d.organisationId === null)).toBe(true);
    for (const d of demands) expect(isProvinceCode(d.deliveryProvinceCode), d.title).toBe(true);
    // No seeded demand's buyer can be reached.
    const reserved = /@(?:[a-z0-9-]+\.)*(?:example|example\.(?:com|net|org))$/;
    const buyers = await User.findAll({ where: { id: [...new Set(demands.map((d) => d.buyerId))] } });
    expect(buyers.filter((u) => !reserved.test(u.email)).map((u) => u.email)).toEqual([]);
    expect(buyers.every((u) => u.role === "buyer")).toBe(true);
    // The board shows them, and finds the miến dong a supermarket wants.
    const board = await c.services.matching.searchDemandBoard({ query: { q: "mien dong" }, locale: "vi" });
    expect(board.total).toBeGreaterThan(0);

    const offers = await Offer.findAll();
    expect(offers.length).toBeGreaterThanOrEqual(80);
    expect(offers.filter((o) => o.status === "paused").length).toBeGreaterThan(0);
    const linked = offers.filter((o) => o.productId !== null);
    expect(linked.length).toBeGreaterThan(offers.length / 2);
    const products = new Map(
      (await Product.findAll({ where: { id: linked.map((o) => o.productId!) } })).map((p) => [p.id, p]),
    );
    for (const o of linked) {
      expect(products.get(o.productId!)?.cooperativeId, o.title).toBe(o.cooperativeId);
      expect(products.get(o.productId!)?.status, o.title).toBe("active");
    }
    expect(new Set(offers.map((o) => o.cooperativeId)).size).toBeGreaterThanOrEqual(30);
  });

  it("gives every product a picture of its own, every cooperative a logo and every fair a cover (issue 15)", async () => {
    const { Product, ProductImage, Cooperative, Fair } = c.db.models;
    const images = await ProductImage.findAll({
      order: [
        ["productId", "ASC"],
        ["position", "ASC"],
      ],
    });
    const byProduct = new Map<number, string[]>();
    for (const i of images) byProduct.set(i.productId, [...(byProduct.get(i.productId) ?? []), i.hash]);
    expect(byProduct.size).toBe(await Product.count());
    // Files are named by the hash of their pixels: equal hashes would be the same picture on two products.
    const hashes = images.map((i) => i.hash);
    expect(new Set(hashes).size).toBe(hashes.length);
    const tanCuong = await Product.findAll({
      include: [{ model: Cooperative, as: "cooperative", where: { name: "HTX Chè Hồng Phúc Tân Cương" } }],
    });
    expect(new Set(tanCuong.map((p) => byProduct.get(p.id)![0])).size).toBe(7);
    const file = (url: string) => path.join(c.config.uploadsDir, url.slice("/uploads/".length));
    for (const i of images.slice(0, 5)) {
      for (const v of JSON.parse(i.variants) as Array<{ url: string }>)
        expect(existsSync(file(v.url)), v.url).toBe(true);
    }

    const logos = (await Cooperative.findAll()).map((co) => co.logoUrl);
    expect(logos.every((l) => l !== null && existsSync(file(l)))).toBe(true);
    expect(new Set(logos).size).toBe(logos.length);

    const covers = (await Fair.findAll()).map((f) => f.cover);
    expect(covers).toHaveLength(2);
    for (const cover of covers) expect(JSON.parse(cover!)).toMatchObject({ width: 1280, height: 640 });
  });

  it("leaves every product in the search index, found by its whole name with or without marks", async () => {
    const onSale = await c.db.models.Product.count({
      where: { status: "active" },
      include: [{ model: c.db.models.Cooperative, as: "cooperative", where: { status: "approved" } }],
    });
    expect(await c.engine.count()).toBe(onSale);
    for (const q of ["Chè xanh La Bằng túi 500g", "che xanh la bang tui 500g"]) {
      const { hits } = await c.services.catalogue.searchProducts({
        query: { q },
        locale: "vi",
        facets: false,
      });
      expect(hits[0]?.name, q).toBe("Chè xanh La Bằng túi 500g");
    }
  });

  it("does nothing the second time", async () => {
    expect(await seedDemoIfEmpty(c)).toBeNull();
  });

  it("has matches under way and two conferences: last season's held, next month's open", async () => {
    expect(seeded).toMatchObject({ contacts: 3, conferences: 2 });
    const { Match, MatchMessage, Conference, ConferenceMeeting, ContactOutcome } = c.db.models;
    for (const status of ["suggested", "requested", "connected"] as const)
      expect(await Match.count({ where: { status } }), status).toBeGreaterThan(0);
    expect(await MatchMessage.count()).toBeGreaterThanOrEqual(4);
    const business = (await c.services.accounts.getCurrentUser({ email: DEMO_ACCOUNTS.business.email }))!;
    const mine = await c.services.matching.listBuyerMatches(business, { locale: "vi", query: {} });
    expect(mine.some((m) => m.status === "connected")).toBe(true);
    expect(mine.some((m) => m.status === "requested" && m.requestedBy === "cooperative")).toBe(true);

    const [past, next] = await Conference.findAll({ order: [["startsOn", "ASC"]] });
    expect(past!.phase).toBe("finished");
    expect(past!.startsOn < new Date().toISOString().slice(0, 10)).toBe(true);
    expect(next!.phase).toBe("registration");
    const held = await ConferenceMeeting.count({ where: { conferenceId: past!.id, status: "held" } });
    expect(held).toBeGreaterThan(5);
    expect(
      await ConferenceMeeting.count({ where: { conferenceId: past!.id, status: "no_show" } }),
    ).toBeGreaterThan(0);
    expect(await ContactOutcome.count({ where: { subjectType: "meeting", stage: "first" } })).toBe(2 * held);
    expect(
      await ContactOutcome.count({ where: { subjectType: "meeting", stage: "follow_up" } }),
    ).toBeGreaterThan(0);
    // The timetable the scheduler made holds no clash.
    const meetings = await ConferenceMeeting.findAll({ where: { conferenceId: past!.id } });
    const cells = meetings.flatMap((x) => [
      `${x.busySlotId}/t${x.tableNo}`,
      `${x.busySlotId}/b${x.buyerId}`,
      `${x.busySlotId}/c${x.cooperativeId}`,
    ]);
    expect(new Set(cells).size).toBe(cells.length);
  });

  it("has agreements in every state, made through the agreements use cases, every sealed one intact", async () => {
    const { Agreement, AgreementSignature, Conference, ConferenceMeeting } = c.db.models;
    const agreements = c.services.agreements;
    const all = await Agreement.findAll({ order: [["id", "ASC"]] });
    expect(seeded).toMatchObject({ agreements: all.length });
    // Each seal renders and signs a PDF: a handful keeps the first start quick.
    expect(all.length).toBeLessThanOrEqual(9);
    const having = (status: string) => all.filter((a) => a.status === status);
    for (const status of [
      "draft",
      "awaiting_signature",
      "sealed",
      "in_implementation",
      "completed",
      "stalled",
      "cancelled",
    ])
      expect(having(status).length, status).toBeGreaterThan(0);

    // Signed on paper at last season's conference, on its day, and registered by staff with the scan.
    const [past] = await Conference.findAll({ order: [["startsOn", "ASC"]] });
    const heldThere = new Set(
      (await ConferenceMeeting.findAll({ where: { conferenceId: past!.id, status: "held" } })).map(
        (m) => m.id,
      ),
    );
    const sealed = all.filter((a) => a.sealedAt !== null);
    const paper = sealed.filter((a) => a.method === "paper" && a.meetingId !== null);
    expect(paper.length).toBeGreaterThanOrEqual(2);
    for (const a of paper) {
      expect(heldThere.has(a.meetingId!), a.publicId).toBe(true);
      const signatures = await AgreementSignature.findAll({ where: { agreementId: a.id } });
      expect(signatures.map((s) => [s.party, s.method, vietnamDay(s.signedAt)]).sort()).toEqual([
        ["buyer", "paper", past!.startsOn],
        ["supplier", "paper", past!.startsOn],
      ]);
    }
    // Signed on the platform by both parties, each with the password, the last signature sealing.
    const online = sealed.filter((a) => a.method === "platform");
    expect(online.length).toBeGreaterThanOrEqual(2);
    for (const a of online) {
      const signatures = await AgreementSignature.findAll({
        where: { agreementId: a.id, version: a.currentVersion, voidedAt: null },
      });
      expect(signatures.map((s) => `${s.party}:${s.method}`).sort()).toEqual([
        "buyer:password",
        "supplier:password",
      ]);
      expect(signatures.every((s) => s.signerId !== null)).toBe(true);
      // Drafted from a connected match, or from a meeting held at that conference.
      expect(a.matchId !== null || heldThere.has(a.meetingId!), a.publicId).toBe(true);
    }
    expect(online.some((a) => a.matchId !== null)).toBe(true);

    // Every seal holds: content, seal, PDF, scan and audit chain; the QR token verifies against the published key.
    const keyring = c.services.sealKeyring();
    // A tax code the tax authority issues ends with its check digit (weights 31 … 3, 10 − sum mod 11): the demo's fail
    // it, so no sealed PDF names a registered business (docs/decisions/0015).
    const issuable = (code: string) =>
      /^\d{10}(-\d{3})?$/.test(code) &&
      10 - ([31, 29, 23, 19, 17, 13, 7, 5, 3].reduce((s, w, i) => s + w * Number(code[i]), 0) % 11) ===
        Number(code[9]);
    for (const a of sealed) {
      expect(await agreements.agreementIntegrity(a.id), a.publicId).toEqual({
        content: "intact",
        seal: "valid",
        pdf: "intact",
        scan: a.method === "paper" ? "intact" : "none",
        chain: { ok: true, entries: expect.any(Number) },
      });
      const content: AgreementContent = await agreements.agreementContent(a.id, a.currentVersion);
      const token = verifySealToken(a.sealToken!, (kid) => keyring.byId(kid)?.publicKey);
      expect(token).toMatchObject({
        ok: true,
        claims: {
          publicId: a.publicId,
          buyerTaxCode: content.parties.buyer.taxCode,
          supplierTaxCode: content.parties.supplier.taxCode,
          totalVnd: a.totalVnd,
        },
      });
      for (const side of ["buyer", "supplier"] as const)
        expect(issuable(content.parties[side].taxCode), `${a.publicId} ${side}`).toBe(false);
    }

    // Carried out since (issue 13): one paper agreement under way, a delivery confirmed and one awaiting the buyer;
    // the other stalled with its reason, its first delivery overdue.
    const [running] = having("in_implementation");
    const deliveries = await c.db.models.AgreementDelivery.findAll({ where: { agreementId: running!.id } });
    expect(deliveries.map((d) => d.status).sort()).toEqual(["confirmed", "recorded"]);
    expect(running!.deliveredVnd).toBe(deliveries.find((d) => d.status === "confirmed")!.valueVnd);
    const [stalled] = having("stalled");
    expect(stalled!.statusReason).toMatch(/mất mùa/);
    expect(stalled!.nextDueOn! < vietnamDay(new Date())).toBe(true);

    // One party has signed the one awaiting: the demo cooperative is to sign it.
    const demoCooperative = (await c.services.accounts.getCurrentUser({
      email: DEMO_ACCOUNTS.cooperative.email,
    }))!;
    const [awaiting] = having("awaiting_signature");
    expect(
      await AgreementSignature.count({
        where: { agreementId: awaiting!.id, voidedAt: null, party: "buyer" },
      }),
    ).toBe(1);
    expect(await AgreementSignature.count({ where: { agreementId: awaiting!.id, voidedAt: null } })).toBe(1);
    expect(awaiting!.cooperativeId).toBe(demoCooperative.cooperative!.id);
    // A draft changed once and discussed, from a connected match; a cancelled one with its reason.
    const [draft] = having("draft");
    expect(draft).toMatchObject({ currentVersion: 2, matchId: expect.any(Number) });
    expect(await c.db.models.Match.findByPk(draft!.matchId!)).toMatchObject({ status: "connected" });
    expect(await c.db.models.AgreementComment.count({ where: { agreementId: draft!.id } })).toBeGreaterThan(
      0,
    );
    for (const a of having("cancelled")) expect(a.cancelReason?.length ?? 0).toBeGreaterThan(20);
    // The business buyer's tea, from its connected match, is sealed.
    const business = (await c.services.accounts.getCurrentUser({ email: DEMO_ACCOUNTS.business.email }))!;
    expect(sealed.some((a) => a.buyerId === business.id && a.matchId !== null)).toBe(true);
    expect(await c.db.models.Notification.count({ where: { status: "pending" } })).toBe(0);

    // The Lạng Sơn union's own, on paper with no conference: one delivered in full and completed, one under way
    // with a lot overdue; registered by its staff member.
    const langSon = sealed.filter((a) => a.provinceCode === "20");
    expect(langSon.map((a) => [a.method, a.meetingId, a.status]).sort()).toEqual([
      ["paper", null, "completed"],
      ["paper", null, "in_implementation"],
    ]);
    const completed = langSon.find((a) => a.status === "completed")!;
    expect(completed.deliveredQuantity).toBe(completed.quantity);
    expect(langSon.find((a) => a.status === "in_implementation")!.nextDueOn! < vietnamDay(new Date())).toBe(
      true,
    );
  });

  it("has the unions' follow-ups done, due and overdue, in both provinces, each agreement with its follower", async () => {
    const { Agreement, AgreementFollowUp, User } = c.db.models;
    const today = vietnamDay(new Date());
    const staffOf = async (email: string) => (await User.findOne({ where: { email } }))!;
    const thaiNguyen = await staffOf("canbo@htxconnect.example");
    const langSon = await staffOf("canbo.langson@htxconnect.example");
    const sealed = await Agreement.findAll({ where: { sealedAt: { [Op.ne]: null } } });
    for (const a of sealed) {
      expect(a.ownerId, a.publicId).toBe(a.provinceCode === "20" ? langSon.id : thaiNguyen.id);
      expect(await AgreementFollowUp.count({ where: { agreementId: a.id } }), a.publicId).toBeGreaterThan(0);
    }
    for (const [province, who] of [
      ["19", thaiNguyen],
      ["20", langSon],
    ] as const) {
      const ids = sealed.filter((a) => a.provinceCode === province).map((a) => a.id);
      const open = await AgreementFollowUp.findAll({ where: { agreementId: ids, status: "open" } });
      const done = await AgreementFollowUp.findAll({ where: { agreementId: ids, status: "done" } });
      expect(
        open.some((f) => f.dueOn < today),
        `overdue in ${province}`,
      ).toBe(true);
      expect(
        done.some((f) => f.completedBy === who.id && (f.outcome?.length ?? 0) > 20),
        `done in ${province}`,
      ).toBe(true);
    }
    // One staff added themselves, due in a few days.
    const own = await AgreementFollowUp.findOne({ where: { kind: "manual" } });
    expect(own).toMatchObject({ status: "open", assigneeId: thaiNguyen.id, createdBy: thaiNguyen.id });
    expect(own!.dueOn > today).toBe(true);
    // As the staff member's list shows them: theirs first, the overdue on top.
    const list = await c.services.agreements.listFollowUps(
      (await c.services.accounts.getCurrentUser({ email: "canbo@htxconnect.example" }))!,
      {},
    );
    expect(list.counts.mineOverdue).toBeGreaterThan(0);
    expect(list.rows[0]!.overdue).toBe(true);
  });
});
