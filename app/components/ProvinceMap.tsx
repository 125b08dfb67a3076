import { PROVINCES, provinceByCode } from "../../server/vocabulary/geo";

/**
 * Where a batch comes from, drawn from the only geography the site carries: the seats of Vietnam's 34 provinces
 * (server/vocabulary/geo.ts, WGS84). No outline of the country or of a province is bundled (docs/decisions/
 * 0034-trace-page.md), so none is drawn: the dots of the 34 seats sketch the country's S, and the marked ones are
 * the growing area and the cooperative's seat. Plain SVG, no tiles, nothing fetched.
 */

/** Degrees to SVG units; longitude shrunk by the cosine of Vietnam's middle latitude (16°N) to keep the shape. */
const SCALE = 20;
const LON_FACTOR = Math.cos((16 * Math.PI) / 180);
const PAD = 14;

const lons = PROVINCES.map((p) => p.centre[1]);
const lats = PROVINCES.map((p) => p.centre[0]);
const MIN_LON = Math.min(...lons);
const MAX_LON = Math.max(...lons);
const MIN_LAT = Math.min(...lats);
const MAX_LAT = Math.max(...lats);
const WIDTH = Math.round((MAX_LON - MIN_LON) * LON_FACTOR * SCALE + 2 * PAD);
const HEIGHT = Math.round((MAX_LAT - MIN_LAT) * SCALE + 2 * PAD);

function point([lat, lon]: readonly [number, number]) {
  return {
    x: +((lon - MIN_LON) * LON_FACTOR * SCALE + PAD).toFixed(1),
    y: +((MAX_LAT - lat) * SCALE + PAD).toFixed(1),
  };
}

export function ProvinceMap({
  originCode,
  cooperativeCode,
  label,
}: {
  originCode: string;
  /** Drawn as a second mark when the cooperative sits in another province than its growing area. */
  cooperativeCode: string | null;
  label: string;
}) {
  const origin = provinceByCode(originCode);
  const seat =
    cooperativeCode && cooperativeCode !== originCode ? provinceByCode(cooperativeCode) : undefined;
  return (
    <svg
      className="province-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-origin={origin?.code}
    >
      {PROVINCES.map((p) => {
        const { x, y } = point(p.centre);
        return <circle key={p.code} cx={x} cy={y} r={2.6} className="province-map__seat" />;
      })}
      {seat && <Mark x={point(seat.centre).x} y={point(seat.centre).y} className="province-map__coop" />}
      {origin && (
        <Mark x={point(origin.centre).x} y={point(origin.centre).y} className="province-map__origin" />
      )}
    </svg>
  );
}

function Mark({ x, y, className }: { x: number; y: number; className: string }) {
  return (
    <g className={className}>
      <circle cx={x} cy={y} r={11} className="province-map__halo" />
      <circle cx={x} cy={y} r={5} />
    </g>
  );
}
