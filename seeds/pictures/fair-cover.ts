/**
 * A demo trade fair's cover: a festival gate and a row of booths under bunting, against tea hills or limestone
 * mountains, in the colours of the day the seed picks (morning, noon, late afternoon). No writing on the banners.
 */
import { basket } from "./heroes";
import { lychee, mandarin, starAnise, teaShoot, type Piece } from "./pieces";
import { Defs, at, hsl, n, rngFrom, shadow, svgDocument, times, type Rng } from "./svg";

const VW = 1280;
const VH = 640;

export type FairLandscape = "tea_hills" | "mountains";

/** The SVG of a fair's cover, `width` × `width / 2` pixels. */
export function drawFairCover(seed: string, landscape: FairLandscape, width = 1280): Buffer {
  const rng = rngFrom(`fair:${seed}`);
  const defs = new Defs();
  const time = rng.pick([
    { sky: [hsl(205, 65, 78), hsl(45, 70, 92)], sun: hsl(48, 95, 70), tint: 0 },
    { sky: [hsl(25, 70, 80), hsl(45, 80, 92)], sun: hsl(35, 95, 65), tint: 15 },
    { sky: [hsl(195, 55, 84), hsl(180, 40, 95)], sun: hsl(50, 90, 78), tint: -10 },
  ]);
  const palette = rng.pick([
    ["#c0392b", "#f1c40f", "#27ae60", "#2980b9", "#e67e22"],
    ["#b5179e", "#f72585", "#4cc9f0", "#4361ee", "#ffd166"],
    ["#9b2226", "#ee9b00", "#0a9396", "#005f73", "#e9d8a6"],
  ]);
  const ground = horizonY(rng);
  const body =
    `<rect width="${VW}" height="${VH}" fill="${defs.gradient(time.sky[0]!, time.sky[1]!)}"/>` +
    `<circle cx="${n(rng.range(120, 1160))}" cy="${n(rng.range(80, 140))}" r="${n(rng.range(46, 70))}" fill="${time.sun}"/>` +
    clouds(rng) +
    (landscape === "tea_hills" ? teaHills(rng, ground, time.tint) : mountains(rng, ground, time.tint)) +
    `<rect y="${n(ground)}" width="${VW}" height="${n(VH - ground)}" fill="${defs.gradient(hsl(35, 35, 78), hsl(30, 30, 66))}"/>` +
    booths(rng, defs, ground, palette) +
    gate(rng, ground, palette) +
    bunting(rng, palette) +
    visitors(rng, ground, palette);
  return svgDocument(VW, VH, width, Math.round(width / 2), defs, body);
}

const horizonY = (rng: Rng) => rng.range(410, 440);

function clouds(rng: Rng) {
  return times(rng.int(2, 4), () => {
    const x = rng.range(60, 1220);
    const y = rng.range(60, 200);
    const k = rng.range(0.7, 1.2);
    return at(
      x,
      y,
      `<ellipse rx="70" ry="22" fill="#fff" fill-opacity=".8"/><ellipse cx="-30" cy="-14" rx="34" ry="22" fill="#fff" fill-opacity=".8"/><ellipse cx="22" cy="-18" rx="40" ry="26" fill="#fff" fill-opacity=".8"/>`,
      0,
      k,
    );
  });
}

function teaHills(rng: Rng, ground: number, tint: number) {
  return times(3, (i) => {
    const top = ground - 230 + i * 70 + rng.range(-15, 15);
    const d = `M0 ${n(ground)}V${n(top + 50)}Q${n(rng.range(150, 400))} ${n(top - 50)} ${n(rng.range(560, 700))} ${n(top + 20)}T1280 ${n(top + rng.range(-10, 40))}V${n(ground)}Z`;
    return (
      `<path d="${d}" fill="${hsl(110 + tint + i * 6, 35 + i * 8, 60 - i * 9)}"/>` +
      times(
        4,
        (k) =>
          `<path d="M-20 ${n(top + 60 + k * 26)}Q640 ${n(top + 10 + k * 26)} 1300 ${n(top + 60 + k * 26)}" stroke="${hsl(120, 45, 28)}" stroke-opacity="${0.12 + i * 0.08}" stroke-width="${10 + i * 3}" stroke-dasharray="26 10" fill="none" stroke-linecap="round"/>`,
      )
    );
  });
}

