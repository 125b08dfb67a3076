/**
 * The product CSV format: columns, limits and the template. Plain data shared by the importer
 * (server/catalogue/csv-import.ts) and the import page, which documents it.
 */
import { CATEGORIES, CERTIFICATIONS, PRODUCT_STATUSES, UNITS } from "../vocabulary/domain";

/** CSV column → form field. The order here is the template's order. */
export const CSV_COLUMNS = {
  // Which cooperative a row is for, by its slug or its name: a union's staff import for several members at once.
  // A cooperative's own file may leave it out or name itself.
  cooperative: "cooperative",
  sku: "sku",
  name_vi: "nameVi",
  name_en: "nameEn",
  description_vi: "descriptionVi",
  description_en: "descriptionEn",
  category: "category",
  unit: "unit",
  price_vnd: "priceVnd",
  min_order_qty: "minOrderQty",
  stock: "stock",
  status: "status",
  origin_province: "originProvinceCode",
  origin_region: "originRegion",
  harvest_months: "harvestMonths",
  shelf_life_days: "shelfLifeDays",
  certifications: "certifications",
  tags: "tags",
  // The same tags in English, shown on English pages.
  tags_en: "tagsEn",
  // Pictures by URL, separated by semicolons; pictures can also come in a ZIP, each named by its product's SKU.
  image_urls: "imageUrls",
  // The OCOP certificate: all three or none (a row without them leaves the product's certificate as it is).
  ocop_stars: "stars",
  ocop_certificate_no: "certificateNo",
  ocop_issued_on: "issuedOn",
} as const;
export type CsvColumn = keyof typeof CSV_COLUMNS;
export const FIELD_TO_COLUMN = Object.fromEntries(
  Object.entries(CSV_COLUMNS).map(([c, f]) => [f, c]),
) as Record<string, CsvColumn>;
export const REQUIRED_COLUMNS: CsvColumn[] = [
  "sku",
  "name_vi",
  "description_vi",
  "category",
  "unit",
  "price_vnd",
  "origin_province",
];
/** The columns of the product's OCOP certificate, read with its own form's schema. */
export const OCOP_COLUMNS: CsvColumn[] = ["ocop_stars", "ocop_certificate_no", "ocop_issued_on"];

/**
 * The coded columns: each accepts a code or its label (the word the pages show, Vietnamese with or without marks,
 * or English), and a value it does not know is named back with the accepted ones.
 */
export const CODED_COLUMNS = {
  unit: { codes: UNITS, labels: "catalogue:unit" },
  category: { codes: CATEGORIES, labels: "cooperatives:sector" },
  status: { codes: PRODUCT_STATUSES, labels: "catalogue:status" },
  certifications: { codes: CERTIFICATIONS, labels: "catalogue:certification" },
} as const;
export type CodedColumn = keyof typeof CODED_COLUMNS;

export const MAX_IMPORT_ROWS = 5000;
/** How long an import's row report can be downloaded (server/catalogue/import-reports.ts). */
export const IMPORT_REPORT_HOURS = 24;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** A ZIP of pictures sent with the file: each picture is then held to the upload limit (MAX_IMAGE_BYTES). */
export const MAX_IMPORT_ZIP_BYTES = 50 * 1024 * 1024;
/** Pictures one import may bring, by URL and ZIP together: each goes through the image pipeline. */
export const MAX_IMPORT_IMAGES = 500;

export interface ImportProblem {
  /** Line in the file (1 = header); 0 for problems with the whole file. */
  line: number;
  column: string | null;
  code: string;
  params?: Record<string, string | number>;
}

/** What became, or would become, of one row of the file. */
export interface ImportRowReport {
  line: number;
  sku: string;
  /** The cooperative's slug, when the row names one or the importer is its member. */
  cooperative: string | null;
  outcome: "create" | "update" | "invalid";
  /** Created or updated without a status: a new product is a draft, an existing one keeps its status. */
  statusBlank: boolean;
  problems: ImportProblem[];
}

export interface ImportReport {
  dryRun: boolean;
  /** Problems with the file as a whole (columns, size, format). */
  fileProblems: ImportProblem[];
  rows: ImportRowReport[];
}

/** Counts of a checked or imported file; `drafts` are the created products left unpublished. */
export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  drafts: number;
}

export type ImportOutcome =
  | { ok: false; dryRun: boolean; rows: number; problems: ImportProblem[]; reportId: string }
  | ({ ok: true; dryRun: boolean; reportId: string } & ImportCounts);

/**
 * A template row's SKU begins with this ("mẫu", a sample): the importer refuses such rows, so the examples are not
 * imported as products when a file is filled in below them.
 */
export const EXAMPLE_SKU_PREFIX = "MAU-";

/**
 * A template with the header and two example rows, UTF-8 with a BOM so spreadsheet programs keep the marks. Each
 * example states its status (one published, one a draft); `cooperative` is in the staff's template only.
 */
export function csvTemplate(options: { withCooperative: boolean }): string {
  const columns = Object.keys(CSV_COLUMNS).filter((c) => options.withCooperative || c !== "cooperative");
  const examples: Array<Partial<Record<CsvColumn, string>>> = [
    {
      cooperative: "htx-che-tan-cuong",
      sku: `${EXAMPLE_SKU_PREFIX}TRA-200`,
      name_vi: "Trà móc câu Tân Cương hộp 200g",
      name_en: "Tân Cương hook-shaped green tea 200 g",
      description_vi: "Chè búp non sao thủ công, nước xanh, vị chát dịu, hậu ngọt.",
      description_en: "Young buds hand-roasted; green liquor, gentle bitterness, sweet finish.",
      category: "tea",
      unit: "hộp",
      price_vnd: "180000",
      min_order_qty: "1",
      stock: "120",
      status: "active",
      origin_province: "Thái Nguyên",
      origin_region: "Tân Cương",
      harvest_months: "3;4;5;6;7;8;9;10",
      shelf_life_days: "365",
      certifications: "vietgap;geographical_indication",
      tags: "chè xanh;quà biếu",
      tags_en: "green tea;gift",
      image_urls: "https://example.com/anh/tra-moc-cau-200.jpg",
      ocop_stars: "4",
      ocop_certificate_no: "OCOP-TN-2025-0042",
      ocop_issued_on: "15/03/2025",
    },
    {
      cooperative: "htx-mien-dong-na-ri",
      sku: `${EXAMPLE_SKU_PREFIX}MIEN-500`,
      name_vi: "Miến dong Na Rì gói 500g",
      name_en: "Na Rì dong vermicelli 500 g",
      description_vi: "Miến làm từ tinh bột dong riềng, sợi dai, không chất tẩy trắng.",
      description_en: "Made from canna starch, chewy strands, no bleach.",
      category: "vermicelli_noodles",
      unit: "gói",
      price_vnd: "65000",
      min_order_qty: "10",
      stock: "800",
      status: "draft",
      origin_province: "Bắc Kạn",
      origin_region: "Na Rì",
      shelf_life_days: "540",
      tags: "miến dong;đặc sản",
      tags_en: "vermicelli;speciality",
    },
  ];
  const cell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = examples.map((e) => columns.map((c) => cell(e[c as CsvColumn] ?? "")).join(","));
  return `\uFEFF${columns.join(",")}\n${rows.join("\n")}\n`;
}
