/**
 * What demo products come in and are served on, drawn front-on, standing with their bottom centre at (x, y): a
 * pouch, a tin, a gift box, a jar, a bottle, a jute sack; and a bowl, a plate, a bamboo tray (mẹt) holding a pile.
 * Labels carry a drawn motif (one of the product's own pieces) and never any writing.
 */
import type { Piece } from "./pieces";
import { at, hsl, n, shadow, times, type Defs, type Rng } from "./svg";

export interface Pack {
  rng: Rng;
  defs: Defs;
  /** Main colour of the packaging, and the label's. */
  colour: string;
  accent: string;
  /** Drawn on the label. */
  motif: Piece;
}

/** What shows through a window or fills a jar: drawn in its own box, 0…w × 0…h. */
export type Fill = (w: number, h: number) => string;

/** `fill` drawn in the rounded box at (x, y), clipped to it. */
function inBox(p: Pack, x: number, y: number, w: number, h: number, rx: number, fill: Fill) {
  const box = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${n(rx)}"/>`;
  return `<g clip-path="${p.defs.clip(box)}">${at(x, y, fill(w, h))}</g>`;
}

/** A box packed with pieces on a `base` colour, filled to `level` (0–1) from the bottom. */
export const packed =
  (rng: Rng, piece: Piece, base: string, scale = 1, level = 1): Fill =>
  (w, h) => {
    const top = h * (1 - level);
    const count = Math.min(90, Math.round((w * (h - top)) / (1400 * scale * scale)));
    return (
      `<rect y="${n(top)}" width="${n(w)}" height="${n(h - top)}" fill="${base}"/>` +
      Array.from({ length: count }, () =>
        at(rng.range(0, w), rng.range(top + 6, h), piece(rng), rng.range(0, 360), scale),
      ).join("")
    );
  };

/** `count` pieces heaped into a mound `width` wide and `height` high, resting on y. Back ones first. */
export function pile(
  rng: Rng,
  piece: Piece,
  count: number,
  x: number,
  y: number,
  width: number,
  height: number,
  scale = 1,
  base?: string,
  spin = 180,
): string {
  const spots = Array.from({ length: count }, () => {
    const u = rng.range(-1, 1);
    return { x: x + (u * width) / 2, y: y - rng.range(0, height * (1 - u * u)), a: rng.range(-spin, spin) };
  }).sort((a, b) => a.y - b.y);
  const mound = base
    ? `<path d="M${n(x - width / 2)} ${n(y)}Q${n(x)} ${n(y - height * 1.9)} ${n(x + width / 2)} ${n(y)}Z" fill="${base}"/>`
    : "";
  return mound + spots.map((s) => at(s.x, s.y, piece(rng), s.a, scale * rng.range(0.85, 1.1))).join("");
}

/** `count` pieces strewn over a rectangle (on the table in front of the main subject). */
export function strew(
  rng: Rng,
  piece: Piece,
  count: number,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  scale = 1,
  spin = 180,
): string {
  return Array.from({ length: count }, () => ({ x: rng.range(x0, x1), y: rng.range(y0, y1) }))
    .sort((a, b) => a.y - b.y)
    .map((s) => at(s.x, s.y, piece(rng), rng.range(-spin, spin), scale * rng.range(0.85, 1.1)))
    .join("");
}

/** Light from the left: a sheen over the left third, shade on the right edge. */
function sheen(p: Pack, x: number, y: number, w: number, h: number, rx = 0) {
  const g = p.defs.gradient("rgba(255,255,255,.28)", "rgba(0,0,0,.14)", false);
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${rx}" fill="${g}"/>`;
}

