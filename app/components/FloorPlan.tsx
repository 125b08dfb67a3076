import { useNavigate } from "@remix-run/react";
import { lazy, Suspense, useId, type MouseEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PlanBooth, PlanElement, PlanHall } from "../../server/fairs";
import type { BoothState } from "../../server/vocabulary/domain";
import { formatNumber, formatVnd } from "../../server/vocabulary/format";
import { toLocale, type Locale } from "../../server/vocabulary/locale";

/**
 * Zooming and panning come after the page, in their own script: the server renders the plan with them (it waits
 * for everything, see entry.server.tsx), hydration picks them up when their script arrives, and until then, or
 * without JavaScript, the plan shows the whole hall. It keeps the fair page within its JavaScript budget.
 */
const PlanZoom = lazy(() => import("./PlanZoom").then((m) => ({ default: m.PlanZoom })));

export type FloorPlanMode = "public" | "book" | "staff";

export interface FloorPlanProps {
  halls: PlanHall[];
  mode: FloorPlanMode;
  /** Where a booth leads; `null` leaves it unlinked. Without it, each mode has its own default (see `defaultHref`). */
  boothHref?: (booth: PlanBooth) => string | null;
  selectedBoothId?: number;
  caption?: string;
  /** Codes of booths to pick out (the exhibitor directory's search): the others are dimmed. */
  highlight?: readonly string[];
}

export interface BoothListProps extends FloorPlanProps {
  /** What the action cell holds instead of a link, e.g. a one-button form that holds the booth. */
  boothAction?: (booth: PlanBooth) => ReactNode;
}

/**
 * Public visitors follow a booked booth to its exhibitor; a cooperative booking follows an available booth to the
 * booking action (`?booth=`) and its own booths to their booking; staff links come from the caller.
 */
export function defaultHref(mode: FloorPlanMode, booth: PlanBooth): string | null {
  if (mode === "public") return booth.exhibitor ? `/cooperatives/${booth.exhibitor.slug}` : null;
  if (mode === "book") {
    if (booth.mine) return `/cooperative/bookings/${booth.mine.publicId}`;
    return booth.state === "available" ? `?booth=${booth.id}` : null;
  }
  return null;
}

export function hrefOf(props: FloorPlanProps, booth: PlanBooth): string | null {
  return props.boothHref ? props.boothHref(booth) : defaultHref(props.mode, booth);
}

/** SVG ids must be unique in the document and plain enough for `url(#…)`. */
export function usePatternPrefix() {
  return `fp${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
}

/**
 * Fills per state. Each has a pattern or an outline of its own as well as a colour, so the states stay apart in
 * greyscale, for colour-blind visitors and when printed.
 */
export function PlanPatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-held`} patternUnits="userSpaceOnUse" width="0.7" height="0.7">
        <rect width="0.7" height="0.7" className="booth-fill-held" />
        <circle cx="0.35" cy="0.35" r="0.12" className="booth-mark-held" />
      </pattern>
      <pattern
        id={`${prefix}-booked`}
        patternUnits="userSpaceOnUse"
        width="0.6"
        height="0.6"
        patternTransform="rotate(45)"
      >
        <rect width="0.6" height="0.6" className="booth-fill-booked" />
        <line x1="0" y1="0" x2="0" y2="0.6" className="booth-mark-booked" strokeWidth="0.14" />
      </pattern>
      <pattern id={`${prefix}-blocked`} patternUnits="userSpaceOnUse" width="0.8" height="0.8">
        <rect width="0.8" height="0.8" className="booth-fill-blocked" />
        <path d="M0 0L0.8 0.8M0.8 0L0 0.8" className="booth-mark-blocked" strokeWidth="0.08" />
      </pattern>
      <pattern id={`${prefix}-unused`} patternUnits="userSpaceOnUse" width="1" height="1">
        <rect width="1" height="1" className="booth-fill-unused" />
        <circle cx="0.5" cy="0.5" r="0.05" className="booth-mark-unused" />
      </pattern>
      <pattern id={`${prefix}-pending`} patternUnits="userSpaceOnUse" width="0.8" height="0.8">
        <rect width="0.8" height="0.8" className="booth-fill-pending" />
        <line x1="0" y1="0.4" x2="0.8" y2="0.4" className="booth-mark-pending" strokeWidth="0.06" />
      </pattern>
    </defs>
  );
}

