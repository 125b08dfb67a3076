import type { CurrentUser } from "../server/accounts/current-user";
import type { Container } from "../server/context";
import {
  CERTIFICATIONS,
  type Category,
  type Certification,
  type Frequency,
  type OrganisationKind,
  type Unit,
} from "../server/vocabulary/domain";
import { cooperativeMembers } from "./members";

type SeedContainer = Pick<Container, "db" | "services">;

const DAY = 86_400_000;
const VN_OFFSET = 7 * 3_600_000;

/** What the buyer does with a demand after posting it; most stay open. */
type Then = "pause" | "fulfil" | "close";

/** One demand as its buyer types it: [category, title, description, quantity, unit, frequency, price range, province]. */
interface SeedDemand {
  category: Category;
  title: string;
  description: string;
  quantity: number;
  unit: Unit;
  frequency: Frequency;
  /** VND per unit, either end may be open. */
  price?: [number | null, number | null];
  /** Where it is to be delivered (2025 map). */
  province: string;
  /** Delivery window: days from today, or calendar months of the coming season. */
  window?: { days: [number, number] } | { months: [number, number] };
  certifications?: Certification[];
  minOcopStars?: 3 | 4 | 5;
  notes?: string;
  then?: Then;
}

interface SeedBuyer {
  /** Local part; the domain is htxconnect.example (seeds/index.ts). */
  login: string;
  fullName: string;
  /** 0300 000 8xx: people of the matching demo (seeds/index.ts explains the 0300 block). */
  phone: string;
  locale: "vi" | "en";
  organisation?: {
    name: string;
    kind: OrganisationKind;
    /** Ten digits for a company; twelve (the owner's citizen id) for a household business. */
    taxCode: string;
    provinceCode: string;
    address: string;
  };
  demands: SeedDemand[];
}

/**
 * Buyers of the matching demo and what they want to buy. Companies, tax codes and quantities are invented for
 * demonstration and describe no real business; the products and places are the ones buyers really ask for.
 */
