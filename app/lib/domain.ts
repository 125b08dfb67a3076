/**
 * Domain vocabularies shared by the server (models, schemas) and the UI. Pure data, safe in the browser bundle.
 */
export const SECTORS = [
  "tea",
  "vermicelli_noodles",
  "medicinal_herbs",
  "mushrooms",
  "rice_grains",
  "fruit_vegetables",
  "honey_bee",
  "spices",
  "meat_processed",
  "handicrafts",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

export const COOPERATIVE_KINDS = ["cooperative", "cooperative_group", "cooperative_union"] as const;
export type CooperativeKind = (typeof COOPERATIVE_KINDS)[number];

export const COOPERATIVE_STATUSES = ["pending", "approved", "rejected"] as const;
export type CooperativeStatus = (typeof COOPERATIVE_STATUSES)[number];

export const ROLES = ["buyer", "cooperative", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = [
  "distributor",
  "supermarket",
  "exporter",
  "restaurant",
  "processor",
  "household",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Product categories: the same taxonomy as cooperative sectors. */
export const CATEGORIES = SECTORS;
export type Category = Sector;

export const PRODUCT_STATUSES = ["draft", "active", "archived"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const UNITS = [
  "kg",
  "g",
  "hop",
  "goi",
  "chai",
  "tui",
  "lo",
  "bo",
  "hu",
  "cai",
  "qua",
  "thung",
] as const;
export type Unit = (typeof UNITS)[number];

export const CERTIFICATIONS = [
  "vietgap",
  "globalgap",
  "organic",
  "haccp",
  "iso22000",
  "geographical_indication",
] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

/** OCOP certificates are valid for 36 months. */
export const OCOP_VALIDITY_MONTHS = 36;
export const MAX_PRODUCT_IMAGES = 8;
