/**
 * Demo product pictures, drawn rather than downloaded: one simple SVG illustration per category, with the
 * product name written underneath, rendered through the real image pipeline (server/images).
 */
import sharp from "sharp";
import type { Sector } from "../server/vocabulary/domain";
import { processImage, type ImageStorage, type ProcessedImage } from "../server/images";

const W = 1280;
const H = 960;

/** Background hue per category; drawings pick their own natural colours, shifted a little per variant. */
const HUES: Record<Sector, number> = {
  tea: 125,
  vermicelli_noodles: 45,
  medicinal_herbs: 95,
  mushrooms: 28,
  rice_grains: 50,
  fruit_vegetables: 15,
  honey_bee: 40,
  spices: 12,
  meat_processed: 355,
  handicrafts: 32,
  other: 200,
};

type Draw = (shift: number) => string;

const hsl = (h: number, s: number, l: number) => `hsl(${Math.round((h + 360) % 360)},${s}%,${l}%)`;

/** `n` copies of `make(i)`, concatenated. */
const times = (n: number, make: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => make(i)).join("");

const leaf = (x: number, y: number, angle: number, size: number, fill: string) =>
  `<g transform="translate(${x} ${y}) rotate(${angle})"><ellipse rx="${size}" ry="${Math.round(size * 0.42)}" fill="${fill}"/>` +
  `<path d="M${-size} 0H${size}" stroke="#fff" stroke-opacity=".45" stroke-width="4"/></g>`;