export function fillOf(prefix: string, state: BoothState) {
  return state === "available" ? undefined : `url(#${prefix}-${state})`;
}

/** The size as people say it: "3×3 m", "2,5×3 m". */
export function boothSize(booth: { widthM: number; depthM: number }, locale: Locale) {
  return `${formatNumber(booth.widthM, locale)}×${formatNumber(booth.depthM, locale)} m`;
}

/** One sentence per booth for screen readers: "Gian A03, còn trống, 3×3 m, 1.500.000 ₫". */
export function useBoothLabel() {
  const { t, i18n } = useTranslation();
  return (booth: PlanBooth, selected = false) =>
    [
      t("fairs:plan.booth", { code: booth.code }),
      t(`fairs:boothState.${booth.state}`),
      booth.type !== "standard" ? t(`fairs:boothType.${booth.type}`) : null,
      boothSize(booth, toLocale(i18n.language)),
      booth.priceVnd > 0 ? formatVnd(booth.priceVnd, toLocale(i18n.language)) : t("fairs:plan.free"),
      booth.exhibitor ? booth.exhibitor.name : null,
      booth.mine ? t("fairs:plan.mine") : null,
      selected ? t("fairs:plan.selected") : null,
    ]
      .filter(Boolean)
      .join(", ");
}

/** Relative links move inside the app without a reload (and without losing the scroll position). */
export function useSoftNavigation() {
  const navigate = useNavigate();
  return (event: MouseEvent<Element>, href: string) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    // Other sites, and anchors on this page (the browser scrolls to them and marks them :target).
    if (/^[a-z]+:/i.test(href) || href.startsWith("#")) return;
    event.preventDefault();
    navigate(href, { preventScrollReset: true });
  };
}

/** The DOM id of a booth on the plan or in the list, the target of "Gian A02" links: `booth-A02`. */
export function boothAnchor(code: string) {
  return `booth-${code}`;
}

/**
 * A name in lines of at most `width` characters, at most `lines` of them, the last cut with "…" when it does not
 * fit. SVG text does not wrap by itself; the characters are counted at about 0.55 em each.
 */
