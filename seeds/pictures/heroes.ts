/**
 * Products that are pictured as themselves rather than in a pack: a cup and pot of tea, a skein of vermicelli, a
 * pomelo, a cabbage, a hill chicken, a rattan basket, a folded brocade scarf. Each stands with its bottom centre
 * at (x, y) and is about `300 × s` units tall.
 */
import { leaf, roundFruit, type Piece } from "./pieces";
import { at, hsl, n, shadow, times, type Defs, type Rng } from "./svg";

export interface Draw {
  rng: Rng;
  defs: Defs;
}

export type Hero = (d: Draw, x: number, y: number, s: number) => string;

/** A small handle-less cup of tea on its saucer. */
export const teaCup =
  (liquor: string): Hero =>
  ({ rng }, x, y, s) => {
    const glaze = rng.pick(["#f6f3ec", "#dfe9df", "#2f4f6f", "#e8dcc5"]);
    return at(
      x,
      y,
      shadow(0, 0, 120) +
        `<ellipse cy="-8" rx="120" ry="26" fill="${glaze}" stroke="#000" stroke-opacity=".08" stroke-width="4"/>` +
        `<path d="M-80-130Q-80-14 0-14Q80-14 80-130Z" fill="${glaze}"/>` +
        `<ellipse cy="-130" rx="80" ry="18" fill="${hsl(0, 0, 90)}"/><ellipse cy="-128" rx="70" ry="13" fill="${liquor}"/>` +
        `<path d="M-60-110Q-58-50-30-30" stroke="#fff" stroke-opacity=".45" stroke-width="10" fill="none" stroke-linecap="round"/>` +
        times(
          2,
          (i) =>
            `<path d="M${-20 + i * 36}-160q-18-30 0-60t0-60" fill="none" stroke="#fff" stroke-opacity=".6" stroke-width="8" stroke-linecap="round"/>`,
        ),
      0,
      s * 1.5,
    );
  };

/** A round clay teapot (Bát Tràng style). */
export const teapot: Hero = ({ rng }, x, y, s) => {
  const glaze = rng.pick([hsl(200, 35, 35), hsl(20, 45, 32), hsl(150, 20, 70), hsl(40, 30, 88)]);
  const band = rng.pick(["#2f5d8a", "#c9a227", "#8a1c1c", "#ffffff"]);
  return at(
    x,
    y,
    shadow(0, 0, 150) +
      `<path d="M120-150Q200-170 210-230" stroke="${glaze}" stroke-width="26" fill="none" stroke-linecap="round"/>` +
      `<path d="M-120-180Q-200-190-190-120Q-180-70-120-80" stroke="${glaze}" stroke-width="18" fill="none"/>` +
      `<ellipse cy="-120" rx="140" ry="118" fill="${glaze}"/>` +
      `<path d="M-135-150Q0-120 135-150" stroke="${band}" stroke-width="12" fill="none"/>` +
      `<ellipse cy="-232" rx="70" ry="16" fill="${glaze}"/><path d="M-62-232Q-56-270 0-272Q56-270 62-232Z" fill="${glaze}"/>` +
      `<circle cy="-280" r="16" fill="${band}"/>` +
      `<ellipse cx="-60" cy="-160" rx="30" ry="50" fill="#fff" fill-opacity=".22" transform="rotate(30 -60 -160)"/>`,
    0,
    s,
  );
};

/** A pressed tea cake (bánh trà) half unwrapped from its paper. */
export const teaCake: Hero = ({ rng }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 190) +
      `<path d="M-200-30Q-190-130-60-150L40-40Q-100 10-200-30Z" fill="#f3ead8" stroke="#d8c9a8" stroke-width="4"/>` +
      `<ellipse cy="-60" rx="170" ry="60" fill="${hsl(25, 35, 22)}"/><ellipse cy="-72" rx="170" ry="60" fill="${hsl(28, 35, 30)}"/>` +
      times(
        40,
        () =>
          `<path d="M${n(rng.range(-140, 140))} ${n(rng.range(-110, -40))}q8-6 16 0" stroke="${hsl(30, 30, rng.range(18, 42))}" stroke-width="5" fill="none"/>`,
      ) +
      `<ellipse cy="-72" rx="40" ry="14" fill="${hsl(28, 30, 24)}"/>`,
    0,
    s,
  );

