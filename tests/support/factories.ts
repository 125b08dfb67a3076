import { foldVietnamese, slugify } from "../../server/vocabulary/text";
import type { CooperativeStatus, Role, Sector, Unit } from "../../server/vocabulary/domain";
import { hashPassword } from "../../server/accounts/passwords";
import type { RequestMeta } from "../../server/accounts";
import type { Container } from "../../server/context";
import type { Locale } from "../../server/vocabulary/locale";

export const PASSWORD = "mat-khau-thu-nghiem";
let cachedHash: Promise<string> | null = null;
const passwordHash = () => (cachedHash ??= hashPassword(PASSWORD));
let seq = 0;

export async function makeUser(
  c: Pick<Container, "db">,
  overrides: { role?: Role; email?: string; locale?: Locale; fullName?: string } = {},
) {
  seq += 1;
  return c.db.models.User.create({
    email: overrides.email ?? `user${seq}-${Date.now()}@example.vn`,
    passwordHash: await passwordHash(),
    fullName: overrides.fullName ?? `Người dùng ${seq}`,
    phone: null,
    role: overrides.role ?? "buyer",
    locale: overrides.locale ?? "vi",
    organisationId: null,
    disabledAt: null,
    lastLoginAt: null,
  });
}

export async function makeCooperative(
  c: Pick<Container, "db">,
  overrides: {
    name?: string;
    status?: CooperativeStatus;
    provinceCode?: string;
    wardCode?: string;
    sectors?: Sector[];
    memberCount?: number;
    ownerId?: number;
    descriptionEn?: string | null;
  } = {},
) {
  seq += 1;
  const name = overrides.name ?? `HTX Thử nghiệm ${seq}`;
  const coop = await c.db.models.Cooperative.create({
    slug: `${slugify(name)}-${seq}`,
    name,
    searchName: foldVietnamese(name),
    kind: "cooperative",
    provinceCode: overrides.provinceCode ?? "19",
    wardCode: overrides.wardCode ?? "05503",
    address: "Xóm Hồng Thái",
    foundedYear: 2010,
    memberCount: overrides.memberCount ?? 20,
    descriptionVi: "Hợp tác xã sản xuất chè búp theo tiêu chuẩn VietGAP tại Tân Cương.",
    descriptionEn:
      overrides.descriptionEn === undefined
        ? "A cooperative growing VietGAP tea in Tân Cương."
        : overrides.descriptionEn,
    representative: "Nguyễn Văn An",
    phone: "0912345678",
    email: null,
    website: null,
    logoUrl: null,
    status: overrides.status ?? "approved",
    rejectionReason: null,
    reviewedById: null,
    reviewedAt: null,
  });
  await c.db.models.CooperativeSector.bulkCreate(
    (overrides.sectors ?? ["tea"]).map((sector) => ({ cooperativeId: coop.id, sector })),
  );
  if (overrides.ownerId)
    await c.db.models.CooperativeMember.create({
      userId: overrides.ownerId,
      cooperativeId: coop.id,
      role: "owner",
    });
  return coop;
}

/** A valid cooperative registration form, as the browser would post it. */
/** The product form as a cooperative member fills it in (prices with thousands dots, as typed). */
export function productForm(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    sku: "TC-MOCCAU-200",
    nameVi: "Trà móc câu Tân Cương hộp 200g",
    nameEn: "",
    descriptionVi: "Chè búp non sao thủ công, nước xanh, vị chát dịu, hậu ngọt.",
    descriptionEn: "",
    category: "tea",
    unit: "hop",
    priceVnd: "180.000",
    minOrderQty: "1",
    stock: "120",
    status: "active",
    originProvinceCode: "19",
    originRegion: "Tân Cương",
    harvestMonths: ["3", "4", "5"],
    shelfLifeDays: "365",
    certifications: ["vietgap"],
    tags: "chè xanh, quà biếu",
    ...overrides,
  };
}

export function cooperativeForm(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  seq += 1;
  return {
    fullName: "Nguyễn Thị Hoa",
    email: `htx${seq}-${Date.now()}@example.vn`,
    phone: "0912 345 678",
    password: "mat-khau-an-toan",
    passwordConfirm: "mat-khau-an-toan",
    privacyConsent: "on",
    cooperativeName: `HTX Chè Đặc sản Tân Cương ${seq}`,
    kind: "cooperative",
    provinceCode: "19",
    wardCode: "05503",
    address: "Xóm Nam Thái",
    foundedYear: "2015",
    memberCount: "35",
    sectors: ["tea", "handicrafts"],
    descriptionVi: "HTX trồng và chế biến chè búp Tân Cương đạt chuẩn VietGAP, OCOP 4 sao.",
    descriptionEn: "",
    representative: "Nguyễn Thị Hoa",
    cooperativePhone: "+84 912 345 679",
    cooperativeEmail: "",
    website: "",
    ...overrides,
  };
}

export const META: RequestMeta = { ip: "203.0.113.7", userAgent: "vitest", locale: "vi" };

/** An active product, straight into the table (the catalogue's own tests go through its use cases). */
export async function makeProduct(
  c: Pick<Container, "db">,
  cooperativeId: number,
  overrides: {
    nameVi?: string;
    priceVnd?: number;
    stock?: number;
    minOrderQty?: number;
    status?: "draft" | "active" | "archived";
    unit?: Unit;
  } = {},
) {
  seq += 1;
  const nameVi = overrides.nameVi ?? `Chè búp Tân Cương loại ${seq}`;
  return c.db.models.Product.create({
    cooperativeId,
    sku: `SKU-${seq}`,
    slug: `${slugify(nameVi)}-${seq}`,
    nameVi,
    nameEn: null,
    descriptionVi: "Chè búp sao tay, hương cốm, nước xanh.",
    descriptionEn: null,
    searchText: foldVietnamese(nameVi),
    category: "tea",
    unit: overrides.unit ?? "kg",
    priceVnd: overrides.priceVnd ?? 120_000,
    minOrderQty: overrides.minOrderQty ?? 1,
    stock: overrides.stock ?? 100,
    status: overrides.status ?? "active",
    originProvinceCode: "19",
    originRegion: null,
    harvestMonths: "",
    shelfLifeDays: null,
    tags: "[]",
  });
}

/** The CurrentUser a request by this user would carry (through a real login). */
export async function currentUser(c: Pick<Container, "services">, email: string) {
  const { token } = await c.services.accounts.login({
    form: { email, password: PASSWORD },
    meta: { ip: null, userAgent: null, locale: "vi" },
  });
  return (await c.services.accounts.getUserForSession({ token }))!;
}

/** A valid checkout form for cash on delivery in Thái Nguyên. */
export function checkoutForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    contactName: "Trần Thị Mai",
    phone: "0987 654 321",
    email: "mai@example.vn",
    provinceCode: "19",
    wardCode: "05503",
    address: "Số 12 đường Quang Trung",
    note: "",
    paymentMethod: "cod",
    ...overrides,
  };
}
