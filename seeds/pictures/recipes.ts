/**
 * What a demo product's picture shows, read from its Vietnamese name and category: star anise for "hồi", quills
 * for "quế", a skein for "miến", a pomelo for "bưởi"; and what it comes in, from the pack words of the name
 * ("túi", "hộp quà", "hũ", "chai 10ml", "bán sỉ"…).
 */
import type { Sector } from "../../server/vocabulary/domain";
import {
  basket,
  bellPepper,
  broccoli,
  cabbage,
  chayote,
  chicken,
  fabricRoll,
  flower,
  fruitTwig,
  garment,
  gioRoll,
  greens,
  herbPillow,
  honeycomb,
  lampShade,
  matcha,
  noodleBowl,
  palmFruit,
  phin,
  pomelo,
  pomeloHalf,
  powder,
  roundMat,
  skein,
  skeinIcon,
  teaCake,
  teaCup,
  teapot,
  tissueBox,
  trays,
  waxBlock,
  type Garment,
  type Hero,
} from "./heroes";
import {
  barkChip,
  beadedRoot,
  cinnamonQuill,
  coffeeBean,
  driedFruit,
  fiveLeaflets,
  frillyLeaf,
  grain,
  granule,
  hexCell,
  kingOyster,
  leaf,
  lychee,
  mandarin,
  peelStrip,
  persimmon,
  plum,
  reishi,
  riceEar,
  rootChunk,
  rootSlice,
  shiitake,
  starAnise,
  sugarDisc,
  sweetBar,
  teaBud,
  teaCurl,
  teaHook,
  teaShoot,
  tomato,
  type Piece,
} from "./pieces";
import { hsl, n, type Rng } from "./svg";

export type Container =
  | "pouch"
  | "box"
  | "gift"
  | "tin"
  | "jar"
  | "bottle"
  | "dropper"
  | "jug"
  | "sack"
  | "brick"
  | "teabags"
  | "crate"
  | "none";

export interface Recipe {
  /** What the product is made of, in piles, jars and windows. */
  piece: Piece;
  /** Drawn on labels and sacks, when the piece alone would not say it (a tea shoot rather than a curled leaf). */
  motif?: Piece;
  /** Scale of `piece` in piles (pieces are about 60 units across). */
  scale: number;
  /** How far a piece may turn in a pile, in degrees either way: 180 for pods and leaves, less for mushrooms. */
  spin?: number;
  /** Colour under a pile, or filling a jar between the pieces. */
  base: string;
  container: Container;
  /** The product pictured as itself, beside its pack or alone. */
  hero?: Hero;
  /** Liquid in a bottle. */
  liquid?: string;
  /** Pieces steeped in the bottle (roots in rượu ba kích). */
  steeped?: boolean;
  /** A second, smaller thing beside the hero (the cup by the teapot). */
  side?: Hero;
  /** Small things strewn on the table (fresh tea shoots, a flower, a few pods). */
  props?: Piece;
  /** Tết gift: a blossom branch across the picture. */
  festive?: boolean;
  /** The hero stands alone (a basket, a scarf): nothing served beside it. */
  alone?: boolean;
}

/** The name as words between spaces, lower case, so that "hũ" is found and "hồng trà" is not "hồng". */
function words(name: string) {
  return ` ${name
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .replace(/[^\p{L}\p{N}]+/gu, " ")} `;
}
const has = (w: string, ...terms: string[]) => terms.some((t) => w.includes(` ${t} `));

/** The pack, from the words of the name; "none" for produce sold loose or as itself. */
export function containerOf(name: string): Container {
  const w = words(name);
  if (has(w, "hộp quà", "bộ quà", "thùng quà", "quà tết")) return "gift";
  if (has(w, "túi lọc")) return "teabags";
  if (has(w, "hút chân không")) return "brick";
  if (/ 10 ?ml /.test(w)) return "dropper";
  if (/ [12] ?lít /.test(w) || has(w, "bình")) return "jug";
  if (has(w, "chai") || / \d+ ?ml /.test(w)) return "bottle";
  if (has(w, "hũ", "lọ")) return "jar";
  if (has(w, "thùng")) return "crate";
  if (has(w, "bao", "sỉ", "nguyên liệu", "đặt hàng")) return "sack";
  if (has(w, "hộp")) return "box";
  if (has(w, "túi", "gói")) return "pouch";
  return "none";
}