/** A wooden bowl of fine green powder with a bamboo whisk. */
export const matcha: Hero = (_d, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 150) +
      `<path d="M-130-36Q0-170 130-36Z" fill="${hsl(90, 55, 42)}"/>` +
      `<path d="M-150-40Q-150 0-60 0H60Q150 0 150-40Z" fill="${hsl(30, 40, 40)}"/><ellipse cy="-40" rx="150" ry="22" fill="${hsl(30, 40, 48)}"/>` +
      `<path d="M-130-36Q0-150 130-36Q0-20-130-36Z" fill="${hsl(90, 55, 45)}"/>` +
      `<g transform="translate(210 -10) rotate(20)"><rect x="-14" y="-220" width="28" height="110" rx="8" fill="${hsl(40, 45, 70)}"/>` +
      times(9, (i) => `<path d="M0-110L${-40 + i * 10} 0" stroke="${hsl(40, 40, 62)}" stroke-width="5"/>`) +
      `</g>`,
    0,
    s,
  );

/** Flowers scented into tea: jasmine (white stars) or lotus (pink). */
export const flower =
  (kind: "jasmine" | "lotus" | "blossom" | "mint" | "coffee"): Piece =>
  (rng) => {
    if (kind === "lotus")
      return (
        times(
          7,
          (i) =>
            `<path transform="rotate(${-90 + (i - 3) * 24})" d="M0 0Q-22-40 0-80Q22-40 0 0Z" fill="${hsl(340, 70, 78 - Math.abs(i - 3) * 4)}"/>`,
        ) + `<circle cy="-6" r="14" fill="${hsl(50, 80, 60)}"/>`
      );
    if (kind === "mint")
      return (
        `<path d="M0 40V-20" stroke="${hsl(110, 35, 35)}" stroke-width="4"/>` +
        times(
          6,
          (i) => `<circle cx="${i % 2 ? 5 : -5}" cy="${-20 - i * 9}" r="7" fill="${hsl(280, 45, 62)}"/>`,
        )
      );
    const petal =
      kind === "jasmine"
        ? "#fbfbf6"
        : kind === "coffee"
          ? "#ffffff"
          : hsl(rng.pick([345, 350, 48]), 75, rng.pick([75, 80]));
    const count = kind === "blossom" ? 5 : kind === "coffee" ? 5 : 6;
    return (
      times(
        count,
        (i) =>
          `<ellipse transform="rotate(${(i * 360) / count})" cy="-12" rx="7" ry="13" fill="${petal}" stroke="#000" stroke-opacity=".08" stroke-width="2"/>`,
      ) + `<circle r="5" fill="${hsl(48, 85, 55)}"/>`
    );
  };

/** A branch with blossoms (Tết: peach or apricot), lying across the top of the picture. */
export const blossomBranch = (rng: Rng, x: number, y: number, angle: number) =>
  at(
    x,
    y,
    `<path d="M-300 0Q-100-40 0-10T300-30M-60-20Q-20-80 40-110M100-18Q140 30 200 50" stroke="${hsl(20, 30, 25)}" stroke-width="10" fill="none" stroke-linecap="round"/>` +
      [-240, -150, -40, 40, 120, 210, 280, 170, 20]
        .map((bx, i) =>
          at(
            bx,
            i > 6 ? (i === 7 ? 40 : -100) : -20 + (i % 2) * 14,
            flower("blossom")(rng),
            rng.range(0, 70),
            1.5,
          ),
        )
        .join(""),
    angle,
  );

/** Skeins of dried noodles folded and tied (miến, bún), or flat rice ribbons (phở), two or three stacked. */
export const skein =
  (colours: readonly string[], flat = false): Hero =>
  ({ rng, defs }, x, y, s) => {
    const tie = rng.pick(["#b3261e", "#c9a227", "#6b8e23", "#d9c48f"]);
    const one = (i: number) => {
      const clip = defs.clip(`<rect x="-150" y="-130" width="300" height="130" rx="50"/>`);
      const strands = times(flat ? 12 : 24, (k) => {
        const yy = -128 + k * (flat ? 11 : 5.4);
        const c = colours[(k + i) % colours.length]!;
        return `<path d="M-160 ${n(yy)}q40-${n(rng.range(4, 10))} 80 0t80 0 80 0 80 0" stroke="${c}" stroke-width="${flat ? 9 : 5}" fill="none"/>`;
      });
      return (
        `<rect x="-150" y="-130" width="300" height="130" rx="50" fill="${colours[i % colours.length]}" fill-opacity=".6"/><g clip-path="${clip}">${strands}</g>` +
        `<rect x="-18" y="-138" width="36" height="146" rx="8" fill="${tie}"/>` +
        `<path d="M-140-60Q0-40 140-60" stroke="#000" stroke-opacity=".1" stroke-width="6" fill="none"/>`
      );
    };
    const count = rng.int(2, 3);
    return at(
      x,
      y,
      shadow(0, 0, 200) + times(count, (i) => at(rng.range(-30, 30), -i * 105, one(i), rng.range(-5, 5))),
      0,
      s * 1.3,
    );
  };