const BUYERS: SeedBuyer[] = [
  {
    login: "thumua.sieuthixanh",
    fullName: "Nguyễn Minh Tuấn",
    phone: "0300000801",
    locale: "vi",
    organisation: {
      name: "Công ty CP Chuỗi Siêu thị Xanh Việt",
      kind: "supermarket",
      taxCode: "0108123456",
      provinceCode: "01",
      address: "Số 88 phố Láng Hạ, Hà Nội",
    },
    demands: [
      {
        category: "vermicelli_noodles",
        title: "Thu mua miến dong Bắc Kạn cho chuỗi siêu thị",
        description:
          "Chuỗi 35 siêu thị tại Hà Nội cần nguồn miến dong Bắc Kạn (nay thuộc Thái Nguyên) sợi dai, không pha bột khác, đóng gói 500 g có tem truy xuất. Ưu tiên HTX có sản phẩm OCOP, giao hằng tháng về kho Long Biên.",
        quantity: 800,
        unit: "kg",
        frequency: "monthly",
        price: [75_000, 95_000],
        province: "01",
        certifications: ["vietgap"],
        minOcopStars: 3,
      },
      {
        category: "tea",
        title: "Cần mua chè búp Tân Cương gói 200 g cho 35 cửa hàng",
        description:
          "Chè búp Tân Cương loại 1, gói 200 g hút chân không, hạn dùng tối thiểu 12 tháng. Cần hóa đơn VAT và phiếu kiểm nghiệm dư lượng thuốc bảo vệ thực vật cho từng lô.",
        quantity: 1500,
        unit: "goi",
        frequency: "monthly",
        price: [150_000, 190_000],
        province: "01",
        certifications: ["vietgap"],
        minOcopStars: 3,
      },
      {
        category: "honey_bee",
        title: "Thu mua mật ong bạc hà Hà Giang chai 500 ml",
        description:
          "Mật ong hoa bạc hà cao nguyên đá (Hà Giang cũ, nay Tuyên Quang), độ ẩm dưới 20%, đóng chai thủy tinh 500 ml có nhãn đầy đủ. Giao hằng tháng, thanh toán 30 ngày.",
        quantity: 600,
        unit: "chai",
        frequency: "monthly",
        price: [280_000, 350_000],
        province: "01",
      },
      {
        category: "mushrooms",
        title: "Nhập nấm hương khô túi 200 g cho quầy đặc sản",
        description:
          "Nấm hương rừng hoặc nấm hương trồng trên gỗ, khô đều, mũ dày, không vụn. Đóng túi zip 200 g. Tạm dừng nhận chào hàng đến khi quầy đặc sản mở lại sau kiểm kê.",
        quantity: 400,
        unit: "tui",
        frequency: "monthly",
        price: [90_000, 130_000],
        province: "01",
        then: "pause",
      },
      {
        category: "rice_grains",
        title: "Gạo Bao thai Định Hóa túi 5 kg cho quầy gạo đặc sản",
        description:
          "Cần gạo Bao thai Định Hóa vụ mới, hạt nhỏ, cơm dẻo thơm, đóng túi 5 kg. Nhận mẫu thử trước khi ký hợp đồng cung ứng 6 tháng.",
        quantity: 300,
        unit: "tui",
        frequency: "monthly",
        price: [110_000, 140_000],
        province: "01",
      },
    ],
  },
  {
    login: "bep.moc",
    fullName: "Đinh Quốc Bảo",
    phone: "0300000802",
    locale: "vi",
    organisation: {
      name: "Công ty TNHH Ẩm thực Bếp Mộc",
      kind: "restaurant",
      taxCode: "0316789012",
      provinceCode: "79",
      address: "Số 21 đường Nguyễn Văn Trỗi, Thành phố Hồ Chí Minh",
    },
    demands: [
      {
        category: "mushrooms",
        title: "Cần nấm sò tươi giao 3 lần mỗi tuần cho bếp nhà hàng",
        description:
          "Ba nhà hàng tại TP. Hồ Chí Minh cần nấm sò tươi, hái trong ngày, đóng thùng xốp có đá. Khoảng 60 kg mỗi tuần, giao sáng sớm thứ Hai, Tư, Sáu.",
        quantity: 240,
        unit: "kg",
        frequency: "monthly",
        price: [45_000, 60_000],
        province: "79",
      },
      {
        category: "meat_processed",
        title: "Thu mua gà đồi thả vườn làm sạch, cấp đông",
        description:
          "Gà đồi nuôi thả trên 5 tháng, trọng lượng 1,6–2 kg mỗi con, làm sạch, cấp đông nhanh. Cần giấy kiểm dịch và truy xuất nguồn gốc đàn.",
        quantity: 300,
        unit: "kg",
        frequency: "monthly",
        price: [140_000, 170_000],
        province: "79",
      },
      {
        category: "vermicelli_noodles",
        title: "Mua bánh phở khô và miến dong cho món nước",
        description:
          "Bếp cần bánh phở khô sợi nhỏ và miến dong sợi dai, không chất tẩy trắng, đóng bao 5 kg. Giao hằng tháng về kho quận Phú Nhuận cũ.",
        quantity: 200,
        unit: "kg",
        frequency: "monthly",
        price: [55_000, 85_000],
        province: "79",
      },
      {
        category: "fruit_vegetables",
        title: "Đặt rau an toàn VietGAP giao hằng tuần",
        description:
          "Cải ngọt, xà lách, rau thơm các loại đạt VietGAP, sơ chế sạch, giao hai lần mỗi tuần. Cần bảng giá theo mùa và lịch thu hoạch.",
        quantity: 800,
        unit: "kg",
        frequency: "monthly",
        price: [25_000, 40_000],
        province: "79",
        certifications: ["vietgap"],
      },
    ],
  },
  {
    login: "xuatkhau.dongbac",
    fullName: "Hoàng Thị Mai Anh",
    phone: "0300000803",
    locale: "en",
    organisation: {
      name: "Công ty CP Xuất nhập khẩu Gia vị Đông Bắc",
      kind: "exporter",
      taxCode: "0201567890",
      provinceCode: "31",
      address: "Lô C5 Khu công nghiệp Đình Vũ, Hải Phòng",
    },
    demands: [
      {
        category: "spices",
        title: "Thu mua quế vỏ Yên Bái đạt hữu cơ EU cho đơn xuất khẩu",
        description:
          "Quế vỏ cuộn và quế chẻ, độ tinh dầu trên 3%, độ ẩm dưới 13,5%, đạt chứng nhận hữu cơ EU. Đơn hàng đi Hà Lan và Đức, giao tại kho Hải Phòng theo vụ bóc quế.",
        quantity: 20_000,
        unit: "kg",
        frequency: "seasonal",
        price: [60_000, 85_000],
        province: "31",
        window: { months: [3, 5] },
        certifications: ["eu_organic"],
      },
      {
        category: "spices",
        title: "Cần mua hoa hồi khô Lạng Sơn loại 1 xuất khẩu châu Âu",
        description:
          "Hồi khô cánh đều, màu nâu đỏ, tỷ lệ cánh gãy dưới 5%, đạt hữu cơ EU. Thu mua hồi vụ thu, đóng bao PP 25 kg, có chứng thư kiểm dịch thực vật.",
        quantity: 15_000,
        unit: "kg",
        frequency: "seasonal",
        price: [110_000, 150_000],
        province: "31",
        window: { months: [8, 10] },
        certifications: ["eu_organic", "organic"],
      },
      {
        category: "tea",
        title: "Thu mua chè Shan tuyết cổ thụ cho đơn hàng Trung Đông",
        description:
          "Chè Shan tuyết cổ thụ sao khô, hái từ cây trên 50 năm tuổi, đạt hữu cơ. Một lô duy nhất, đóng thùng carton 20 kg, kiểm nghiệm tại bên thứ ba.",
        quantity: 5000,
        unit: "kg",
        frequency: "once",
        price: [300_000, 450_000],
        province: "31",
        window: { days: [20, 60] },
        certifications: ["organic"],
        then: "fulfil",
      },
      {
        category: "honey_bee",
        title: "Thu mua mật ong nguyên chất đạt HACCP để xuất khẩu",
        description:
          "Mật ong hoa cà phê, hoa nhãn hoặc bạc hà, nguyên chất, HMF dưới 40 mg/kg, cơ sở đạt HACCP. Đóng phuy 300 kg, giao theo vụ khai thác.",
        quantity: 10_000,
        unit: "kg",
        frequency: "seasonal",
        price: [80_000, 120_000],
        province: "31",
        certifications: ["haccp"],
      },
    ],
  },
  {
    login: "phanphoi.songhong",
    fullName: "Vũ Đức Thắng",
    phone: "0300000804",
    locale: "vi",
    organisation: {
      name: "Công ty TNHH Phân phối Nông sản Sông Hồng",
      kind: "distributor",
      taxCode: "0105678901",
      provinceCode: "01",
      address: "Số 5 ngõ 120 đường Trường Chinh, Hà Nội",
    },
    demands: [
      {
        category: "medicinal_herbs",
        title: "Thu mua đinh lăng khô thái lát làm trà túi lọc",
        description:
          "Rễ và thân đinh lăng trên 3 năm tuổi, thái lát mỏng, sấy khô, không mốc. Dùng sản xuất trà túi lọc, cần phiếu kiểm nghiệm kim loại nặng.",
        quantity: 1000,
        unit: "kg",
        frequency: "monthly",
        price: [70_000, 110_000],
        province: "01",
        certifications: ["vietgap"],
      },
      {
        category: "medicinal_herbs",
        title: "Cần nguồn ba kích tím Quảng Ninh để ngâm rượu",
        description:
          "Ba kích tím củ to, đã rút lõi hoặc để nguyên, phơi khô. Cung cấp cho hệ thống đại lý đặc sản tại Hà Nội, ưu tiên sản phẩm OCOP.",
        quantity: 300,
        unit: "kg",
        frequency: "monthly",
        price: [250_000, 380_000],
        province: "01",
        minOcopStars: 3,
      },
      {
        category: "fruit_vegetables",
        title: "Đặt trước vải thiều Lục Ngạn chính vụ cho đại lý",
        description:
          "Vải thiều Lục Ngạn (nay thuộc Bắc Ninh) chín đều, quả to, đạt VietGAP hoặc GlobalGAP. Giao hằng ngày trong chính vụ, đóng thùng xốp 10 kg có đá lạnh.",
        quantity: 20_000,
        unit: "kg",
        frequency: "seasonal",
        price: [25_000, 40_000],
        province: "01",
        window: { months: [6, 7] },
        certifications: ["vietgap"],
      },
      {
        category: "other",
        title: "Thu mua đường thốt nốt An Giang dạng bánh",
        description:
          "Đường thốt nốt nguyên chất nấu từ nước thốt nốt, dạng bánh tròn, đóng túi 500 g. Giao hằng tháng về kho Hà Nội, thanh toán chuyển khoản.",
        quantity: 500,
        unit: "kg",
        frequency: "monthly",
        price: [70_000, 95_000],
        province: "01",
      },
    ],
  },
  {
    login: "dacsan.mientrung",
    fullName: "Phan Thị Ngọc Hân",
    phone: "0300000805",
    locale: "vi",
    organisation: {
      name: "Công ty TNHH Thương mại Đặc sản Miền Trung",
      kind: "distributor",
      taxCode: "0401234567",
      provinceCode: "48",
      address: "Số 45 đường Bạch Đằng, Đà Nẵng",
    },
    demands: [
      {
        category: "tea",
        title: "Cần mua trà móc câu hộp quà cho mùa Tết",
        description:
          "Trà móc câu Thái Nguyên hộp quà 200–500 g, mẫu mã đẹp, có tem OCOP. Nhận hàng trước Tết để phân phối cho khách doanh nghiệp tại Đà Nẵng.",
        quantity: 800,
        unit: "hop",
        frequency: "once",
        price: [250_000, 400_000],
        province: "48",
        window: { days: [10, 45] },
        minOcopStars: 3,
      },
      {
        category: "other",
        title: "Thu mua cà phê Robusta rang mộc",
        description:
          "Cà phê Robusta Tây Nguyên hái chín, rang mộc không tẩm, xay hoặc nguyên hạt, đóng túi 500 g có van một chiều. Giao hằng tháng.",
        quantity: 500,
        unit: "kg",
        frequency: "monthly",
        price: [220_000, 290_000],
        province: "48",
      },
      {
        category: "rice_grains",
        title: "Gạo hữu cơ túi 2 kg cho kênh phân phối miền Trung",
        description:
          "Gạo hữu cơ có chứng nhận, túi 2 kg hút chân không, in mã truy xuất. Phân phối cho các cửa hàng thực phẩm sạch tại Đà Nẵng và Quảng Ngãi.",
        quantity: 400,
        unit: "tui",
        frequency: "monthly",
        price: [70_000, 90_000],
        province: "48",
        certifications: ["organic"],
      },
      {
        category: "handicrafts",
        title: "Đặt hàng giỏ mây tre đan làm quà tặng doanh nghiệp",
        description:
          "Giỏ mây tre đan có nắp, kích thước 30 × 20 cm, để đựng quà Tết. Đã chốt được nhà cung cấp, đóng nhu cầu này.",
        quantity: 1000,
        unit: "cai",
        frequency: "once",
        price: [60_000, 90_000],
        province: "48",
        then: "close",
      },
    ],
  },
  {
    login: "chebien.anphat",
    fullName: "Trịnh Văn Khánh",
    phone: "0300000806",
    locale: "vi",
    organisation: {
      name: "Công ty CP Chế biến Thực phẩm An Phát",
      kind: "processor",
      taxCode: "0901122334",
      provinceCode: "33",
      address: "Khu công nghiệp Phố Nối A, Hưng Yên",
    },
    demands: [
      {
        category: "vermicelli_noodles",
        title: "Thu mua tinh bột dong riềng để sản xuất miến",
        description:
          "Tinh bột dong riềng lọc kỹ, trắng, độ ẩm dưới 14%, đóng bao 25 kg. Nhà máy cần nguồn ổn định quanh năm, ký hợp đồng bao tiêu cả vụ.",
        quantity: 5000,
        unit: "kg",
        frequency: "monthly",
        price: [18_000, 24_000],
        province: "33",
      },
      {
        category: "fruit_vegetables",
        title: "Mua hồng không hạt để sấy dẻo",
        description:
          "Hồng không hạt Lạng Sơn chín vừa, không dập, để sấy dẻo. Nhận hàng trong vụ thu hoạch tại xưởng Hưng Yên, hỗ trợ vận chuyển từ 2 tấn.",
        quantity: 3000,
        unit: "kg",
        frequency: "seasonal",
        price: [15_000, 22_000],
        province: "33",
        window: { months: [9, 10] },
      },
      {
        category: "spices",
        title: "Cần quế và hồi xay bột cho dây chuyền gia vị",
        description:
          "Quế và hồi đã xay mịn hoặc nguyên liệu khô để xưởng tự xay, sạch tạp chất. Dùng cho dây chuyền gia vị phở đóng gói.",
        quantity: 800,
        unit: "kg",
        frequency: "monthly",
        price: [70_000, 120_000],
        province: "33",
      },
    ],
  },
  {
    login: "taphoa.coba",
    fullName: "Trần Thị Ba",
    phone: "0300000807",
    locale: "vi",
    organisation: {
      name: "Hộ kinh doanh Tạp hóa Cô Ba",
      kind: "household",
      taxCode: "098185001234",
      provinceCode: "79",
      address: "Số 12 chợ Bà Chiểu, Thành phố Hồ Chí Minh",
    },
    demands: [
      {
        category: "tea",
        title: "Cần lấy chè Thái Nguyên về bán lẻ, 20 kg mỗi tháng",
        description:
          "Tiệm tạp hóa cần chè búp Thái Nguyên loại vừa, đóng gói 100 g hoặc 500 g, giá sỉ. Gửi xe khách vào Sài Gòn là được.",
        quantity: 20,
        unit: "kg",
        frequency: "monthly",
        price: [180_000, 260_000],
        province: "79",
      },
      {
        category: "honey_bee",
        title: "Mua mật ong rừng chai nhỏ bán tại tiệm",
        description:
          "Mật ong nguyên chất chai 250–500 ml, có nhãn và hạn dùng rõ ràng. Lấy mỗi tháng vài thùng, thanh toán khi nhận hàng.",
        quantity: 50,
        unit: "chai",
        frequency: "monthly",
        price: [150_000, 250_000],
        province: "79",
      },
      {
        category: "vermicelli_noodles",
        title: "Lấy miến dong và bún khô bán Tết",
        description:
          "Cần miến dong, bún khô loại ngon cho dịp Tết, gói 500 g. Giao trước Tết hai tuần để kịp bày hàng.",
        quantity: 100,
        unit: "kg",
        frequency: "once",
        price: [60_000, 90_000],
        province: "79",
        window: { days: [15, 50] },
      },
    ],
  },
  {
    login: "thucphamsach.bepnha",
    fullName: "Lương Thị Thanh Tâm",
    phone: "0300000808",
    locale: "vi",
    organisation: {
      name: "Công ty TNHH Thực phẩm Sạch Bếp Nhà",
      kind: "supermarket",
      taxCode: "0201345675",
      provinceCode: "31",
      address: "Số 9 đường Lạch Tray, Hải Phòng",
    },
    demands: [
      {
        category: "rice_grains",
        title: "Gạo nếp cái hoa vàng và gạo tám cho cửa hàng thực phẩm sạch",
        description:
          "Bốn cửa hàng thực phẩm sạch tại Hải Phòng cần gạo nếp cái hoa vàng và gạo tám thơm vụ mới, túi 2 kg và 5 kg, có truy xuất nguồn gốc.",
        quantity: 400,
        unit: "kg",
        frequency: "monthly",
        price: [30_000, 45_000],
        province: "31",
      },
      {
        category: "fruit_vegetables",
        title: "Thu mua bưởi và quýt theo mùa cho cửa hàng",
        description:
          "Bưởi đỏ, bưởi Diễn, quýt vàng đạt VietGAP, quả đều, vỏ đẹp. Lấy đều hằng tuần trong mùa thu hoạch cuối năm.",
        quantity: 1500,
        unit: "kg",
        frequency: "seasonal",
        price: [30_000, 55_000],
        province: "31",
        window: { months: [10, 1] },
        certifications: ["vietgap"],
      },
      {
        category: "mushrooms",
        title: "Nấm linh chi và nấm hương khô cho quầy quà biếu",
        description:
          "Nấm linh chi đỏ nguyên tai và nấm hương khô, đóng hộp quà. Cần hàng có tem OCOP, giao theo tháng.",
        quantity: 150,
        unit: "kg",
        frequency: "monthly",
        price: [200_000, 600_000],
        province: "31",
        minOcopStars: 3,
      },
      {
        category: "honey_bee",
        title: "Mật ong đạt VietGAP hũ 500 g",
        description:
          "Mật ong hoa rừng hoặc hoa nhãn đạt VietGAP, hũ thủy tinh 500 g. Tạm dừng vì kho còn hàng, sẽ mở lại vào tháng sau.",
        quantity: 200,
        unit: "hu",
        frequency: "monthly",
        price: [140_000, 200_000],
        province: "31",
        certifications: ["vietgap"],
        then: "pause",
      },
    ],
  },
  {
    login: "thuhuong.tn",
    fullName: "Lê Thị Thu Hương",
    phone: "0300000809",
    locale: "vi",
    demands: [
      {
        category: "rice_grains",
        title: "Cần mua 50 kg gạo nếp cái hoa vàng làm bánh chưng Tết",
        description:
          "Gia đình cần 50 kg nếp cái hoa vàng hạt tròn, dẻo thơm để gói bánh chưng Tết. Giao tận nhà tại phường Phan Đình Phùng, Thái Nguyên.",
        quantity: 50,
        unit: "kg",
        frequency: "once",
        price: [35_000, 45_000],
        province: "19",
        window: { days: [20, 50] },
      },
      {
        category: "meat_processed",
        title: "Đặt 30 kg gà đồi thả vườn làm cỗ cưới",
        description:
          "Cần khoảng 15 con gà đồi thả vườn, mỗi con trên 1,8 kg, làm sạch sẵn, giao sáng sớm ngày cưới tại Thái Nguyên.",
        quantity: 30,
        unit: "kg",
        frequency: "once",
        price: [130_000, 160_000],
        province: "19",
        window: { days: [25, 26] },
      },
      {
        category: "fruit_vegetables",
        title: "Mua 20 kg vải thiều Lục Ngạn gửi biếu",
        description:
          "Vải thiều Lục Ngạn loại đẹp, đóng hộp 2 kg để gửi biếu họ hàng. Đặt trước cho đầu vụ năm tới.",
        quantity: 20,
        unit: "kg",
        frequency: "once",
        price: [40_000, 60_000],
        province: "19",
        window: { months: [6, 6] },
      },
    ],
  },
  {
    login: "vanduc.hn",
    fullName: "Phạm Văn Đức",
    phone: "0300000810",
    locale: "vi",
    demands: [
      {
        category: "tea",
        title: "Tìm chè Shan tuyết cổ thụ chính gốc để uống hằng ngày",
        description:
          "Tìm HTX bán chè Shan tuyết cổ thụ Hà Giang hoặc Yên Bái chính gốc, búp to có lông tơ trắng. Mỗi tháng lấy khoảng 5 kg cho gia đình và bạn bè.",
        quantity: 5,
        unit: "kg",
        frequency: "monthly",
        price: [400_000, 800_000],
        province: "01",
      },
      {
        category: "medicinal_herbs",
        title: "Cần mua 5 kg ba kích khô để ngâm rượu",
        description:
          "Ba kích tím Quảng Ninh đã phơi khô, củ to đều, không mối mọt. Mua một lần để ngâm rượu biếu Tết.",
        quantity: 5,
        unit: "kg",
        frequency: "once",
        price: [300_000, 450_000],
        province: "01",
      },
      {
        category: "honey_bee",
        title: "Mua mật ong bạc hà nguyên chất",
        description:
          "Cần 10 chai mật ong bạc hà nguyên chất để dùng và biếu. Tạm dừng vì đã có người quen gửi, có thể mở lại sau.",
        quantity: 10,
        unit: "chai",
        frequency: "once",
        province: "01",
        then: "pause",
      },
    ],
  },
  {
    login: "suatan.phuthai",
    fullName: "Ngô Thị Hồng Nhung",
    phone: "0300000811",
    locale: "vi",
    organisation: {
      name: "Công ty TNHH Suất ăn Công nghiệp Phú Thái",
      kind: "restaurant",
      taxCode: "2301234567",
      provinceCode: "24",
      address: "Khu công nghiệp Quế Võ, Bắc Ninh",
    },
    demands: [
      {
        category: "rice_grains",
        title: "Thu mua gạo tẻ cho bếp ăn 2.000 suất mỗi ngày",
        description:
          "Bếp ăn công nghiệp cần gạo tẻ thường, cơm mềm, không mốc, bao 50 kg. Giao hai lần mỗi tháng tại Quế Võ, Bắc Ninh, có hợp đồng năm.",
        quantity: 12_000,
        unit: "kg",
        frequency: "monthly",
        price: [15_000, 18_000],
        province: "24",
      },
      {
        category: "fruit_vegetables",
        title: "Rau củ an toàn VietGAP giao hằng ngày cho bếp ăn công nghiệp",
        description:
          "Rau cải, bí, su su, cà rốt đạt VietGAP, giao trước 6 giờ sáng hằng ngày. Yêu cầu giấy chứng nhận còn hiệu lực và lấy mẫu kiểm tra định kỳ.",
        quantity: 3000,
        unit: "kg",
        frequency: "monthly",
        price: [12_000, 20_000],
        province: "24",
        certifications: ["vietgap"],
      },
      {
        category: "vermicelli_noodles",
        title: "Bún khô và phở khô cho bữa sáng công nhân",
        description:
          "Bánh phở khô và bún khô đóng bao 10 kg, sợi dai không nát khi nấu số lượng lớn. Giao hằng tháng.",
        quantity: 600,
        unit: "kg",
        frequency: "monthly",
        price: [28_000, 40_000],
        province: "24",
      },
    ],
  },
  {
    login: "xuatkhau.mekongxanh",
    fullName: "Huỳnh Thanh Phong",
    phone: "0300000812",
    locale: "en",
    organisation: {
      name: "Công ty TNHH Xuất khẩu Nông sản Mekong Xanh",
      kind: "exporter",
      taxCode: "0312345679",
      provinceCode: "79",
      address: "Số 102 đường Nguyễn Tất Thành, Thành phố Hồ Chí Minh",
    },
    demands: [
      {
        category: "rice_grains",
        title: "Thu mua gạo thơm hữu cơ cho đơn xuất khẩu EU",
        description:
          "Gạo thơm hữu cơ đạt chứng nhận hữu cơ EU, hạt dài, tấm dưới 5%. Thu mua theo vụ Đông Xuân, giao container tại cảng Cát Lái.",
        quantity: 50_000,
        unit: "kg",
        frequency: "seasonal",
        price: [28_000, 38_000],
        province: "79",
        window: { months: [3, 4] },
        certifications: ["eu_organic"],
      },
      {
        category: "other",
        title: "Đường thốt nốt hữu cơ cho đơn hàng Nhật Bản",
        description:
          "Đường thốt nốt dạng viên hoặc bột, đạt hữu cơ, không chất bảo quản, đóng túi 1 kg. Đơn hàng thử nghiệm cho nhà nhập khẩu Nhật Bản theo mùa nấu đường.",
        quantity: 3000,
        unit: "kg",
        frequency: "seasonal",
        price: [90_000, 130_000],
        province: "79",
        window: { months: [12, 4] },
        certifications: ["organic"],
      },
      {
        category: "handicrafts",
        title: "Đặt hàng thổ cẩm và lụa Tân Châu cho hội chợ ở Pháp",
        description:
          "Khăn, túi thổ cẩm dệt tay và lụa Tân Châu nhuộm mặc nưa để trưng bày và bán tại hội chợ thủ công ở Paris. Cần ảnh mẫu và câu chuyện sản phẩm.",
        quantity: 500,
        unit: "cai",
        frequency: "once",
        price: [150_000, 900_000],
        province: "79",
        window: { days: [30, 75] },
      },
      {
        category: "spices",
        title: "Thu mua hồi khô đạt hữu cơ USDA",
        description:
          "Hoa hồi khô vụ thu đạt hữu cơ USDA, đóng thùng carton 10 kg có lót túi PE, cho khách hàng tại Hoa Kỳ.",
        quantity: 8000,
        unit: "kg",
        frequency: "seasonal",
        price: [120_000, 160_000],
        province: "79",
        window: { months: [9, 11] },
        certifications: ["usda_organic"],
      },
    ],
  },
  {
    login: "duoclieu.vietxanh",
    fullName: "Đặng Minh Châu",
    phone: "0300000813",
    locale: "vi",
    organisation: {
      name: "Công ty CP Dược liệu Việt Xanh",
      kind: "processor",
      taxCode: "0108765432",
      provinceCode: "01",
      address: "Khu công nghiệp Quang Minh, Hà Nội",
    },
    demands: [
      {
        category: "medicinal_herbs",
        title: "Thu mua đinh lăng lá và rễ để nấu cao dược liệu",
        description:
          "Đinh lăng trồng từ 3 năm trở lên, lá và rễ tươi hoặc sấy khô, vùng trồng có nhật ký canh tác. Nhà máy ký hợp đồng bao tiêu dài hạn.",
        quantity: 2000,
        unit: "kg",
        frequency: "monthly",
        price: [40_000, 90_000],
        province: "01",
        certifications: ["vietgap"],
      },
      {
        category: "medicinal_herbs",
        title: "Cần nguồn cà gai leo khô ổn định",
        description:
          "Cà gai leo cả thân lá, thái đoạn 3–5 cm, sấy khô, không lẫn tạp. Cần nguồn ổn định quanh năm cho sản phẩm hỗ trợ gan.",
        quantity: 1500,
        unit: "kg",
        frequency: "monthly",
        price: [45_000, 65_000],
        province: "01",
      },
      {
        category: "medicinal_herbs",
        title: "Thu mua giảo cổ lam khô Hòa Bình",
        description:
          "Giảo cổ lam 5 lá, thu hái đúng tuổi, phơi trong bóng râm, đóng bao 20 kg. Ưu tiên vùng trồng ở Hòa Bình cũ (nay Phú Thọ) và Lào Cai.",
        quantity: 800,
        unit: "kg",
        frequency: "monthly",
        price: [60_000, 90_000],
        province: "01",
      },
      {
        category: "honey_bee",
        title: "Sáp ong và phấn hoa cho dòng mỹ phẩm thiên nhiên",
        description:
          "Sáp ong vàng đã lọc và phấn hoa khô sạch, dùng làm son dưỡng và kem thiên nhiên. Cần phiếu kiểm nghiệm vi sinh cho từng lô.",
        quantity: 200,
        unit: "kg",
        frequency: "monthly",
        price: [180_000, 320_000],
        province: "01",
      },
    ],
  },
];

