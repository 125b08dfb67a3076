import { randomBytes } from "node:crypto";
import { foldVietnamese, slugify } from "../server/vocabulary/text";
import { OCOP_VALIDITY_MONTHS } from "../server/vocabulary/domain";
import { hashPassword } from "../server/accounts/passwords";
import { addMonths } from "../server/catalogue";
import { productColumns } from "../server/catalogue/product-columns";
import type { Container } from "../server/context";
import { cooperatives } from "./data/cooperatives";
import { products } from "./data/products";
import { seedDemoAgreements } from "./agreements";
import { seedDemoFairs } from "./fairs";
import { drawDemoPictures, type DemoPictures } from "./images";
import { seedDemoContactsAndConferences } from "./conferences";
import { seedDemoMatching } from "./matching";
import { seedDemoOrders } from "./orders";
import { seedDemoShipping } from "./shipping";
import { seedDemoTradeTerms } from "./trade-terms";

/** Shared by every demo account; printed in the README. */
export const DEMO_PASSWORD = "htx-demo-2026";

/**
 * Demo contacts reach no one. E-mail addresses are on domains reserved for examples (RFC 2606): the logins
 * on `htxconnect.example`, the cooperatives' own mailboxes on `example.com`. Phone numbers all start 0300:
 * they pass the phone check (0[35789] and eight digits), but 030 is not among the prefixes allocated to
 * Vietnamese mobile networks (Viettel's 03x numbers run 032–039; check again if that changes), and the
 * pattern shows them for what they are: 0300 000 xxx for people, 0300 100 0xx for the cooperatives (in the
 * order of seeds/data/cooperatives.ts), 0300 9xx xxx for synthetic data.
 */
export const DEMO_EMAIL_DOMAIN = "htxconnect.example";

export const DEMO_ACCOUNTS = {
  staff: { email: "canbo@htxconnect.example", fullName: "Trần Thị Thu Hà" },
  staffLangSon: { email: "canbo.langson@htxconnect.example", fullName: "Hoàng Văn Thái" },
  admin: { email: "admin@htxconnect.example", fullName: "Lê Văn Minh" },
  cooperative: { email: "htx@htxconnect.example", fullName: "Nguyễn Thị Hoa" },
  pendingCooperative: { email: "htx.moi@htxconnect.example", fullName: "Hoàng Văn Phúc" },
  buyer: { email: "nguoimua@htxconnect.example", fullName: "Phạm Thị Lan" },
  business: { email: "thumua@htxconnect.example", fullName: "Đỗ Quang Huy" },
} as const;

/**
 * Insert the demo data when the database has no user at all. Idempotent: a second start finds users and
 * does nothing. The people, cooperatives and catalogue go in one transaction, so a failure there leaves the
 * database empty; orders, fairs and the rest follow through their use cases, and the pictures come last.
 */
