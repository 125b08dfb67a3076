import type { OrganisationKind, Unit } from "../../server/vocabulary/domain";

/**
 * How a product of the demo catalogue is bought in bulk, and by whom: what the seeded agreements write down. Prices
 * are wholesale, below the catalogue's retail price; quantities are a month's delivery in the agreement's unit.
 */
export interface Deal {
  product: RegExp;
  /** The buyers this trade suits, by organisation kind ("household" also for a buyer without one). */
  buyers: OrganisationKind[];
  /** The product as the agreement names it, when it is traded in another packing than the catalogue's. */
  name?: string;
  unit?: Unit;
  /** Certifications the buyer requires, when not simply the product's. */
  certifications?: string[];
  /** "túi", "kg": for the people's comments. */
  unitWord: string;
  monthly: number;
  unitPriceVnd: number;
  quality: string;
}

export const DEALS: Deal[] = [
  {
    product: /^Chè xanh Thái Nguyên túi 200g/,
    buyers: ["distributor", "supermarket"],
    unitWord: "túi",
    monthly: 2000,
    unitPriceVnd: 64_000,
    quality:
      "Chè xanh Thái Nguyên loại 1, búp một tôm hai lá, sao khô; đóng túi 200 g hút chân không, 50 túi một thùng carton. " +
      "Độ ẩm không quá 5%, hạn dùng còn ít nhất 12 tháng khi giao; dư lượng thuốc bảo vệ thực vật trong giới hạn cho " +
      "phép; mỗi lô kèm phiếu kiểm nghiệm và tem truy xuất nguồn gốc.",
  },
  {
    product: /^Chè búp Tân Cương đặc biệt/,
    buyers: ["distributor", "supermarket"],
    unitWord: "gói",
    monthly: 500,
    unitPriceVnd: 187_000,
    quality:
      "Chè búp Tân Cương đặc biệt, hái một tôm một lá, sao thủ công; nước xanh vàng, hương cốm. Đóng gói 200 g hút chân " +
      "không, có tem chỉ dẫn địa lý Tân Cương; mỗi lô kèm phiếu kiểm nghiệm dư lượng thuốc bảo vệ thực vật.",
  },
  {
    product: /^Chè xanh Tân Cương phổ thông/,
    buyers: ["restaurant", "processor"],
    unitWord: "kg",
    monthly: 60,
    unitPriceVnd: 230_000,
    quality:
      "Chè xanh Tân Cương phổ thông sao máy, cánh chè đều, không vụn, không lẫn tạp chất; đóng túi 1 kg, 20 túi một " +
      "thùng; dùng pha nước uống cho bếp ăn tập thể. Phiếu kiểm nghiệm an toàn thực phẩm gửi kèm mỗi quý.",
  },
  {
    product: /^Bột trà xanh Thái Nguyên/,
    buyers: ["processor"],
    name: "Bột trà xanh Thái Nguyên nguyên chất (túi 1 kg)",
    unit: "kg",
    unitWord: "kg",
    monthly: 40,
    unitPriceVnd: 720_000,
    quality:
      "Bột trà xanh nghiền mịn từ búp chè Thái Nguyên, lọt sàng 0,18 mm, độ ẩm không quá 6%, màu xanh tự nhiên, không " +
      "phẩm màu; đóng túi bạc 1 kg, 5 túi một thùng; mỗi lô kèm phiếu kiểm nghiệm vi sinh vật và kim loại nặng.",
  },
  {
    product: /^Giảo cổ lam khô/,
    buyers: ["processor", "distributor"],
    name: "Giảo cổ lam khô (nguyên liệu, bao 20 kg)",
    unit: "kg",
    unitWord: "kg",
    monthly: 300,
    unitPriceVnd: 88_000,
    quality:
      "Giảo cổ lam năm lá thu hái khi cây đủ tuổi, phơi sấy trong bóng râm, cắt đoạn 3–5 cm; độ ẩm không quá 12%, tạp " +
      "chất không quá 1%, không mốc. Đóng bao PP 20 kg có lót PE; mỗi lô kèm phiếu kiểm nghiệm kim loại nặng và vi sinh vật.",
  },
  {
    product: /^Chè xanh Hoàng Nông loại 1/,
    buyers: ["exporter"],
    name: "Chè xanh Hoàng Nông loại 1 (xuất khẩu, thùng carton 20 kg)",
    unit: "kg",
    certifications: ["organic"],
    unitWord: "kg",
    monthly: 1000,
    unitPriceVnd: 260_000,
    quality:
      "Chè xanh loại 1 sao khô, đạt chứng nhận hữu cơ; độ ẩm không quá 5%, đóng thùng carton 20 kg có lót túi PE; " +
      "kiểm nghiệm dư lượng tại phòng thí nghiệm độc lập theo yêu cầu của nước nhập khẩu cho từng lô.",
  },
  {
    product: /^Chè xanh Hoàng Nông loại 1/,
    buyers: ["household"],
    unitWord: "kg",
    monthly: 20,
    unitPriceVnd: 290_000,
    quality:
      "Chè xanh Hoàng Nông loại 1 sao thủ công, búp đều, không vụn; đóng túi 1 kg hàn kín, ghi ngày sao; giao kèm phiếu xuất kho.",
  },
];