export function wrapName(name: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of name.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  const cut = (s: string) => (s.length > width ? `${s.slice(0, Math.max(1, width - 1))}…` : s);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1]!.slice(0, Math.max(1, width - 1))}…`;
    return kept.map(cut);
  }
  return out.map(cut);
}

/** The booth code's size: readable, and no larger than the booth. */
function codeFont(booth: { widthM: number; depthM: number }) {
  return Math.min(1.2, Math.max(0.45, Math.min(booth.widthM, booth.depthM) * 0.3));
}

/** A booked booth names its exhibitor: its code goes to the top to make room under it. */
function isNamed(booth: PlanBooth) {
  return Boolean(booth.exhibitor) && booth.depthM >= 2;
}

/**
 * The exhibitor on a booked booth: its logo when the booth is large enough, and its name over a light band. Drawn
 * over the booths, not inside the booth's link: the link's name is the booth's sentence (useBoothLabel), which
 * already holds the exhibitor's name, and a name cut short ("HTX Chè…") must not become part of it. Clicks go
 * through to the booth beneath.
 */
function ExhibitorLabel({ booth, dimmed }: { booth: PlanBooth; dimmed: boolean }) {
  const top = booth.yM + 0.25 + codeFont(booth);
  const exhibitor = booth.exhibitor!;
  const short = Math.min(booth.widthM, booth.depthM);
  // Readable where the plan opens (PlanZoom zooms a phone in until the codes are): about 9 px on a phone, 12 on a laptop.
  const font = Math.min(0.8, Math.max(0.45, short * 0.17));
  const logo = exhibitor.logoUrl && short >= 5 ? Math.min(short * 0.35, 3) : 0;
  const lineHeight = font * 1.2;
  const room = booth.yM + booth.depthM - top - logo - 0.2;
  const lines = wrapName(
    exhibitor.name,
    Math.max(3, Math.floor((booth.widthM - 0.3) / (font * 0.55))),
    Math.max(1, Math.min(3, Math.floor(room / lineHeight))),
  );
  const cx = booth.xM + booth.widthM / 2;
  const textTop = top + logo + (logo ? 0.15 : 0);
  const bandWidth = Math.min(booth.widthM - 0.2, Math.max(...lines.map((l) => l.length)) * font * 0.58 + 0.3);
  return (
    <g
      className={`booth-exhibitor${dimmed ? " booth-exhibitor-dimmed" : ""}`}
      data-booth={booth.code}
      aria-hidden="true"
    >
      {logo > 0 && (
        <image
          href={exhibitor.logoUrl!}
          x={cx - logo / 2}
          y={top}
          width={logo}
          height={logo}
          preserveAspectRatio="xMidYMid meet"
        />
      )}
      <rect
        x={cx - bandWidth / 2}
        y={textTop - 0.08}
        width={bandWidth}
        height={lines.length * lineHeight + 0.16}
        rx={0.15}
        className="booth-name-band"
      />
      <text x={cx} y={textTop} fontSize={font} className="booth-name" textAnchor="middle">
        {lines.map((l, i) => (
          <tspan key={i} x={cx} dy={i === 0 ? font * 0.95 : lineHeight}>
            {l}
          </tspan>
        ))}
      </text>
    </g>
  );
}

function BoothShape({
  booth,
  prefix,
  href,
  selected,
  highlighted,
  label,
  onNavigate,
}: {
  booth: PlanBooth;
  prefix: string;
  href: string | null;
  selected: boolean;
  highlighted: boolean;
  label: string;
  onNavigate: (event: MouseEvent<Element>, href: string) => void;
}) {
  const fontSize = codeFont(booth);
  const named = isNamed(booth);
  const className = [
    "booth",
    `booth-${booth.state}`,
    booth.mine ? "booth-mine" : "",
    selected ? "booth-selected" : "",
    highlighted ? "booth-highlight" : "",
    href ? "booth-link" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const shape = (
    <>
      <title>{label}</title>
      <rect
        x={booth.xM}
        y={booth.yM}
        width={booth.widthM}
        height={booth.depthM}
        fill={fillOf(prefix, booth.state)}
        className="booth-rect"
        vectorEffect="non-scaling-stroke"
      />
      {(selected || highlighted) && (
        <rect
          x={booth.xM + 0.12}
          y={booth.yM + 0.12}
          width={Math.max(0, booth.widthM - 0.24)}
          height={Math.max(0, booth.depthM - 0.24)}
          className={selected ? "booth-selected-ring" : "booth-highlight-ring"}
          vectorEffect="non-scaling-stroke"
        />
      )}
      <text
        x={booth.xM + booth.widthM / 2}
        y={named ? booth.yM + 0.15 + fontSize * 0.5 : booth.yM + booth.depthM / 2}
        fontSize={fontSize}
        strokeWidth={fontSize * 0.22}
        className="booth-code"
        textAnchor="middle"
        dominantBaseline="central"
        aria-hidden="true"
      >
        {booth.code}
      </text>
      {booth.mine && (
        <text
          x={booth.xM + booth.widthM - 0.15}
          y={booth.yM + 0.15}
          fontSize={fontSize * 0.9}
          strokeWidth={fontSize * 0.2}
          className="booth-mine-mark"
          textAnchor="end"
          dominantBaseline="hanging"
          aria-hidden="true"
        >
          ★
        </text>
      )}
    </>
  );
  if (href)
    return (
      <a
        href={href}
        id={boothAnchor(booth.code)}
        className={className}
        aria-label={label}
        aria-current={selected ? "true" : undefined}
        data-booth={booth.code}
        onClick={(event) => onNavigate(event, href)}
      >
        {shape}
      </a>
    );
  return (
    <g
      id={boothAnchor(booth.code)}
      className={className}
      role="img"
      aria-label={label}
      data-booth={booth.code}
      tabIndex={-1}
    >
      {shape}
    </g>
  );
}

/** The smallest element label, in metres: about a booth code's size, so "Nhà vệ sinh" is as readable as "A01". */
const MIN_ELEMENT_FONT = 0.7;

/** A name on one line or two (split where the longer line is shortest). */
function elementLines(text: string): string[][] {
  const words = text.split(/\s+/).filter(Boolean);
  const options = [[text]];
  let best: string[] | null = null;
  for (let i = 1; i < words.length; i++) {
    const pair = [words.slice(0, i).join(" "), words.slice(i).join(" ")];
    if (!best || Math.max(...pair.map((l) => l.length)) < Math.max(...best.map((l) => l.length))) best = pair;
  }
  if (best) options.push(best);
  return options;
}

/** The largest font that fits `lines` in a shape `along` long and `across` wide, at most 1.2 m. */
function fitFont(lines: string[], along: number, across: number) {
  const longest = Math.max(1, ...lines.map((l) => l.length));
  return Math.min(1.2, (across * 0.8) / (lines.length * 1.15), (along - 0.4) / (longest * 0.62));
}

/**
 * How an element's name is drawn: on one or two lines, as large as its shape allows; when even that is too small to
 * read, its short form ("WC", "i") at a readable size, the full name staying in the tooltip and the accessible name.
 */
export function elementText(
  text: string,
  short: string,
  shape: { widthM: number; depthM: number },
): { lines: string[]; font: number; vertical: boolean } {
  const vertical = shape.depthM > shape.widthM * 1.5 && shape.widthM < 3;
  const along = vertical ? shape.depthM : shape.widthM;
  const across = vertical ? shape.widthM : shape.depthM;
  let best = { lines: [text], font: 0 };
  for (const lines of elementLines(text)) {
    const font = fitFont(lines, along, across);
    if (font > best.font) best = { lines, font };
  }
  if (best.font >= MIN_ELEMENT_FONT || !short)
    return { ...best, font: Math.max(best.font, MIN_ELEMENT_FONT), vertical };
  return { lines: [short], font: Math.max(MIN_ELEMENT_FONT, fitFont([short], along, across)), vertical };
}

/** Entrances, exits, the stage, aisles and labels: drawn under the booths, named in the page's language. */
function PlanElementShape({ element }: { element: PlanElement }) {
  const { t } = useTranslation();
  const text = element.label ?? (element.kind === "label" ? "" : t(`fairs:element.${element.kind}`));
  const short = element.kind === "label" ? "" : t(`fairs:elementShort.${element.kind}`);
  const { lines, font, vertical } = elementText(text, short, element);
  const cx = element.xM + element.widthM / 2;
  const cy = element.yM + element.depthM / 2;
  const lineHeight = font * 1.15;
  return (
    <g
      className={`plan-element plan-element-${element.kind}`}
      role={text ? "img" : undefined}
      aria-label={text || undefined}
      aria-hidden={text ? undefined : true}
    >
      {text && <title>{text}</title>}
      {element.kind !== "label" && (
        <rect
          x={element.xM}
          y={element.yM}
          width={element.widthM}
          height={element.depthM}
          className="plan-element-rect"
          vectorEffect="non-scaling-stroke"
        />
      )}
      {text && (
        <text
          x={cx}
          y={cy - ((lines.length - 1) * lineHeight) / 2}
          fontSize={font}
          strokeWidth={font * 0.2}
          className="plan-element-text"
          textAnchor="middle"
          dominantBaseline="central"
          transform={vertical ? `rotate(-90 ${cx} ${cy})` : undefined}
        >
          {lines.map((line, i) => (
            <tspan key={i} x={cx} dy={i === 0 ? 0 : lineHeight}>
              {line}
            </tspan>
          ))}
        </text>
      )}
    </g>
  );
}

/**
 * The floor plan: one SVG per hall, drawn in metres and scaled to the width it is given. Without JavaScript the
 * whole hall shows; with it, PlanZoom adds zoom buttons and dragging to pan (phones).
 */
export function FloorPlan(props: FloorPlanProps) {
  const { halls, selectedBoothId, caption, highlight } = props;
  const { t, i18n } = useTranslation();
  const prefix = usePatternPrefix();
  const label = useBoothLabel();
  const onNavigate = useSoftNavigation();
  if (halls.length === 0) return <p className="muted">{t("fairs:plan.empty")}</p>;
  const picked = highlight ? new Set(highlight) : null;
  return (
    <div className={`floor-plan floor-plan-${props.mode}${picked ? " floor-plan-filtered" : ""}`}>
      {caption && <p className="floor-plan-caption">{caption}</p>}
      {halls.map((hall) => {
        const titleId = `${prefix}-hall-${hall.id}`;
        const drawing = (
          <>
            <PlanPatterns prefix={prefix} />
            <rect
              x={0}
              y={0}
              width={hall.widthM}
              height={hall.depthM}
              className="floor-plan-floor"
              vectorEffect="non-scaling-stroke"
            />
            {hall.elements.map((e) => (
              <PlanElementShape key={e.id} element={e} />
            ))}
            {hall.booths.map((booth) => (
              <BoothShape
                key={booth.id}
                booth={booth}
                prefix={prefix}
                href={hrefOf(props, booth)}
                selected={booth.id === selectedBoothId}
                highlighted={picked?.has(booth.code) ?? false}
                label={label(booth, booth.id === selectedBoothId)}
                onNavigate={onNavigate}
              />
            ))}
            {hall.booths.filter(isNamed).map((booth) => (
              <ExhibitorLabel
                key={booth.id}
                booth={booth}
                dimmed={picked !== null && !picked.has(booth.code)}
              />
            ))}
          </>
        );
        return (
          <figure key={hall.id} className="floor-plan-hall">
            <figcaption id={titleId}>
              <strong>{hall.name}</strong>{" "}
              <span className="muted">{boothSize(hall, toLocale(i18n.language))}</span>
            </figcaption>
            <Suspense
              fallback={
                <WholeHall hall={hall} labelledBy={titleId}>
                  {drawing}
                </WholeHall>
              }
            >
              <PlanZoom
                hall={hall}
                labelledBy={titleId}
                smallestCodeM={Math.min(...hall.booths.map(codeFont))}
              >
                {drawing}
              </PlanZoom>
            </Suspense>
          </figure>
        );
      })}
    </div>
  );
}

/** The plan before zooming arrives: the same SVG as PlanZoom's, showing the whole hall. */
function WholeHall({
  hall,
  labelledBy,
  children,
}: {
  hall: { widthM: number; depthM: number };
  labelledBy: string;
  children: ReactNode;
}) {
  return (
    <div className="floor-plan-scroll">
      <svg
        viewBox={`0 0 ${hall.widthM} ${hall.depthM}`}
        preserveAspectRatio="xMidYMid meet"
        role="group"
        aria-labelledby={labelledBy}
        className="floor-plan-svg"
        style={{ maxWidth: `${Math.max(hall.widthM * 28, 320)}px`, touchAction: "pan-y" }}
      >
        {children}
      </svg>
    </div>
  );
}
