/**
 * Small things a demo product is made of, each drawn around (0, 0) at about 60 units across: a curled tea leaf, a
 * star anise pod, a grain of rice, a lychee. Piles, jars and labels are built from them (seeds/pictures/packs.ts).
 * A piece takes the random stream so that no two pieces in a pile are quite the same.
 */
import { hsl, n, times, type Rng } from "./svg";

export type Piece = (rng: Rng) => string;

/** A colour around `h s l`, a little lighter or darker each time. */
const vary = (rng: Rng, h: number, s: number, l: number, dl = 6) =>
  hsl(h + rng.range(-4, 4), s, l + rng.range(-dl, dl));

export const leaf = (size: number, fill: string, vein = true) =>
  `<path d="M${-size} 0Q0 ${n(-size * 0.62)} ${size} 0Q0 ${n(size * 0.62)} ${-size} 0Z" fill="${fill}"/>` +
  (vein
    ? `<path d="M${n(-size * 0.9)} 0H${n(size * 0.85)}" stroke="#fff" stroke-opacity=".35" stroke-width="${n(Math.max(2, size / 14))}"/>`
    : "");

// ---- Tea ---------------------------------------------------------------------------------------------------------

/** A rolled, dried tea leaf: a short twisted stroke. */
export const teaCurl =
  (h: number, s: number, l: number): Piece =>
  (rng) =>
    `<path d="M-17 ${n(rng.range(-3, 5))}q${n(rng.range(5, 9))}-${n(rng.range(8, 14))} 17-4t17-3" fill="none" stroke="${vary(rng, h, s, l)}" stroke-width="${n(rng.range(7, 10))}" stroke-linecap="round"/>`;

/** A hook-shaped (móc câu) leaf: small, tightly curled. */
export const teaHook =
  (h: number, s: number, l: number): Piece =>
  (rng) =>
    `<path d="M-8 12q-9-20 6-22q14-1 10 12" fill="none" stroke="${vary(rng, h, s, l)}" stroke-width="${n(rng.range(6, 8))}" stroke-linecap="round"/>`;

/** A bud (tôm, nõn): slim, pointed, with a pale down. */
export const teaBud =
  (h: number, s: number, l: number): Piece =>
  (rng) =>
    `<path d="M0-24Q9-6 4 20Q0 25-4 20Q-9-6 0-24Z" fill="${vary(rng, h, s, l)}"/><path d="M0-18Q3-2 1 16" stroke="#fff" stroke-opacity=".45" stroke-width="3" fill="none"/>`;

/** A fresh shoot: one bud and two leaves on a stalk. */
export const teaShoot: Piece = (rng) => {
  const g = rng.range(105, 130);
  return (
    `<path d="M0 40V-30" stroke="${hsl(g - 20, 40, 35)}" stroke-width="5"/>` +
    `<g transform="translate(0 -38) rotate(-90)">${leaf(16, hsl(g, 55, 55), false)}</g>` +
    `<g transform="translate(-22 -6) rotate(-140)">${leaf(26, hsl(g, 50, 38))}</g>` +
    `<g transform="translate(22 12) rotate(-40)">${leaf(30, hsl(g + 5, 50, 33))}</g>`
  );
};

/** An ear of rice, bending. */
export const riceEar: Piece = (rng) =>
  `<path d="M0 40Q4 0-6-40" stroke="${hsl(55, 45, 40)}" stroke-width="4" fill="none"/>` +
  times(
    7,
    (i) =>
      `<ellipse cx="${i % 2 ? 6 : -7}" cy="${-38 + i * 9}" rx="4" ry="8" fill="${hsl(45 + rng.range(-4, 4), 75, 55)}" transform="rotate(${i % 2 ? 25 : -25} ${i % 2 ? 6 : -7} ${-38 + i * 9})"/>`,
  );

/** One cell of honeycomb. */
export const hexCell: Piece = () =>
  `<path d="M-24 0-12-21H12L24 0 12 21H-12Z" fill="${hsl(42, 90, 55)}" stroke="${hsl(36, 80, 38)}" stroke-width="4"/>`;

// ---- Spices ------------------------------------------------------------------------------------------------------

