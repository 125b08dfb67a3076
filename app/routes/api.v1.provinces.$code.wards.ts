import type { LoaderFunctionArgs } from "@remix-run/node";
import { NotFound } from "../../server/errors";
import { CACHE_CONTROL } from "../../server/http/caching";
import { isProvinceCode } from "../../server/vocabulary/geo";
import { wardsOf } from "../../server/vocabulary/wards";
import { apiResponse } from "../lib/api.server";

/**
 * GET /api/v1/provinces/:code/wards — the wards and communes of one province on the 2025 map, for address forms
 * (the list changes by law, not by the day: cached for a day, CACHE_CONTROL.wards).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  return apiResponse(
    async () => {
      const code = params.code ?? "";
      if (!isProvinceCode(code)) throw new NotFound("province_not_found");
      return { province: code, wards: wardsOf(code).map(({ code, name, type }) => ({ code, name, type })) };
    },
    { "Cache-Control": CACHE_CONTROL.wards },
  );
}
