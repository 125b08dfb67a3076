/**
 * Who and what the trade-fairs browser test (fairs.test.ts) works with: the fair staff create, and the two
 * cooperatives that book booths at it, with their owners and products.
 */
import type { Container } from "../../server/context";
import { makeCooperative, makeProduct, makeUser } from "../support/factories";
import { fairForm } from "../support/fairs";

/** Dates from the shared fair form: booking opened yesterday, the fair starts in a month. */
export const FORM = fairForm({ nameVi: "Hội chợ Nông sản OCOP Thái Nguyên 2026" });
export const FAIR = {
  name: FORM.nameVi!,
  hall: "Nhà A",
  hallWidthM: "30",
  hallDepthM: "20",
  cornerPriceVnd: 1_500_000,
};

/** A corner booth with a price, chosen on the SVG plan; paid by transfer after approval. */
export const TEA = {
  coop: "HTX Chè Tân Cương",
  owner: "Lê Thị Minh",
  booth: "A01",
  chosen: ["Chè búp Tân Cương 500g", "Trà móc câu đặc biệt"],
  notChosen: "Chè xanh túi lọc",
};
/** A free standard booth, chosen in the list view; its name says nothing of noodles, its products do. */
export const NA_RI = {
  coop: "HTX Nông sản Na Rì",
  owner: "Hoàng Văn Páo",
  booth: "B03",
  chosen: ["Miến dong Na Rì 1kg", "Mật ong bạc hà"],
  notChosen: "Măng khô Bắc Kạn",
};
export type Exhibitor = typeof TEA;

/** Staff and the two cooperatives (an owner, the approved cooperative, its products), straight into the tables. */
export async function castFairs(c: Pick<Container, "db">): Promise<Record<string, string>> {
  // Emails by who: "staff", or the cooperative's name.
  const emails: Record<string, string> = {};
  emails.staff = (await makeUser(c, { role: "staff", fullName: "Trần Văn Bình" })).email;
  for (const [who, place] of [
    [TEA, { provinceCode: "19", wardCode: "05503" }],
    [NA_RI, { provinceCode: "19", wardCode: "02185" }],
  ] as const) {
    const owner = await makeUser(c, { role: "cooperative", fullName: who.owner });
    emails[who.coop] = owner.email;
    const coop = await makeCooperative(c, { name: who.coop, ownerId: owner.id, ...place });
    for (const nameVi of [...who.chosen, who.notChosen]) await makeProduct(c, coop.id, { nameVi });
  }
  return emails;
}
