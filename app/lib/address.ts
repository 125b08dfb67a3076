import type { TFunction } from "i18next";
import type { AddressView } from "../../server/vocabulary/wards";

/**
 * One line, from the street out, as Vietnamese addresses are written: "Xóm Hồng Thái, Xã Tân Cương, Tỉnh Thái
 * Nguyên". An address not yet moved to the 2025 map ends with its former units instead of a ward.
 */
export function addressLine(a: AddressView, t: TFunction, { street = true } = {}): string {
  return [
    street ? a.street : null,
    a.ward ? t(`geo:wardKind.${a.ward.type}`, { name: a.ward.name }) : a.formerUnits,
    a.province && !(a.formerUnits && !a.ward)
      ? t(`geo:provinceKind.${a.province.type}`, { name: a.province.name })
      : null,
  ]
    .filter(Boolean)
    .join(", ");
}