/** Star anise: eight boat-shaped pods round a centre, some open on their seed. */
export const starAnise: Piece = (rng) => {
  const c = vary(rng, 14, 52, 30, 5);
  const edge = hsl(14, 45, 18);
  const pods = times(8, (i) => {
    const len = rng.range(30, 38);
    return (
      `<g transform="rotate(${i * 45 + rng.range(-6, 6)})"><path d="M0-4L-9-${n(len * 0.8)}Q0-${n(len + 6)} 9-${n(len * 0.8)}Z" fill="${c}" stroke="${edge}" stroke-width="3"/>` +
      (i % 2 ? `<ellipse cy="-${n(len * 0.55)}" rx="4" ry="7" fill="${hsl(30, 55, 50)}"/>` : "") +
      `</g>`
    );
  });
  return `${pods}<circle r="7" fill="${edge}"/>`;
};

/** A cinnamon quill lying on its side, its rolled end towards the viewer. */
export const cinnamonQuill =
  (length = 150): Piece =>
  (rng) => {
    const c = vary(rng, 22, 55, 40, 5);
    const half = length / 2;
    return (
      `<rect x="${-half}" y="-13" width="${length}" height="26" rx="8" fill="${c}"/>` +
      `<path d="M${-half + 10}-5H${half - 20}M${-half + 25} 6H${half - 10}" stroke="${hsl(22, 50, 28)}" stroke-opacity=".5" stroke-width="3"/>` +
      `<ellipse cx="${half}" rx="8" ry="13" fill="${hsl(22, 50, 26)}"/>` +
      `<path d="M${half} 0a5 5 0 1 1 3-8" fill="none" stroke="${hsl(25, 55, 50)}" stroke-width="3"/>`
    );
  };

/** A chip of cinnamon bark. */
export const barkChip: Piece = (rng) =>
  `<path d="M-16-6Q0-${n(rng.range(10, 16))} 18-4L14 8Q0 4-14 9Z" fill="${vary(rng, 22, 55, 38)}"/>`;

// ---- Grains, beans, powders -----------------------------------------------------------------------------------

export const grain =
  (h: number, s: number, l: number, round = false): Piece =>
  (rng) =>
    `<ellipse rx="${round ? 6 : 4.5}" ry="${round ? 8 : 11}" fill="${vary(rng, h, s, l, 4)}"/>`;

export const coffeeBean =
  (h: number, s: number, l: number): Piece =>
  (rng) =>
    `<ellipse rx="13" ry="17" fill="${vary(rng, h, s, l, 5)}"/><path d="M-2-14Q5-4-2 4T0 14" fill="none" stroke="${hsl(h, s, l - 14)}" stroke-width="3"/>`;

/** A granule of palm sugar, pollen, ground coffee. */
export const granule =
  (h: number, s: number, l: number): Piece =>
  (rng) =>
    `<circle r="${n(rng.range(4, 7))}" fill="${vary(rng, h, s, l, 7)}"/>`;

// ---- Roots, leaves and slices (medicinal herbs) --------------------------------------------------------------

/** A knotted root (ba kích): bulging segments along a curve. */
export const beadedRoot =
  (h: number, s: number, l: number): Piece =>
  (rng) =>
    times(5, (i) => {
      const x = -48 + i * 24;
      const y = Math.sin(i * 1.3) * 6;
      return `<ellipse cx="${x}" cy="${n(y)}" rx="${n(rng.range(12, 15))}" ry="${n(rng.range(9, 12))}" fill="${vary(rng, h, s, l)}"/>`;
    }) + `<path d="M-56 0Q0 10 56 0" stroke="${hsl(h, s, l - 12)}" stroke-width="3" fill="none"/>`;

/** A dark, knobbly chunk of root (hà thủ ô). */
export const rootChunk =
  (h: number, s: number, l: number): Piece =>
  (rng) =>
    `<path d="M-22-8Q-16-22 0-16T22-10Q28 6 14 16T-16 16Q-30 6-22-8Z" fill="${vary(rng, h, s, l)}"/><path d="M-8-4q6 6 14 0" stroke="#000" stroke-opacity=".2" stroke-width="3" fill="none"/>`;