const strand =
  (colour: string): Piece =>
  () =>
    `<path d="M-24 0q6-8 12 0t12 0 12 0 12 0" stroke="${colour}" stroke-width="6" fill="none" stroke-linecap="round"/>`;

const chickenFoot: Piece = (rng) =>
  `<path d="M0 20V-6M0-6L-16-26M0-6L0-30M0-6L16-26" stroke="${hsl(40, 45, rng.range(80, 86))}" stroke-width="9" stroke-linecap="round"/>`;

const limeSlice: Piece = () =>
  `<circle r="18" fill="${hsl(85, 60, 45)}"/><circle r="14" fill="${hsl(75, 60, 80)}"/><path d="M0-12V12M-12 0H12M-8-8 8 8M8-8-8 8" stroke="${hsl(85, 50, 60)}" stroke-width="2"/>`;

const sugarCube: Piece = (rng) =>
  `<rect x="-10" y="-10" width="20" height="20" rx="3" fill="${hsl(32, 55, 45 + rng.range(-5, 5))}"/>`;

const pepper: Piece = (rng) =>
  `<path d="M-24-20Q-28 22-10 22Q0 16 10 22Q28 22 24-20Q12-30 0-26Q-12-30-24-20Z" fill="${hsl(rng.pick([0, 48, 110]), 80, 45)}"/><path d="M0-26q0-10 8-14" stroke="${hsl(110, 45, 30)}" stroke-width="6" fill="none"/>`;

const darkPaste = hsl(20, 40, 14);

/** Everything about the product's picture but its layout. */
export function recipeFor(p: { nameVi: string; category: Sector }, rng: Rng): Recipe {
  const w = words(p.nameVi);
  const packed = containerOf(p.nameVi);
  // "…200g" with no pack named still comes in one: a pouch, or a caddy.
  const container = packed === "none" && / \d+ ?g /.test(w) ? (rng.chance(0.6) ? "pouch" : "tin") : packed;
  const recipe = byCategory[p.category](w, container, rng);
  return { scale: 1, container, ...recipe };
}

type Partial = Omit<Recipe, "scale" | "container"> & { scale?: number; container?: Container };
type ByCategory = (w: string, container: Container, rng: Rng) => Partial;

const liquorOf = (w: string) =>
  has(w, "hồng trà", "chè đen", "trà đen")
    ? hsl(10, 65, 35)
    : has(w, "trà vàng")
      ? hsl(40, 75, 48)
      : has(w, "bạch trà")
        ? hsl(50, 50, 78)
        : hsl(62, 60, 58);

const tea: ByCategory = (w, container, rng) => {
  const liquor = liquorOf(w);
  const piece = has(w, "móc câu")
    ? teaHook(95, 35, 24)
    : has(w, "bạch trà")
      ? teaBud(75, 12, 76)
      : has(w, "nõn", "tôm", "búp", "đinh")
        ? teaBud(88, 38, 32)
        : has(w, "hồng trà", "chè đen", "trà đen")
          ? teaCurl(15, 40, 16)
          : has(w, "trà vàng")
            ? teaCurl(40, 55, 38)
            : has(w, "shan tuyết", "cổ thụ")
              ? teaCurl(85, 18, 38)
              : teaCurl(88, 30, 26);
  const base = hsl(80, 25, 20);
  const props = has(w, "nhài")
    ? flower("jasmine")
    : has(w, "sen")
      ? flower("lotus")
      : rng.chance(0.6)
        ? teaShoot
        : piece;
  const motif = teaShoot;
  if (has(w, "bánh trà")) return { piece, motif, base, hero: teaCake, container: "none", props: teaShoot };
  if (has(w, "bột trà")) {
    const dust: Piece = (r) => `<circle r="${n(r.range(4, 7))}" fill="${hsl(90, 55, 45)}"/>`;
    return { piece: dust, motif, base, hero: matcha, container: "tin" };
  }
  if (has(w, "ấm chén")) return { piece, motif, base, hero: teapot, side: teaCup(liquor), props: teaShoot };
  const scale = has(w, "vụn") ? 0.6 : 1;
  const festive = has(w, "tết");
  // Loose tea is heaped on a tray with a cup beside it; packed tea stands by a cup or a dish of its leaves.
  if (container === "none") return { piece, motif, base, side: teaCup(liquor), scale, props };
  return { piece, motif, base, hero: rng.chance(0.5) ? teaCup(liquor) : undefined, scale, props, festive };
};

