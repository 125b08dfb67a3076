import type { SeedCooperative } from "../types";

/**
 * Hand-written demo cooperatives. Names, people, phone numbers and e-mail addresses are invented
 * for demonstration purposes and do not describe real businesses.
 */
export const cooperatives: SeedCooperative[] = [
  // ── Thái Nguyên (19) ──────────────────────────────────────────────────────
  {
    name: "HTX Chè Hồng Phúc Tân Cương",
    kind: "cooperative",
    provinceCode: "19",
    districtCode: "164",
    foundedYear: 2012,
    memberCount: 42,
    sectors: ["tea"],
    descriptionVi:
      "HTX chuyên sản xuất và chế biến chè búp Tân Cương trên diện tích khoảng 18 ha đồi chè tại xã Tân Cương. Sản phẩm chè móc câu, chè nõn tôm được chứng nhận VietGAP và đạt OCOP 4 sao cấp tỉnh. HTX mở cửa đón khách tham quan, trải nghiệm hái và sao chè thủ công.",
    descriptionEn:
      "The cooperative grows and processes Tân Cương tea on about 18 ha of tea hills in Tân Cương commune. Its móc câu (hook-shaped) and nõn tôm (young bud) teas are VietGAP certified and hold a provincial 4-star OCOP rating. Visitors are welcome to tour the hills and try picking and hand-roasting tea.",
    representative: "Đỗ Thị Hồng",
    phone: "0912468305",
    email: "htxchehongphuc@gmail.com",
    address: "Xóm Hồng Thái 2, xã Tân Cương",
    status: "approved",
  },
  {
    name: "HTX Chè Phúc Trìu Xanh",
    kind: "cooperative",
    provinceCode: "19",
    districtCode: "164",
    foundedYear: 2022,
    memberCount: 11,
    sectors: ["tea"],
    descriptionVi:
      "HTX được thành lập năm 2022 bởi các hộ trồng chè trẻ ở xã Phúc Trìu, ven hồ Núi Cốc. Các thành viên canh tác khoảng 6 ha chè trung du và chè cành LDP1 theo hướng hữu cơ, đang hoàn thiện hồ sơ chứng nhận VietGAP.",
    descriptionEn:
      "The cooperative was founded in 2022 by young tea-growing households in Phúc Trìu commune, near Núi Cốc Lake. Members farm about 6 ha of midland tea and LDP1 cutting-grown tea using organic practices, and are completing their VietGAP certification dossier.",
    representative: "Lương Văn Tùng",
    phone: "0386214759",
    email: null,
    address: "Xóm Cây Thị, xã Phúc Trìu",
    status: "pending",
  },
  {
    name: "HTX Chè La Bằng Thịnh Phát",
    kind: "cooperative",
    provinceCode: "19",
    districtCode: "171",
    foundedYear: 2016,
    memberCount: 35,
    sectors: ["tea"],
    descriptionVi:
      "HTX quy tụ các hộ trồng chè dưới chân dãy Tam Đảo tại xã La Bằng, huyện Đại Từ, với vùng nguyên liệu khoảng 25 ha. Chè xanh La Bằng được sao bằng tôn quay điện, đạt chứng nhận VietGAP và OCOP 3 sao.",
    descriptionEn:
      "The cooperative brings together tea-growing households at the foot of the Tam Đảo range in La Bằng commune, Đại Từ district, with a growing area of about 25 ha. La Bằng green tea is roasted in electric rotary drums and holds VietGAP certification and a 3-star OCOP rating.",
    representative: "Hoàng Văn Thắng",
    phone: "0974503182",
    email: "chelabangthinhphat@gmail.com",
    address: "Xóm Lập Thành, xã La Bằng",
    status: "approved",
  },
  {
    name: "Tổ hợp tác Chè sạch Hoàng Nông",
    kind: "cooperative_group",
    provinceCode: "19",
    districtCode: "171",
    foundedYear: 2019,
    memberCount: 14,
    sectors: ["tea"],
    descriptionVi:
      "Tổ hợp tác gồm 14 hộ trồng chè tại xã Hoàng Nông, canh tác khoảng 5 ha theo quy trình an toàn, hạn chế thuốc bảo vệ thực vật. Sản phẩm chủ yếu là chè xanh sao thủ công, bán trực tiếp cho khách lẻ và các cửa hàng ở thành phố Thái Nguyên.",
    descriptionEn:
      "This cooperative group of 14 tea-growing households in Hoàng Nông commune farms about 5 ha following safe-production practices with minimal pesticide use. Its main product is hand-roasted green tea, sold directly to individual customers and to shops in Thái Nguyên city.",
    representative: "Ma Thị Lan",
    phone: "0328671045",
    email: null,
    address: "Xóm Đồng Cẩm, xã Hoàng Nông",
    status: "approved",
  },
  {
    name: "HTX Chè Trại Cài Minh Lập",
    kind: "cooperative",
    provinceCode: "19",
    districtCode: "169",
    foundedYear: 2010,
    memberCount: 58,
    sectors: ["tea"],
    descriptionVi:
      "HTX có trụ sở tại xóm Trại Cài, xã Minh Lập, một trong những vùng chè đặc sản lâu đời của huyện Đồng Hỷ. Toàn bộ 30 ha chè của thành viên được sản xuất theo tiêu chuẩn VietGAP; sản phẩm chè Trại Cài đạt OCOP 4 sao.",
    descriptionEn:
      "The cooperative is based in Trại Cài hamlet, Minh Lập commune, one of Đồng Hỷ district's long-established specialty tea areas. All 30 ha of its members' tea is produced to VietGAP standards, and its Trại Cài tea holds a 4-star OCOP rating.",
    representative: "Trần Văn Khánh",
    phone: "0968127430",
    email: "htxchetraicai@gmail.com",
    address: "Xóm Trại Cài, xã Minh Lập",
    status: "approved",
  },
  {
    name: "HTX Chè Khe Cốc Phú Lương",
    kind: "cooperative",
    provinceCode: "19",
    districtCode: "168",
    foundedYear: 2014,
    memberCount: 27,
    sectors: ["tea"],
    descriptionVi:
      "HTX sản xuất chè xanh và chè đinh từ vùng nguyên liệu 15 ha tại xã Tức Tranh, huyện Phú Lương. Thành viên áp dụng quy trình VietGAP, sử dụng phân hữu cơ vi sinh và ghi chép nhật ký đồng ruộng đầy đủ.",
    descriptionEn:
      "The cooperative produces green tea and chè đinh (tiny-bud tea) from a 15 ha growing area in Tức Tranh commune, Phú Lương district. Members follow VietGAP procedures, use organic microbial fertiliser and keep complete field logs.",
    representative: "Dương Thị Thu",
    phone: "0399240816",
    email: "chekhecoc.pl@gmail.com",
    address: "Xóm Khe Cốc, xã Tức Tranh",
    status: "approved",
  },
  {
    name: "HTX Nông nghiệp Bao thai Kim Phượng",
    kind: "cooperative",
    provinceCode: "19",
    districtCode: "167",
    foundedYear: 2009,
    memberCount: 64,
    sectors: ["rice_grains"],
    descriptionVi:
      "HTX liên kết các hộ dân tộc Tày, Dao ở xã Kim Phượng trồng lúa Bao thai Định Hóa trên diện tích khoảng 40 ha. Gạo Bao thai Định Hóa đã được cấp nhãn hiệu chứng nhận, hạt nhỏ, cơm dẻo và thơm. HTX có máy xay xát và đóng gói hút chân không tại chỗ.",
    descriptionEn:
      "The cooperative links Tày and Dao households in Kim Phượng commune that grow Bao thai Định Hóa rice on about 40 ha. Bao thai Định Hóa rice carries a certification trademark; its grains are small and cook up soft and fragrant. The cooperative mills and vacuum-packs its rice on site.",
    representative: "Ma Văn Bình",
    phone: "0915736042",
    email: null,
    address: "Thôn Làng Mới, xã Kim Phượng",
    status: "approved",
  },
  {
    name: "Liên hiệp HTX Chè Thái Nguyên Xanh",
    kind: "cooperative_union",
    provinceCode: "19",
    districtCode: "164",
    foundedYear: 2018,
    memberCount: 12,
    sectors: ["tea"],
    descriptionVi:
      "Liên hiệp gồm 12 HTX chè thành viên ở Đại Từ, Đồng Hỷ, Phú Lương và thành phố Thái Nguyên. Liên hiệp hỗ trợ thành viên về bao bì, truy xuất nguồn gốc và kết nối tiêu thụ với các siêu thị, sàn thương mại điện tử trong nước.",
    descriptionEn:
      "The union comprises 12 member tea cooperatives in Đại Từ, Đồng Hỷ, Phú Lương and Thái Nguyên city. It supports its members with packaging and traceability, and connects them with supermarkets and e-commerce platforms across the country.",
    representative: "Nguyễn Văn Hải",
    phone: "0913062785",
    email: "lienhiephtxchetn@gmail.com",
    address: "Số 86 đường Quang Trung, phường Thịnh Đán",
    status: "approved",
  },
  {
    name: "HTX Dược liệu Thần Sa",
    kind: "cooperative",
    provinceCode: "19",
    districtCode: "170",
    foundedYear: 2017,
    memberCount: 23,
    sectors: ["medicinal_herbs"],
    descriptionVi:
      "HTX trồng và sơ chế dược liệu dưới tán rừng tại xã Thần Sa, huyện Võ Nhai, gồm cát sâm, hà thủ ô đỏ và giảo cổ lam. Sản phẩm được sấy khô, đóng túi và bán cho các cơ sở đông y trong tỉnh.",
    descriptionEn:
      "The cooperative grows and pre-processes medicinal plants under the forest canopy in Thần Sa commune, Võ Nhai district, including cát sâm, red hà thủ ô (fleeceflower) and giảo cổ lam (jiaogulan). The products are dried, bagged and sold to traditional-medicine practices in the province.",
    representative: "Triệu Văn Sơn",
    phone: "0354817296",
    email: null,
    address: "Xóm Kim Sơn, xã Thần Sa",
    status: "approved",
  },

  // ── Lạng Sơn (20) ─────────────────────────────────────────────────────────
  {
    name: "HTX Hồi Quế Tri Lễ Xanh",
    kind: "cooperative",
    provinceCode: "20",
    districtCode: "184",
    foundedYear: 2015,
    memberCount: 46,
    sectors: ["spices"],
    descriptionVi:
      "HTX thu mua, sấy và phân loại hoa hồi từ khoảng 120 ha rừng hồi của thành viên tại xã Tri Lễ, huyện Văn Quan. Hoa hồi được sấy bằng lò hơi thay cho phơi nắng, giữ màu nâu đỏ và hàm lượng tinh dầu cao. Sản phẩm hồi Văn Quan của HTX đạt OCOP 3 sao.",
    descriptionEn:
      "The cooperative buys, dries and grades star anise from about 120 ha of its members' star-anise forest in Tri Lễ commune, Văn Quan district. The fruit is kiln-dried instead of sun-dried, keeping its reddish-brown colour and high essential-oil content. Its Văn Quan star anise holds a 3-star OCOP rating.",
    representative: "Lương Văn Chiến",
    phone: "0912704539",
    email: "hoiquetrile@gmail.com",
    address: "Thôn Bản Nầng, xã Tri Lễ",
    status: "approved",
  },
  {
    name: "Liên hiệp HTX Hồi Quế Xứ Lạng",
    kind: "cooperative_union",
    provinceCode: "20",
    districtCode: "178",
    foundedYear: 2020,
    memberCount: 9,
    sectors: ["spices"],
    descriptionVi:
      "Liên hiệp gồm 9 HTX hồi, quế ở các huyện Văn Quan, Bình Gia, Văn Lãng và Tràng Định. Liên hiệp vận hành xưởng chưng cất tinh dầu hồi và làm đầu mối xuất khẩu hoa hồi khô, quế thanh sang thị trường châu Âu và Ấn Độ.",
    descriptionEn:
      "The union consists of 9 star anise and cinnamon cooperatives from Văn Quan, Bình Gia, Văn Lãng and Tràng Định districts. It runs a star-anise oil distillery and acts as the export hub for dried star anise and cinnamon sticks to Europe and India.",
    representative: "Vi Thị Hằng",
    phone: "0986352417",
    email: "lienhiephoique.ls@gmail.com",
    address: "Số 25 đường Bà Triệu, phường Đông Kinh",
    status: "approved",
  },
  {
    name: "HTX Hồng không hạt Thất Khê",
    kind: "cooperative",
    provinceCode: "20",
    districtCode: "180",
    foundedYear: 2013,
    memberCount: 31,
    sectors: ["fruit_vegetables"],
    descriptionVi:
      "HTX trồng và thu hoạch hồng không hạt trên diện tích khoảng 20 ha quanh thị trấn Thất Khê, huyện Tràng Định. Quả hồng được thu hái từ tháng 9 đến tháng 10, ngâm giòn hoặc làm hồng sấy dẻo theo phương pháp truyền thống.",
    descriptionEn:
      "The cooperative grows and harvests seedless persimmons on about 20 ha around Thất Khê town, Tràng Định district. The fruit is picked from September to October and either soaked to make crisp persimmons or dried into soft persimmons by traditional methods.",
    representative: "Nông Văn Tuấn",
    phone: "0978416203",
    email: null,
    address: "Khu 4, thị trấn Thất Khê",
    status: "approved",
  },
  {
    name: "HTX Quýt vàng Bắc Sơn",
    kind: "cooperative",
    provinceCode: "20",
    districtCode: "185",
    foundedYear: 2011,
    memberCount: 38,
    sectors: ["fruit_vegetables"],
    descriptionVi:
      "HTX liên kết các hộ trồng quýt vàng Bắc Sơn trên khoảng 35 ha tại xã Chiến Thắng và các xã lân cận. Vườn quýt được chăm sóc theo VietGAP; quả chín vàng vào dịp Tết, vỏ mỏng, vị ngọt thanh và có tem truy xuất nguồn gốc.",
    descriptionEn:
      "The cooperative links households growing Bắc Sơn golden tangerines on about 35 ha in Chiến Thắng commune and neighbouring communes. The orchards are managed to VietGAP standards; the fruit ripens golden around Tết, has thin skin and a delicate sweetness, and carries traceability labels.",
    representative: "Dương Văn Hưng",
    phone: "0836029175",
    email: "quytbacson@gmail.com",
    address: "Thôn Nà Lay, xã Chiến Thắng",
    status: "approved",
  },
  {
    name: "Tổ hợp tác Hồi quế Tân Văn",
    kind: "cooperative_group",
    provinceCode: "20",
    districtCode: "181",
    foundedYear: 2023,
    memberCount: 12,
    sectors: ["spices"],
    descriptionVi:
      "Tổ hợp tác mới thành lập năm 2023, gồm 12 hộ người Tày, Nùng có rừng hồi và quế tại xã Tân Văn, huyện Bình Gia. Tổ tập trung sơ chế hoa hồi khô và vỏ quế cuộn, đang đăng ký tham gia chương trình OCOP của huyện.",
    descriptionEn:
      "A new cooperative group founded in 2023 by 12 Tày and Nùng households that own star-anise and cinnamon forest in Tân Văn commune, Bình Gia district. The group focuses on dried star anise and rolled cinnamon bark and is applying to join the district's OCOP programme.",
    representative: "Hoàng Thị Mai",
    phone: "0349185620",
    email: null,
    address: "Thôn Nà Pài, xã Tân Văn",
    status: "pending",
  },

  // ── Thái Bình (34) ────────────────────────────────────────────────────────
  {
    name: "HTX Nông nghiệp Lúa sạch Song An",
    kind: "cooperative",
    provinceCode: "34",
    districtCode: "344",
    foundedYear: 1998,
    memberCount: 320,
    sectors: ["rice_grains"],
    descriptionVi:
      "HTX cung ứng giống, vật tư và dịch vụ làm đất cho khoảng 180 ha lúa của xã viên tại xã Song An, huyện Vũ Thư. HTX xây dựng cánh đồng mẫu lớn trồng lúa thơm và nếp cái hoa vàng, có sản phẩm gạo đóng túi mang nhãn hiệu riêng.",
    descriptionEn:
      "The cooperative supplies seed, inputs and land-preparation services for about 180 ha of its members' rice in Song An commune, Vũ Thư district. It runs a large model field growing fragrant rice and nếp cái hoa vàng glutinous rice, and sells bagged rice under its own brand.",
    representative: "Phạm Văn Định",
    phone: "0904218736",
    email: "htxluasachsongan@gmail.com",
    address: "Thôn Trung, xã Song An",
    status: "approved",
  },
  {
    name: "HTX Gạo hữu cơ Vũ Lễ",
    kind: "cooperative",
    provinceCode: "34",
    districtCode: "343",
    foundedYear: 2016,
    memberCount: 48,
    sectors: ["rice_grains"],
    descriptionVi:
      "HTX sản xuất lúa theo hướng hữu cơ trên 30 ha tại xã Vũ Lễ, huyện Kiến Xương, kết hợp thả cá và nuôi vịt trên ruộng. Gạo hữu cơ của HTX được đóng túi 2 kg và 5 kg, đạt OCOP 3 sao.",
    descriptionEn:
      "The cooperative grows rice organically on 30 ha in Vũ Lễ commune, Kiến Xương district, combined with raising fish and ducks in the paddies. Its organic rice is sold in 2 kg and 5 kg bags and holds a 3-star OCOP rating.",
    representative: "Bùi Thị Nga",
    phone: "0388517402",
    email: "gaohuucovule@gmail.com",
    address: "Thôn Đông, xã Vũ Lễ",
    status: "approved",
  },
  {
    name: "HTX Bánh cáy Làng Nguyễn Xưa",
    kind: "cooperative",
    provinceCode: "34",
    districtCode: "340",
    foundedYear: 2015,
    memberCount: 19,
    sectors: ["other"],
    descriptionVi:
      "HTX sản xuất bánh cáy theo công thức truyền thống của làng Nguyễn, xã Nguyên Xá, huyện Đông Hưng, từ gạo nếp, mạch nha, gấc, vừng và mỡ lợn. Sản phẩm bánh cáy Làng Nguyễn đạt OCOP 4 sao và được tiêu thụ mạnh vào dịp Tết.",
    descriptionEn:
      "The cooperative makes bánh cáy to the traditional recipe of Nguyễn village, Nguyên Xá commune, Đông Hưng district, from glutinous rice, malt syrup, gấc fruit, sesame and pork fat. Its Làng Nguyễn bánh cáy holds a 4-star OCOP rating and sells especially well around Tết.",
    representative: "Nguyễn Thị Thảo",
    phone: "0975286134",
    email: "banhcaylangnguyen.xua@gmail.com",
    address: "Thôn Nguyễn, xã Nguyên Xá",
    status: "approved",
  },
  {
    name: "HTX Chế biến Hải sản Thụy Hải",
    kind: "cooperative",
    provinceCode: "34",
    districtCode: "341",
    foundedYear: 2021,
    memberCount: 16,
    sectors: ["meat_processed"],
    descriptionVi:
      "HTX chế biến ruốc tôm, chả cá và mực khô từ nguồn hải sản của ngư dân xã Thụy Hải, huyện Thái Thụy. HTX có xưởng chế biến nhỏ khoảng 200 m² và đang đầu tư kho lạnh.",
    descriptionEn:
      "The cooperative makes shrimp floss, fish cakes and dried squid from seafood landed by fishermen in Thụy Hải commune, Thái Thụy district. It has a small processing workshop of about 200 m² and is investing in cold storage.",
    representative: "Vũ Văn Hùng",
    phone: "0392076548",
    email: null,
    address: "Thôn Tân Bồi, xã Thụy Hải",
    status: "rejected",
    rejectionReason:
      "Thiếu giấy chứng nhận đăng ký HTX và giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm; vui lòng bổ sung bản scan.",
  },
  {
    name: "HTX Mây tre đan An Khê",
    kind: "cooperative",
    provinceCode: "34",
    districtCode: "338",
    foundedYear: 2008,
    memberCount: 85,
    sectors: ["handicrafts"],
    descriptionVi:
      "HTX tạo việc làm cho khoảng 85 lao động nông thôn tại xã An Khê, huyện Quỳnh Phụ, chủ yếu là phụ nữ và người cao tuổi. Sản phẩm gồm giỏ, khay, chao đèn và đồ trang trí bằng mây, tre, cói, phần lớn xuất khẩu sang Nhật Bản và châu Âu.",
    descriptionEn:
      "The cooperative provides work for about 85 rural workers in An Khê commune, Quỳnh Phụ district, mostly women and older people. Its products include baskets, trays, lampshades and decorative items made from rattan, bamboo and sedge, most of them exported to Japan and Europe.",
    representative: "Đặng Thị Huyền",
    phone: "0934672801",
    email: "maytredanankhe@gmail.com",
    address: "Thôn Hạ, xã An Khê",
    status: "approved",
  },

  // ── Bắc Kạn (06) ──────────────────────────────────────────────────────────
  {
    name: "Hợp tác xã Miến dong Côn Minh Hưng Thịnh",
    kind: "cooperative",
    provinceCode: "06",
    districtCode: "066",
    foundedYear: 2014,
    memberCount: 28,
    sectors: ["vermicelli_noodles"],
    descriptionVi:
      "HTX sản xuất miến dong từ củ dong riềng trồng tại xã Côn Minh, huyện Na Rì, với vùng nguyên liệu khoảng 40 ha. Miến được làm thủ công, phơi nắng tự nhiên, không dùng chất tẩy trắng và chất bảo quản; sản phẩm đạt OCOP 4 sao.",
    descriptionEn:
      "The cooperative makes canna glass noodles (miến dong) from canna tubers grown in Côn Minh commune, Na Rì district, with a growing area of about 40 ha. The noodles are handmade and sun-dried, with no bleaching agents or preservatives, and hold a 4-star OCOP rating.",
    representative: "Hà Thị Nhung",
    phone: "0985430127",
    email: "mienconminhhungthinh@gmail.com",
    address: "Thôn Nà Làng, xã Côn Minh",
    status: "approved",
  },
  {
    name: "HTX Miến dong Bằng Lãng",
    kind: "cooperative",
    provinceCode: "06",
    districtCode: "064",
    foundedYear: 2017,
    memberCount: 20,
    sectors: ["vermicelli_noodles"],
    descriptionVi:
      "HTX chế biến tinh bột dong riềng và miến dong tại xã Bằng Lãng, huyện Chợ Đồn, bao tiêu củ dong cho hơn 60 hộ trồng. Dây chuyền tráng và cắt sợi bán cơ giới giúp HTX sản xuất khoảng 30 tấn miến mỗi vụ.",
    descriptionEn:
      "The cooperative processes canna starch and canna glass noodles in Bằng Lãng commune, Chợ Đồn district, and guarantees to buy the canna tubers of more than 60 growing households. Its semi-mechanised sheeting and cutting line produces about 30 tonnes of noodles per season.",
    representative: "Lý Văn Dũng",
    phone: "0869204735",
    email: null,
    address: "Thôn Nà Hồng, xã Bằng Lãng",
    status: "approved",
  },
  {
    name: "Tổ hợp tác Thổ cẩm Pác Ngòi",
    kind: "cooperative_group",
    provinceCode: "06",
    districtCode: "061",
    foundedYear: 2018,
    memberCount: 15,
    sectors: ["handicrafts"],
    descriptionVi:
      "Tổ hợp tác gồm 15 phụ nữ Tày ở bản Pác Ngòi, xã Nam Mẫu, gần hồ Ba Bể, dệt và may các sản phẩm thổ cẩm như túi, khăn và áo chàm. Sản phẩm được bán cho du khách tại các homestay trong bản.",
    descriptionEn:
      "This cooperative group of 15 Tày women in Pác Ngòi village, Nam Mẫu commune, near Ba Bể Lake, weaves and sews brocade goods such as bags, scarves and indigo-dyed shirts. The products are sold to visitors at homestays in the village.",
    representative: "Hoàng Thị Duyên",
    phone: "0359627018",
    email: null,
    address: "Bản Pác Ngòi, xã Nam Mẫu",
    status: "approved",
  },

  // ── Phú Thọ (25) ──────────────────────────────────────────────────────────
  {
    name: "HTX Bánh phở Hùng Lô Cổ Truyền",
    kind: "cooperative",
    provinceCode: "25",
    districtCode: "227",
    foundedYear: 2012,
    memberCount: 33,
    sectors: ["vermicelli_noodles"],
    descriptionVi:
      "HTX tập hợp các hộ làm bánh phở khô truyền thống tại làng Hùng Lô, thành phố Việt Trì. Bánh phở được tráng từ gạo tẻ chọn lọc, phơi khô tự nhiên, sợi dai và không dùng chất phụ gia; sản phẩm đạt OCOP 4 sao.",
    descriptionEn:
      "The cooperative brings together households making traditional dried rice noodles (bánh phở) in Hùng Lô village, Việt Trì city. The noodles are steamed from selected rice, naturally dried, chewy in texture and free of additives; they hold a 4-star OCOP rating.",
    representative: "Nguyễn Văn Long",
    phone: "0917385264",
    email: "banhphohunglo@gmail.com",
    address: "Khu 3, xã Hùng Lô",
    status: "approved",
  },
  {
    name: "HTX Bưởi Chí Đám Đoan Hùng",
    kind: "cooperative",
    provinceCode: "25",
    districtCode: "230",
    foundedYear: 2010,
    memberCount: 52,
    sectors: ["fruit_vegetables"],
    descriptionVi:
      "HTX trồng bưởi Sửu và bưởi Bằng Luân, hai giống bưởi đặc sản Đoan Hùng, trên diện tích khoảng 45 ha tại xã Chí Đám. Vườn bưởi được chứng nhận VietGAP, quả được dán tem chỉ dẫn địa lý bưởi Đoan Hùng.",
    descriptionEn:
      "The cooperative grows Sửu and Bằng Luân pomelos, the two specialty Đoan Hùng varieties, on about 45 ha in Chí Đám commune. The orchards are VietGAP certified and the fruit carries the Đoan Hùng pomelo geographical-indication label.",
    representative: "Lê Văn Phúc",
    phone: "0963218047",
    email: "buoichidam@gmail.com",
    address: "Thôn Đoàn Kết, xã Chí Đám",
    status: "approved",
  },
  {
    name: "HTX Chè Long Cốc Xanh",
    kind: "cooperative",
    provinceCode: "25",
    districtCode: "240",
    foundedYear: 2016,
    memberCount: 40,
    sectors: ["tea"],
    descriptionVi:
      "HTX sản xuất chè xanh và chè đen trên vùng đồi chè Long Cốc, huyện Tân Sơn, nơi có hàng trăm quả đồi chè nối tiếp nhau. Ngoài chế biến chè, HTX phối hợp với các hộ dân đón khách du lịch đến chụp ảnh và trải nghiệm hái chè.",
    descriptionEn:
      "The cooperative produces green and black tea on the Long Cốc tea hills in Tân Sơn district, where hundreds of tea-covered hills roll one after another. Alongside tea processing, it works with local households to host tourists who come to take photos and try tea picking.",
    representative: "Hà Văn Quyết",
    phone: "0397164208",
    email: null,
    address: "Xóm Chiềng, xã Long Cốc",
    status: "approved",
  },
  {
    name: "Tổ hợp tác Chè Phú Hộ",
    kind: "cooperative_group",
    provinceCode: "25",
    districtCode: "228",
    foundedYear: 2022,
    memberCount: 9,
    sectors: ["tea"],
    descriptionVi:
      "Tổ hợp tác gồm 9 hộ trồng chè tại xã Phú Hộ, thị xã Phú Thọ, được thành lập năm 2022 để cùng mua vật tư và bán chè búp tươi. Các hộ đang chuyển đổi sang giống chè mới năng suất cao với sự hỗ trợ kỹ thuật của viện nghiên cứu chè trên địa bàn.",
    descriptionEn:
      "This cooperative group of 9 tea-growing households in Phú Hộ commune, Phú Thọ town, was formed in 2022 to buy inputs jointly and sell fresh tea leaves. The households are switching to new high-yield tea varieties with technical support from the local tea research institute.",
    representative: "Trần Thị Lý",
    phone: "0328954170",
    email: null,
    address: "Khu 7, xã Phú Hộ",
    status: "pending",
  },

  // ── An Giang (89) ─────────────────────────────────────────────────────────
  {
    name: "HTX Đường thốt nốt Châu Lăng",
    kind: "cooperative",
    provinceCode: "89",
    districtCode: "891",
    foundedYear: 2015,
    memberCount: 44,
    sectors: ["other"],
    descriptionVi:
      "HTX thu mua nước thốt nốt từ đồng bào Khmer tại xã Châu Lăng, huyện Tri Tôn và nấu thành đường thốt nốt dạng bánh, dạng cát và mật. Sản phẩm không pha đường mía, được chứng nhận OCOP 4 sao.",
    descriptionEn:
      "The cooperative buys palmyra palm sap from Khmer households in Châu Lăng commune, Tri Tôn district, and boils it down into block sugar, granulated sugar and syrup. Its products contain no cane sugar and hold a 4-star OCOP rating.",
    representative: "Chau Sóc Thi",
    phone: "0945172638",
    email: "duongthotnotchaulang@gmail.com",
    address: "Ấp Phước Long, xã Châu Lăng",
    status: "approved",
  },
  {
    name: "Tổ hợp tác Thốt nốt Văn Giáo",
    kind: "cooperative_group",
    provinceCode: "89",
    districtCode: "890",
    foundedYear: 2019,
    memberCount: 18,
    sectors: ["other"],
    descriptionVi:
      "Tổ hợp tác gồm 18 hộ Khmer leo cây lấy nước thốt nốt ở xã Văn Giáo, thị xã Tịnh Biên. Các hộ nấu đường thủ công bằng bếp củi và bán nước thốt nốt tươi cho khách du lịch trên đường lên núi Cấm.",
    descriptionEn:
      "This cooperative group of 18 Khmer households climbs palmyra palms to collect sap in Văn Giáo commune, Tịnh Biên town. The households boil the sugar by hand over wood fires and sell fresh palm juice to tourists on the road up Cấm Mountain.",
    representative: "Néang Chanh Đa",
    phone: "0386702194",
    email: null,
    address: "Ấp Văn Trà, xã Văn Giáo",
    status: "approved",
  },
  {
    name: "HTX Lúa gạo Vọng Đông Xanh",
    kind: "cooperative",
    provinceCode: "89",
    districtCode: "894",
    foundedYear: 2013,
    memberCount: 210,
    sectors: ["rice_grains"],
    descriptionVi:
      "HTX liên kết với doanh nghiệp xuất khẩu gạo, sản xuất lúa thơm Jasmine và ST25 trên cánh đồng lớn khoảng 600 ha tại xã Vọng Đông, huyện Thoại Sơn. HTX cung cấp dịch vụ bơm tưới, sạ hàng, thu hoạch bằng máy và áp dụng quy trình 1 phải 5 giảm.",
    descriptionEn:
      "In partnership with rice-export companies, the cooperative grows Jasmine and ST25 fragrant rice on a large field of about 600 ha in Vọng Đông commune, Thoại Sơn district. It provides irrigation pumping, row seeding and combine-harvesting services and follows the 1 Must Do, 5 Reductions protocol.",
    representative: "Huỳnh Văn Tài",
    phone: "0919486527",
    email: "htxvongdong@gmail.com",
    address: "Ấp Đông Bình, xã Vọng Đông",
    status: "approved",
  },
  {
    name: "HTX Lụa Tân Châu Long Sơn",
    kind: "cooperative",
    provinceCode: "89",
    districtCode: "887",
    foundedYear: 2006,
    memberCount: 26,
    sectors: ["handicrafts"],
    descriptionVi:
      "HTX duy trì nghề dệt lụa Tân Châu truyền thống, trong đó có lụa Mỹ A nhuộm đen bằng trái mặc nưa. Các thành viên dệt trên khung cửi bán tự động và may áo bà ba, khăn choàng bán cho khách trong và ngoài nước.",
    descriptionEn:
      "The cooperative keeps the traditional Tân Châu silk-weaving craft alive, including Mỹ A silk dyed black with mặc nưa (ebony) fruit. Members weave on semi-automatic looms and sew áo bà ba blouses and shawls for customers at home and abroad.",
    representative: "Lâm Thị Tuyết",
    phone: "0918630452",
    email: "luatanchau.longson@gmail.com",
    address: "Khóm Long Hưng 1, phường Long Sơn",
    status: "approved",
  },

  // ── Bắc Giang (24) ────────────────────────────────────────────────────────
  {
    name: "HTX Vải thiều Thanh Hải Lục Ngạn",
    kind: "cooperative",
    provinceCode: "24",
    districtCode: "219",
    foundedYear: 2008,
    memberCount: 95,
    sectors: ["fruit_vegetables"],
    descriptionVi:
      "HTX có khoảng 80 ha vải thiều sản xuất theo tiêu chuẩn VietGAP và GlobalGAP tại xã Thanh Hải, huyện Lục Ngạn. Vải tươi được đóng thùng xuất khẩu sang Nhật Bản, Mỹ và Trung Quốc; phần còn lại được sấy thành vải khô.",
    descriptionEn:
      "The cooperative has about 80 ha of lychee grown to VietGAP and GlobalGAP standards in Thanh Hải commune, Lục Ngạn district. Fresh lychees are boxed for export to Japan, the United States and China, and the rest are dried.",
    representative: "Giáp Văn Cường",
    phone: "0976851320",
    email: "vaithieuthanhhai@gmail.com",
    address: "Thôn Thanh Văn, xã Thanh Hải",
    status: "approved",
  },
  {
    name: "Tổ hợp tác Vải thiều Quý Sơn",
    kind: "cooperative_group",
    provinceCode: "24",
    districtCode: "219",
    foundedYear: 2020,
    memberCount: 22,
    sectors: ["fruit_vegetables"],
    descriptionVi:
      "Tổ hợp tác gồm 22 hộ trồng vải thiều tại xã Quý Sơn, huyện Lục Ngạn, liên kết bán vải tươi qua các sàn thương mại điện tử. Các hộ áp dụng VietGAP trên khoảng 18 ha và có mã số vùng trồng phục vụ xuất khẩu.",
    descriptionEn:
      "This cooperative group of 22 lychee-growing households in Quý Sơn commune, Lục Ngạn district, sells fresh lychees jointly through e-commerce platforms. The households apply VietGAP on about 18 ha and hold a registered growing-area code for export.",
    representative: "Nguyễn Thị Thơm",
    phone: "0345981726",
    email: null,
    address: "Thôn Trại Mới, xã Quý Sơn",
    status: "approved",
  },
  {
    name: "HTX Gà đồi Yên Thế Đồng Vương",
    kind: "cooperative",
    provinceCode: "24",
    districtCode: "215",
    foundedYear: 2012,
    memberCount: 37,
    sectors: ["meat_processed"],
    descriptionVi:
      "HTX chăn nuôi gà đồi thả vườn theo chỉ dẫn địa lý gà đồi Yên Thế tại xã Đồng Vương, với quy mô khoảng 40.000 con mỗi lứa. HTX có cơ sở giết mổ đạt chuẩn và chế biến gà ủ muối, gà hun khói đóng gói hút chân không.",
    descriptionEn:
      "The cooperative raises free-range hill chickens under the Yên Thế hill chicken geographical indication in Đồng Vương commune, at about 40,000 birds per batch. It has a certified slaughterhouse and makes vacuum-packed salt-baked and smoked chicken.",
    representative: "Thân Văn Lợi",
    phone: "0984617253",
    email: "gadoidongvuong@gmail.com",
    address: "Bản Đồng Bông, xã Đồng Vương",
    status: "approved",
  },

  // ── Hà Giang (02) ─────────────────────────────────────────────────────────
  {
    name: "HTX Chè Shan tuyết Nậm Ty",
    kind: "cooperative",
    provinceCode: "02",
    districtCode: "032",
    foundedYear: 2011,
    memberCount: 56,
    sectors: ["tea"],
    descriptionVi:
      "HTX thu hái và chế biến chè từ những cây chè Shan tuyết cổ thụ ở độ cao 1.000–1.400 m tại xã Nậm Ty, huyện Hoàng Su Phì. Sản phẩm gồm chè xanh, bạch trà và hồng trà, được chứng nhận hữu cơ và đạt OCOP 4 sao.",
    descriptionEn:
      "The cooperative picks and processes leaves from ancient shan tuyết tea trees growing at 1,000–1,400 m in Nậm Ty commune, Hoàng Su Phì district. Its range includes green, white and black tea, certified organic and rated 4-star OCOP.",
    representative: "Đặng Văn Siêu",
    phone: "0915284063",
    email: "cheshannamty@gmail.com",
    address: "Thôn Cóc Cọc, xã Nậm Ty",
    status: "approved",
  },
  {
    name: "HTX Chè Shan tuyết Cao Bồ Xanh",
    kind: "cooperative",
    provinceCode: "02",
    districtCode: "030",
    foundedYear: 2015,
    memberCount: 42,
    sectors: ["tea"],
    descriptionVi:
      "HTX sản xuất chè Shan tuyết tại xã Cao Bồ, huyện Vị Xuyên, nơi cây chè mọc trong sương mù quanh năm. Chè được sao thủ công bằng chảo gang, búp chè phủ lớp lông tơ trắng, nước xanh vàng và có hậu ngọt.",
    descriptionEn:
      "The cooperative produces shan tuyết tea in Cao Bồ commune, Vị Xuyên district, where the tea trees grow in mist all year round. The tea is hand-roasted in cast-iron pans; the buds carry a coat of fine white down and brew a yellow-green liquor with a sweet aftertaste.",
    representative: "Bàn Văn Thanh",
    phone: "0867421905",
    email: null,
    address: "Thôn Tham Vè, xã Cao Bồ",
    status: "approved",
  },
  {
    name: "HTX Mật ong bạc hà Sủng Là",
    kind: "cooperative",
    provinceCode: "02",
    districtCode: "026",
    foundedYear: 2016,
    memberCount: 30,
    sectors: ["honey_bee"],
    descriptionVi:
      "HTX nuôi khoảng 600 đàn ong nội ở xã Sủng Là, huyện Đồng Văn, thu mật chủ yếu vào mùa hoa bạc hà dại nở từ tháng 10 đến tháng 12. Mật ong bạc hà có màu vàng sậm, vị ngọt thanh và hơi the; sản phẩm đạt OCOP 3 sao.",
    descriptionEn:
      "The cooperative keeps about 600 colonies of native honeybees in Sủng Là commune, Đồng Văn district, harvesting mainly while the wild mint flowers from October to December. Its mint honey is dark amber with a delicate sweetness and a slightly cool, minty finish, and holds a 3-star OCOP rating.",
    representative: "Vàng Mí Sùng",
    phone: "0399581624",
    email: "matongbachasungla@gmail.com",
    address: "Thôn Lũng Cẩm Trên, xã Sủng Là",
    status: "approved",
  },
  {
    name: "Tổ hợp tác Dệt lanh Hợp Tiến",
    kind: "cooperative_group",
    provinceCode: "02",
    districtCode: "029",
    foundedYear: 2017,
    memberCount: 24,
    sectors: ["handicrafts"],
    descriptionVi:
      "Tổ hợp tác gồm 24 phụ nữ H'Mông ở xã Lùng Tám, huyện Quản Bạ, làm vải lanh theo quy trình truyền thống, từ trồng lanh, tước sợi, dệt vải đến vẽ sáp ong và nhuộm chàm. Sản phẩm gồm khăn, túi, váy và vải lanh nguyên tấm.",
    descriptionEn:
      "This cooperative group of 24 H'Mông women in Lùng Tám commune, Quản Bạ district, makes hemp cloth the traditional way, from growing hemp and splitting the fibre to weaving, beeswax batik and indigo dyeing. Its products include scarves, bags, skirts and whole bolts of hemp cloth.",
    representative: "Vừ Thị Mỷ",
    phone: "0823675140",
    email: null,
    address: "Thôn Hợp Tiến, xã Lùng Tám",
    status: "approved",
  },

  // ── Lào Cai (10) ──────────────────────────────────────────────────────────
  {
    name: "HTX Nấm Hoàng Liên",
    kind: "cooperative",
    provinceCode: "10",
    districtCode: "088",
    foundedYear: 2015,
    memberCount: 21,
    sectors: ["mushrooms", "fruit_vegetables"],
    descriptionVi:
      "HTX trồng nấm hương, nấm đùi gà và nấm linh chi trong nhà màng tại xã Hoàng Liên, thị xã Sa Pa, tận dụng khí hậu mát mẻ quanh năm. Ngoài nấm, HTX trồng su su và cải mèo theo VietGAP, cung cấp cho các nhà hàng, khách sạn ở Sa Pa.",
    descriptionEn:
      "The cooperative grows shiitake, king oyster and lingzhi mushrooms in greenhouses in Hoàng Liên commune, Sa Pa town, taking advantage of the cool year-round climate. Besides mushrooms, it grows chayote and H'Mông mustard greens to VietGAP standards, supplying restaurants and hotels in Sa Pa.",
    representative: "Nguyễn Đức Thịnh",
    phone: "0912953704",
    email: "namhoanglien.sapa@gmail.com",
    address: "Thôn Lao Chải 1, xã Hoàng Liên",
    status: "approved",
  },
  {
    name: "HTX Thảo dược Tả Phìn",
    kind: "cooperative",
    provinceCode: "10",
    districtCode: "088",
    foundedYear: 2023,
    memberCount: 13,
    sectors: ["medicinal_herbs"],
    descriptionVi:
      "HTX do các hộ người Dao đỏ ở xã Tả Phìn thành lập năm 2023 để trồng và thu hái các loại lá thuốc tắm truyền thống. Sản phẩm gồm lá tắm khô đóng gói và cao lá tắm, phục vụ các cơ sở lưu trú và spa tại Sa Pa.",
    descriptionEn:
      "The cooperative was founded in 2023 by Red Dao households in Tả Phìn commune to grow and gather traditional herbal-bath leaves. Its products include packaged dried bath herbs and herbal bath concentrate for lodgings and spas in Sa Pa.",
    representative: "Tẩn Thị Mẩy",
    phone: "0981703462",
    email: null,
    address: "Thôn Sả Séng, xã Tả Phìn",
    status: "pending",
  },

  // ── Quảng Ninh (22) ───────────────────────────────────────────────────────
  {
    name: "HTX Ba kích Đạp Thanh",
    kind: "cooperative",
    provinceCode: "22",
    districtCode: "202",
    foundedYear: 2013,
    memberCount: 29,
    sectors: ["medicinal_herbs"],
    descriptionVi:
      "HTX trồng ba kích tím dưới tán rừng trên diện tích khoảng 25 ha tại xã Đạp Thanh, huyện Ba Chẽ. Củ ba kích được thu hoạch sau 3–4 năm, rút lõi rồi sấy khô hoặc ngâm rượu; sản phẩm đạt OCOP 4 sao.",
    descriptionEn:
      "The cooperative grows purple ba kích (Morinda officinalis) under the forest canopy on about 25 ha in Đạp Thanh commune, Ba Chẽ district. The roots are harvested after 3–4 years, cored, then dried or steeped in liquor; the products hold a 4-star OCOP rating.",
    representative: "Chíu Văn Quân",
    phone: "0966042813",
    email: "bakichdapthanh@gmail.com",
    address: "Thôn Khe Tâm, xã Đạp Thanh",
    status: "approved",
  },
  {
    name: "HTX Đinh lăng Nam Sơn",
    kind: "cooperative",
    provinceCode: "22",
    districtCode: "202",
    foundedYear: 2016,
    memberCount: 18,
    sectors: ["medicinal_herbs"],
    descriptionVi:
      "HTX trồng đinh lăng lá nhỏ trên khoảng 10 ha đất đồi tại xã Nam Sơn, huyện Ba Chẽ. Từ củ và lá đinh lăng, HTX chế biến trà túi lọc, rượu và cao đinh lăng; sản phẩm trà đinh lăng đạt OCOP 3 sao.",
    descriptionEn:
      "The cooperative grows small-leaf đinh lăng (Polyscias fruticosa) on about 10 ha of hillside land in Nam Sơn commune, Ba Chẽ district. From the roots and leaves it makes tea bags, liqueur and đinh lăng extract; its đinh lăng tea holds a 3-star OCOP rating.",
    representative: "Phạm Thị Lụa",
    phone: "0356478012",
    email: "dinhlangnamson@gmail.com",
    address: "Thôn Khe Làng, xã Nam Sơn",
    status: "approved",
  },

  // ── Yên Bái (15) ──────────────────────────────────────────────────────────
  {
    name: "HTX Quế hữu cơ Viễn Sơn",
    kind: "cooperative",
    provinceCode: "15",
    districtCode: "136",
    foundedYear: 2014,
    memberCount: 74,
    sectors: ["spices"],
    descriptionVi:
      "HTX có hơn 300 ha quế được chứng nhận hữu cơ theo tiêu chuẩn EU và USDA tại xã Viễn Sơn, huyện Văn Yên. HTX sơ chế quế thanh, quế ống, quế vụn và chưng cất tinh dầu quế để xuất khẩu.",
    descriptionEn:
      "The cooperative has more than 300 ha of cinnamon certified organic to EU and USDA standards in Viễn Sơn commune, Văn Yên district. It processes cinnamon sticks, quills and broken bark and distils cinnamon oil for export.",
    representative: "Hoàng Văn Lâm",
    phone: "0948217356",
    email: "quehuucovienson@gmail.com",
    address: "Thôn 3, xã Viễn Sơn",
    status: "approved",
  },
  {
    name: "HTX Chè cổ thụ Pang Cáng",
    kind: "cooperative",
    provinceCode: "15",
    districtCode: "140",
    foundedYear: 2012,
    memberCount: 47,
    sectors: ["tea"],
    descriptionVi:
      "HTX của đồng bào H'Mông ở xã Suối Giàng, huyện Văn Chấn, chăm sóc và thu hái chè Shan tuyết cổ thụ, nhiều cây có tuổi đời hàng trăm năm. Chè được chế biến thành chè xanh, chè vàng và hồng trà, đạt OCOP 4 sao.",
    descriptionEn:
      "This cooperative of H'Mông households in Suối Giàng commune, Văn Chấn district, tends and harvests ancient shan tuyết tea trees, many of them hundreds of years old. The leaves are made into green, yellow and black teas that hold a 4-star OCOP rating.",
    representative: "Giàng A Dê",
    phone: "0385416290",
    email: null,
    address: "Bản Pang Cáng, xã Suối Giàng",
    status: "approved",
  },

  // ── Hòa Bình (17) ─────────────────────────────────────────────────────────
  {
    name: "Tổ hợp tác Thổ cẩm Bản Lác",
    kind: "cooperative_group",
    provinceCode: "17",
    districtCode: "156",
    foundedYear: 2011,
    memberCount: 19,
    sectors: ["handicrafts"],
    descriptionVi:
      "Tổ hợp tác gồm 19 phụ nữ Thái ở bản Lác, xã Chiềng Châu, huyện Mai Châu, dệt thổ cẩm trên khung cửi gỗ truyền thống. Sản phẩm gồm khăn, túi, gối và vỏ chăn, bán cho du khách đến thăm bản.",
    descriptionEn:
      "This cooperative group of 19 Thái women in Lác village, Chiềng Châu commune, Mai Châu district, weaves brocade on traditional wooden looms. Its products include scarves, bags, pillows and quilt covers, sold to tourists visiting the village.",
    representative: "Hà Thị Nguyệt",
    phone: "0978025163",
    email: null,
    address: "Bản Lác 1, xã Chiềng Châu",
    status: "approved",
  },

  // ── Sơn La (14) ───────────────────────────────────────────────────────────
  {
    name: "HTX Mận hậu Chiềng Hắc",
    kind: "cooperative",
    provinceCode: "14",
    districtCode: "123",
    foundedYear: 2015,
    memberCount: 45,
    sectors: ["fruit_vegetables"],
    descriptionVi:
      "HTX trồng mận hậu trên khoảng 50 ha tại xã Chiềng Hắc, huyện Mộc Châu, theo tiêu chuẩn VietGAP. Mận chín vào tháng 5–6, được tiêu thụ tươi tại các tỉnh miền Bắc hoặc chế biến thành mận sấy dẻo và ô mai.",
    descriptionEn:
      "The cooperative grows hậu plums on about 50 ha in Chiềng Hắc commune, Mộc Châu district, to VietGAP standards. The plums ripen in May–June and are sold fresh across the northern provinces or made into soft dried plums and ô mai.",
    representative: "Lò Văn Hạnh",
    phone: "0912508736",
    email: "manhauchienghac@gmail.com",
    address: "Bản Bó Định, xã Chiềng Hắc",
    status: "approved",
  },

  // ── Đắk Lắk (66) ──────────────────────────────────────────────────────────
  {
    name: "HTX Cà phê Công bằng Ea Tul",
    kind: "cooperative",
    provinceCode: "66",
    districtCode: "648",
    foundedYear: 2017,
    memberCount: 150,
    sectors: ["other"],
    descriptionVi:
      "HTX gồm các hộ người Kinh và Ê Đê trồng cà phê Robusta trên khoảng 200 ha tại xã Ea Tul, huyện Cư M'gar. Cà phê được sản xuất theo chứng nhận 4C và thương mại công bằng (Fairtrade), thu hái quả chín và chế biến ướt tại xưởng của HTX.",
    descriptionEn:
      "The cooperative's Kinh and Ê Đê households grow Robusta coffee on about 200 ha in Ea Tul commune, Cư M'gar district. The coffee is produced under 4C and Fairtrade certification, picked ripe and wet-processed at the cooperative's own mill.",
    representative: "Y Khoa Niê",
    phone: "0905731846",
    email: "caphecongbangeatul@gmail.com",
    address: "Thôn 4, xã Ea Tul",
    status: "approved",
  },
  {
    name: "HTX Ong mật Krông Năng",
    kind: "cooperative",
    provinceCode: "66",
    districtCode: "650",
    foundedYear: 2023,
    memberCount: 16,
    sectors: ["honey_bee"],
    descriptionVi:
      "HTX được thành lập năm 2023, gồm 16 hộ nuôi ong di chuyển theo mùa hoa cà phê, hoa điều và hoa cao su tại huyện Krông Năng. HTX đang đầu tư máy hạ thủy phần và đăng ký kiểm nghiệm để bán mật ong đóng chai.",
    descriptionEn:
      "Founded in 2023, the cooperative has 16 beekeeping households that move their hives with the coffee, cashew and rubber flowering seasons in Krông Năng district. It is investing in a moisture-reduction machine and applying for laboratory testing so it can sell bottled honey.",
    representative: "Nguyễn Văn Tiến",
    phone: "0332847019",
    email: "ongmatkrongnang@gmail.com",
    address: "Thôn Giang Đông, xã Tam Giang",
    status: "pending",
  },

  // ── Lâm Đồng (68) ─────────────────────────────────────────────────────────
  {
    name: "HTX Rau an toàn Lạc Xuân",
    kind: "cooperative",
    provinceCode: "68",
    districtCode: "677",
    foundedYear: 2009,
    memberCount: 68,
    sectors: ["fruit_vegetables"],
    descriptionVi:
      "HTX sản xuất bắp cải, cà chua, súp lơ và ớt chuông trên khoảng 45 ha tại xã Lạc Xuân, huyện Đơn Dương, phần lớn trong nhà kính. Toàn bộ diện tích đạt VietGAP, một phần đạt GlobalGAP; rau được sơ chế, đóng gói và giao cho các hệ thống siêu thị tại TP. Hồ Chí Minh.",
    descriptionEn:
      "The cooperative grows cabbage, tomatoes, cauliflower and bell peppers on about 45 ha in Lạc Xuân commune, Đơn Dương district, mostly under greenhouses. The whole area is VietGAP certified and part of it GlobalGAP; the vegetables are trimmed, packed and delivered to supermarket chains in Hồ Chí Minh City.",
    representative: "Đinh Văn Hòa",
    phone: "0913847260",
    email: "rauantoanlacxuan@gmail.com",
    address: "Thôn Lạc Thạnh, xã Lạc Xuân",
    status: "approved",
  },
];