/** A folded skein, small: for labels and sacks. */
export const skeinIcon =
  (colour: string): Piece =>
  () =>
    `<rect x="-30" y="-16" width="60" height="32" rx="12" fill="${colour}"/>` +
    `<path d="M-26-6q6-5 13 0t13 0 13 0 13 0M-26 4q6-5 13 0t13 0 13 0 13 0" stroke="#fff" stroke-opacity=".7" stroke-width="3" fill="none"/>` +
    `<rect x="-5" y="-20" width="10" height="40" rx="3" fill="#b3261e"/>`;

/** A bowl of noodle soup with chopsticks, herbs and a slice or two. */
export const noodleBowl =
  (noodle: string, broth: string): Hero =>
  ({ rng }, x, y, s) =>
    at(
      x,
      y,
      shadow(0, 0, 170) +
        `<ellipse cy="-120" rx="170" ry="38" fill="${broth}"/>` +
        times(
          9,
          (i) =>
            `<path d="M${-130 + i * 28}-120q14-${n(rng.range(10, 20))} 28 0t28 0" stroke="${noodle}" stroke-width="6" fill="none"/>`,
        ) +
        times(
          5,
          (i) =>
            `<g transform="translate(${-90 + i * 45} ${-128 + (i % 2) * 14}) rotate(${i * 40})">${leaf(16, hsl(120, 55, 35), false)}</g>`,
        ) +
        `<path d="M-172-120Q-172 0 0 0Q172 0 172-120Q172-80 0-80Q-172-80-172-120Z" fill="${rng.pick(["#f4f1ea", "#e9e2d0", "#2f4f6f"])}"/>` +
        `<path d="M-150-70Q0-50 150-70" stroke="#2f5d8a" stroke-width="6" fill="none"/>` +
        `<path d="M60-260L200-60M90-270L220-75" stroke="${hsl(30, 40, 45)}" stroke-width="10" stroke-linecap="round"/>`,
      0,
      s,
    );

/** A mound of fine powder (starch, ground spice, coffee) with a wooden scoop. */
export const powder =
  (colour: string): Hero =>
  ({ rng }, x, y, s) =>
    at(
      x,
      y,
      shadow(0, 0, 170) +
        `<path d="M-170 0Q-60-${n(rng.range(150, 190))} 0-${n(rng.range(160, 200))}Q60-${n(rng.range(150, 190))} 170 0Z" fill="${colour}"/>` +
        `<path d="M-120-10Q-40-120 10-150" stroke="#fff" stroke-opacity=".25" stroke-width="14" fill="none"/>` +
        `<g transform="translate(160 -40) rotate(-25)"><ellipse rx="60" ry="32" fill="${hsl(30, 45, 50)}"/><ellipse rx="48" ry="22" fill="${colour}"/><rect x="55" y="-10" width="130" height="20" rx="9" fill="${hsl(30, 45, 45)}"/></g>`,
      0,
      s * 1.3,
    );

export const pomelo: Hero = ({ rng }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 130) +
      `<path d="M0-270Q40-268 60-220Q150-190 150-110Q150 0 0 0Q-150 0-150-110Q-150-190-60-220Q-40-268 0-270Z" fill="${hsl(rng.range(60, 78), 55, 50)}"/>` +
      `<ellipse cx="-60" cy="-170" rx="30" ry="50" fill="#fff" fill-opacity=".2" transform="rotate(25 -60 -170)"/>` +
      `<path d="M0-268q6-20 18-30" stroke="${hsl(90, 35, 25)}" stroke-width="8" fill="none"/>` +
      `<g transform="translate(60 -300) rotate(-25)">${leaf(55, hsl(120, 50, 30))}</g>`,
    0,
    s,
  );

/** Half a pomelo, cut: pink segments in a thick pale rind. */
export const pomeloHalf: Hero = (_d, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 120) +
      `<ellipse cy="-60" rx="120" ry="60" fill="${hsl(70, 55, 48)}"/><ellipse cy="-64" rx="106" ry="50" fill="#f6efd9"/>` +
      times(
        10,
        (i) =>
          `<path transform="translate(0 -64) scale(1 .47) rotate(${i * 36})" d="M0-8L-26-80Q0-92 26-80Z" fill="${hsl(350, 70, 72)}"/>`,
      ),
    0,
    s * 1.5,
  );

export const cabbage: Hero = ({ rng }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 130) +
      `<circle cy="-125" r="125" fill="${hsl(95, 45, 55)}"/>` +
      times(
        5,
        (i) =>
          `<path d="M${-110 + i * 10}-${60 + i * 22}Q0-${n(rng.range(200, 230) - i * 10)} ${110 - i * 10}-${60 + i * 22}" stroke="${hsl(95, 40, 40 + i * 4)}" stroke-width="6" fill="none"/>`,
      ) +
      `<path d="M0-10V-200" stroke="#fff" stroke-opacity=".4" stroke-width="8"/>`,
    0,
    s * 1.3,
  );