const noodles: ByCategory = (w, container) => {
  if (has(w, "tinh bột"))
    return {
      piece: (r) => `<circle r="${r.range(5, 8)}" fill="#f7f5ef"/>`,
      base: "#eeeae0",
      hero: powder("#f6f4ee"),
    };
  const colours = has(w, "ngũ sắc")
    ? [hsl(130, 45, 55), hsl(280, 35, 55), hsl(30, 80, 60), hsl(50, 80, 62), hsl(0, 60, 62)]
    : has(w, "gạo lứt")
      ? [hsl(30, 40, 62), hsl(28, 35, 55), hsl(32, 40, 68)]
      : has(w, "phở", "bún")
        ? ["#f7f4ec", "#efe9dc", "#fbf9f3"]
        : [hsl(35, 25, 72), hsl(30, 25, 62), hsl(40, 20, 80)];
  const flat = has(w, "phở");
  const piece = strand(colours[1]!);
  const motif = skeinIcon(colours[1]!);
  const hero =
    has(w, "vụn") || (container !== "none" && !has(w, "sỉ"))
      ? has(w, "vụn") || has(w, "gia vị")
        ? noodleBowl(colours[0]!, has(w, "phở") ? hsl(35, 50, 75) : hsl(30, 45, 60))
        : skein(colours, flat)
      : skein(colours, flat);
  return {
    piece,
    motif,
    base: colours[0]!,
    hero,
    props: has(w, "gia vị") ? starAnise : undefined,
    container: container === "none" && !has(w, "sỉ", "vụn") ? "none" : container,
  };
};

const herbs: ByCategory = (w, container) => {
  const root = has(w, "ba kích")
    ? beadedRoot(325, 28, 36)
    : has(w, "hà thủ ô")
      ? rootChunk(10, 40, 25)
      : has(w, "cát sâm")
        ? rootSlice(40, 40, 82)
        : has(w, "rễ")
          ? rootSlice(38, 30, 78)
          : has(w, "giảo cổ lam")
            ? fiveLeaflets
            : frillyLeaf;
  if (has(w, "gối"))
    return { piece: frillyLeaf, base: hsl(100, 30, 40), hero: herbPillow, props: frillyLeaf };
  if (has(w, "cao")) return { piece: root, base: darkPaste, props: frillyLeaf };
  if (has(w, "rượu"))
    return {
      piece: root,
      base: hsl(28, 60, 30),
      liquid: hsl(28, 75, 38),
      steeped: true,
      props: root,
      scale: 0.9,
    };
  if (has(w, "mật ong")) return { piece: root, base: hsl(36, 90, 45), props: root };
  return {
    piece: root,
    base: has(w, "ba kích") ? hsl(325, 20, 25) : hsl(35, 30, 40),
    props: container === "teabags" ? root : has(w, "hà thủ ô") ? granule(0, 0, 12) : undefined,
  };
};

