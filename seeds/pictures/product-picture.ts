/**
 * A demo product's picture: a backdrop (a table against a wall, a studio sweep, or a table before the hills), the
 * product's pack with its label, and the product itself beside it, served or as it is. The product's SKU seeds every
 * choice, so pictures are the same on every seed and differ from product to product, even within a cooperative.
 */
import type { Sector } from "../../server/vocabulary/domain";
import { blossomBranch, type Draw } from "./heroes";
import {
  box,
  bottle,
  brick,
  jar,
  packed,
  pile,
  pouch,
  sack,
  served,
  strew,
  teabag,
  tin,
  type Pack,
} from "./packs";
import { recipeFor, type Recipe } from "./recipes";
import { Defs, at, hsl, n, shadow, svgDocument, times, rngFrom, type Rng } from "./svg";

/** The drawing's own box; every product picture is 4:3. */
const VW = 1280;
const VH = 960;

export interface PictureProduct {
  sku: string;
  nameVi: string;
  category: Sector;
}

/** Pack colours and their label colour. */
const PACKS: ReadonlyArray<readonly [string, string]> = [
  ["#1f6f43", "#f3ead8"],
  ["#7a1f1f", "#f2d58a"],
  ["#1d3557", "#f1faee"],
  ["#2b2b2b", "#d4af37"],
  ["#c8a165", "#fffaf0"],
  ["#3a5a40", "#dad7cd"],
  ["#6a4c93", "#f7ede2"],
  ["#b5651d", "#fff3e0"],
  ["#0b6e4f", "#fdf0d5"],
  ["#9b2226", "#e9d8a6"],
  ["#005f73", "#e9d8a6"],
  ["#f4efe6", "#1f6f43"],
];
const GIFTS: ReadonlyArray<readonly [string, string]> = [
  ["#a4161a", "#f2d58a"],
  ["#1b1b1b", "#d4af37"],
  ["#14532d", "#f2d58a"],
  ["#7f1d1d", "#fde68a"],
];
const WALL_HUES = [38, 48, 95, 140, 175, 200, 215, 15, 345, 280];

/** The SVG of a product's picture, `width` × `height` pixels (4:3). */
export function drawProductPicture(p: PictureProduct, width = 640, height = 480): Buffer {
  const rng = rngFrom(`product:${p.sku}`);
  const defs = new Defs();
  const recipe = recipeFor(p, rng);
  // Produce heaped on trays is seen from higher up: more table, less wall.
  const loose = recipe.container === "none" && !recipe.hero;
  const body = backdrop(rng, defs, p.category, loose) + scene({ rng, defs }, recipe);
  return svgDocument(VW, VH, width, height, defs, body);
}

function scene(d: Draw, r: Recipe): string {
  const { rng } = d;
  const side = rng.chance(0.5) ? 1 : -1;
  const floor = rng.range(790, 835);
  const [colour, accent] = rng.pick(r.container === "gift" ? GIFTS : PACKS);
  const pack: Pack = { rng, defs: d.defs, colour, accent, motif: r.motif ?? r.piece };
  const parts: string[] = [];
  if (r.festive)
    parts.push(blossomBranch(rng, 640 + rng.range(-120, 120), rng.range(120, 170), rng.range(-8, 8)));

  if (r.container === "none") {
    const x = 640 + side * rng.range(40, 140);
    if (r.hero) {
      if (r.side) parts.push(r.side(d, 640 - side * rng.range(300, 360), floor - 40, rng.range(0.55, 0.7)));
      parts.push(
        r.alone
          ? r.hero(d, 640 + side * rng.range(0, 80), floor + 20, rng.range(1.55, 1.8))
          : r.hero(d, x, floor, rng.range(1.3, 1.55)),
      );
      if (!r.side && !r.alone && rng.chance(0.6))
        parts.push(servedPile(d, r, 640 - side * rng.range(320, 370), floor + 80, 360));
    } else if (r.side) {
      parts.push(servedPile(d, r, 640 + side * rng.range(100, 160), floor + 40, rng.range(640, 720), "tray"));
      parts.push(r.side(d, 640 - side * rng.range(300, 350), floor + 60, rng.range(0.85, 1)));
    } else {
      // Loose produce: a bowl of it behind, a tray heaped with it in front.
      parts.push(
        servedPile(d, r, 640 - side * rng.range(240, 300), floor - 190, rng.range(440, 500), "bowl"),
      );
      parts.push(servedPile(d, r, 640 + side * rng.range(70, 130), floor + 40, rng.range(760, 840), "tray"));
    }
  } else {
    const x = 640 + side * rng.range(160, 230);
    const other = 640 - side * rng.range(230, 290);
    parts.push(container(d, r, pack, x, floor));
    if (r.hero && (r.side || rng.chance(0.8))) {
      parts.push(r.hero(d, other, floor + rng.range(30, 60), rng.range(0.8, 0.95)));
      if (r.side) parts.push(r.side(d, other + side * 190, floor + 90, 0.6));
    } else parts.push(servedPile(d, r, other, floor + rng.range(40, 80), rng.range(400, 460)));
  }
  const props = r.props ?? r.piece;
  parts.push(
    strew(
      rng,
      props,
      rng.int(r.alone ? 0 : 2, r.alone ? 3 : 6),
      90,
      1190,
      880,
      935,
      rng.range(0.9, 1.3),
      r.spin,
    ),
  );
  return parts.join("");
}