export const broccoli: Hero = ({ rng }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 110) +
      `<path d="M-30 0L-20-120H20L30 0Z" fill="${hsl(95, 40, 55)}"/>` +
      times(
        14,
        (i) =>
          `<circle cx="${n(-90 + (i % 5) * 45 + rng.range(-8, 8))}" cy="${n(-150 - Math.floor(i / 5) * 45 + rng.range(-8, 8))}" r="${n(rng.range(38, 48))}" fill="${hsl(125, 45, rng.range(24, 34))}"/>`,
      ),
    0,
    s * 1.2,
  );

export const bellPepper =
  (hue: number): Hero =>
  (_d, x, y, s) =>
    at(
      x,
      y,
      shadow(0, 0, 90) +
        `<path d="M-90-150Q-100 0-40 0Q0-20 40 0Q100 0 90-150Q60-190 0-170Q-60-190-90-150Z" fill="${hsl(hue, 80, hue > 80 ? 35 : 50)}"/>` +
        `<path d="M-60-140Q-70-60-45-20" stroke="#fff" stroke-opacity=".3" stroke-width="12" fill="none" stroke-linecap="round"/>` +
        `<path d="M0-170Q0-210 24-220" stroke="${hsl(110, 45, 30)}" stroke-width="16" fill="none" stroke-linecap="round"/>`,
      0,
      s * 1.3,
    );

export const chayote: Hero = ({ rng }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 100) +
      `<path d="M0-240Q70-230 95-120Q110 0 0 0Q-110 0-95-120Q-70-230 0-240Z" fill="${hsl(rng.range(80, 95), 45, 60)}"/>` +
      times(
        3,
        (i) =>
          `<path d="M${-40 + i * 40}-225Q${-60 + i * 60}-110 ${-50 + i * 50}-10" stroke="${hsl(90, 35, 45)}" stroke-width="5" fill="none"/>`,
      ),
    0,
    s * 1.25,
  );

/** A bunch of leafy greens (cải mèo). */
export const greens: Hero = ({ rng }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 120) +
      times(7, (i) => {
        const a = -50 + i * 16 + rng.range(-4, 4);
        return `<g transform="rotate(${n(a)})"><path d="M0 0V-160" stroke="${hsl(90, 35, 70)}" stroke-width="14"/><g transform="translate(0 -220) rotate(-90)">${leaf(90, hsl(rng.range(115, 130), 50, rng.range(28, 38)))}</g></g>`;
      }) +
      `<rect x="-26" y="-60" width="52" height="22" rx="8" fill="${hsl(40, 50, 60)}"/>`,
    0,
    s,
  );

/** Fruit on a leafy twig (lychee clusters, plums). */
export const fruitTwig =
  (fruit: Piece, count: number, r: number): Hero =>
  ({ rng }, x, y, s) => {
    const spots = Array.from({ length: count }, (_, i) => ({
      x: (i % 3) * r * 1.7 - r * 1.7 + rng.range(-8, 8),
      y: -r - Math.floor(i / 3) * r * 1.5 + rng.range(-6, 6),
    })).sort((a, b) => a.y - b.y);
    return at(
      x,
      y,
      shadow(0, 0, r * 3) +
        `<path d="M0-${n(r * 4)}Q-10-${n(r * 6)} 40-${n(r * 7)}" stroke="${hsl(25, 35, 30)}" stroke-width="8" fill="none"/>` +
        spots
          .map(
            (p) =>
              `<path d="M${n(p.x)} ${n(p.y)}L0-${n(r * 4)}" stroke="${hsl(30, 35, 30)}" stroke-width="3"/>`,
          )
          .join("") +
        `<g transform="translate(50 -${n(r * 6.5)}) rotate(-20)">${leaf(r * 1.8, hsl(120, 45, 30))}</g>` +
        `<g transform="translate(-40 -${n(r * 5.5)}) rotate(200)">${leaf(r * 1.5, hsl(115, 45, 36))}</g>` +
        spots.map((p) => at(p.x, p.y, fruit(rng), rng.range(0, 40), r / 20)).join(""),
      0,
      s * 2.2,
    );
  };