const spices: ByCategory = (w) => {
  const cinnamon = has(w, "quế") && !has(w, "hồi");
  const piece = has(w, "vụn") ? barkChip : cinnamon ? cinnamonQuill(has(w, "ống") ? 120 : 150) : starAnise;
  const mixed: Piece = (r) => (r.chance(0.5) ? starAnise(r) : cinnamonQuill(110)(r));
  if (has(w, "tinh dầu"))
    return {
      piece,
      base: hsl(40, 60, 60),
      liquid: hsl(45, 80, 65),
      props: cinnamon ? cinnamonQuill(130) : starAnise,
    };
  if (has(w, "bột"))
    return {
      piece,
      base: hsl(22, 50, 38),
      hero: powder(cinnamon ? hsl(24, 55, 42) : hsl(18, 45, 32)),
      props: piece,
    };
  if (has(w, "gia vị")) return { piece: mixed, base: hsl(20, 40, 28), props: mixed };
  return { piece, base: hsl(18, 40, 24), props: piece, scale: cinnamon ? 0.8 : 1 };
};

const fruit: ByCategory = (w, container, rng) => {
  if (has(w, "hồng")) {
    const dried = has(w, "sấy", "treo");
    return {
      piece: dried ? driedFruit(20, 65, 40) : persimmon,
      base: hsl(20, 60, 35),
      props: dried ? undefined : persimmon,
    };
  }
  if (has(w, "trần bì", "vỏ quýt"))
    return { piece: peelStrip(28, 70, 42), base: hsl(25, 60, 30), props: mandarin };
  if (has(w, "quýt"))
    return {
      piece: mandarin,
      base: hsl(30, 70, 40),
      scale: 1.4,
      props: (r) => `<g transform="rotate(${r.range(0, 90)})">${leaf(26, hsl(115, 50, 30))}</g>`,
    };
  if (has(w, "mứt vỏ bưởi")) return { piece: peelStrip(55, 60, 78), base: hsl(50, 50, 70), hero: pomeloHalf };
  if (has(w, "bưởi"))
    return {
      piece: (r) => `<circle r="${r.range(22, 28)}" fill="${hsl(r.range(60, 75), 55, 50)}"/>`,
      base: hsl(65, 45, 40),
      hero: rng.chance(0.5) ? pomelo : pomeloHalf,
      props: (r) => `<g transform="rotate(${r.range(0, 90)})">${leaf(40, hsl(120, 50, 30))}</g>`,
      container: container === "none" ? "none" : container,
    };
  if (has(w, "cùi vải")) return { piece: driedFruit(38, 45, 68), base: hsl(35, 40, 55), props: lychee };
  if (has(w, "vải")) {
    if (has(w, "nước cốt"))
      return { piece: lychee, base: hsl(356, 60, 40), liquid: hsl(40, 60, 86), props: lychee };
    if (has(w, "sấy")) return { piece: driedFruit(25, 45, 33), base: hsl(25, 40, 25), props: lychee };
    return { piece: lychee, base: hsl(356, 55, 35), hero: fruitTwig(lychee, 8, 22), props: lychee };
  }
  if (has(w, "mận")) {
    if (has(w, "siro")) return { piece: plum, base: hsl(340, 50, 30), liquid: hsl(345, 65, 35), props: plum };
    if (has(w, "ô mai")) return { piece: driedFruit(350, 45, 28), base: hsl(350, 40, 22), props: plum };
    if (has(w, "sấy")) return { piece: driedFruit(345, 40, 32), base: hsl(345, 40, 24), props: plum };
    return { piece: plum, base: hsl(338, 40, 30), hero: fruitTwig(plum, 6, 24), props: plum };
  }
  if (has(w, "su su"))
    return {
      piece: (r) => `<ellipse rx="20" ry="26" fill="${hsl(r.range(80, 95), 45, 60)}"/>`,
      base: hsl(85, 40, 45),
      hero: chayote,
    };
  if (has(w, "cải mèo"))
    return { piece: (r) => leaf(26, hsl(r.range(115, 130), 50, 33)), base: hsl(120, 40, 28), hero: greens };
  if (has(w, "bắp cải"))
    return { piece: (r) => leaf(26, hsl(95, 45, r.range(45, 60))), base: hsl(95, 40, 45), hero: cabbage };
  if (has(w, "súp lơ"))
    return {
      piece: (r) => `<circle r="18" fill="${hsl(125, 45, r.range(24, 34))}"/>`,
      base: hsl(125, 40, 26),
      hero: broccoli,
    };
  if (has(w, "ớt chuông"))
    return {
      piece: pepper,
      base: hsl(10, 50, 35),
      hero: bellPepper(rng.pick([0, 48, 110])),
      side: bellPepper(rng.pick([0, 48, 110])),
      props: pepper,
    };
  if (has(w, "thùng rau"))
    return {
      piece: (r) => (r.chance(0.5) ? tomato(r) : `<circle r="22" fill="${hsl(125, 45, r.range(24, 34))}"/>`),
      base: hsl(30, 40, 40),
      hero: cabbage,
      props: tomato,
    };
  return { piece: tomato, base: hsl(5, 60, 35), scale: 1.3, props: tomato };
};