/** A label panel with the motif, centred at (x, y). */
function label(p: Pack, x: number, y: number, w: number, h: number) {
  const shape = p.rng.pick(["round", "rect", "arch"] as const);
  const panel =
    shape === "round"
      ? `<circle cx="${n(x)}" cy="${n(y)}" r="${n(Math.min(w, h) / 2)}" fill="${p.accent}"/><circle cx="${n(x)}" cy="${n(y)}" r="${n(Math.min(w, h) / 2 - 8)}" fill="none" stroke="${p.colour}" stroke-width="3" stroke-opacity=".6"/>`
      : shape === "rect"
        ? `<rect x="${n(x - w / 2)}" y="${n(y - h / 2)}" width="${n(w)}" height="${n(h)}" rx="10" fill="${p.accent}"/>`
        : `<path d="M${n(x - w / 2)} ${n(y + h / 2)}V${n(y - h / 6)}A${n(w / 2)} ${n(w / 2)} 0 0 1 ${n(x + w / 2)} ${n(y - h / 6)}V${n(y + h / 2)}Z" fill="${p.accent}"/>`;
  const size = Math.min(w, h) / 70;
  return panel + at(x, y, p.motif(p.rng), p.rng.range(-20, 20), size);
}

export function pouch(p: Pack, x: number, y: number, w: number, h: number, window?: Fill) {
  const half = w / 2;
  const body = `M${n(-half)} 0Q${n(-half - 6)} ${n(-h / 2)} ${n(-half + 8)} ${n(-h)}H${n(half - 8)}Q${n(half + 6)} ${n(-h / 2)} ${n(half)} 0Z`;
  return (
    shadow(x, y, half * 1.1) +
    at(
      x,
      y,
      `<path d="${body}" fill="${p.colour}"/>` +
        `<rect x="${n(-half + 8)}" y="${n(-h)}" width="${n(w - 16)}" height="${n(h * 0.09)}" fill="#000" fill-opacity=".18"/>` +
        `<path d="M${n(-half + 14)} ${n(-h + h * 0.13)}H${n(half - 14)}" stroke="#fff" stroke-opacity=".35" stroke-width="3" stroke-dasharray="10 6"/>` +
        (window
          ? inBox(p, -half * 0.55, -h * 0.36, half * 1.1, h * 0.26, 18, window) +
            `<rect x="${n(-half * 0.55)}" y="${n(-h * 0.36)}" width="${n(half * 1.1)}" height="${n(h * 0.26)}" rx="18" fill="none" stroke="#fff" stroke-opacity=".7" stroke-width="4"/>`
          : "") +
        label(p, 0, -h * (window ? 0.66 : 0.5), w * 0.62, h * (window ? 0.36 : 0.46)) +
        sheen(p, -half, -h, w, h),
    )
  );
}

export function box(p: Pack, x: number, y: number, w: number, h: number, ribbon = false) {
  const d = w * 0.22;
  const half = w / 2;
  const top = `M${n(-half)} ${n(-h)}l${n(d)} ${n(-d * 0.55)}h${n(w)}l${n(-d)} ${n(d * 0.55)}Z`;
  const side = `M${n(half)} ${n(-h)}l${n(d)} ${n(-d * 0.55)}v${n(h)}l${n(-d)} ${n(d * 0.55)}Z`;
  const band = p.rng.pick(["#c9a227", "#e8d18c", "#f7f1e3"]);
  return (
    shadow(x + d / 2, y, half * 1.25) +
    at(
      x,
      y,
      `<rect x="${n(-half)}" y="${n(-h)}" width="${n(w)}" height="${n(h)}" fill="${p.colour}"/>` +
        `<path d="${top}" fill="${p.colour}"/><path d="${top}" fill="#fff" fill-opacity=".22"/>` +
        `<path d="${side}" fill="${p.colour}"/><path d="${side}" fill="#000" fill-opacity=".22"/>` +
        (ribbon
          ? `<rect x="-14" y="${n(-h)}" width="28" height="${n(h)}" fill="${band}"/>` +
            `<path d="M${n(-14 + d / 2)} ${n(-h - d * 0.28)}h28" stroke="${band}" stroke-width="16"/>` +
            `<g transform="translate(${n(d / 2)} ${n(-h - d * 0.28)})"><path d="M0 0C-40-40-70 0 0 0C40-40 70 0 0 0Z" fill="${band}" stroke="#000" stroke-opacity=".15" stroke-width="3"/><circle r="9" fill="${band}"/></g>` +
            label(p, -w * 0.25, -h * 0.5, w * 0.34, h * 0.5)
          : label(p, 0, -h * 0.5, w * 0.62, h * 0.56) +
            `<rect x="${n(-half)}" y="${n(-h * 0.12)}" width="${n(w)}" height="${n(h * 0.06)}" fill="${p.accent}" fill-opacity=".6"/>`) +
        sheen(p, -half, -h, w, h),
    )
  );
}