// Every drawing is centred on (0, 0) and fits roughly inside 640 × 520.
const DRAWINGS: Record<Sector, Draw> = {
  tea: (s) =>
    `<ellipse cy="190" rx="270" ry="44" fill="${hsl(30 + s, 25, 88)}"/>` +
    `<path d="M-190-40H190Q180 170 0 180Q-180 170-190-40Z" fill="${hsl(0, 0, 98)}" stroke="${hsl(125 + s, 30, 45)}" stroke-width="10"/>` +
    `<path d="M185 0Q280 0 260 80Q240 130 160 120" fill="none" stroke="${hsl(125 + s, 30, 45)}" stroke-width="18"/>` +
    `<ellipse cy="-40" rx="190" ry="26" fill="${hsl(80 + s, 55, 45)}"/>` +
    times(
      3,
      (i) =>
        `<path d="M${-70 + i * 70}-90q-30-50 0-100t0-100" fill="none" stroke="#fff" stroke-opacity=".7" stroke-width="10" stroke-linecap="round"/>`,
    ) +
    leaf(-280, -120, -35, 80, hsl(125 + s, 50, 35)) +
    leaf(-250, 20, 20, 62, hsl(110 + s, 55, 42)) +
    leaf(270, -170, 30, 70, hsl(130 + s, 50, 38)),
  vermicelli_noodles: (s) =>
    `<ellipse cy="210" rx="300" ry="40" fill="#000" fill-opacity=".1"/>` +
    times(14, (i) => {
      const y = -150 + i * 24;
      return `<path d="M-280 ${y}q70-18 140 0t140 0 140 0 140 0" fill="none" stroke="${hsl(45 + s, 60, 94 - (i % 3) * 6)}" stroke-width="14" stroke-linecap="round"/>`;
    }) +
    `<rect x="-40" y="-185" width="80" height="370" rx="14" fill="${hsl(0 + s, 65, 45)}"/>` +
    `<rect x="-40" y="-30" width="80" height="60" fill="${hsl(45 + s, 80, 55)}"/>`,
  medicinal_herbs: (s) =>
    `<path d="M0 220V-200" stroke="${hsl(100 + s, 40, 30)}" stroke-width="14"/>` +
    times(5, (i) =>
      leaf(
        i % 2 ? 90 : -90,
        -170 + i * 70,
        i % 2 ? -30 : 30,
        95 - i * 6,
        hsl(95 + s + i * 6, 45, 32 + i * 4),
      ),
    ) +
    times(
      5,
      (i) =>
        `<path d="M0 200q${-120 + i * 60} 40 ${-160 + i * 80} 90" fill="none" stroke="${hsl(30 + s, 45, 40)}" stroke-width="${12 - i}" stroke-linecap="round"/>`,
    ),
  mushrooms: (s) =>
    `<ellipse cy="215" rx="320" ry="36" fill="${hsl(30 + s, 30, 35)}" fill-opacity=".35"/>` +
    [
      [0, -20, 1.15],
      [-150, 20, 1],
      [130, 60, 0.8],
    ]
      .map(
        ([x, y, k]) =>
          `<g transform="translate(${x} ${y}) scale(${k})"><rect x="-35" y="-20" width="70" height="190" rx="30" fill="${hsl(40 + s, 45, 90)}"/>` +
          `<path d="M-150 0Q-150-150 0-150Q150-150 150 0Z" fill="${hsl(22 + s, 55, 38)}"/>` +
          `<circle cx="-60" cy="-70" r="16" fill="#fff" fill-opacity=".6"/><circle cx="40" cy="-100" r="12" fill="#fff" fill-opacity=".6"/></g>`,
      )
      .join(""),
  rice_grains: (s) =>
    `<g id="ear"><path d="M0 220V-180" stroke="${hsl(55 + s, 45, 40)}" stroke-width="7"/>` +
    times(
      6,
      (j) =>
        `<ellipse cx="${j % 2 ? 12 : -12}" cy="${-170 + j * 26}" rx="9" ry="18" fill="${hsl(45 + s, 75, 55)}"/>`,
    ) +
    `</g>` +
    times(8, (i) => `<use href="#ear" transform="rotate(${i < 4 ? -24 + i * 6 : -18 + i * 6} 0 220)"/>`) +
    `<rect x="-60" y="80" width="120" height="40" rx="10" fill="${hsl(25 + s, 50, 35)}"/>`,
  fruit_vegetables: (s) =>
    `<ellipse cy="200" rx="330" ry="40" fill="#000" fill-opacity=".1"/>` +
    [
      [-170, 60, 130, 10],
      [170, 70, 120, 40],
      [0, -40, 150, 25],
    ]
      .map(
        ([x, y, r, h]) =>
          `<circle cx="${x}" cy="${y}" r="${r}" fill="${hsl(h! + s, 75, 50)}"/>` +
          `<circle cx="${x! - r! * 0.35}" cy="${y! - r! * 0.35}" r="${r! * 0.2}" fill="#fff" fill-opacity=".35"/>` +
          leaf(x! + 30, y! - r! - 10, -30, 40, hsl(115 + s, 55, 35)),
      )
      .join(""),
  honey_bee: (s) =>
    times(7, (i) => {
      const x = 130 + (i % 3) * 78 + (Math.floor(i / 3) % 2) * 39;
      const y = -150 + Math.floor(i / 3) * 68;
      return `<path transform="translate(${x} ${y})" d="M-39 0-20-34H20L39 0 20 34H-20Z" fill="${hsl(42 + s, 90, 55)}" stroke="${hsl(35 + s, 70, 40)}" stroke-width="6"/>`;
    }) +
    `<rect x="-230" y="-110" width="260" height="300" rx="50" fill="${hsl(38 + s, 90, 50)}" fill-opacity=".9"/>` +
    `<rect x="-215" y="-160" width="230" height="60" rx="14" fill="${hsl(20 + s, 45, 35)}"/>` +
    `<rect x="-190" y="0" width="180" height="110" rx="12" fill="#fff" fill-opacity=".85"/>` +
    `<path d="M-130 55l30-30 30 30-30 30Z" fill="${hsl(38 + s, 90, 50)}"/>`,
  spices: (s) =>
    `<g transform="translate(-130 -10)">${times(8, (i) => `<ellipse cx="0" cy="-80" rx="34" ry="80" transform="rotate(${i * 45})" fill="${hsl(15 + s, 55, 30)}" stroke="${hsl(15 + s, 50, 20)}" stroke-width="6"/>`)}<circle r="26" fill="${hsl(25 + s, 50, 45)}"/></g>` +
    times(
      3,
      (i) =>
        `<g transform="translate(${150 + i * 45} ${-40 + i * 35}) rotate(-60)"><rect x="-160" y="-24" width="320" height="48" rx="22" fill="${hsl(22 + s, 60, 42 + i * 5)}"/><ellipse cx="160" rx="12" ry="24" fill="${hsl(25 + s, 55, 30)}"/></g>`,
    ),
  meat_processed: (s) =>
    `<ellipse cy="60" rx="320" ry="170" fill="#fff"/><ellipse cy="60" rx="260" ry="125" fill="none" stroke="${hsl(200 + s, 30, 80)}" stroke-width="8"/>` +
    times(
      3,
      (i) =>
        `<g transform="translate(${-120 + i * 120} ${40 + (i % 2) * 30}) rotate(${-20 + i * 15})"><rect x="-45" y="-140" width="90" height="280" rx="45" fill="${hsl(355 + s + i * 6, 60, 38)}"/><path d="M-40-95H40M-40 95H40" stroke="#fff" stroke-width="6"/></g>`,
    ),
  handicrafts: (s) =>
    `<path d="M-200-80Q0-330 200-80" fill="none" stroke="${hsl(32 + s, 55, 38)}" stroke-width="26"/>` +
    `<clipPath id="basket"><path d="M-260-80H260L200 200H-200Z"/></clipPath>` +
    `<g clip-path="url(#basket)"><rect x="-260" y="-80" width="520" height="280" fill="${hsl(35 + s, 60, 55)}"/>` +
    times(6, (r) =>
      times(11, (c) =>
        (r + c) % 2
          ? ""
          : `<rect x="${-270 + c * 50}" y="${-80 + r * 50}" width="44" height="44" rx="6" fill="${hsl(30 + s, 55, 40)}"/>`,
      ),
    ) +
    `</g>` +
    `<rect x="-275" y="-100" width="550" height="36" rx="18" fill="${hsl(30 + s, 55, 35)}"/>`,
  other: (s) =>
    `<rect x="-270" y="-60" width="380" height="260" fill="${hsl(30 + s, 50, 55)}"/>` +
    times(
      3,
      (i) => `<rect x="-270" y="${-50 + i * 86}" width="380" height="66" fill="${hsl(30 + s, 55, 45)}"/>`,
    ) +
    `<path d="M-270-60 110 200M110-60-270 200" stroke="${hsl(30 + s, 55, 35)}" stroke-width="20"/>` +
    times(
      6,
      (i) =>
        `<g transform="translate(${190 + (i % 2) * 70} ${-130 + i * 60}) rotate(${i * 35})"><ellipse rx="34" ry="46" fill="${hsl(20 + s, 55, 22)}"/><path d="M0-40Q-14 0 0 40" fill="none" stroke="${hsl(30 + s, 50, 55)}" stroke-width="6"/></g>`,
    ),
};

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch] ?? ch,
  );

