import { useEffect, useRef, useState, type PointerEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface View {
  x: number;
  y: number;
  w: number;
  h: number;
}

const MAX_ZOOM = 6;

/** The smallest on-screen size, in CSS pixels, of a booth's code when the plan opens (a phone zooms in to it). */
export const READABLE_CODE_PX = 16;

/**
 * Where the plan opens: the whole hall when its smallest booth code is readable at `widthPx` × `heightPx`, else
 * zoomed in just enough for it to be (at most MAX_ZOOM), showing the hall's top-left corner.
 */
export function openingView(
  hall: { widthM: number; depthM: number },
  smallestCodeM: number,
  widthPx: number,
  heightPx: number,
): View {
  const whole: View = { x: 0, y: 0, w: hall.widthM, h: hall.depthM };
  if (widthPx <= 0 || smallestCodeM <= 0) return whole;
  const scale = Math.min(widthPx / hall.widthM, heightPx > 0 ? heightPx / hall.depthM : Infinity);
  if (smallestCodeM * scale >= READABLE_CODE_PX) return whole;
  const factor = READABLE_CODE_PX / (smallestCodeM * scale);
  const w = Math.max(hall.widthM / MAX_ZOOM, hall.widthM / factor);
  return { x: 0, y: 0, w, h: (w * hall.depthM) / hall.widthM };
}

/** A view of the hall zoomed by `factor` around its centre (or a point), kept inside the hall. */
export function zoomView(
  v: View,
  hall: { widthM: number; depthM: number },
  factor: number,
  at?: { x: number; y: number },
): View {
  const w = Math.min(hall.widthM, Math.max(hall.widthM / MAX_ZOOM, v.w / factor));
  const h = (w * hall.depthM) / hall.widthM;
  const cx = at?.x ?? v.x + v.w / 2;
  const cy = at?.y ?? v.y + v.h / 2;
  return clampView({ x: cx - w / 2, y: cy - h / 2, w, h }, hall);
}

function clampView(v: View, hall: { widthM: number; depthM: number }): View {
  return {
    ...v,
    x: Math.min(Math.max(0, v.x), hall.widthM - v.w),
    y: Math.min(Math.max(0, v.y), hall.depthM - v.h),
  };
}

/**
 * A hall's SVG with zoom buttons, pinching and drag-to-pan, by changing its viewBox: the plan stays one SVG, and without
 * JavaScript (before hydration) it shows the whole hall and no buttons. A drag is not a click: a booth's link is
 * not followed at the end of one. Following a "#booth-A02" link zooms in on that booth.
 */
export function PlanZoom({
  hall,
  labelledBy,
  smallestCodeM = 0,
  children,
}: {
  hall: {
    widthM: number;
    depthM: number;
    booths: Array<{ code: string; xM: number; yM: number; widthM: number; depthM: number }>;
  };
  labelledBy: string;
  /** The font size, in metres, of the hall's smallest booth code: the plan opens zoomed in until it is readable. */
  smallestCodeM?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const whole: View = { x: 0, y: 0, w: hall.widthM, h: hall.depthM };
  const [view, setView] = useState<View>(whole);
  const [ready, setReady] = useState(false);
  const drag = useRef<{ id: number; x: number; y: number; from: View; moved: boolean } | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const zoomed = view.w < hall.widthM - 1e-6;

  useEffect(() => {
    setReady(true);
    if (svg.current)
      setView(openingView(hall, smallestCodeM, svg.current.clientWidth, svg.current.clientHeight));
    const focusTarget = () => {
      const booth = hall.booths.find((b) => `#booth-${b.code}` === decodeURIComponent(window.location.hash));
      if (!booth) return;
      setView((v) =>
        zoomView(v.w < hall.widthM ? v : whole, hall, v.w < hall.widthM ? 1 : 2.5, {
          x: booth.xM + booth.widthM / 2,
          y: booth.yM + booth.depthM / 2,
        }),
      );
    };
    window.addEventListener("hashchange", focusTarget);
    return () => window.removeEventListener("hashchange", focusTarget);
    // The hall's booths are fixed for a page's life; only a new page brings others.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hall.booths]);

  const metresPerPixel = () => view.w / (svg.current?.clientWidth || 1);
  // Fingers on the plan: one drags a zoomed plan, two pinch it (about the point between them).
  const fingers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; from: View; at: { x: number; y: number } } | null>(null);
  const spread = () => {
    const [a, b] = [...fingers.current.values()];
    return {
      distance: Math.hypot(a!.x - b!.x, a!.y - b!.y),
      mid: { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 },
    };
  };
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    fingers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (fingers.current.size === 2 && svg.current) {
      const { distance, mid } = spread();
      const box = svg.current.getBoundingClientRect();
      const k = view.w / (box.width || 1);
      pinch.current = {
        distance,
        from: view,
        at: { x: view.x + (mid.x - box.left) * k, y: view.y + (mid.y - box.top) * k },
      };
      drag.current = null;
      return;
    }
    if (!zoomed || !e.isPrimary) return;
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, from: view, moved: false };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    if (fingers.current.has(e.pointerId)) fingers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const p = pinch.current;
    if (p && fingers.current.size === 2) {
      const { distance } = spread();
      if (p.distance > 0) setView(zoomView(p.from, hall, distance / p.distance, p.at));
      return;
    }
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 6) return;
    if (!d.moved) svg.current?.setPointerCapture(e.pointerId);
    d.moved = true;
    const k = metresPerPixel();
    setView(clampView({ ...d.from, x: d.from.x - dx * k, y: d.from.y - dy * k }, hall));
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    fingers.current.delete(e.pointerId);
    if (fingers.current.size < 2) pinch.current = null;
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    // Let the click that ends a drag know it was one (see onClickCapture), then forget the drag.
    setTimeout(() => {
      drag.current = null;
    });
  };

  return (
    <div className={`floor-plan-scroll${zoomed ? " floor-plan-zoomed" : ""}`}>
      {ready && (
        <div className="plan-zoom" role="group" aria-label={t("fairs:plan.zoom.label")}>
          <button
            type="button"
            onClick={() => setView((v) => zoomView(v, hall, 1.6))}
            disabled={view.w <= hall.widthM / MAX_ZOOM + 1e-6}
          >
            <span aria-hidden="true">+</span>
            <span className="visually-hidden">{t("fairs:plan.zoom.in")}</span>
          </button>
          <button type="button" onClick={() => setView((v) => zoomView(v, hall, 1 / 1.6))} disabled={!zoomed}>
            <span aria-hidden="true">−</span>
            <span className="visually-hidden">{t("fairs:plan.zoom.out")}</span>
          </button>
          <button type="button" onClick={() => setView(whole)} disabled={!zoomed}>
            {t("fairs:plan.zoom.reset")}
          </button>
        </div>
      )}
      <svg
        ref={svg}
        viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
        preserveAspectRatio="xMidYMid meet"
        role="group"
        aria-labelledby={labelledBy}
        className="floor-plan-svg"
        // A small hall should not fill the page with a few giant booths.
        style={{ maxWidth: `${Math.max(hall.widthM * 28, 320)}px`, touchAction: zoomed ? "none" : "pan-y" }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onClickCapture={(e) => {
          if (drag.current?.moved) {
            e.preventDefault();
            e.stopPropagation();
          }
        }}
      >
        {children}
      </svg>
    </div>
  );
}
