import type { Sector } from "../../server/vocabulary/domain";
import type { CurrentUser } from "../../server/accounts/current-user";
import type { Container } from "../../server/context";
import { createFairsService, EXPIRE_BOOKING, type PlanBooth } from "../../server/fairs";
import { createTestContainer, type Dialect } from "./db";
import { makeProduct } from "./factories";
import { sellingCooperative, signedInStaff } from "./orders";
import { STRIPE_ENV, type StripeApiDouble } from "./stripe";

type C = Pick<Container, "services">;
type Full = Pick<Container, "services" | "db" | "logger" | "storage" | "worker">;

const DAY = 86_400_000;

/**
 * A fresh database for a fairs suite, as each of them starts: card payments on (Stripe's API answered by
 * `stripe`, at the HTTP edge), and a signed-in staff member to set fairs up.
 */
export async function fairsTestContainer(dialect: Dialect, stripe: StripeApiDouble) {
  const c = await createTestContainer(dialect, STRIPE_ENV, { stripeHttpClient: stripe.httpClient });
  return { c, staff: await signedInStaff(c) };
}

/** A fair form as staff would post it, booking open from yesterday until the fair starts. */
export function fairForm(overrides: Record<string, string> = {}): Record<string, string> {
  const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
  const starts = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
  const ends = new Date(Date.now() + 33 * DAY).toISOString().slice(0, 10);
  return {
    nameVi: "Hội chợ OCOP Thái Nguyên 2026",
    nameEn: "Thái Nguyên OCOP Fair 2026",
    descriptionVi: "Hội chợ giới thiệu sản phẩm OCOP và đặc sản của các hợp tác xã tỉnh Thái Nguyên.",
    descriptionEn: "",
    organiser: "Liên minh HTX tỉnh Thái Nguyên",
    venue: "Quảng trường Võ Nguyên Giáp",
    provinceCode: "19",
    wardCode: "05443", // Phường Phan Đình Phùng
    startsOn: starts,
    endsOn: ends,
    bookingOpensAt: local(Date.now() - DAY),
    bookingClosesAt: local(Date.now() + 20 * DAY),
    maxBoothsPerCooperative: "2",
    holdMinutes: "15",
    transferDays: "5",
    offerHours: "48",
    bankBin: "",
    bankAccountNo: "",
    bankAccountName: "",
    ...overrides,
  };
}

/** The union's Agribank account, for fairs that take booth fees by transfer. */
export const FAIR_BANK = {
  bankBin: "970405",
  bankAccountNo: "3900 2050 12345",
  bankAccountName: "Lien minh HTX tinh Thai Nguyen",
};

/** A grid form for `generateBoothGrid`: 3×3 m booths from (2, 2) with 3 m aisles, corners at the ends. */
export function gridForm(hallId: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    hallId: String(hallId),
    rows: "2",
    columns: "5",
    firstRow: "A",
    firstNumber: "1",
    widthM: "3",
    depthM: "3",
    aisleM: "3",
    originXM: "2",
    originYM: "2",
    type: "standard",
    cornerEnds: "on",
    priceVnd: "0",
    cornerPriceVnd: "",
    ...overrides,
  };
}

/** An open fair with one hall and a generated grid (rows × columns of 3×3 m booths at `priceVnd`). */
export async function openFair(
  c: C,
  staff: CurrentUser,
  options: { rows?: number; columns?: number; priceVnd?: number; form?: Record<string, string> } = {},
) {
  const { id, slug } = await c.services.fairs.createFair(staff, fairForm(options.form));
  const hall = await c.services.fairs.addHall(staff, {
    fairId: id,
    form: { name: "Nhà A", widthM: "80", depthM: "40" },
  });
  await c.services.fairs.generateBoothGrid(staff, {
    fairId: id,
    form: gridForm(hall.id, {
      rows: String(options.rows ?? 2),
      columns: String(options.columns ?? 5),
      priceVnd: String(options.priceVnd ?? 0),
    }),
  });
  await c.services.fairs.setFairStatus(staff, { fairId: id, status: "open" });
  const view = await c.services.fairs.getFairForStaff(staff, { fairId: id, locale: "vi" });
  const booths = view.halls.flatMap((h) => h.booths);
  return {
    id,
    slug,
    hallId: hall.id,
    booths,
    boothByCode: (code: string) => booths.find((b) => b.code === code)!,
  };
}