/** A Yên Thế hill chicken, boiled (golden), smoked (brown) or cleaned (pale). */
export const chicken =
  (skin: string): Hero =>
  (_d, x, y, s) =>
    at(
      x,
      y,
      shadow(0, 0, 170) +
        `<ellipse cy="-26" rx="200" ry="30" fill="#f4f1ea"/>` +
        `<path d="M-150-60Q-170-200-20-210Q130-215 150-110Q160-50 90-40Q0-30-150-60Z" fill="${skin}"/>` +
        `<path d="M90-60Q180-60 200-120Q215-160 180-170Q150-170 140-120" fill="${skin}" stroke="#000" stroke-opacity=".1" stroke-width="4"/>` +
        `<circle cx="190" cy="-170" r="14" fill="#f6efe0"/>` +
        `<path d="M-60-150Q0-110 60-150" stroke="#000" stroke-opacity=".12" stroke-width="8" fill="none"/>` +
        `<ellipse cx="-50" cy="-170" rx="50" ry="18" fill="#fff" fill-opacity=".25"/>` +
        times(
          3,
          (i) =>
            `<g transform="translate(${-160 + i * 40} -40) rotate(${-30 + i * 25})">${leaf(22, hsl(110, 55, 32), false)}</g>`,
        ),
      0,
      s,
    );

/** Giò gà: a roll wrapped in banana leaf and tied, and a few slices. */
export const gioRoll: Hero = ({ rng }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 200) +
      `<rect x="-200" y="-130" width="300" height="120" rx="50" fill="${hsl(110, 45, 32)}"/>` +
      times(4, (i) => `<path d="M${-150 + i * 70}-130v120" stroke="${hsl(40, 40, 75)}" stroke-width="6"/>`) +
      `<ellipse cx="100" cy="-70" rx="30" ry="60" fill="${hsl(20, 35, 86)}" stroke="${hsl(110, 45, 32)}" stroke-width="8"/>` +
      times(
        3,
        (i) =>
          `<ellipse cx="${160 + i * 34}" cy="${-44 + i * 8}" rx="20" ry="44" fill="${hsl(20, 35, 84 - rng.range(0, 4))}" stroke="${hsl(110, 45, 32)}" stroke-width="5"/>`,
      ),
    0,
    s,
  );

// ---- Handicrafts --------------------------------------------------------------------------------------------

/** Fill the shape `d` with a weave of two colours. */
function woven(defs: Defs, d: string, light: string, dark: string, x0: number, y0: number, cell = 26) {
  const clip = defs.clip(`<path d="${d}"/>`);
  const cols = 28;
  const rows = 18;
  const cells = times(rows, (r) =>
    times(cols, (c) =>
      (r + c) % 2
        ? `<rect x="${x0 + c * cell}" y="${y0 + r * cell * 0.6}" width="${cell - 4}" height="${n(cell * 0.6 - 3)}" rx="4" fill="${dark}"/>`
        : "",
    ),
  );
  return `<path d="${d}" fill="${light}"/><g clip-path="${clip}">${cells}</g>`;
}

export const basket =
  (lid: boolean, handles: boolean, light: string, dark: string): Hero =>
  ({ defs }, x, y, s) => {
    const body = "M-200-230H200L160 0H-160Z";
    return at(
      x,
      y,
      shadow(0, 0, 200) +
        (handles
          ? `<path d="M-120-220Q-120-360 0-360Q120-360 120-220" stroke="${dark}" stroke-width="18" fill="none"/>`
          : "") +
        woven(defs, body, light, dark, -220, -240) +
        (lid
          ? `<path d="M-215-230Q0-330 215-230Z" fill="${dark}"/><circle cy="-290" r="16" fill="${dark}"/>`
          : `<rect x="-210" y="-245" width="420" height="26" rx="12" fill="${dark}"/>`),
      0,
      s,
    );
  };

export const trays: Hero = ({ defs, rng }, x, y, s) => {
  const light = hsl(38, 55, 62);
  const dark = hsl(30, 50, 42);
  return at(
    x,
    y,
    shadow(0, 0, 240) +
      [0, 1, 2]
        .map((i) => {
          const w = 480 - i * 90;
          const yy = -i * 44;
          return (
            woven(
              defs,
              `M${-w / 2} ${yy}L${-w / 2 + 30} ${yy - 60}H${w / 2 - 30}L${w / 2} ${yy}Z`,
              light,
              dark,
              -w / 2,
              yy - 70,
              22,
            ) + `<rect x="${-w / 2 - 6}" y="${yy - 8}" width="${w + 12}" height="14" rx="7" fill="${dark}"/>`
          );
        })
        .join("") +
      (rng.chance(0.5)
        ? at(
            0,
            -120,
            `<circle r="26" fill="${hsl(35, 90, 52)}"/>` +
              `<circle cx="46" cy="6" r="22" fill="${hsl(0, 70, 45)}"/>`,
          )
        : ""),
    0,
    s,
  );
};