/** Vietnamese unit words, for the offers' descriptions. */
const UNIT_WORDS: Record<Unit, string> = {
  kg: "kg",
  g: "g",
  hop: "hộp",
  goi: "gói",
  chai: "chai",
  tui: "túi",
  lo: "lọ",
  bo: "bộ",
  hu: "hũ",
  cai: "chiếc",
  qua: "quả",
  thung: "thùng",
  banh: "bánh",
  met: "mét",
  tam: "tấm",
  gio: "giỏ",
  chiec: "chiếc",
  lit: "lít",
  ml: "ml",
  bo_bunch: "bó",
  bao: "bao",
  ta: "tạ",
  tan: "tấn",
  cay: "cây",
  con: "con",
  khay: "khay",
  doi: "đôi",
  chuc: "chục",
  bich: "bịch",
  can: "can",
};

/** Next season's harvest, offered before there is a product to link: [cooperative, category, title, description, kg, months]. */
const HARVEST_OFFERS: Array<[string, Category, string, string, number, number[]]> = [
  [
    "HTX Vải thiều Mùa Hạ",
    "fruit_vegetables",
    "Nhận đặt trước vải thiều chính vụ năm tới",
    "Vải thiều Lục Ngạn trồng theo VietGAP trên 40 ha của các xã viên. Nhận đặt trước sản lượng chính vụ, thu hái và đóng thùng xốp tại vườn, hỗ trợ xe lạnh đi Hà Nội.",
    30_000,
    [6, 7],
  ],
  [
    "HTX Hồng không hạt Sương Thu",
    "fruit_vegetables",
    "Hồng không hạt vụ thu năm tới, nhận bao tiêu",
    "Hồng không hạt Bảo Lâm chín cây, quả đều 4–6 quả/kg. HTX nhận hợp đồng bao tiêu cho cơ sở sấy dẻo và siêu thị, giao theo đợt từ cuối tháng 9.",
    8000,
    [9, 10, 11],
  ],
  [
    "HTX Quýt vàng Sườn Núi",
    "fruit_vegetables",
    "Quýt vàng Bắc Sơn vụ cuối năm",
    "Quýt vàng Bắc Sơn vỏ mỏng, ngọt đậm. Sản lượng dự kiến vụ tới khoảng 12 tấn, nhận đặt trước cho mùa Tết, đóng thùng carton 10 kg.",
    12_000,
    [11, 12, 1],
  ],
  [
    "HTX Mận hậu Hoa Ban",
    "fruit_vegetables",
    "Mận hậu Mộc Châu mùa tới, nhận đặt sớm",
    "Mận hậu trồng trên cao nguyên Mộc Châu, quả giòn, vị chua ngọt. HTX nhận đặt trước cho thương lái và siêu thị, giao tại vườn hoặc xe lạnh đi Hà Nội.",
    15_000,
    [5, 6],
  ],
  [
    "HTX Hồi Quế Tri Lễ Xanh",
    "spices",
    "Hồi khô vụ thu, nhận hợp đồng xuất khẩu",
    "Hồi vụ thu hái từ rừng hồi của xã viên, phơi sấy tại HTX, đóng bao 25 kg. Nhận ký hợp đồng theo vụ với doanh nghiệp xuất khẩu, hỗ trợ hồ sơ truy xuất vùng trồng.",
    10_000,
    [8, 9, 10],
  ],
  [
    "HTX Nông nghiệp Lúa sạch Mùa Vàng",
    "rice_grains",
    "Gạo vụ mùa tới, nhận bao tiêu theo hợp đồng",
    "HTX gieo cấy 60 ha lúa theo quy trình giảm phân bón hóa học. Nhận hợp đồng bao tiêu gạo vụ mùa cho bếp ăn và nhà phân phối, xay xát theo đơn.",
    40_000,
    [10, 11],
  ],
  [
    "HTX Lúa gạo Vọng Đông Xanh",
    "rice_grains",
    "Lúa gạo vụ Đông Xuân tới, nhận đặt cho xuất khẩu",
    "Cánh đồng lớn 120 ha vụ Đông Xuân, giống lúa thơm, canh tác theo hướng hữu cơ. Nhận đặt trước cho doanh nghiệp xuất khẩu, giao tại kho HTX.",
    80_000,
    [2, 3, 4],
  ],
  [
    "HTX Chè Suối Ngàn",
    "tea",
    "Chè xuân đầu vụ năm tới, nhận đặt trước",
    "Lứa chè xuân đầu vụ hái một tôm hai lá, sao thủ công. Nhận đặt trước cho cửa hàng và doanh nghiệp làm quà biếu, giao từ cuối tháng 3.",
    600,
    [3, 4],
  ],
];