/** A pile of the product on a bowl, plate or bamboo tray. */
function servedPile(d: Draw, r: Recipe, x: number, y: number, w: number, kind?: "tray" | "bowl") {
  const { rng } = d;
  const server = kind ?? rng.pick(["bowl", "plate", "tray"] as const);
  const width = server === "bowl" ? w * 0.9 : w * 0.78;
  const count = Math.round((w / 12) * (1 / r.scale));
  return served(rng, server, x, y, w, (top) =>
    pile(rng, r.piece, count, x, top, width, w * (server === "tray" ? 0.2 : 0.16), r.scale, r.base, r.spin),
  );
}

function container(d: Draw, r: Recipe, pack: Pack, x: number, y: number): string {
  const { rng } = d;
  const fill = packed(rng, r.piece, r.base, r.scale * 0.75);
  switch (r.container) {
    case "pouch":
      return pouch(pack, x, y, rng.range(360, 410), rng.range(520, 590), rng.chance(0.55) ? fill : undefined);
    case "tin":
      return tin(pack, x, y, rng.range(290, 330), rng.range(400, 450));
    case "box":
      return rng.chance(0.35)
        ? tin(pack, x, y, rng.range(290, 330), rng.range(380, 430))
        : box(pack, x, y, rng.range(380, 430), rng.range(340, 400));
    case "gift":
      return box(pack, x, y, rng.range(420, 470), rng.range(320, 370), true);
    case "jar":
      return jar(
        pack,
        x,
        y,
        rng.range(300, 340),
        rng.range(340, 390),
        packed(rng, r.piece, r.base, r.scale * 0.8, 0.85),
      );
    case "bottle":
    case "dropper":
    case "jug": {
      const shape =
        r.container === "dropper"
          ? "dropper"
          : r.container === "jug"
            ? "jug"
            : rng.pick(["wine", "flask"] as const);
      const h =
        shape === "dropper"
          ? rng.range(300, 340)
          : shape === "jug"
            ? rng.range(520, 570)
            : rng.range(560, 620);
      const inside = r.steeped
        ? times(4, () =>
            at(rng.range(-50, 50), rng.range(-h * 0.5, -30), r.piece(rng), rng.range(0, 360), 0.9),
          )
        : "";
      return bottle(pack, x, y, h, r.liquid ?? r.base, shape, inside);
    }
    case "sack": {
      const w = rng.range(430, 480);
      return sack(
        pack,
        x,
        y,
        w,
        rng.range(400, 450),
        pile(rng, r.piece, 40, 0, 10, w * 0.85, 70, r.scale * 0.9, r.base),
      );
    }
    case "brick":
      return brick(
        pack,
        x,
        y,
        rng.range(440, 490),
        rng.range(320, 360),
        packed(rng, r.piece, r.base, r.scale * 0.8),
      );
    case "teabags": {
      const boxed = box(pack, x, y - 10, rng.range(380, 420), rng.range(280, 310));
      return (
        boxed +
        at(x - 150 * Math.sign(x - 640 || 1), y + 50, teabag(r.base, pack.colour, rng.range(-20, -8)), 0, 1) +
        at(x - 60 * Math.sign(x - 640 || 1), y + 70, teabag(r.base, pack.accent, rng.range(8, 20)), 0, 0.9)
      );
    }
    case "crate":
      return crate(rng, x, y, rng.range(500, 560), rng.range(260, 300), (top, w) =>
        pile(rng, r.piece, 34, x, top, w * 0.9, 60, r.scale, r.base),
      );
    default:
      return "";
  }
}

