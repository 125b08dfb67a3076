import type { CurrentUser } from "../../server/accounts/current-user";
import type { Container } from "../../server/context";

type C = Pick<Container, "services">;

/** A fair form as staff would post it, booking open from yesterday until the fair starts. */
export function fairForm(overrides: Record<string, string> = {}): Record<string, string> {
  const day = 86_400_000;
  const local = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
  const starts = new Date(Date.now() + 30 * day).toISOString().slice(0, 10);
  const ends = new Date(Date.now() + 33 * day).toISOString().slice(0, 10);
  return {
    nameVi: "Hội chợ OCOP Thái Nguyên 2026",
    nameEn: "Thái Nguyên OCOP Fair 2026",
    descriptionVi: "Hội chợ giới thiệu sản phẩm OCOP và đặc sản của các hợp tác xã tỉnh Thái Nguyên.",
    descriptionEn: "",
    organiser: "Liên minh HTX tỉnh Thái Nguyên",
    venue: "Quảng trường Võ Nguyên Giáp, TP Thái Nguyên",
    provinceCode: "19",
    startsOn: starts,
    endsOn: ends,
    bookingOpensAt: local(Date.now() - day),
    bookingClosesAt: local(Date.now() + 20 * day),
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

/** An open fair with one hall and a generated grid (rows × columns of 3×3 m booths at `priceVnd`). */
export async function openFair(
  c: C,
  staff: CurrentUser,
  options: { rows?: number; columns?: number; priceVnd?: number; form?: Record<string, string> } = {},
) {
  const { id, slug } = await c.services.fairs.createFair(staff, fairForm(options.form));
  const hall = await c.services.fairs.addHall(staff, id, { name: "Nhà A", widthM: "80", depthM: "40" });
  await c.services.fairs.generateGrid(staff, id, {
    hallId: String(hall.id),
    rows: String(options.rows ?? 2),
    columns: String(options.columns ?? 5),
    firstRow: "A",
    firstNumber: "1",
    widthM: "3",
    depthM: "3",
    aisleM: "3",
    originXM: "2",
    originYM: "2",
    type: "standard",
    cornerEnds: "on",
    priceVnd: String(options.priceVnd ?? 0),
    cornerPriceVnd: "",
  });
  await c.services.fairs.setStatus(staff, id, "open");
  const view = await c.services.fairs.forStaff(staff, id, "vi");
  const booths = view.halls.flatMap((h) => h.booths);
  return {
    id,
    slug,
    hallId: hall.id,
    booths,
    boothByCode: (code: string) => booths.find((b) => b.code === code)!,
  };
}
