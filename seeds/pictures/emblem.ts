/**
 * A demo cooperative's logo: an emblem (round, shield, hexagon, arch; a rounded tile for a cooperative group, a
 * ring of dots for a union) in colours of its own, holding a small landscape and a motif of what it makes (a tea
 * shoot, star anise, a skein, a lychee twig, a rooster…). No letters: the page writes the name beside it.
 */
import type { CooperativeKind, Sector } from "../../server/vocabulary/domain";
import { basket, skeinIcon } from "./heroes";
import {
  beadedRoot,
  cinnamonQuill,
  coffeeBean,
  fiveLeaflets,
  frillyLeaf,
  hexCell,
  leaf,
  lychee,
  mandarin,
  persimmon,
  plum,
  riceEar,
  roundFruit,
  shiitake,
  starAnise,
  sweetBar,
  teaShoot,
  tomato,
  type Piece,
} from "./pieces";
import { bee } from "./heroes";
import { Defs, at, hsl, n, rngFrom, svgDocument, times, type Rng } from "./svg";

const SIZE = 512;

export interface EmblemCooperative {
  name: string;
  kind: CooperativeKind;
  sectors: readonly Sector[];
}

/** Main hue per sector; each cooperative turns it a little. */
const HUES: Record<Sector, number> = {
  tea: 140,
  vermicelli_noodles: 35,
  medicinal_herbs: 100,
  mushrooms: 25,
  rice_grains: 48,
  fruit_vegetables: 15,
  honey_bee: 40,
  spices: 10,
  meat_processed: 0,
  handicrafts: 28,
  other: 200,
};

/** The SVG of a cooperative's emblem, `px` pixels square. */
export function drawCooperativeEmblem(c: EmblemCooperative, px = 256): Buffer {
  const rng = rngFrom(`emblem:${c.name}`);
  const defs = new Defs();
  const sector = c.sectors[0] ?? "other";
  const hue = HUES[sector] + rng.range(-18, 18);
  const main = hsl(hue, rng.range(40, 60), rng.range(24, 34));
  const accent = rng.pick(["#e9c46a", "#f4efe6", "#f2d58a", hsl(hue + 180, 45, 75)]);
  const shapeName =
    c.kind === "cooperative_group"
      ? "tile"
      : rng.pick(["round", "shield", "hexagon", "arch", "round"] as const);
  const outer = shape(shapeName, 256, 256, 220);
  const inner = shape(shapeName, 256, 256, 178);
  const clip = defs.clip(inner);
  const ground = hsl(hue + rng.range(-30, 30), 40, rng.range(62, 72));
  const skyTop = hsl(hue + rng.range(120, 200), 35, 92);
  const sky = defs.gradient(skyTop, "#fffdf7");
  const landscape =
    `<rect width="${SIZE}" height="${SIZE}" fill="${sky}"/>` +
    (rng.chance(0.6)
      ? `<circle cx="${n(rng.range(170, 340))}" cy="${n(rng.range(150, 200))}" r="${n(rng.range(44, 64))}" fill="${hsl(45, 90, 72)}"/>`
      : "") +
    hills(rng, ground) +
    `<rect y="${n(rng.range(380, 400))}" width="${SIZE}" height="140" fill="${hsl(hue, 35, 45)}" fill-opacity=".35"/>`;
  const motif = motifFor(c.name, sector, rng);
  const body =
    `<rect width="${SIZE}" height="${SIZE}" fill="${hsl(hue, 35, 95)}"/>` +
    (c.kind === "cooperative_union"
      ? times(
          16,
          (i) =>
            `<circle cx="${n(256 + Math.cos((i * Math.PI) / 8) * 240)}" cy="${n(256 + Math.sin((i * Math.PI) / 8) * 240)}" r="9" fill="${main}"/>`,
        )
      : "") +
    outer.replace("/>", ` fill="${main}"/>`) +
    `<g clip-path="${clip}">${landscape}${arrange(rng, motif)}</g>` +
    inner.replace("/>", ` fill="none" stroke="${accent}" stroke-width="12"/>`);
  return svgDocument(SIZE, SIZE, px, px, defs, body);
}

function hills(rng: Rng, colour: string) {
  const y = rng.range(300, 350);
  return (
    `<path d="M0 ${n(y)}Q${n(rng.range(80, 200))} ${n(y - rng.range(60, 110))} 256 ${n(y - 10)}T512 ${n(y - rng.range(20, 60))}V512H0Z" fill="${colour}" fill-opacity=".6"/>` +
    `<path d="M0 ${n(y + 50)}Q${n(rng.range(240, 380))} ${n(y - rng.range(20, 60))} 512 ${n(y + 40)}V512H0Z" fill="${colour}"/>`
  );
}