const vnDate = (ms: number) => new Date(ms + VN_OFFSET).toISOString().slice(0, 10);
/** dd/mm/yyyy, as a buyer types a date into the form. */
const typed = (iso: string) => iso.split("-").reverse().join("/");
/** The form's way of writing money: "1.200.000". */
const money = (n: number | null | undefined) =>
  n == null ? "" : n.toLocaleString("vi-VN").replace(/,/g, ".");

/** The delivery window of a demand, from today: the next time `from`…`to` months come round. */
function windowOf(w: SeedDemand["window"], now: number): [string, string] | ["", ""] {
  if (!w) return ["", ""];
  if ("days" in w) return [typed(vnDate(now + w.days[0] * DAY)), typed(vnDate(now + w.days[1] * DAY))];
  const today = new Date(now + VN_OFFSET);
  const [from, to] = w.months;
  const year = today.getUTCFullYear() + (from <= today.getUTCMonth() + 1 ? 1 : 0);
  const endYear = to < from ? year + 1 : year;
  const lastDay = new Date(Date.UTC(endYear, to, 0)).getUTCDate();
  return [
    `01/${String(from).padStart(2, "0")}/${year}`,
    `${lastDay}/${String(to).padStart(2, "0")}/${endYear}`,
  ];
}

/** Round a quantity to what a person would write: 40, 150, 1.200. */
function roundQuantity(n: number) {
  const step = n >= 1000 ? 100 : n >= 100 ? 10 : 5;
  return Math.max(step, Math.round(n / step) * step);
}