/** A slatted wooden crate (fruit) with the produce heaped on top. */
function crate(
  rng: Rng,
  x: number,
  y: number,
  w: number,
  h: number,
  heap: (top: number, w: number) => string,
) {
  const wood = hsl(32 + rng.range(-5, 5), 45, 58);
  const slats = times(
    3,
    (i) =>
      `<rect x="${n(x - w / 2)}" y="${n(y - h + i * (h / 3) + 6)}" width="${n(w)}" height="${n(h / 3 - 14)}" rx="6" fill="${wood}"/>`,
  );
  return (
    shadow(x, y, w * 0.6) +
    `<rect x="${n(x - w / 2)}" y="${n(y - h)}" width="${n(w)}" height="${n(h)}" fill="${hsl(30, 35, 30)}"/>` +
    heap(y - h + 10, w) +
    slats +
    `<rect x="${n(x - w / 2)}" y="${n(y - h)}" width="24" height="${n(h)}" fill="${hsl(30, 40, 45)}"/><rect x="${n(x + w / 2 - 24)}" y="${n(y - h)}" width="24" height="${n(h)}" fill="${hsl(30, 40, 45)}"/>`
  );
}

/** Behind everything: a wall and a table, a studio sweep, or hills beyond a table. Returns the SVG. */
function backdrop(rng: Rng, defs: Defs, category: Sector, high: boolean): string {
  const style = high
    ? rng.pick(["table", "hills"] as const)
    : rng.pick(["table", "table", "studio", "hills"] as const);
  const hue = rng.pick(WALL_HUES) + rng.range(-8, 8);
  if (style === "studio") {
    const g = defs.gradient(hsl(hue, 42, 92), hsl(hue, 32, 78));
    return (
      `<rect width="${VW}" height="${VH}" fill="${g}"/>` +
      `<circle cx="${n(640 + rng.range(-260, 260))}" cy="${n(rng.range(300, 420))}" r="${n(rng.range(280, 360))}" fill="${hsl(hue + rng.range(-30, 30), 50, 96)}" fill-opacity=".75"/>` +
      `<ellipse cx="640" cy="900" rx="760" ry="120" fill="${hsl(hue, 30, 70)}" fill-opacity=".45"/>`
    );
  }
  const horizon = high ? rng.range(380, 440) : style === "hills" ? rng.range(620, 660) : rng.range(540, 620);
  let back: string;
  if (style === "hills") {
    const sky = defs.gradient(hsl(rng.pick([200, 205, 30, 45]), 60, 86), hsl(45, 50, 94));
    const hillHue = category === "fruit_vegetables" || category === "rice_grains" ? 85 : 110;
    back =
      `<rect width="${VW}" height="${n(horizon)}" fill="${sky}"/>` +
      `<circle cx="${n(rng.range(150, 1130))}" cy="${n(rng.range(110, 200))}" r="${n(rng.range(50, 80))}" fill="${hsl(45, 95, 72)}"/>` +
      times(3, (i) => {
        const top = horizon - 330 + i * 90 + rng.range(-20, 20);
        const shift = rng.range(0, 400);
        return (
          `<path d="M0 ${n(horizon)}V${n(top + 60)}Q${n(200 + shift / 2)} ${n(top - 40)} ${n(520 + shift / 3)} ${n(top + 40)}T${n(1000 + shift / 4)} ${n(top + 10)}T1280 ${n(top + 50)}V${n(horizon)}Z" fill="${hsl(hillHue + i * 8, 35 + i * 6, 62 - i * 10)}"/>` +
          (i === 2 && (category === "tea" || category === "rice_grains")
            ? times(
                5,
                (k) =>
                  `<path d="M-20 ${n(top + 70 + k * 34)}Q640 ${n(top + 20 + k * 34)} 1300 ${n(top + 70 + k * 34)}" stroke="${hsl(hillHue + 20, 45, 30)}" stroke-opacity=".35" stroke-width="${category === "tea" ? 16 : 5}" fill="none" stroke-linecap="round" stroke-dasharray="${category === "tea" ? "30 10" : "none"}"/>`,
              )
            : "")
        );
      });
  } else {
    const wall = defs.gradient(hsl(hue, 38, 92), hsl(hue, 30, 84));
    back = `<rect width="${VW}" height="${n(horizon)}" fill="${wall}"/>`;
    if (rng.chance(0.4))
      back += `<rect x="${n(rng.range(80, 900))}" y="${n(rng.range(90, 160))}" width="${n(rng.range(220, 300))}" height="${n(rng.range(160, 220))}" rx="12" fill="${hsl(hue + 30, 30, 80)}" fill-opacity=".55"/>`;
    else if (rng.chance(0.5))
      back += `<circle cx="${n(rng.range(200, 1080))}" cy="${n(rng.range(150, 260))}" r="${n(rng.range(120, 190))}" fill="#fff" fill-opacity=".35"/>`;
  }
  return back + table(rng, defs, horizon);
}