/** An SVG element for the shape, centred on (cx, cy), `r` from the centre to its edge. */
function shape(kind: "round" | "shield" | "hexagon" | "arch" | "tile", cx: number, cy: number, r: number) {
  switch (kind) {
    case "round":
      return `<circle cx="${cx}" cy="${cy}" r="${r}"/>`;
    case "tile":
      return `<rect x="${cx - r}" y="${cy - r}" width="${2 * r}" height="${2 * r}" rx="${n(r * 0.28)}"/>`;
    case "hexagon":
      return `<path d="${times(6, (i) => `${i ? "L" : "M"}${n(cx + r * Math.cos((Math.PI / 3) * i + Math.PI / 6))} ${n(cy + r * Math.sin((Math.PI / 3) * i + Math.PI / 6))}`)}Z"/>`;
    case "arch":
      return `<path d="M${cx - r} ${cy + r}V${cy - r * 0.1}A${r} ${r} 0 0 1 ${cx + r} ${cy - r * 0.1}V${cy + r}Z"/>`;
    case "shield":
      return `<path d="M${cx - r} ${cy - r * 0.85}Q${cx} ${cy - r * 1.1} ${cx + r} ${cy - r * 0.85}V${n(cy + r * 0.05)}Q${cx + r} ${n(cy + r * 0.75)} ${cx} ${cy + r}Q${cx - r} ${n(cy + r * 0.75)} ${cx - r} ${n(cy + r * 0.05)}Z"/>`;
  }
}

interface Motif {
  piece: Piece;
  /** Scale of one piece in the emblem. */
  scale: number;
  /** How many: one large, or a small group. */
  count: 1 | 2 | 3;
}

const rooster: Piece = () =>
  `<path d="M-30 30Q-60 0-40-30Q-20-50 10-40Q14-60 30-56Q44-52 36-40Q50-30 40-10Q60-30 62 0Q58 30 20 36Z" fill="${hsl(15, 70, 45)}"/>` +
  `<path d="M20-56l6-12 6 10 6-8 2 12Z" fill="#c0392b"/><circle cx="26" cy="-44" r="3" fill="#222"/><path d="M38-40l10 4-10 3Z" fill="#e9a23b"/>` +
  `<path d="M-40-30Q-70-60-56-10M-44-20Q-80-30-60 10" stroke="${hsl(140, 40, 30)}" stroke-width="8" fill="none"/>` +
  `<path d="M0 34v18M14 34v18" stroke="#e9a23b" stroke-width="5"/>`;

const fish: Piece = () =>
  `<path d="M-50 0Q-10-34 30-10L52-28V28L30 10Q-10 34-50 0Z" fill="${hsl(200, 45, 55)}"/><circle cx="-30" cy="-4" r="5" fill="#fff"/>` +
  `<path d="M-10-14Q0 0-10 14" stroke="#fff" stroke-opacity=".6" stroke-width="4" fill="none"/>`;

const palmTree: Piece = () =>
  `<path d="M0 60Q6 0 0-40" stroke="${hsl(30, 35, 35)}" stroke-width="9" fill="none"/>` +
  times(
    7,
    (i) =>
      `<g transform="translate(0 -42) rotate(${-150 + i * 40})"><path d="M0 0Q28-14 56 0Q28 6 0 0Z" fill="${hsl(120, 45, 32)}"/></g>`,
  );

const brocade: Piece = () =>
  `<rect x="-50" y="-40" width="100" height="80" rx="8" fill="#1c1c1c"/>` +
  times(
    3,
    (i) =>
      `<path transform="translate(${-30 + i * 30} -14)" d="M0-12L10 0 0 12-10 0Z" fill="${["#e63946", "#f4a261", "#2a9d8f"][i]}"/>`,
  ) +
  `<path d="M-46 18l10-8 10 8 10-8 10 8 10-8 10 8 10-8 10 8 10-8" stroke="#e9c46a" stroke-width="4" fill="none"/>`;

const silk: Piece = () =>
  `<path d="M-50-30Q-10-50 10-20T50 10Q20 40-10 20T-50-30Z" fill="${hsl(340, 55, 45)}"/><path d="M-40-24Q0-36 14-14T44 10" stroke="#fff" stroke-opacity=".4" stroke-width="5" fill="none"/>`;

const flax: Piece = () =>
  `<path d="M0 50V-10" stroke="${hsl(110, 30, 35)}" stroke-width="4"/>` +
  times(
    5,
    (i) =>
      `<ellipse transform="translate(0 -24) rotate(${i * 72})" cy="-14" rx="9" ry="15" fill="${hsl(220, 55, 62)}"/>`,
  ) +
  `<circle cy="-24" r="6" fill="${hsl(48, 80, 60)}"/>`;

const pomeloIcon: Piece = () =>
  roundFruit(40, hsl(70, 55, 50)) +
  `<g transform="translate(18 -46) rotate(-30)">${leaf(20, hsl(120, 50, 30))}</g>`;

const cabbageIcon: Piece = () =>
  `<circle r="40" fill="${hsl(95, 45, 55)}"/><path d="M-30 10Q0-50 30 10M-20 24Q0-20 20 24" stroke="${hsl(95, 40, 38)}" stroke-width="4" fill="none"/>`;