/** A round tea caddy with its lid. */
export function tin(p: Pack, x: number, y: number, w: number, h: number) {
  const half = w / 2;
  const e = w * 0.14;
  return (
    shadow(x, y, half * 1.15) +
    at(
      x,
      y,
      `<path d="M${n(-half)} 0V${n(-h)}H${n(half)}V0A${n(half)} ${n(e)} 0 0 1 ${n(-half)} 0Z" fill="${p.colour}"/>` +
        `<path d="M${n(-half - 4)} ${n(-h + h * 0.16)}V${n(-h)}H${n(half + 4)}V${n(-h + h * 0.16)}A${n(half + 4)} ${n(e)} 0 0 1 ${n(-half - 4)} ${n(-h + h * 0.16)}Z" fill="${p.accent}"/>` +
        `<ellipse cy="${n(-h)}" rx="${n(half + 4)}" ry="${n(e)}" fill="${p.accent}"/><ellipse cy="${n(-h)}" rx="${n(half + 4)}" ry="${n(e)}" fill="#fff" fill-opacity=".3"/>` +
        label(p, 0, -h * 0.45, w * 0.6, h * 0.42) +
        sheen(p, -half, -h + h * 0.16, w, h * 0.84),
    )
  );
}

/** A glass jar showing what is inside (`content` draws in the jar's own box: 0…w, 0…h). */
export function jar(p: Pack, x: number, y: number, w: number, h: number, content: Fill) {
  const half = w / 2;
  return (
    shadow(x, y, half * 1.1) +
    at(
      x,
      y,
      `<rect x="${n(-half)}" y="${n(-h)}" width="${n(w)}" height="${n(h)}" rx="${n(w * 0.14)}" fill="#fff" fill-opacity=".35"/>` +
        inBox(p, -half, -h, w, h, w * 0.14, content) +
        `<rect x="${n(-half * 0.92)}" y="${n(-h - h * 0.13)}" width="${n(w * 0.92)}" height="${n(h * 0.15)}" rx="8" fill="${p.colour}"/>` +
        `<rect x="${n(-half)}" y="${n(-h * 0.62)}" width="${n(w)}" height="${n(h * 0.34)}" fill="${p.accent}"/>` +
        label(p, 0, -h * 0.45, w * 0.5, h * 0.3) +
        `<rect x="${n(-half + w * 0.1)}" y="${n(-h + 14)}" width="${n(w * 0.08)}" height="${n(h * 0.8)}" rx="6" fill="#fff" fill-opacity=".45"/>`,
    )
  );
}

export type BottleShape = "wine" | "flask" | "dropper" | "jug";

/** A bottle of `liquid`: wine-shaped (rượu, mật ong), squat flask, little dropper (essential oil), or a big jug. */
export function bottle(
  p: Pack,
  x: number,
  y: number,
  h: number,
  liquid: string,
  shape: BottleShape,
  inside = "",
) {
  const w =
    shape === "wine" ? h * 0.34 : shape === "flask" ? h * 0.5 : shape === "dropper" ? h * 0.42 : h * 0.55;
  const half = w / 2;
  const neck = shape === "dropper" ? w * 0.3 : w * 0.28;
  const shoulder = shape === "wine" ? h * 0.58 : shape === "jug" ? h * 0.72 : h * 0.66;
  const body =
    `M${n(-half)} 0V${n(-shoulder)}Q${n(-half)} ${n(-shoulder - h * 0.12)} ${n(-neck / 2)} ${n(-shoulder - h * 0.16)}` +
    `V${n(-h * 0.9)}H${n(neck / 2)}V${n(-shoulder - h * 0.16)}Q${n(half)} ${n(-shoulder - h * 0.12)} ${n(half)} ${n(-shoulder)}V0Z`;
  const fill = `M${n(-half)} 0V${n(-shoulder * 0.92)}H${n(half)}V0Z`;
  const cap =
    shape === "dropper"
      ? `<rect x="${n(-neck / 2 - 3)}" y="${n(-h * 1.02)}" width="${n(neck + 6)}" height="${n(h * 0.16)}" rx="5" fill="#222"/><ellipse cy="${n(-h * 1.04)}" rx="${n(neck / 2 - 2)}" ry="${n(neck * 0.45)}" fill="#333"/>`
      : `<rect x="${n(-neck / 2 - 2)}" y="${n(-h)}" width="${n(neck + 4)}" height="${n(h * 0.1)}" rx="4" fill="${p.colour}"/>`;
  return (
    shadow(x, y, half * 1.2) +
    at(
      x,
      y,
      `<path d="${body}" fill="${liquid}" fill-opacity=".25"/>` +
        `<g clip-path="${p.defs.clip(`<path d="${body}"/>`)}"><path d="${fill}" fill="${liquid}"/>${inside}</g>` +
        `<path d="${body}" fill="none" stroke="#fff" stroke-opacity=".5" stroke-width="3"/>` +
        cap +
        `<rect x="${n(-half)}" y="${n(-shoulder * 0.66)}" width="${n(w)}" height="${n(shoulder * 0.4)}" fill="${p.accent}"/>` +
        label(p, 0, -shoulder * 0.46, w * 0.7, shoulder * 0.34) +
        `<rect x="${n(-half + w * 0.12)}" y="${n(-shoulder + 10)}" width="${n(w * 0.09)}" height="${n(shoulder * 0.85)}" rx="5" fill="#fff" fill-opacity=".4"/>`,
    )
  );
}