/**
 * A 1280 × 960 SVG illustration of `category`; `variant` (0–2) shifts the colours and composition, and a
 * non-empty `label` (the Vietnamese product name) is written along the bottom.
 */
export function drawCategoryImage(category: Sector, variant: number, label: string): Buffer {
  const v = ((Math.trunc(variant) % 3) + 3) % 3;
  const shift = [0, 14, -14][v]!;
  const hue = HUES[category] + shift;
  const [x, y, scale] = (
    [
      [640, 410, 1.3],
      [600, 420, 1.15],
      [680, 400, 1.35],
    ] as const
  )[v]!;
  const text = label.trim();
  const fontSize = Math.min(60, Math.floor(1180 / Math.max(1, text.length * 0.58)));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="${v === 1 ? 0 : 1}" y2="1">` +
    `<stop offset="0" stop-color="${hsl(hue, 60, 94)}"/><stop offset="1" stop-color="${hsl(hue + 20, 45, 76)}"/></linearGradient></defs>` +
    `<rect width="${W}" height="${H}" fill="url(#g)"/>` +
    `<circle cx="${v === 2 ? 180 : 1100}" cy="140" r="260" fill="#fff" fill-opacity=".25"/>` +
    `<g transform="translate(${x} ${y}) scale(${v === 1 ? -scale : scale} ${scale})">${DRAWINGS[category](shift)}</g>` +
    (text
      ? `<rect y="820" width="${W}" height="140" fill="${hsl(hue, 35, 22)}" fill-opacity=".82"/>` +
        `<text x="640" y="${890 + Math.round(fontSize * 0.35)}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="${fontSize}" font-weight="700" fill="#fff">${escapeXml(text)}</text>`
      : "") +
    `</svg>`;
  return Buffer.from(svg, "utf8");
}

/** Render the illustration to PNG and run it through the upload pipeline, like a real photo. */
export async function seedImage(
  category: Sector,
  variant: number,
  label: string,
  storage: ImageStorage,
): Promise<ProcessedImage> {
  let png: Buffer;
  try {
    png = await sharp(drawCategoryImage(category, variant, label))
      .png()
      .toBuffer();
  } catch {
    // Text needs fonts (fontconfig); without them, a picture without its caption is still a fine demo image.
    png = await sharp(drawCategoryImage(category, variant, ""))
      .png()
      .toBuffer();
  }
  return processImage(png, storage);
}