export async function seedDemoIfEmpty(
  container: Pick<Container, "db" | "storage" | "services" | "logger" | "reindex">,
) {
  const { models, sequelize } = container.db;
  if ((await models.User.count()) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The demo's people registered as anyone does: consenting to the privacy notice.
  const seededAt = new Date();
  // Every product and cooperative has its own picture, drawn and run through the real pipeline (seeds/images.ts).
  // Sharp is the slow part: it works on them while the rows below are written, and they are attached at the end.
  const pictures = drawDemoPictures(container.storage, { products, cooperatives });
  // Awaited after the other steps; until then, a failure must not count as an unhandled rejection.
  pictures.catch(() => undefined);
  const seeded = await sequelize.transaction(async (transaction) => {
    const staff = await models.User.create(
      {
        ...DEMO_ACCOUNTS.staff,
        passwordHash,
        phone: "0300000111",
        role: "staff",
        // Thái Nguyên's cooperative union; the admin below is national.
        unionProvinceCode: "19",
        locale: "vi",
        organisationId: null,
        disabledAt: null,
        lastLoginAt: null,
        privacyConsentAt: seededAt,
      },
      { transaction },
    );
    await models.User.create(
      {
        ...DEMO_ACCOUNTS.staffLangSon,
        passwordHash,
        phone: "0300000112",
        role: "staff",
        unionProvinceCode: "20",
        locale: "vi",
        organisationId: null,
        disabledAt: null,
        lastLoginAt: null,
        privacyConsentAt: seededAt,
      },
      { transaction },
    );
    await models.User.create(
      {
        ...DEMO_ACCOUNTS.admin,
        passwordHash,
        phone: "0300000222",
        role: "staff",
        isAdmin: true,
        locale: "vi",
        organisationId: null,
        disabledAt: null,
        lastLoginAt: null,
        privacyConsentAt: seededAt,
      },
      { transaction },
    );
    const org = await models.Organisation.create(
      {
        name: "Công ty TNHH Nông sản Sạch Hà Thành",
        kind: "distributor",
        taxCode: "0109876543",
        address: "Số 12 phố Trần Duy Hưng, Cầu Giấy, Hà Nội",
      },
      { transaction },
    );
    await models.User.create(
      {
        ...DEMO_ACCOUNTS.buyer,
        passwordHash,
        phone: "0300000333",
        role: "buyer",
        locale: "vi",
        organisationId: null,
        disabledAt: null,
        lastLoginAt: null,
        privacyConsentAt: seededAt,
      },
      { transaction },
    );
    await models.User.create(
      {
        ...DEMO_ACCOUNTS.business,
        passwordHash,
        phone: "0300000444",
        role: "buyer",
        locale: "en",
        organisationId: org.id,
        disabledAt: null,
        lastLoginAt: null,
        privacyConsentAt: seededAt,
      },
      { transaction },
    );

    const created = [];
    const productIds: number[] = [];
    const base = new Date("2026-01-05T02:00:00Z").getTime();
    for (const [i, c] of cooperatives.entries()) {
      const when = new Date(base + i * 5 * 86400_000);
      const reviewed = c.status !== "pending";
      const row = await models.Cooperative.create(
        {
          slug: slugify(c.name),
          name: c.name,
          searchName: foldVietnamese(c.name),
          kind: c.kind,
          provinceCode: c.provinceCode,
          wardCode: c.wardCode,
          address: c.address,
          foundedYear: c.foundedYear,
          memberCount: c.memberCount,
          descriptionVi: c.descriptionVi,
          descriptionEn: c.descriptionEn,
          representative: c.representative,
          phone: c.phone,
          email: c.email,
          website: null,
          logoUrl: null,
          status: c.status,
          rejectionReason: c.rejectionReason ?? null,
          reviewedById: reviewed ? staff.id : null,
          reviewedAt: reviewed ? new Date(when.getTime() + 2 * 86400_000) : null,
          createdAt: when,
          updatedAt: when,
        },
        { transaction },
      );
      await models.CooperativeSector.bulkCreate(
        c.sectors.map((sector) => ({ cooperativeId: row.id, sector })),
        { transaction },
      );
      created.push(row);
    }

    // The demo cooperative member owns the first approved cooperative; the pending one the first pending.
    const approved = created.find((c) => c.status === "approved")!;
    const pending = created.find((c) => c.status === "pending")!;
    for (const [account, coop, phone] of [
      [DEMO_ACCOUNTS.cooperative, approved, "0300000555"],
      [DEMO_ACCOUNTS.pendingCooperative, pending, "0300000666"],
    ] as const) {
      const user = await models.User.create(
        {
          ...account,
          passwordHash,
          phone,
          role: "cooperative",
          locale: "vi",
          organisationId: null,
          disabledAt: null,
          lastLoginAt: null,
          privacyConsentAt: seededAt,
        },
        { transaction },
      );
      await models.CooperativeMember.create(
        { userId: user.id, cooperativeId: coop.id, role: "owner" },
        { transaction },
      );
    }
    // Products, with their certifications, OCOP certificates, batches and pictures.
    const byName = new Map(created.map((c) => [c.name, c]));
    const regionOf = new Map(cooperatives.map((c) => [c.name, c.region]));
    let seq = 0;
    const usedSlugs = new Set<string>();
    const uniqueSlug = (name: string) => {
      const base = slugify(name);
      let slug = base;
      for (let i = 2; usedSlugs.has(slug); i++) slug = `${base}-${i}`;
      usedSlugs.add(slug);
      return slug;
    };
    for (const p of products) {
      const coop = byName.get(p.cooperative);
      if (!coop) throw new Error(`seed product ${p.sku}: unknown cooperative ${p.cooperative}`);
      seq += 1;
      const when = new Date(Date.UTC(2026, 0, 10) + seq * 31 * 3600_000);
      const product = await models.Product.create(
        {
          ...productColumns({
            ...p,
            nameEn: p.nameEn,
            descriptionEn: p.descriptionEn,
            originProvinceCode: coop.provinceCode,
            originRegion: regionOf.get(p.cooperative),
            shelfLifeDays: p.shelfLifeDays ?? undefined,
          }),
          cooperativeId: coop.id,
          slug: uniqueSlug(p.nameVi),
          createdAt: when,
          updatedAt: when,
        },
        { transaction },
      );
      await models.ProductCertification.bulkCreate(
        p.certifications.map((certification) => ({ productId: product.id, certification })),
        { transaction },
      );
      if (p.ocop) {
        await models.ProductOcop.create(
          {
            productId: product.id,
            stars: p.ocop.stars,
            certificateNo: p.ocop.certificateNo,
            issuedOn: p.ocop.issuedOn,
            expiresOn: addMonths(p.ocop.issuedOn, OCOP_VALIDITY_MONTHS),
          },
          { transaction },
        );
      }
      for (const b of p.batches ?? []) {
        const batch = await models.ProductBatch.create(
          {
            productId: product.id,
            lotCode: b.lotCode,
            publicCode: randomBytes(9).toString("base64url"),
            producedOn: b.producedOn,
            quantity: b.quantity,
            expiresOn: b.expiresOn,
            notes: b.notes,
          },
          { transaction },
        );
        await models.BatchEvent.bulkCreate(
          (b.events ?? []).map((e) => ({ batchId: batch.id, ...e, photo: null })),
          { transaction },
        );
      }
      productIds.push(product.id);
    }
    // A restaurant kitchen that buys regularly: the third buyer of the demo orders (no README login needed).
    await models.User.create(
      {
        email: "bep.sach@htxconnect.example",
        fullName: "Bếp Sạch Thái Nguyên",
        passwordHash,
        phone: "0300000777",
        role: "buyer",
        locale: "vi",
        organisationId: null,
        disabledAt: null,
        lastLoginAt: null,
        privacyConsentAt: seededAt,
      },
      { transaction },
    );
    return {
      users: 7,
      cooperatives: created.length,
      products: products.length,
      demoCooperativeId: approved.id,
      cooperativeIds: created.map((c) => c.id),
      productIds,
    };
  });
  // Delivery options first, so the demo orders carry their delivery as a buyer's would.
  await seedDemoShipping(container);
  // Orders go through the real use cases, each in its own transactions, once the catalogue exists.
  const { orders } = await seedDemoOrders(container, seeded.demoCooperativeId);
  // Volume prices and quotes after the orders, which were placed at the list prices of their day.
  const { tieredProducts, quotes } = await seedDemoTradeTerms(
    container,
    seeded.demoCooperativeId,
    DEMO_ACCOUNTS,
  );
  // Trade fairs likewise, through the fairs use cases (seeds/fairs.ts).
  const { fairs } = await seedDemoFairs(container, passwordHash);
  // Buyers' demands and cooperatives' offers, through the matching use cases (seeds/matching.ts).
  const { demands, offers } = await seedDemoMatching(container, passwordHash);
  // Matches under way and two matchmaking conferences, past and open (seeds/conferences.ts).
  const { contacts, conferences } = await seedDemoContactsAndConferences(container, passwordHash);
  // Agreements drafted, signed, sealed and cancelled, and two on paper from that conference (seeds/agreements.ts).
  const { agreements } = await seedDemoAgreements(container, { password: DEMO_PASSWORD, passwordHash });
  await attachPictures(container, seeded, await pictures);
  // The catalogue was written straight to its tables, and only the products the demo orders touched were indexed
  // on the way: the whole index is built once here, so search knows every demo product from the first page.
  await container.reindex();
  return {
    users: seeded.users,
    cooperatives: seeded.cooperatives,
    products: seeded.products,
    orders,
    tieredProducts,
    quotes,
    fairs,
    demands,
    offers,
    contacts,
    conferences,
    agreements,
  };
}

/** The products' pictures and the cooperatives' logos, as the upload use cases would have recorded them. */
async function attachPictures(
  container: Pick<Container, "db">,
  seeded: { productIds: number[]; cooperativeIds: number[] },
  pictures: DemoPictures,
) {
  const { models, sequelize } = container.db;
  await sequelize.transaction(async (transaction) => {
    await models.ProductImage.bulkCreate(
      seeded.productIds.flatMap((productId, i) =>
        pictures.products[i]!.map((img, position) => ({
          productId,
          position,
          hash: img.hash,
          width: img.width,
          height: img.height,
          placeholder: img.placeholder,
          variants: JSON.stringify(img.variants),
        })),
      ),
      { transaction },
    );
    for (const [i, id] of seeded.cooperativeIds.entries()) {
      await models.Cooperative.update(
        { logoUrl: pictures.logos[i]! },
        { where: { id }, transaction, silent: true },
      );
    }
  });
}