const roundPrice = (n: number) => Math.round(n / 1000) * 1000;

/**
 * The matching demo (issue 11): about a dozen more buyers, from a household to an exporter, each posting three to
 * five demands through `postDemand`; and approved cooperatives offering their own products (and next season's
 * harvest) through `postOffer`, as their members would. A few demands are then paused, one fulfilled and one
 * closed, and every ninth offer paused, through the same use cases. Deterministic: no random numbers.
 */
export async function seedDemoMatching(container: SeedContainer, passwordHash: string) {
  const { db, services } = container;
  const { models } = db;
  const now = Date.now();

  let demands = 0;
  for (const b of BUYERS) {
    const organisation = b.organisation ? await models.Organisation.create({ ...b.organisation }) : null;
    await models.User.create({
      email: `${b.login}@htxconnect.example`,
      fullName: b.fullName,
      passwordHash,
      phone: b.phone,
      role: "buyer",
      locale: b.locale,
      organisationId: organisation?.id ?? null,
      disabledAt: null,
      lastLoginAt: null,
      privacyConsentAt: new Date(now),
    });
    const buyer = (await services.accounts.getCurrentUser({ email: `${b.login}@htxconnect.example` }))!;
    for (const d of b.demands) {
      const [deliveryFrom, deliveryTo] = windowOf(d.window, now);
      const { publicId } = await services.matching.postDemand(buyer, {
        form: {
          category: d.category,
          title: d.title,
          description: d.description,
          quantity: money(d.quantity),
          unit: d.unit,
          frequency: d.frequency,
          priceMinVnd: money(d.price?.[0]),
          priceMaxVnd: money(d.price?.[1]),
          deliveryProvinceCode: d.province,
          deliveryFrom,
          deliveryTo,
          certifications: d.certifications ?? [],
          minOcopStars: d.minOcopStars ? String(d.minOcopStars) : "",
          notes: d.notes ?? "",
        },
      });
      if (d.then) await services.matching.actOnDemand(buyer, { publicId, form: { action: d.then } });
      demands += 1;
    }
  }

  const offers = await seedOffers(container, passwordHash);
  return { demands, offers };
}

