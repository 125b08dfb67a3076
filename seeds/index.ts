import { foldVietnamese, slugify } from "../app/lib/text";
import { hashPassword } from "../server/accounts/passwords";
import type { Container } from "../server/context";
import { cooperatives } from "./data/cooperatives";

/** Shared by every demo account; printed in the README. */
export const DEMO_PASSWORD = "htx-demo-2026";

export const DEMO_ACCOUNTS = {
  staff: { email: "canbo@htxconnect.vn", fullName: "Trần Thị Thu Hà" },
  admin: { email: "admin@htxconnect.vn", fullName: "Lê Văn Minh" },
  cooperative: { email: "htx@htxconnect.vn", fullName: "Nguyễn Thị Hoa" },
  pendingCooperative: { email: "htx.moi@htxconnect.vn", fullName: "Hoàng Văn Phúc" },
  buyer: { email: "nguoimua@htxconnect.vn", fullName: "Phạm Thị Lan" },
  business: { email: "thumua@htxconnect.vn", fullName: "Đỗ Quang Huy" },
} as const;

/**
 * Insert the demo data when the database has no user at all. Idempotent: a second start finds users and
 * does nothing. Everything goes in one transaction, so a failure leaves the database empty, not half-seeded.
 */
export async function seedDemoIfEmpty(container: Pick<Container, "db">) {
  const { models, sequelize } = container.db;
  if ((await models.User.count()) > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return sequelize.transaction(async (transaction) => {
    const staff = await models.User.create(
      {
        ...DEMO_ACCOUNTS.staff,
        passwordHash,
        phone: "0912000111",
        role: "staff",
        locale: "vi",
        organisationId: null,
        disabledAt: null,
        lastLoginAt: null,
      },
      { transaction },
    );
    await models.User.create(
      {
        ...DEMO_ACCOUNTS.admin,
        passwordHash,
        phone: "0912000222",
        role: "staff",
        isAdmin: true,
        locale: "vi",
        organisationId: null,
        disabledAt: null,
        lastLoginAt: null,
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
        phone: "0987000333",
        role: "buyer",
        locale: "vi",
        organisationId: null,
        disabledAt: null,
        lastLoginAt: null,
      },
      { transaction },
    );
    await models.User.create(
      {
        ...DEMO_ACCOUNTS.business,
        passwordHash,
        phone: "0987000444",
        role: "buyer",
        locale: "en",
        organisationId: org.id,
        disabledAt: null,
        lastLoginAt: null,
      },
      { transaction },
    );

    const created = [];
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
          districtCode: c.districtCode,
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
      [DEMO_ACCOUNTS.cooperative, approved, "0978000555"],
      [DEMO_ACCOUNTS.pendingCooperative, pending, "0978000666"],
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
        },
        { transaction },
      );
      await models.CooperativeMember.create(
        { userId: user.id, cooperativeId: coop.id, role: "owner" },
        { transaction },
      );
    }
    return { users: 6, cooperatives: created.length };
  });
}
