import type { Container } from "../server/context";
import { shiftDay, vietnamDay } from "../server/vocabulary/dates";
import { savePriceTiers } from "../server/catalogue/price-tiers";

/** A price `percent` below `priceVnd`, rounded down to a thousand đồng, as cooperatives quote. */
const less = (priceVnd: number, percent: number) =>
  Math.floor((priceVnd * (100 - percent)) / 100 / 1000) * 1000;

/**
 * Volume prices on every third product on sale (5% off from 20 units, 10% from 50), and the business buyer's
 * quotes with the demo cooperative: one waiting for its answer, one answered. They go in after the demo orders,
 * whose prices were the list prices of their day; the quotes through the real use cases.
 */
export async function seedDemoTradeTerms(
  container: Pick<Container, "db" | "services">,
  demoCooperativeId: number,
  accounts: { business: { email: string }; cooperative: { email: string } },
) {
  const { db, services } = container;
  const { models } = db;
  const onSale = await models.Product.findAll({
    where: { status: "active" },
    attributes: ["id", "priceVnd", "cooperativeId", "minOrderQty"],
    order: [["id", "ASC"]],
  });
  const tiered = onSale.filter((p, i) => i % 3 === 0 && less(p.priceVnd, 10) > 0 && p.minOrderQty < 20);
  await db.sequelize.transaction(async (transaction) => {
    for (const p of tiered)
      await savePriceTiers(models, transaction, p.id, [
        { minQty: 20, priceVnd: less(p.priceVnd, 5) },
        { minQty: 50, priceVnd: less(p.priceVnd, 10) },
      ]);
  });

  const buyer = (await services.accounts.getCurrentUser({ email: accounts.business.email }))!;
  const member = (await services.accounts.getCurrentUser({ email: accounts.cooperative.email }))!;
  const [asked, answered] = onSale.filter((p) => p.cooperativeId === demoCooperativeId);
  let quotes = 0;
  if (asked) {
    await services.quotes.requestQuote(buyer, {
      productId: asked.id,
      form: {
        quantity: String(Math.max(200, asked.minOrderQty)),
        provinceCode: "01",
        wantedBy: shiftDay(vietnamDay(), { days: 21 }),
        message: "Chuỗi cửa hàng cần hàng đều hằng tháng, xin báo giá kèm phí vận chuyển về Hà Nội.",
      },
    });
    quotes++;
  }
  if (answered) {
    const { id } = await services.quotes.requestQuote(buyer, {
      productId: answered.id,
      form: {
        quantity: String(Math.max(120, answered.minOrderQty)),
        provinceCode: "01",
        message: "Đặt hàng cho đợt khuyến mại Tết, giao một lần tại kho Long Biên.",
      },
    });
    await services.quotes.answerQuote(member, {
      quoteId: id,
      form: {
        unitPriceVnd: String(less(answered.priceVnd, 12)),
        validUntil: shiftDay(vietnamDay(), { days: 14 }),
        note: "Giá đã gồm đóng thùng; giao trong 5 ngày sau khi xác nhận.",
      },
    });
    quotes++;
  }
  return { tieredProducts: tiered.length, quotes };
}
