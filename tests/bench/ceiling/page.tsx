/**
 * The load benchmark's HTML ceiling (tests/bench/load.ts): the site's layout — root loader, header, footer, the
 * same stylesheets and scripts — around constant content, 24 list items shaped like catalogue cards, no loader.
 * Built into the benchmark's own build only (remix.config.js, HTX_BENCH_BUILD_DIR); never in the app's.
 */
const ITEMS = Array.from({ length: 24 }, (_, i) => ({
  slug: `san-pham-${i + 1}`,
  name: `Sản phẩm mẫu số ${i + 1} — Trà Tân Cương đặc biệt`,
  cooperative: "Hợp tác xã chè Tân Cương",
  price: "120.000 ₫",
}));

export default function Ceiling() {
  return (
    <section className="container">
      <h1>Ceiling</h1>
      <ul className="product-grid">
        {ITEMS.map((item) => (
          <li key={item.slug} className="product-card">
            <a href={`/products/${item.slug}`}>
              <h2>{item.name}</h2>
            </a>
            <p>{item.cooperative}</p>
            <p>{item.price}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