/** Limestone peaks, as in Lạng Sơn and Cao Bằng. */
function mountains(rng: Rng, ground: number, tint: number) {
  return times(3, (layer) => {
    const colour = hsl(160 + tint - layer * 20, 20 + layer * 10, 70 - layer * 12);
    const peaks = times(7, (i) => {
      const x = -80 + i * 220 + rng.range(-40, 40) + layer * 60;
      const h = rng.range(120, 230) - layer * 30;
      const w = rng.range(90, 140);
      return `<path d="M${n(x - w)} ${n(ground)}Q${n(x - w * 0.5)} ${n(ground - h * 1.2)} ${n(x)} ${n(ground - h)}Q${n(x + w * 0.5)} ${n(ground - h * 1.15)} ${n(x + w)} ${n(ground)}Z" fill="${colour}"/>`;
    });
    return peaks;
  });
}

/** A row of market booths with striped roofs, produce on their counters. */
function booths(rng: Rng, defs: Defs, ground: number, palette: string[]) {
  const goods: Piece[] = [mandarin, lychee, starAnise, teaShoot];
  const count = rng.int(5, 6);
  const span = VW / count;
  return times(count, (i) => {
    const x = span * i + span / 2 + rng.range(-10, 10);
    const w = span * 0.86;
    const base = ground + 110;
    const roof = palette[(i + rng.int(0, 4)) % palette.length]!;
    const stripes = defs.clip(
      `<path d="M${n(x - w / 2 - 10)} ${n(base - 170)}L${n(x)} ${n(base - 240)}L${n(x + w / 2 + 10)} ${n(base - 170)}Z"/>`,
    );
    const good = goods[(i + rng.int(0, 3)) % goods.length]!;
    return (
      shadow(x, base + 4, w / 2, 10, 0.15) +
      `<rect x="${n(x - w / 2 + 8)}" y="${n(base - 170)}" width="10" height="170" fill="#6b4f3a"/><rect x="${n(x + w / 2 - 18)}" y="${n(base - 170)}" width="10" height="170" fill="#6b4f3a"/>` +
      `<rect x="${n(x - w / 2 + 8)}" y="${n(base - 160)}" width="${n(w - 16)}" height="100" fill="#fffaf0" fill-opacity=".5"/>` +
      `<path d="M${n(x - w / 2 - 10)} ${n(base - 170)}L${n(x)} ${n(base - 240)}L${n(x + w / 2 + 10)} ${n(base - 170)}Z" fill="${roof}"/>` +
      `<g clip-path="${stripes}">${times(8, (k) => `<rect x="${n(x - w / 2 - 10 + k * ((w + 20) / 8))}" y="${n(base - 250)}" width="${n((w + 20) / 16)}" height="90" fill="#fff" fill-opacity=".45"/>`)}</g>` +
      times(
        6,
        (k) =>
          `<path d="M${n(x - w / 2 - 10 + k * ((w + 20) / 6))} ${n(base - 170)}q${n((w + 20) / 12)} 26 ${n((w + 20) / 6)} 0" fill="${roof}"/>`,
      ) +
      `<rect x="${n(x - w / 2)}" y="${n(base - 60)}" width="${n(w)}" height="60" rx="4" fill="${hsl(30, 45, 48)}"/>` +
      `<rect x="${n(x - w / 2)}" y="${n(base - 60)}" width="${n(w)}" height="12" fill="#fff" fill-opacity=".2"/>` +
      times(3, (k) => at(x - w / 3 + (k * w) / 3, base - 70, good(rng), rng.range(-20, 20), 0.8)) +
      (i % 2 && i > 0
        ? basket(false, true, hsl(38, 55, 62), hsl(30, 50, 40))({ rng, defs }, x + w * 0.3, base + 2, 0.14)
        : "")
    );
  });
}

