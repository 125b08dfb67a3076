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