const mushrooms: ByCategory = (w) => {
  if (has(w, "linh chi"))
    return has(w, "thái lát")
      ? { piece: rootSlice(15, 50, 35), base: hsl(10, 45, 20), props: reishi }
      : { piece: reishi, base: hsl(10, 45, 20), props: reishi };
  if (has(w, "đùi gà"))
    return { piece: kingOyster, base: hsl(40, 30, 70), scale: 1.6, spin: 30, props: kingOyster };
  const dried = !has(w, "tươi");
  return {
    piece: shiitake(dried),
    base: hsl(25, 35, 20),
    scale: dried ? 1.1 : 1.3,
    spin: 40,
    props: shiitake(dried),
  };
};

const rice: ByCategory = (w) => {
  const piece = has(w, "nếp")
    ? grain(45, 20, 96, true)
    : has(w, "lứt đỏ")
      ? grain(8, 45, 40)
      : has(w, "lứt")
        ? grain(30, 45, 55)
        : grain(45, 25, 92);
  const base = has(w, "lứt đỏ") ? hsl(8, 40, 32) : has(w, "lứt") ? hsl(30, 40, 45) : hsl(45, 20, 86);
  return { piece, motif: riceEar, base, scale: 1, props: riceEar };
};

const honey: ByCategory = (w) => {
  if (has(w, "sáp ong")) return { piece: hexCell, base: hsl(45, 85, 55), hero: waxBlock, props: hexCell };
  if (has(w, "phấn hoa")) return { piece: granule(35, 85, 52), base: hsl(38, 85, 45), props: flower("mint") };
  return {
    piece: hexCell,
    base: hsl(36, 90, 45),
    liquid: hsl(34, 90, 42),
    hero: honeycomb,
    props: has(w, "bạc hà") ? flower("mint") : flower("coffee"),
  };
};

const meat: ByCategory = (w) => {
  if (has(w, "chân gà")) return { piece: chickenFoot, base: hsl(45, 50, 70), props: limeSlice };
  if (has(w, "gà xé")) return { piece: peelStrip(38, 45, 72), base: hsl(40, 45, 62), props: limeSlice };
  if (has(w, "giò")) return { piece: limeSlice, base: hsl(20, 35, 84), hero: gioRoll, container: "none" };
  const skin = has(w, "hun khói") ? hsl(22, 55, 35) : has(w, "làm sạch") ? hsl(38, 45, 80) : hsl(44, 75, 58);
  return { piece: limeSlice, base: skin, hero: chicken(skin), props: limeSlice };
};