export const lampShade: Hero = ({ defs }, x, y, s) =>
  at(
    x,
    y,
    `<path d="M0-420V-340" stroke="#333" stroke-width="4"/>` +
      woven(
        defs,
        "M-40-340Q-60-300-120-270Q-190-230-170-150Q-150-60 0-50Q150-60 170-150Q190-230 120-270Q60-300 40-340Z",
        hsl(40, 55, 66),
        hsl(32, 50, 45),
        -200,
        -350,
        24,
      ) +
      `<ellipse cy="-60" rx="110" ry="16" fill="${hsl(48, 100, 75)}" fill-opacity=".8"/>`,
    0,
    s,
  );

export const roundMat: Hero = ({ rng }, x, y, s) => {
  const c = hsl(45 + rng.range(-6, 6), 45, 66);
  return at(
    x,
    y,
    shadow(0, 0, 290, 40) +
      `<ellipse cy="-50" rx="290" ry="90" fill="${c}"/>` +
      times(
        7,
        (i) =>
          `<ellipse cy="-50" rx="${290 - i * 40}" ry="${90 - i * 12.4}" fill="none" stroke="${i % 2 ? hsl(30, 50, 45) : hsl(150, 30, 40)}" stroke-width="8"/>`,
      ),
    0,
    s,
  );
};

/** A fabric pattern: brocade diamonds and zigzags (thổ cẩm), indigo with wax-resist dots, or plain silk sheen. */
export function fabric(defs: Defs, rng: Rng, style: "brocade" | "indigo" | "silk" | "linen", base: string) {
  return (d: string, x0: number, y0: number) => {
    const clip = defs.clip(`<path d="${d}"/>`);
    let pattern = "";
    if (style === "brocade") {
      const cols = [
        hsl(rng.pick([0, 45, 200, 330]), 75, 50),
        hsl(rng.pick([50, 140, 25]), 80, 55),
        "#f6efe0",
      ];
      pattern = times(10, (r) => {
        const yy = y0 + r * 46;
        const c = cols[r % cols.length]!;
        return r % 2
          ? `<path d="M${x0} ${yy}${"l18-16 18 16".repeat(26)}" stroke="${c}" stroke-width="7" fill="none"/>`
          : times(
              13,
              (i) =>
                `<path transform="translate(${x0 + 20 + i * 40} ${yy})" d="M0-14L12 0 0 14-12 0Z" fill="${c}"/>`,
            );
      });
    } else if (style === "indigo") {
      pattern = times(60, () => {
        const cx = x0 + rng.range(0, 520);
        const cy = y0 + rng.range(0, 460);
        return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rng.range(5, 12))}" fill="none" stroke="#e8eef6" stroke-opacity=".7" stroke-width="3"/>`;
      });
    } else if (style === "silk") {
      pattern = times(
        6,
        (i) =>
          `<path d="M${x0} ${y0 + 40 + i * 70}q130-${n(rng.range(20, 50))} 260 0t260 0" stroke="#fff" stroke-opacity=".22" stroke-width="22" fill="none"/>`,
      );
    } else {
      pattern = times(
        30,
        (i) => `<path d="M${x0} ${y0 + i * 16}h540" stroke="#000" stroke-opacity=".05" stroke-width="4"/>`,
      );
    }
    return `<path d="${d}" fill="${base}"/><g clip-path="${clip}">${pattern}</g>`;
  };
}

export type Garment =
  "bag" | "scarf" | "shirt" | "skirt" | "wallet" | "cloth" | "pillow" | "blanket" | "tie" | "coasters";