/** A dried slice of root: a disc with its growth ring. */
export const rootSlice =
  (h: number, s: number, l: number): Piece =>
  (rng) => {
    const r = rng.range(16, 22);
    return `<ellipse rx="${n(r)}" ry="${n(r * 0.9)}" fill="${vary(rng, h, s, l, 4)}" stroke="${hsl(h, s, l - 22)}" stroke-width="3"/><ellipse rx="${n(r * 0.45)}" ry="${n(r * 0.4)}" fill="none" stroke="${hsl(h, s, l - 14)}" stroke-width="2"/>`;
  };

/** A palmate leaf of five leaflets (giảo cổ lam), dried. */
export const fiveLeaflets: Piece = (rng) => {
  const c = vary(rng, 95, 30, 34);
  return times(5, (i) => `<g transform="rotate(${-100 + i * 50})translate(0 -20)">${leaf(18, c, false)}</g>`);
};

/** An đinh lăng leaf: frilly leaflets along a stalk. */
export const frillyLeaf: Piece = (rng) => {
  const c = vary(rng, 110, 45, 34);
  return (
    `<path d="M0 36V-34" stroke="${hsl(100, 35, 30)}" stroke-width="3"/>` +
    times(
      3,
      (i) =>
        `<g transform="translate(0 ${-26 + i * 20})"><path d="M0 0q-12-14-26-6q6-4 2 4q8-2 6 6z" fill="${c}"/><path d="M0 0q12-14 26-6q-6-4-2 4q-8-2-6 6z" fill="${c}"/></g>`,
    )
  );
};

// ---- Fruit, vegetables, mushrooms ---------------------------------------------------------------------------

/** A round fruit with a highlight: the base for oranges, lychees, plums, tomatoes. */
export const roundFruit = (r: number, fill: string, extra = "") =>
  `<circle r="${n(r)}" fill="${fill}"/>${extra}<ellipse cx="${n(-r * 0.35)}" cy="${n(-r * 0.38)}" rx="${n(r * 0.22)}" ry="${n(r * 0.15)}" fill="#fff" fill-opacity=".35" transform="rotate(-35 ${n(-r * 0.35)} ${n(-r * 0.38)})"/>`;

export const persimmon: Piece = (rng) =>
  roundFruit(
    30,
    vary(rng, 22, 85, 52),
    times(
      4,
      (i) =>
        `<path transform="rotate(${i * 90 + 45})" d="M0-24Q-8-34 0-40Q8-34 0-24Z" fill="${hsl(75, 35, 30)}"/>`,
    ),
  ).replace('<circle r="30"', '<ellipse rx="32" ry="27"');

export const mandarin: Piece = (rng) =>
  roundFruit(
    28,
    vary(rng, 35, 90, 52),
    `<path d="M0-28q4-8 2-12" stroke="${hsl(90, 35, 25)}" stroke-width="3" fill="none"/><g transform="translate(12 -34) rotate(-20)">${leaf(14, hsl(115, 50, 30), false)}</g>`,
  );

export const lychee: Piece = (rng) => {
  const c = vary(rng, 356, 65, 42);
  return roundFruit(
    19,
    c,
    times(
      7,
      (i) =>
        `<path transform="rotate(${i * 51}) translate(0 ${n(rng.range(4, 12))})" d="M-3 0l3-4 3 4z" fill="${hsl(350, 60, 30)}"/>`,
    ),
  );
};

export const plum: Piece = (rng) =>
  roundFruit(
    22,
    vary(rng, 338, 45, 34),
    `<path d="M0-21q2-8 6-12" stroke="${hsl(90, 30, 25)}" stroke-width="3" fill="none"/><ellipse cx="6" cy="6" rx="12" ry="10" fill="${hsl(350, 55, 45)}" fill-opacity=".5"/>`,
  );

export const tomato: Piece = (rng) =>
  roundFruit(
    28,
    vary(rng, 5, 75, 46),
    `<path d="M0-28l5-6 3 8 8-1-6 6 5 6-9-2-6 7-1-9-8 0 6-6z" fill="${hsl(110, 50, 32)}" transform="translate(-4 0)"/>`,
  );