/** The booth form `updateBooth` takes, from a booth as the plan shows it. */
export function boothForm(
  booth: Pick<PlanBooth, "code" | "type" | "xM" | "yM" | "widthM" | "depthM" | "priceVnd">,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    code: booth.code,
    type: booth.type,
    xM: String(booth.xM),
    yM: String(booth.yM),
    widthM: String(booth.widthM),
    depthM: String(booth.depthM),
    priceVnd: String(booth.priceVnd),
    blockedReason: "",
    ...overrides,
  };
}

/** The same fairs use cases over the container's database, with the clock at `at` (deadlines, expiry). */
export function fairsAt(c: Full, at: Date) {
  return createFairsService({
    db: c.db,
    logger: c.logger,
    storage: c.storage,
    gateway: null,
    catalogue: c.services.catalogue.lookup,
    now: () => at,
  });
}

/** A booth's state on the plan as a visitor sees it. */
export async function stateOf(c: C, slug: string, code: string) {
  const { halls } = await c.services.fairs.getPublicFair({ slug, query: {}, locale: "vi", viewer: null });
  return halls.flatMap((h) => h.booths).find((b) => b.code === code)!.state;
}

export async function bookingRow(c: Pick<Container, "db">, publicId: string) {
  const row = await c.db.models.BoothBooking.findOne({ where: { publicId } });
  if (!row) throw new Error(`no booking ${publicId}`);
  return row;
}

/** A booking's recorded transitions, as "from→to by actor#id" (the id only for people). */
export async function bookingEvents(c: Pick<Container, "db">, publicId: string) {
  const booking = await bookingRow(c, publicId);
  const events = await c.db.models.BookingEvent.findAll({
    where: { bookingId: booking.id },
    order: [["id", "ASC"]],
  });
  return events.map(
    (e) => `${e.fromStatus ?? "∅"}→${e.toStatus} by ${e.actorKind}${e.actorId ? `#${e.actorId}` : ""}`,
  );
}

/**
 * Let a booking's deadline pass as if its time had come: its expiry moves into the past, its EXPIRE_BOOKING
 * jobs become due, and the worker runs whatever is due.
 */
export async function expireNow(c: Full, publicId: string) {
  const booking = await bookingRow(c, publicId);
  const past = new Date(Date.now() - 60_000);
  if (booking.expiresAt) await booking.update({ expiresAt: past });
  await makeExpiryJobsDue(c, booking.id);
  return c.worker.drain();
}

/** Make a booking's pending EXPIRE_BOOKING jobs (or only the first) due now, without touching the booking. */
export async function makeExpiryJobsDue(
  c: Pick<Container, "db">,
  bookingId: number,
  options: { first?: boolean } = {},
) {
  const jobs = await c.db.models.Job.findAll({
    where: { type: EXPIRE_BOOKING, status: "pending", payload: JSON.stringify({ bookingId }) },
    order: [["id", "ASC"]],
  });
  for (const job of options.first ? jobs.slice(0, 1) : jobs)
    await job.update({ runAt: new Date(Date.now() - 60_000) });
}

/**
 * An approved cooperative with a signed-in owner and active products (name and category each), optionally from
 * another province (its code with one of its wards).
 */
export async function exhibitor(
  c: Pick<Container, "db" | "services">,
  options: {
    name?: string;
    province?: { code: string; ward: string };
    products?: Array<{ nameVi: string; category?: Sector }>;
  } = {},
) {
  const { coop, owner } = await sellingCooperative(c, { name: options.name });
  if (options.province)
    await coop.update({ provinceCode: options.province.code, wardCode: options.province.ward });
  const products = [];
  for (const p of options.products ?? []) {
    const product = await makeProduct(c, coop.id, { nameVi: p.nameVi });
    if (p.category) await product.update({ category: p.category });
    products.push(product);
  }
  return { coop, owner, products };
}
