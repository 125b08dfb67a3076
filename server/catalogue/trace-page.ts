import { NotFound } from "../errors";
import type { Locale } from "../vocabulary/locale";
import { addressView } from "../vocabulary/wards";
import { batchView, readBatchEvents } from "./batch-events";
import { toDetail, type WithImages } from "./views";
import type { CatalogueKit } from "./kit";

/** The public page behind a batch's QR code: the batch, its product, its story and who made it. */
export function tracePage(kit: CatalogueKit) {
  const { models, withImages } = kit;
  return {
    async getTracePage({ publicCode, locale }: { publicCode: string; locale: Locale }) {
      const batch = await models.ProductBatch.findOne({ where: { publicCode } });
      if (!batch) throw new NotFound("batch_not_found");
      const p = (await models.Product.findByPk(batch.productId, {
        include: withImages(),
      })) as WithImages | null;
      if (!p || p.cooperative?.status !== "approved") throw new NotFound("batch_not_found");
      const c = p.cooperative;
      const storyEn = locale === "en" && !!c.descriptionEn;
      return {
        batch: batchView(batch),
        product: toDetail(p, locale),
        cooperative: {
          slug: c.slug,
          name: c.name,
          location: addressView(c),
          phone: c.phone,
          logoUrl: c.logoUrl,
          foundedYear: c.foundedYear,
          memberCount: c.memberCount,
          story: storyEn ? c.descriptionEn! : c.descriptionVi,
          storyLang: storyEn ? ("en" as const) : ("vi" as const),
        },
        events: await readBatchEvents(models, batch.id),
        productPublic: p.status === "active",
      };
    },
  };
}
