import { json } from "@remix-run/node";

/**
 * The load benchmark's JSON ceiling (tests/bench/load.ts): a resource route behind the same Express middleware as
 * the public API, answering constant data shaped like a page of /api/v1/products. Benchmark build only.
 */
const BODY = {
  data: Array.from({ length: 24 }, (_, i) => ({
    slug: `san-pham-${i + 1}`,
    name: `Sản phẩm mẫu số ${i + 1} — Trà Tân Cương đặc biệt`,
    cooperative: { slug: "htx-che-tan-cuong", name: "Hợp tác xã chè Tân Cương" },
    priceVnd: 120_000 + i * 1_000,
    unit: "kg",
  })),
  meta: { total: 24, page: 1, perPage: 24 },
};

export function loader() {
  return json(BODY, { headers: { "Cache-Control": "public, max-age=60" } });
}