/** A textile product, folded or laid out flat, in its fabric. */
export const garment =
  (kind: Garment, style: "brocade" | "indigo" | "silk" | "linen", base: string): Hero =>
  ({ defs, rng }, x, y, s) => {
    const paint = fabric(defs, rng, style, base);
    const dark = "#000";
    let body = "";
    switch (kind) {
      case "bag":
        body =
          `<path d="M-90-300Q-90-400 0-400Q90-400 90-300" stroke="${hsl(30, 40, 30)}" stroke-width="16" fill="none"/>` +
          paint("M-170-300H170L150 0H-150Z", -180, -310) +
          `<path d="M-170-300H170V-260H-170Z" fill="${dark}" fill-opacity=".2"/>`;
        break;
      case "wallet":
        body =
          paint("M-150-170H150V0H-150Z", -160, -180) +
          `<path d="M-150-170H150L0-60Z" fill="${dark}" fill-opacity=".18"/><circle cy="-70" r="12" fill="#c9a227"/>`;
        break;
      case "scarf":
        body =
          paint("M-220-160H220V-20H-220Z", -230, -170) +
          paint("M-200-40H-60L-80 0H-220Z", -230, -60) +
          times(14, (i) => `<path d="M${-214 + i * 10} -20v34" stroke="${base}" stroke-width="4"/>`) +
          `<path d="M-220-110H220" stroke="${dark}" stroke-opacity=".12" stroke-width="6"/>`;
        break;
      case "shirt":
        body =
          paint(
            "M-80-330L-200-280-240-170-170-150-150-210-150 0H150V-210L170-150 240-170 200-280 80-330Q0-290-80-330Z",
            -250,
            -340,
          ) +
          `<path d="M-80-330Q0-290 80-330M0-300V0" stroke="${dark}" stroke-opacity=".2" stroke-width="6" fill="none"/>`;
        break;
      case "skirt":
        body =
          paint("M-110-330H110L230 0H-230Z", -240, -340) +
          `<rect x="-110" y="-340" width="220" height="30" fill="${dark}" fill-opacity=".25"/>` +
          times(
            5,
            (i) =>
              `<path d="M${-60 + i * 30}-310L${-150 + i * 75} 0" stroke="${dark}" stroke-opacity=".1" stroke-width="6"/>`,
          );
        break;
      case "tie":
        body = paint("M-30-380H30L45-330 70 0 0 40-70 0-45-330Z", -80, -390);
        break;
      case "pillow":
        body =
          paint("M-230-230Q0-250 230-230Q250-115 230 0Q0 20-230 0Q-250-115-230-230Z", -250, -250) +
          `<path d="M-200-115H200" stroke="${dark}" stroke-opacity=".08" stroke-width="30"/>`;
        break;
      case "coasters":
        body = times(
          4,
          (i) =>
            paint(`M-100 ${-i * 22 - 22}H100V${-i * 22}H-100Z`, -110, -i * 22 - 40) +
            `<path d="M-100 ${-i * 22}H100" stroke="${dark}" stroke-opacity=".25" stroke-width="3"/>`,
        );
        body += paint("M-100-300H100V-110H-100Z", -110, -310);
        break;
      default:
        // cloth, blanket: folded flat in layers
        body = times(
          kind === "blanket" ? 4 : 3,
          (i) =>
            paint(`M-250 ${-i * 50 - 50}H250V${-i * 50}H-250Z`, -260, -i * 50 - 60) +
            `<path d="M-250 ${-i * 50}H250" stroke="${dark}" stroke-opacity=".25" stroke-width="4"/>`,
        );
    }
    return at(x, y, shadow(0, 0, 230) + body, 0, s);
  };

/** A roll of cloth sold by the metre, its end unrolled. */
export const fabricRoll =
  (style: "brocade" | "indigo" | "silk" | "linen", base: string): Hero =>
  ({ defs, rng }, x, y, s) => {
    const paint = fabric(defs, rng, style, base);
    return at(
      x,
      y,
      shadow(0, 0, 260) +
        paint("M-60-40L260-40 300 0H-20Z", -80, -60) +
        paint("M-260-200H-40V-20H-260Z", -270, -210) +
        `<ellipse cx="-40" cy="-110" rx="40" ry="90" fill="${base}"/><ellipse cx="-40" cy="-110" rx="26" ry="64" fill="#000" fill-opacity=".15"/>` +
        `<ellipse cx="-40" cy="-110" rx="10" ry="22" fill="${hsl(30, 30, 60)}"/>`,
      0,
      s,
    );
  };

export const tissueBox: Hero = ({ defs }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 220) +
      woven(defs, "M-220-180H220V0H-220Z", hsl(35, 50, 58), hsl(28, 50, 38), -230, -190, 24) +
      `<path d="M-220-180L-170-230H270L220-180Z" fill="${hsl(30, 50, 45)}"/><path d="M220-180L270-230V-50L220 0Z" fill="${hsl(28, 50, 32)}"/>` +
      `<path d="M0-210Q-40-300 10-300Q60-290 30-210Z" fill="#fbfbf8"/>`,
    0,
    s,
  );

// ---- Other specialities -----------------------------------------------------------------------------------

/** A Vietnamese coffee filter (phin) on a glass. */
export const phin: Hero = (_d, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 110) +
      `<path d="M-80-200L-70 0H70L80-200Z" fill="#fff" fill-opacity=".35" stroke="#fff" stroke-opacity=".7" stroke-width="4"/>` +
      `<path d="M-74-80L-70 0H70L74-80Z" fill="${hsl(25, 60, 22)}"/><path d="M-76-110L-74-80H74L76-110Z" fill="${hsl(35, 60, 85)}"/>` +
      `<rect x="-100" y="-214" width="200" height="16" rx="6" fill="#b8bcc2"/><path d="M-70-214L-62-320H62L70-214Z" fill="#c9cdd3"/>` +
      `<rect x="-70" y="-336" width="140" height="18" rx="6" fill="#aeb3ba"/><circle cy="-348" r="12" fill="#aeb3ba"/>`,
    0,
    s,
  );

