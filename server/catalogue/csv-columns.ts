/**
 * The product CSV format: columns, limits and the template. Plain data shared by the importer
 * (server/catalogue/csv-import.ts) and the import page, which documents it.
 */
/** CSV column → form field. The order here is the template's order. */
export const CSV_COLUMNS = {
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

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ImportProblem {
  /** Line in the file (1 = header); 0 for problems with the whole file. */
  line: number;
  column: string | null;
  code: string;
  params?: Record<string, string | number>;
}

export type ImportOutcome =
  | { ok: false; rows: number; problems: ImportProblem[] }
  | { ok: true; rows: number; created: number; updated: number; dryRun: boolean };

/** A template with the header and two example rows, UTF-8 with a BOM so spreadsheet programs keep the marks. */
export function csvTemplate(): string {
  const header = Object.keys(CSV_COLUMNS).join(",");
  const rows = [
    'TC-MOCCAU-200,Trà móc câu Tân Cương hộp 200g,Tân Cương hook-shaped green tea 200 g,"Chè búp non sao thủ công, nước xanh, vị chát dịu, hậu ngọt.","Young buds hand-roasted; green liquor, gentle bitterness, sweet finish.",tea,hop,180000,1,120,active,Thái Nguyên,Tân Cương,3;4;5;6;7;8;9;10,365,vietgap;geographical_indication,chè xanh;quà biếu,4,OCOP-TN-2025-0042,15/03/2025',
    'MD-NARI-500,Miến dong Na Rì gói 500g,Na Rì dong vermicelli 500 g,"Miến làm từ tinh bột dong riềng, sợi dai, không chất tẩy trắng.","Made from canna starch, chewy strands, no bleach.",vermicelli_noodles,goi,65000,10,800,draft,Bắc Kạn,Na Rì,,540,,miến dong;đặc sản,,,',
  ];
  return `\uFEFF${header}\n${rows.join("\n")}\n`;
}
