import { useTranslation } from "react-i18next";
import type { AddressView } from "../../server/vocabulary/wards";
import { addressLine } from "../lib/address";

/** An address shown: one line, or the street on its own line above the ward and province. */
export function AddressText({ address, split = false }: { address: AddressView; split?: boolean }) {
  const { t } = useTranslation();
  const area = addressLine(address, t, { street: false });
  if (!split) return <>{addressLine(address, t)}</>;
  return (
    <>
      {address.street}
      {address.street && area && <br />}
      {area}
    </>
  );
}

/** A product's origin: the region buyers know it by, then the province it lies in today. */
export function originText(
  t: (key: string, options?: Record<string, string>) => string,
  origin: { originRegion: string | null; province: { name: string } },
): string {
  const region = origin.originRegion?.trim();
  return region && region !== origin.province.name
    ? t("geo:originWithRegion", { region, province: origin.province.name })
    : origin.province.name;
}
