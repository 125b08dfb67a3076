import type { BoothType } from "../vocabulary/domain";

export interface GridRequest {
  rows: number;
  columns: number;
  /** Letter of the first row: rows are A, B, C… from here. */
  firstRow: string;
  /** Number of the first booth in each row (1 → A01). */
  firstNumber: number;
  widthM: number;
  depthM: number;
  /** Aisle between rows of booths, in metres. */
  aisleM: number;
  originXM: number;
  originYM: number;
  type: BoothType;
  /** The first and last booth of each row are corner booths (open on two sides). */
  cornerEnds: boolean;
  priceVnd: number;
  cornerPriceVnd: number;
}

export interface PlannedBooth {
  code: string;
  type: BoothType;
  xM: number;
  yM: number;
  widthM: number;
  depthM: number;
  priceVnd: number;
}

/** A01…A20, B01…: rows of booths side by side, separated by aisles. Pure, so it is tested on its own. */
export function planGrid(g: GridRequest): PlannedBooth[] {
  const out: PlannedBooth[] = [];
  const first = g.firstRow.toUpperCase().charCodeAt(0);
  const digits = Math.max(2, String(g.firstNumber + g.columns - 1).length);
  for (let r = 0; r < g.rows; r++) {
    const letter = String.fromCharCode(first + r);
    for (let c = 0; c < g.columns; c++) {
      const corner = g.cornerEnds && g.columns > 1 && (c === 0 || c === g.columns - 1);
      out.push({
        code: `${letter}${String(g.firstNumber + c).padStart(digits, "0")}`,
        type: corner ? "corner" : g.type,
        xM: g.originXM + c * g.widthM,
        yM: g.originYM + r * (g.depthM + g.aisleM),
        widthM: g.widthM,
        depthM: g.depthM,
        priceVnd: corner ? g.cornerPriceVnd : g.priceVnd,
      });
    }
  }
  return out;
}

interface Rect {
  xM: number;
  yM: number;
  widthM: number;
  depthM: number;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.xM < b.xM + b.widthM && b.xM < a.xM + a.widthM && a.yM < b.yM + b.depthM && b.yM < a.yM + a.depthM;
}

export function fitsIn(booth: Rect, hall: { widthM: number; depthM: number }): boolean {
  return (
    booth.xM >= 0 &&
    booth.yM >= 0 &&
    booth.xM + booth.widthM <= hall.widthM &&
    booth.yM + booth.depthM <= hall.depthM
  );
}