/** Two offers per approved cooperative from its own active products, plus next season's harvests. */
async function seedOffers(container: SeedContainer, passwordHash: string) {
  const { db, services } = container;
  const { models } = db;
  const memberOf = cooperativeMembers(container, passwordHash);
  const known = new Set<string>(CERTIFICATIONS);
  const approved = await models.Cooperative.findAll({
    where: { status: "approved" },
    order: [["id", "ASC"]],
  });
  let count = 0;
  const post = async (member: CurrentUser, form: Record<string, string | string[]>) => {
    const { id } = await services.matching.postOffer(member, { form });
    count += 1;
    // Every ninth offer is paused for now (stock sold out, harvest not in yet).
    if (count % 9 === 0) await services.matching.actOnOffer(member, { id, form: { action: "pause" } });
  };

  for (const coop of approved) {
    const products = await models.Product.findAll({
      where: { cooperativeId: coop.id, status: "active" },
      order: [["id", "ASC"]],
      limit: 2,
    });
    if (products.length === 0) continue;
    const member = await memberOf(coop.name);
    for (const [k, p] of products.entries()) {
      const certs = (await models.ProductCertification.findAll({ where: { productId: p.id } }))
        .map((c) => c.certification as string)
        .filter((c) => known.has(c));
      const months = p.harvestMonths ? p.harvestMonths.split(",").filter(Boolean) : [];
      // Fruit comes by the season; everything kept on a shelf is offered by the month.
      const seasonal = p.category === "fruit_vegetables" && months.length > 0 && months.length <= 4;
      // What a small cooperative can promise: about its stock each month, a season's worth of fruit.
      const quantity = roundQuantity(seasonal ? p.stock * 8 : p.stock * (k === 0 ? 1 : 0.6));
      const unit = UNIT_WORDS[p.unit];
      const per = seasonal ? "mỗi vụ" : "mỗi tháng";
      await post(member, {
        productId: String(p.id),
        category: p.category,
        title: (seasonal ? `Nhận đặt ${p.nameVi} theo vụ` : `Cung ứng ổn định ${p.nameVi}`).slice(0, 200),
        description:
          `${coop.name} có thể cung ứng khoảng ${money(quantity)} ${unit} ${per}, ` +
          `giá sỉ theo số lượng, xuất hóa đơn và gửi mẫu trước khi ký hợp đồng. ` +
          p.descriptionVi.slice(0, 1500),
        quantity: money(quantity),
        unit: p.unit,
        period: seasonal ? "seasonal" : "monthly",
        priceMinVnd: money(roundPrice(p.priceVnd * 0.8)),
        priceMaxVnd: money(p.priceVnd),
        seasonMonths: months.join(","),
        certifications: certs,
      });
    }
  }

  for (const [name, category, title, description, quantity, months] of HARVEST_OFFERS) {
    const coop = approved.find((c) => c.name === name);
    if (!coop) throw new Error(`seed offer: ${name} is not an approved cooperative`);
    await post(await memberOf(name), {
      productId: "",
      category,
      title,
      description,
      quantity: money(quantity),
      unit: "kg",
      period: "seasonal",
      priceMinVnd: "",
      priceMaxVnd: "",
      seasonMonths: months.join(","),
      certifications: [],
    });
  }
  return count;
}
