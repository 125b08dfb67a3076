/**
 * What every demo drawing is made with: a random stream seeded by a string (so a product's picture is the same
 * on every seed, and different from its neighbour's), colours, and a little SVG arithmetic.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** FNV-1a of the string, then mulberry32: tiny, fast, and well enough spread for drawing. */
export function rngFrom(seed: string): Rng {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let a = h >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + next() * (max - min),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** One decimal is plenty at 1280 px, and keeps the SVG short. */
export const n = (v: number) => Math.round(v * 10) / 10;

export const hsl = (h: number, s: number, l: number) =>
  `hsl(${Math.round(((h % 360) + 360) % 360)},${Math.round(Math.max(0, Math.min(100, s)))}%,${Math.round(Math.max(0, Math.min(100, l)))}%)`;

/** `count` copies of `make(i)`, concatenated. */
export const times = (count: number, make: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => make(i)).join("");

/** `body` moved to (x, y), turned by `angle` degrees and scaled by `scale`. */
export const at = (x: number, y: number, body: string, angle = 0, scale = 1) =>
  `<g transform="translate(${n(x)} ${n(y)})${angle ? ` rotate(${n(angle)})` : ""}${scale !== 1 ? ` scale(${n(scale * 100) / 100})` : ""}">${body}</g>`;

/** A soft contact shadow under something standing at (x, y). */
export const shadow = (x: number, y: number, rx: number, ry = rx * 0.16, opacity = 0.18) =>
  `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(rx)}" ry="${n(ry)}" fill="#1b1209" fill-opacity="${opacity}"/>`;

/**
 * Gradients and clip paths a drawing needs, named uniquely within one SVG. Each drawing gets its own, so ids never
 * collide when shapes are combined.
 */
export class Defs {
  private readonly items: string[] = [];
  private count = 0;

  /** A vertical or horizontal two-stop gradient; returns `url(#id)`. */
  gradient(from: string, to: string, vertical = true): string {
    const id = `g${this.count++}`;
    this.items.push(
      `<linearGradient id="${id}" x1="0" y1="0" x2="${vertical ? 0 : 1}" y2="${vertical ? 1 : 0}"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`,
    );
    return `url(#${id})`;
  }

  /** A clip path from SVG shapes; returns the `clip-path` attribute value. */
  clip(shape: string): string {
    const id = `c${this.count++}`;
    this.items.push(`<clipPath id="${id}">${shape}</clipPath>`);
    return `url(#${id})`;
  }

  toString(): string {
    return this.items.length ? `<defs>${this.items.join("")}</defs>` : "";
  }
}

/** A whole SVG document: drawn in a `vw` × `vh` box, rendered at `width` × `height` pixels. */
export function svgDocument(
  vw: number,
  vh: number,
  width: number,
  height: number,
  defs: Defs,
  body: string,
): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${vw} ${vh}">${defs}${body}</svg>`,
    "utf8",
  );
}