function table(rng: Rng, defs: Defs, horizon: number): string {
  const top = n(horizon);
  const surface = rng.pick(["wood", "wood", "linen", "mat", "stone"] as const);
  if (surface === "wood") {
    const h = 28 + rng.range(-8, 8);
    const l = rng.range(44, 58);
    const g = defs.gradient(hsl(h, 40, l - 6), hsl(h, 42, l + 6));
    return (
      `<rect y="${top}" width="${VW}" height="${n(VH - horizon)}" fill="${g}"/>` +
      times(5, (i) => {
        const y = horizon + ((i + 1) ** 1.6 / 5 ** 1.6) * (VH - horizon) * 0.95;
        return `<path d="M0 ${n(y)}H${VW}" stroke="${hsl(h, 40, l - 16)}" stroke-opacity=".35" stroke-width="${n(2 + i)}"/>`;
      }) +
      `<rect y="${top}" width="${VW}" height="8" fill="#fff" fill-opacity=".18"/>`
    );
  }
  if (surface === "linen") {
    const hue = rng.pick([40, 200, 350, 120]);
    return (
      `<rect y="${top}" width="${VW}" height="${n(VH - horizon)}" fill="${hsl(hue, 22, 88)}"/>` +
      times(
        8,
        (i) =>
          `<path d="M${n(-200 + i * 240)} ${top}L${n(-600 + i * 340)} ${VH}" stroke="${hsl(hue, 30, 70)}" stroke-opacity=".4" stroke-width="6"/>`,
      ) +
      times(
        4,
        (i) =>
          `<path d="M0 ${n(horizon + ((i + 1) ** 1.5 / 4 ** 1.5) * (VH - horizon) * 0.9)}H${VW}" stroke="${hsl(hue, 30, 70)}" stroke-opacity=".4" stroke-width="6"/>`,
      )
    );
  }
  if (surface === "mat") {
    const l = rng.range(60, 68);
    return (
      `<rect y="${top}" width="${VW}" height="${n(VH - horizon)}" fill="${hsl(40, 50, l)}"/>` +
      times(
        9,
        (i) =>
          `<path d="M0 ${n(horizon + 12 + (i * (VH - horizon)) / 9)}H${VW}" stroke="${hsl(35, 45, l - 14)}" stroke-opacity=".45" stroke-width="3"/>`,
      )
    );
  }
  const g = defs.gradient(hsl(200, 8, 36), hsl(200, 8, 26));
  return `<rect y="${top}" width="${VW}" height="${n(VH - horizon)}" fill="${g}"/><rect y="${top}" width="${VW}" height="6" fill="#fff" fill-opacity=".12"/>`;
}