const rattan = basket(false, true, hsl(38, 55, 62), hsl(30, 50, 40));
const basketIcon: Piece = (rng) => rattan({ rng, defs: new Defs() }, 0, 40, 0.2);

const teaBowl: Piece = () =>
  `<path d="M-46-10Q-46 34 0 34Q46 34 46-10Z" fill="#f6f3ec"/><ellipse cy="-10" rx="46" ry="10" fill="${hsl(62, 60, 58)}"/>` +
  `<path d="M-8-24q-10-16 0-32M10-24q-10-16 0-32" stroke="#fff" stroke-width="5" fill="none" stroke-linecap="round"/>` +
  `<g transform="translate(44 20) rotate(-30)">${leaf(20, hsl(120, 50, 32))}</g>`;

function motifFor(name: string, sector: Sector, rng: Rng): Motif {
  const w = ` ${name.toLocaleLowerCase("vi")} `;
  const has = (...terms: string[]) => terms.some((t) => w.includes(t));
  switch (sector) {
    case "tea":
      return has("liên hiệp")
        ? { piece: teaShoot, scale: 2.6, count: 3 }
        : rng.pick([
            { piece: teaShoot, scale: 2.6, count: 1 },
            { piece: teaShoot, scale: 2.4, count: 2 },
            { piece: teaBowl, scale: 2.2, count: 1 },
          ] as const);
    case "vermicelli_noodles":
      return { piece: skeinIcon(has("phở") ? "#f4efe4" : hsl(35, 30, 70)), scale: 2.4, count: 2 };
    case "medicinal_herbs":
      return has("ba kích")
        ? { piece: beadedRoot(325, 28, 40), scale: 1.8, count: 2 }
        : has("đinh lăng")
          ? { piece: frillyLeaf, scale: 2.6, count: 1 }
          : { piece: fiveLeaflets, scale: 2.4, count: 1 };
    case "spices":
      return has("hồi")
        ? { piece: starAnise, scale: 1.9, count: has("liên hiệp") ? 3 : 1 }
        : { piece: cinnamonQuill(110), scale: 1.4, count: 3 };
    case "fruit_vegetables":
      return has("hồng")
        ? { piece: persimmon, scale: 2.2, count: 2 }
        : has("quýt")
          ? { piece: mandarin, scale: 2.4, count: 1 }
          : has("bưởi")
            ? { piece: pomeloIcon, scale: 1.8, count: 1 }
            : has("vải")
              ? { piece: lychee, scale: 2.2, count: 3 }
              : has("mận")
                ? { piece: plum, scale: 2.2, count: 2 }
                : has("rau")
                  ? { piece: cabbageIcon, scale: 2, count: 1 }
                  : { piece: tomato, scale: 2.2, count: 2 };
    case "mushrooms":
      return { piece: shiitake(false), scale: 2.2, count: 2 };
    case "rice_grains":
      return { piece: riceEar, scale: 2.4, count: 3 };
    case "honey_bee":
      return has("bạc hà") || has("hoa")
        ? { piece: bee, scale: 2.6, count: 1 }
        : { piece: hexCell, scale: 2, count: 3 };
    case "meat_processed":
      return has("hải sản")
        ? { piece: fish, scale: 2.2, count: 1 }
        : { piece: rooster, scale: 2.2, count: 1 };
    case "handicrafts":
      return has("mây", "tre")
        ? { piece: basketIcon, scale: 2.2, count: 1 }
        : has("lụa")
          ? { piece: silk, scale: 2.2, count: 1 }
          : has("lanh")
            ? { piece: flax, scale: 2.2, count: 2 }
            : { piece: brocade, scale: 2, count: 1 };
    default:
      return has("cà phê")
        ? { piece: coffeeBean(22, 50, 26), scale: 2.2, count: 3 }
        : has("thốt nốt")
          ? { piece: palmTree, scale: 2.4, count: 1 }
          : has("bánh")
            ? { piece: sweetBar, scale: 2, count: 2 }
            : { piece: starAnise, scale: 2, count: 1 };
  }
}

/** One motif in the middle, or two or three fanned out above the hills. */
function arrange(rng: Rng, m: Motif) {
  const spots =
    m.count === 1
      ? [{ x: 256, y: 250, a: rng.range(-12, 12) }]
      : m.count === 2
        ? [
            { x: 206, y: 262, a: rng.range(-25, -5) },
            { x: 306, y: 252, a: rng.range(5, 25) },
          ]
        : [
            { x: 180, y: 272, a: -25 },
            { x: 256, y: 236, a: rng.range(-6, 6) },
            { x: 332, y: 272, a: 25 },
          ];
  return spots.map((s) => at(s.x, s.y, m.piece(rng), s.a, m.scale * (m.count === 3 ? 0.8 : 1))).join("");
}