/** A flattened, sugar-bloomed dried fruit (persimmon, plum, lychee). */
export const driedFruit =
  (h: number, s: number, l: number): Piece =>
  (rng) =>
    `<ellipse rx="${n(rng.range(22, 27))}" ry="${n(rng.range(16, 20))}" fill="${vary(rng, h, s, l)}"/>` +
    times(
      4,
      () =>
        `<circle cx="${n(rng.range(-14, 14))}" cy="${n(rng.range(-9, 9))}" r="2" fill="#fff" fill-opacity=".55"/>`,
    ) +
    `<path d="M-12-2q12 8 24 0" stroke="#000" stroke-opacity=".15" stroke-width="3" fill="none"/>`;

/** A curled strip of peel, candied or dried. */
export const peelStrip =
  (h: number, s: number, l: number): Piece =>
  (rng) =>
    `<path d="M-22 4Q-6-${n(rng.range(8, 14))} 22-2" fill="none" stroke="${vary(rng, h, s, l)}" stroke-width="${n(rng.range(8, 11))}" stroke-linecap="round"/>`;

export const shiitake =
  (dried: boolean): Piece =>
  (rng) => {
    const cap = dried ? vary(rng, 25, 40, 28) : vary(rng, 25, 45, 40);
    return (
      `<rect x="-7" y="-4" width="14" height="${dried ? 18 : 26}" rx="5" fill="${hsl(40, 35, 85)}"/>` +
      `<path d="M-30 2Q-30-26 0-26Q30-26 30 2Q0 -4-30 2Z" fill="${cap}"/>` +
      times(
        dried ? 4 : 2,
        () =>
          `<path d="M${n(rng.range(-20, 8))} ${n(rng.range(-20, -8))}l${n(rng.range(6, 12))} ${n(rng.range(-3, 4))}" stroke="${hsl(40, 40, 85)}" stroke-width="2.5" stroke-linecap="round"/>`,
      )
    );
  };

export const kingOyster: Piece = (rng) =>
  `<path d="M-12 36Q-16 0-9-22H9Q16 0 12 36Q0 42-12 36Z" fill="${vary(rng, 40, 35, 90, 3)}"/>` +
  `<ellipse cy="-24" rx="${n(rng.range(18, 24))}" ry="9" fill="${vary(rng, 30, 30, 52)}"/>`;

/** Reishi (linh chi): a lacquered fan with growth rings and a pale edge. */
export const reishi: Piece = (rng) =>
  `<path d="M-40 6Q-42-30 0-32Q42-30 40 6Q20 -2 0 2Q-20-2-40 6Z" fill="${vary(rng, 8, 60, 30)}" stroke="${hsl(40, 70, 60)}" stroke-width="4"/>` +
  `<path d="M-28 0Q-26-20 0-21Q26-20 28 0M-16-2Q-14-12 0-12Q14-12 16-2" fill="none" stroke="${hsl(8, 50, 20)}" stroke-width="3"/>` +
  `<rect x="-5" y="2" width="10" height="22" rx="4" fill="${hsl(10, 45, 28)}"/>`;

// ---- Sweets, sugar, coffee ----------------------------------------------------------------------------------

/** A disc of palm sugar, seen a little from above. */
export const sugarDisc: Piece = (rng) => {
  const c = vary(rng, 30, 55, 42);
  return `<ellipse cy="6" rx="30" ry="12" fill="${hsl(28, 50, 30)}"/><ellipse rx="30" ry="12" fill="${c}"/><ellipse rx="20" ry="7" fill="#fff" fill-opacity=".12"/>`;
};

/** A bar of bánh cáy: pale with red, green and orange flecks. */
export const sweetBar: Piece = (rng) =>
  `<rect x="-34" y="-12" width="68" height="24" rx="4" fill="${vary(rng, 38, 60, 78, 4)}"/>` +
  times(
    9,
    (i) =>
      `<circle cx="${n(rng.range(-28, 28))}" cy="${n(rng.range(-8, 8))}" r="2.6" fill="${["#c0392b", "#2e8b57", "#e67e22"][i % 3]}"/>`,
  );
