import { PROVINCES, provinceByCode } from "../../server/vocabulary/geo";

/**
 * Where a batch comes from, drawn from the only geography the site carries: the seats of Vietnam's 34 provinces
 * (server/vocabulary/geo.ts, WGS84). No outline of the country or of a province is bundled (docs/decisions/
 * 0034-trace-page.md), so none is drawn: the dots of the 34 seats sketch the country's S inside a framed panel
 * named for the country, and the marked ones, the growing area and the cooperative's seat, carry their province's
 * name beside the dot. Plain SVG, no tiles, nothing fetched.
 */

/** Degrees to SVG units; longitude shrunk by the cosine of Vietnam's middle latitude (16°N) to keep the shape. */
const SCALE = 20;
const LON_FACTOR = Math.cos((16 * Math.PI) / 180);
const PAD = 14;
/** Label size in SVG units: the map is drawn about 0.7 px a unit (app/styles/trace.css), so about 12 px. */
const FONT = 18;

const lons = PROVINCES.map((p) => p.centre[1]);
const lats = PROVINCES.map((p) => p.centre[0]);
const MIN_LON = Math.min(...lons);
const MAX_LON = Math.max(...lons);
const MIN_LAT = Math.min(...lats);
const MAX_LAT = Math.max(...lats);
const WIDTH = Math.round((MAX_LON - MIN_LON) * LON_FACTOR * SCALE + 2 * PAD);
const HEIGHT = Math.round((MAX_LAT - MIN_LAT) * SCALE + 2 * PAD);
/** Room east of the country for a marked province's name, always written to the right of its dot. */
const VIEW_WIDTH = WIDTH + 7 * FONT;

function point([lat, lon]: readonly [number, number]) {
  return {
    x: +((lon - MIN_LON) * LON_FACTOR * SCALE + PAD).toFixed(1),
    y: +((MAX_LAT - lat) * SCALE + PAD).toFixed(1),
  };
}

/** The country's name: west of the central coast, where the sketch has no dots (Laos and Cambodia's side). */
const COUNTRY_Y = point([14.5, MIN_LON]).y;

export function ProvinceMap({
  originCode,
  cooperativeCode,
  label,
  countryName,
  nameOf,
}: {
  originCode: string;
  /** Drawn as a second mark when the cooperative sits in another province than its growing area. */
  cooperativeCode: string | null;
  label: string;
  /** Written in the frame's empty west, so the sketch reads as the country. */
  countryName: string;
  /** A province's name, written beside its mark. */
  nameOf: (code: string) => string;
}) {
  const origin = provinceByCode(originCode);
  const seat =
    cooperativeCode && cooperativeCode !== originCode ? provinceByCode(cooperativeCode) : undefined;
  const at = (code: string | undefined) => {
    const found = code ? provinceByCode(code) : undefined;
    return found ? point(found.centre) : undefined;
  };
  const o = at(origin?.code);
  const s = at(seat?.code);
  // Two marks close together (Thái Nguyên and Hà Nội are 60 km apart): the seat's name goes above or below its
  // dot, away from the growing area's.
  const shift = o && s && Math.abs(o.y - s.y) < FONT * 1.5 ? (s.y >= o.y ? FONT + 4 : -(FONT + 4)) : 0;
  return (
    <svg
      className="province-map"
      viewBox={`0 0 ${VIEW_WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-origin={origin?.code}
    >
      <rect
        x={0.5}
        y={0.5}
        width={VIEW_WIDTH - 1}
        height={HEIGHT - 1}
        rx={6}
        className="province-map__frame"
      />
      <text x={PAD / 2} y={COUNTRY_Y} className="province-map__country" fontSize={FONT}>
        {countryName}
      </text>
      {PROVINCES.map((p) => {
        const { x, y } = point(p.centre);
        return <circle key={p.code} cx={x} cy={y} r={2.6} className="province-map__seat" />;
      })}
      {seat && s && <Mark {...s} className="province-map__coop" name={nameOf(seat.code)} shift={shift} />}
      {origin && o && <Mark {...o} className="province-map__origin" name={nameOf(origin.code)} />}
    </svg>
  );
}

function Mark({
  x,
  y,
  className,
  name,
  shift = 0,
}: {
  x: number;
  y: number;
  className: string;
  name: string;
  /** Moves the name up or down from beside the dot. */
  shift?: number;
}) {
  return (
    <g className={className}>
      <circle cx={x} cy={y} r={11} className="province-map__halo" />
      <circle cx={x} cy={y} r={5} />
      <text x={x + 14} y={y + FONT / 3 + shift} fontSize={FONT} className="province-map__name">
        {name}
      </text>
    </g>
  );
}