const handicrafts: ByCategory = (w, _container, rng) => {
  const sprig: Piece = (r) =>
    `<g transform="rotate(${n(r.range(0, 90))})">${leaf(22, hsl(r.range(100, 130), 45, 35))}</g>`;
  const asIs = (hero: Hero): Partial => ({
    piece: sprig,
    base: "#ddd",
    hero,
    container: "none",
    alone: true,
  });
  if (has(w, "giỏ cói")) return asIs(basket(false, true, hsl(50, 40, 66), hsl(40, 40, 44)));
  if (has(w, "giỏ"))
    return asIs(basket(has(w, "nắp") || rng.chance(0.5), false, hsl(38, 55, 62), hsl(30, 50, 40)));
  if (has(w, "khay")) return asIs(trays);
  if (has(w, "chao đèn")) return asIs(lampShade);
  if (has(w, "thảm")) return asIs(roundMat);
  if (has(w, "khăn giấy")) return asIs(tissueBox);
  const style = has(w, "lụa")
    ? "silk"
    : has(w, "chàm", "sáp ong")
      ? "indigo"
      : has(w, "lanh")
        ? "linen"
        : "brocade";
  const base =
    style === "silk"
      ? has(w, "mỹ a")
        ? "#1c1c1c"
        : rng.pick([hsl(350, 60, 38), hsl(210, 55, 35), hsl(45, 70, 50), hsl(160, 40, 32)])
      : style === "indigo"
        ? hsl(220, 45, 26)
        : style === "linen"
          ? hsl(40, 25, 82)
          : rng.pick(["#1c1c1c", hsl(220, 45, 22), hsl(355, 60, 30)]);
  const kind: Garment | "roll" = has(w, "mét", "tấm")
    ? "roll"
    : has(w, "túi")
      ? "bag"
      : has(w, "ví")
        ? "wallet"
        : has(w, "khăn trải bàn")
          ? "cloth"
          : has(w, "khăn")
            ? "scarf"
            : has(w, "áo")
              ? "shirt"
              : has(w, "váy")
                ? "skirt"
                : has(w, "cà vạt")
                  ? "tie"
                  : has(w, "vỏ gối")
                    ? "pillow"
                    : has(w, "vỏ chăn")
                      ? "blanket"
                      : has(w, "lót ly")
                        ? "coasters"
                        : "cloth";
  return asIs(kind === "roll" ? fabricRoll(style, base) : garment(kind, style, base));
};

const other: ByCategory = (w, container) => {
  if (has(w, "cà phê")) {
    if (has(w, "nhân"))
      return { piece: coffeeBean(70, 25, 62), base: hsl(70, 20, 50), props: coffeeBean(70, 25, 62) };
    const roast = coffeeBean(22, has(w, "honey") ? 45 : 50, has(w, "honey") ? 32 : 24);
    if (has(w, "bột", "phin"))
      return { piece: granule(22, 50, 22), base: hsl(22, 50, 20), hero: phin, props: roast };
    return {
      piece: roast,
      base: hsl(22, 45, 18),
      hero: container === "none" ? undefined : phin,
      props: roast,
    };
  }
  if (has(w, "bánh cáy"))
    return {
      piece: sweetBar,
      base: hsl(38, 50, 70),
      props: has(w, "chè lam") ? sweetBar : flower("blossom"),
    };
  if (has(w, "trái thốt nốt")) return { piece: sugarDisc, base: hsl(30, 50, 40), hero: palmFruit };
  if (has(w, "nước thốt nốt"))
    return { piece: sugarDisc, base: hsl(45, 30, 85), liquid: hsl(45, 40, 88), hero: palmFruit };
  if (has(w, "mật", "sên lỏng"))
    return { piece: sugarDisc, base: hsl(28, 70, 32), liquid: hsl(28, 75, 32), props: sugarDisc };
  if (has(w, "cát")) return { piece: granule(32, 55, 45), base: hsl(32, 55, 42), props: sugarDisc };
  if (has(w, "viên")) return { piece: sugarCube, base: hsl(32, 50, 38), props: sugarCube, hero: phin };
  return { piece: sugarDisc, base: hsl(30, 50, 35), props: sugarDisc, scale: 1.6 };
};

const byCategory: Record<Sector, ByCategory> = {
  tea,
  vermicelli_noodles: noodles,
  medicinal_herbs: herbs,
  mushrooms,
  rice_grains: rice,
  fruit_vegetables: fruit,
  honey_bee: honey,
  spices,
  meat_processed: meat,
  handicrafts,
  other,
};