/** A jute sack, rolled open at the top, `content` heaped in its mouth (drawn at 0, 0 = the mouth's centre). */
export function sack(p: Pack, x: number, y: number, w: number, h: number, content: string) {
  const half = w / 2;
  const jute = hsl(36 + p.rng.range(-4, 4), 40, 62);
  const body = `M${n(-half * 0.9)} ${n(-h)}Q${n(-half * 1.15)} ${n(-h * 0.4)} ${n(-half)} 0H${n(half)}Q${n(half * 1.15)} ${n(-h * 0.4)} ${n(half * 0.9)} ${n(-h)}Z`;
  return (
    shadow(x, y, half * 1.2) +
    at(
      x,
      y,
      `<path d="${body}" fill="${jute}"/>` +
        `<g clip-path="${p.defs.clip(`<path d="${body}"/>`)}">${times(
          Math.ceil(h / 18),
          (i) =>
            `<path d="M${n(-half * 1.2)} ${n(-i * 18)}H${n(half * 1.2)}" stroke="#000" stroke-opacity=".07" stroke-width="4"/>`,
        )}</g>` +
        at(0, -h, content) +
        `<ellipse cy="${n(-h)}" rx="${n(half * 0.95)}" ry="${n(h * 0.07)}" fill="none" stroke="${hsl(36, 35, 52)}" stroke-width="22"/>` +
        `<circle cy="${n(-h * 0.45)}" r="${n(w * 0.2)}" fill="none" stroke="${p.colour}" stroke-width="8"/>` +
        at(0, -h * 0.45, `<g fill-opacity=".9">${p.motif(p.rng)}</g>`, 0, (w * 0.26) / 70),
    )
  );
}

/** A vacuum brick (gạo hút chân không): taut, glossy, the grains pressed against the film. */
export function brick(p: Pack, x: number, y: number, w: number, h: number, texture: Fill) {
  const half = w / 2;
  return (
    shadow(x, y, half * 1.1) +
    at(
      x,
      y,
      inBox(p, -half, -h, w, h, 22, texture) +
        `<rect x="${n(-half)}" y="${n(-h * 0.62)}" width="${n(w)}" height="${n(h * 0.36)}" fill="${p.colour}"/>` +
        label(p, 0, -h * 0.44, w * 0.5, h * 0.3) +
        `<rect x="${n(-half)}" y="${n(-h)}" width="${n(w)}" height="${n(h)}" rx="22" fill="none" stroke="#fff" stroke-opacity=".5" stroke-width="5"/>` +
        `<path d="M${n(-half + 20)} ${n(-h + 24)}Q0 ${n(-h + 8)} ${n(half - 30)} ${n(-h + 30)}" stroke="#fff" stroke-opacity=".55" stroke-width="8" fill="none" stroke-linecap="round"/>`,
    )
  );
}