/** Sugar palm fruit (thốt nốt): a dark round with a cut one showing translucent flesh. */
export const palmFruit: Hero = ({ rng }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 170) +
      roundFruit(100, hsl(280, 25, 16)).replace("<circle", '<circle cx="-70" cy="-100"') +
      `<circle cx="-70" cy="-200" r="26" fill="${hsl(30, 40, 30)}"/>` +
      `<g transform="translate(90 -60)"><circle r="70" fill="${hsl(280, 25, 18)}"/><circle r="54" fill="#f4efe2"/>` +
      times(
        3,
        (i) =>
          `<ellipse transform="rotate(${i * 120 + rng.range(-10, 10)}) translate(0 -22)" rx="18" ry="22" fill="${hsl(50, 30, 92)}" stroke="#fff" stroke-width="3"/>`,
      ) +
      `</g>`,
    0,
    s,
  );

/** A honeycomb slab with honey dripping, and a wooden dipper. */
export const honeycomb: Hero = ({ rng }, x, y, s) => {
  const cells = times(22, (i) => {
    const c = i % 6;
    const r = Math.floor(i / 6);
    const cx = -150 + c * 56 + (r % 2) * 28;
    const cy = -60 - r * 48;
    return `<path transform="translate(${cx} ${cy})" d="M-28 0-14-24H14L28 0 14 24H-14Z" fill="${hsl(42, 90, rng.range(50, 60))}" stroke="${hsl(38, 80, 38)}" stroke-width="5"/>`;
  });
  return at(
    x,
    y,
    shadow(0, 0, 190) +
      cells +
      `<path d="M-120-40q6 40 0 60q-6-20 0-60M40-40q6 30 0 44q-6-14 0-44" fill="${hsl(38, 90, 48)}"/>` +
      `<g transform="translate(190 -90) rotate(-40)"><rect x="-10" y="-180" width="20" height="170" rx="8" fill="${hsl(28, 45, 40)}"/>` +
      times(
        4,
        (i) =>
          `<ellipse cy="${10 + i * 14}" rx="${30 - Math.abs(i - 1.5) * 6}" ry="8" fill="${hsl(28, 45, 45)}"/>`,
      ) +
      `</g>`,
    0,
    s,
  );
};

export const bee: Piece = () =>
  `<ellipse cx="-4" cy="-16" rx="12" ry="9" fill="#fff" fill-opacity=".75"/><ellipse cx="8" cy="-16" rx="12" ry="9" fill="#fff" fill-opacity=".75"/>` +
  `<ellipse rx="20" ry="13" fill="#f2b705"/><path d="M-6-12v24M6-12v24" stroke="#222" stroke-width="5"/><circle cx="20" r="8" fill="#222"/>`;

/** A block of beeswax with its comb pattern pressed in. */
export const waxBlock: Hero = (_d, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 180) +
      `<path d="M-180 0V-110L-120-170H180V-60L120 0Z" fill="${hsl(45, 85, 55)}"/>` +
      `<path d="M-180-110L-120-170H180L120-110Z" fill="${hsl(47, 90, 66)}"/><path d="M120-110L180-170V-60L120 0Z" fill="${hsl(42, 80, 44)}"/>` +
      times(
        10,
        (i) =>
          `<path transform="translate(${-140 + (i % 5) * 58} ${-80 + Math.floor(i / 5) * 50 - (i % 2) * 6})" d="M-22 0-11-19H11L22 0 11 19H-11Z" fill="none" stroke="${hsl(40, 70, 45)}" stroke-width="4"/>`,
      ),
    0,
    s * 1.2,
  );

/** A Bát Tràng style pillow stuffed with dried leaves: a soft rounded rectangle of plain cloth with piping. */
export const herbPillow: Hero = ({ rng }, x, y, s) =>
  at(
    x,
    y,
    shadow(0, 0, 230) +
      `<path d="M-230-170Q0-200 230-170Q250-85 230 0Q0 20-230 0Q-250-85-230-170Z" fill="${rng.pick(["#e9f0e4", "#f3ead8", "#dde8f0"])}" stroke="${hsl(110, 30, 45)}" stroke-width="8"/>` +
      `<g transform="translate(-130 -90) rotate(-30)">${leaf(46, hsl(110, 40, 40))}</g><g transform="translate(-70 -110) rotate(20)">${leaf(36, hsl(110, 40, 48))}</g>`,
    0,
    s,
  );