/** The festival gate (cổng chào) in the middle: two pillars and a curved roof over a blank banner. */
function gate(rng: Rng, ground: number, palette: string[]) {
  const x = 640 + rng.range(-200, 200);
  const base = ground + 190;
  const red = palette[0]!;
  const gold = palette[1]!;
  return (
    shadow(x, base, 260, 14, 0.18) +
    `<rect x="${n(x - 240)}" y="${n(base - 300)}" width="44" height="300" fill="${red}"/><rect x="${n(x + 196)}" y="${n(base - 300)}" width="44" height="300" fill="${red}"/>` +
    `<rect x="${n(x - 250)}" y="${n(base - 20)}" width="64" height="20" fill="${gold}"/><rect x="${n(x + 186)}" y="${n(base - 20)}" width="64" height="20" fill="${gold}"/>` +
    `<path d="M${n(x - 290)} ${n(base - 300)}Q${n(x)} ${n(base - 360)} ${n(x + 290)} ${n(base - 300)}L${n(x + 320)} ${n(base - 330)}Q${n(x)} ${n(base - 400)} ${n(x - 320)} ${n(base - 330)}Z" fill="${red}"/>` +
    `<rect x="${n(x - 200)}" y="${n(base - 300)}" width="400" height="56" rx="6" fill="${gold}"/>` +
    `<rect x="${n(x - 188)}" y="${n(base - 290)}" width="376" height="36" rx="4" fill="none" stroke="${red}" stroke-width="4"/>` +
    times(2, (i) => lantern(x - 150 + i * 300, base - 244, red, gold))
  );
}

function lantern(x: number, y: number, red: string, gold: string) {
  return (
    `<path d="M${n(x)} ${n(y)}v16" stroke="#333" stroke-width="3"/>` +
    `<ellipse cx="${n(x)}" cy="${n(y + 44)}" rx="24" ry="30" fill="${red}"/>` +
    `<rect x="${n(x - 12)}" y="${n(y + 12)}" width="24" height="6" fill="${gold}"/><rect x="${n(x - 12)}" y="${n(y + 70)}" width="24" height="6" fill="${gold}"/>` +
    `<path d="M${n(x)} ${n(y + 76)}v20" stroke="${gold}" stroke-width="4"/>`
  );
}

/** Strings of triangular flags across the top. */
function bunting(rng: Rng, palette: string[]) {
  return times(2, (row) => {
    const y0 = 30 + row * 70 + rng.range(-10, 10);
    const sag = rng.range(40, 70);
    const flags = times(24, (i) => {
      const t = i / 23;
      const x = t * VW;
      const y = y0 + sag * 4 * t * (1 - t);
      return `<path d="M${n(x - 18)} ${n(y)}L${n(x + 18)} ${n(y)}L${n(x)} ${n(y + 38)}Z" fill="${palette[(i + row) % palette.length]}"/>`;
    });
    return (
      `<path d="M0 ${n(y0)}Q640 ${n(y0 + sag * 2)} 1280 ${n(y0)}" stroke="#5b4636" stroke-width="3" fill="none"/>` +
      flags
    );
  });
}

/** A few visitors, drawn as simple figures. */
function visitors(rng: Rng, ground: number, palette: string[]) {
  return Array.from({ length: rng.int(7, 11) }, () => ({
    x: rng.range(40, 1240),
    y: ground + rng.range(150, 200),
  }))
    .sort((a, b) => a.y - b.y)
    .map((p) => {
      const k = 0.8 + (p.y - ground - 150) / 120;
      const shirt = rng.pick(palette);
      const hat = rng.chance(0.4);
      return at(
        p.x,
        p.y,
        `<rect x="-16" y="-20" width="12" height="44" rx="5" fill="#3b3b4f"/><rect x="4" y="-20" width="12" height="44" rx="5" fill="#3b3b4f"/>` +
          `<path d="M-24-20Q-26-80 0-84Q26-80 24-20Z" fill="${shirt}"/>` +
          `<circle cy="-102" r="20" fill="${hsl(28, 45, rng.range(55, 72))}"/>` +
          (hat
            ? `<path d="M-40-104L0-136 40-104Z" fill="${hsl(45, 55, 72)}"/>`
            : `<path d="M-20-106Q-18-126 0-126Q20-126 20-104Q8-116-20-106Z" fill="#2b2b2b"/>`),
        0,
        k,
      );
    })
    .join("");
}