/** A tea bag on its string, with a tag. */
export function teabag(colour: string, tag: string, angle: number) {
  return (
    `<g transform="rotate(${n(angle)})"><path d="M0-60Q30-90 20-130" stroke="#8a7a60" stroke-width="2" fill="none"/>` +
    `<rect x="6" y="-152" width="30" height="24" rx="3" fill="${tag}"/>` +
    `<rect x="-34" y="-60" width="68" height="84" rx="6" fill="#f6f1e4"/><path d="M-34-48H34" stroke="#d8ccb0" stroke-width="3"/>` +
    `<rect x="-24" y="-36" width="48" height="52" rx="8" fill="${colour}" fill-opacity=".6"/></g>`
  );
}

// ---- Things to serve a pile on -------------------------------------------------------------------------------

export type Server = "bowl" | "plate" | "tray";

/**
 * A bowl, plate or bamboo tray `w` wide standing at (x, y), with `heap` drawn at (x, top of the dish): the heap
 * sits inside the bowl's rim and in front of its back wall.
 */
export function served(
  rng: Rng,
  kind: Server,
  x: number,
  y: number,
  w: number,
  heap: (top: number) => string,
) {
  const half = w / 2;
  if (kind === "bowl") {
    const h = w * 0.42;
    const glaze = rng.pick([
      ["#f4f1ea", "#2f5d8a"],
      ["#cfe0d1", "#5d8a6a"],
      ["#6b3f24", "#c99a5b"],
      ["#efe6d3", "#9b3b2f"],
    ] as const);
    return (
      shadow(x, y, half * 0.8) +
      `<ellipse cx="${n(x)}" cy="${n(y - h)}" rx="${n(half)}" ry="${n(w * 0.09)}" fill="${glaze[1]}" fill-opacity=".5"/>` +
      heap(y - h) +
      `<path d="M${n(x - half)} ${n(y - h)}Q${n(x - half)} ${n(y)} ${n(x - w * 0.14)} ${n(y)}H${n(x + w * 0.14)}Q${n(x + half)} ${n(y)} ${n(x + half)} ${n(y - h)}Z" fill="${glaze[0]}"/>` +
      `<path d="M${n(x - half * 0.97)} ${n(y - h * 0.72)}Q${n(x)} ${n(y - h * 0.6)} ${n(x + half * 0.97)} ${n(y - h * 0.72)}" stroke="${glaze[1]}" stroke-width="8" fill="none"/>` +
      `<path d="M${n(x - half * 0.8)} ${n(y - h * 0.85)}Q${n(x - half * 0.75)} ${n(y - h * 0.3)} ${n(x - half * 0.45)} ${n(y - h * 0.12)}" stroke="#fff" stroke-opacity=".4" stroke-width="8" fill="none" stroke-linecap="round"/>`
    );
  }
  if (kind === "plate") {
    const c = rng.pick(["#f7f4ee", "#e9efe6", "#f3e7da"]);
    return (
      shadow(x, y, half) +
      `<ellipse cx="${n(x)}" cy="${n(y - 10)}" rx="${n(half)}" ry="${n(w * 0.12)}" fill="${c}" stroke="#000" stroke-opacity=".08" stroke-width="4"/>` +
      `<ellipse cx="${n(x)}" cy="${n(y - 12)}" rx="${n(half * 0.7)}" ry="${n(w * 0.075)}" fill="#000" fill-opacity=".05"/>` +
      heap(y - 14)
    );
  }
  const bamboo = hsl(38 + rng.range(-5, 5), 50, 60);
  return (
    shadow(x, y, half) +
    `<ellipse cx="${n(x)}" cy="${n(y - 8)}" rx="${n(half)}" ry="${n(w * 0.13)}" fill="${bamboo}" stroke="${hsl(32, 45, 40)}" stroke-width="10"/>` +
    times(
      4,
      (i) =>
        `<ellipse cx="${n(x)}" cy="${n(y - 8)}" rx="${n(half * (0.25 + i * 0.18))}" ry="${n(w * 0.13 * (0.25 + i * 0.18))}" fill="none" stroke="${hsl(32, 40, 48)}" stroke-opacity=".6" stroke-width="3"/>`,
    ) +
    heap(y - 12)
  );
}
