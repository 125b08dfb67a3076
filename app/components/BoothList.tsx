import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PlanBooth, PlanHall } from "../../server/fairs";
import { BOOTH_STATES, type BoothState } from "../../server/vocabulary/domain";
import { formatVnd } from "../../server/vocabulary/format";
import { toLocale } from "../../server/vocabulary/locale";
import {
  boothAnchor,
  boothSize,
  fillOf,
  FloorPlan,
  hrefOf,
  PlanPatterns,
  usePatternPrefix,
  type BoothListProps,
  type FloorPlanMode,
} from "./FloorPlan";

/**
 * The floor plan's companions: the legend of booth states, the booth list (the plan as a table, and the view for
 * screen readers and small screens), the switch between the two views, and the section that puts them together.
 */
function Swatch({ state, prefix }: { state: BoothState; prefix: string }) {
  return (
    <svg viewBox="0 0 2.4 1.6" width="36" height="24" aria-hidden="true" className={`booth booth-${state}`}>
      <rect
        x="0.05"
        y="0.05"
        width="2.3"
        height="1.5"
        fill={fillOf(prefix, state)}
        className="booth-rect"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}

/** What each fill means, with how many booths are in each state when the halls are given. */
export function BoothLegend({ halls, showMine }: { halls?: PlanHall[]; showMine?: boolean }) {
  const { t } = useTranslation();
  const prefix = usePatternPrefix();
  const counts = new Map<BoothState, number>();
  for (const h of halls ?? []) for (const b of h.booths) counts.set(b.state, (counts.get(b.state) ?? 0) + 1);
  const mine = showMine ?? (halls ?? []).some((h) => h.booths.some((b) => b.mine));
  return (
    <div className="booth-legend">
      <svg width="0" height="0" aria-hidden="true" className="booth-legend-defs">
        <PlanPatterns prefix={prefix} />
      </svg>
      <p className="booth-legend-title" id={`${prefix}-legend`}>
        {t("fairs:plan.legend")}
      </p>
      <ul aria-labelledby={`${prefix}-legend`}>
        {BOOTH_STATES.filter((s) =>
          // A finished fair has no free booths: "available (0)" would say otherwise.
          halls ? counts.get(s) || (s === "available" && !counts.get("unused")) : s !== "unused",
        ).map((state) => (
          <li key={state}>
            <Swatch state={state} prefix={prefix} />
            <span>
              {t(`fairs:boothState.${state}`)}
              {halls && <span className="muted"> ({counts.get(state) ?? 0})</span>}
            </span>
          </li>
        ))}
        {mine && (
          <li>
            <span className="booth-legend-star" aria-hidden="true">
              ★
            </span>
            <span>{t("fairs:plan.legendMine")}</span>
          </li>
        )}
      </ul>
    </div>
  );
}

function actionText(
  t: (key: string, o?: Record<string, unknown>) => string,
  mode: FloorPlanMode,
  b: PlanBooth,
) {
  if (mode === "staff") return t("fairs:plan.action.edit", { code: b.code });
  if (b.mine) return t("fairs:plan.action.mine", { code: b.code });
  if (mode === "book") return t("fairs:plan.action.choose", { code: b.code });
  return t("fairs:plan.action.exhibitor", { code: b.code });
}

/** The same booths as a table: the plan's alternative for screen readers, small screens and keyboard users. */
export function BoothList(props: BoothListProps) {
  const { halls, mode, selectedBoothId, caption, boothAction, highlight } = props;
  const { t, i18n } = useTranslation();
  const prefix = usePatternPrefix();
  if (halls.length === 0) return <p className="muted">{t("fairs:plan.empty")}</p>;
  const showAction = mode !== "public" || Boolean(props.boothHref);
  return (
    <div className={`booth-list booth-list-${mode}`}>
      <svg width="0" height="0" aria-hidden="true" className="booth-legend-defs">
        <PlanPatterns prefix={prefix} />
      </svg>
      {caption && <p className="floor-plan-caption">{caption}</p>}
      {halls.map((hall) => (
        <div key={hall.id} className="table-scroll">
          <table className="data-table booth-table">
            <caption>{t("fairs:plan.listCaption", { hall: hall.name, count: hall.booths.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fairs:plan.col.code")}</th>
                <th scope="col">{t("fairs:plan.col.type")}</th>
                <th scope="col">{t("fairs:plan.col.size")}</th>
                <th scope="col" className="numeric">
                  {t("fairs:plan.col.price")}
                </th>
                <th scope="col">{t("fairs:plan.col.state")}</th>
                <th scope="col">{t("fairs:plan.col.exhibitor")}</th>
                {showAction && (
                  <th scope="col">
                    <span className="visually-hidden">{t("fairs:plan.col.action")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {hall.booths.map((b) => {
                const href = hrefOf(props, b);
                const custom = boothAction?.(b);
                return (
                  <tr
                    key={b.id}
                    id={boothAnchor(b.code)}
                    className={[
                      b.mine ? "booth-row-mine" : "",
                      b.id === selectedBoothId ? "booth-row-selected" : "",
                      highlight?.includes(b.code) ? "booth-row-highlight" : "",
                    ]
                      .filter(Boolean)
                      .join(" ")}
                    aria-current={b.id === selectedBoothId ? "true" : undefined}
                  >
                    <th scope="row">
                      {b.code}
                      {b.mine && (
                        <>
                          {" "}
                          <span aria-hidden="true">★</span>
                          <span className="visually-hidden">{t("fairs:plan.mine")}</span>
                        </>
                      )}
                    </th>
                    <td>{t(`fairs:boothType.${b.type}`)}</td>
                    <td>{boothSize(b, toLocale(i18n.language))}</td>
                    <td className="numeric">
                      {b.priceVnd > 0 ? formatVnd(b.priceVnd, toLocale(i18n.language)) : t("fairs:plan.free")}
                    </td>
                    <td>
                      <span className="booth-state">
                        <Swatch state={b.state} prefix={prefix} />
                        {t(`fairs:boothState.${b.state}`)}
                      </span>
                    </td>
                    <td>
                      {b.exhibitor ? (
                        mode === "staff" ? (
                          b.exhibitor.name
                        ) : (
                          <Link to={`/cooperatives/${b.exhibitor.slug}`}>{b.exhibitor.name}</Link>
                        )
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    {showAction && (
                      <td>
                        {custom ??
                          (href && !(mode === "public" && b.exhibitor) ? (
                            <Link to={href} preventScrollReset>
                              {actionText(t, mode, b)}
                            </Link>
                          ) : null)}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

export type PlanView = "plan" | "list";

/** `?view=list` shows the table: a plain link, so it works before (and without) JavaScript. */
export function usePlanView(): PlanView {
  const [params] = useSearchParams();
  return params.get("view") === "list" ? "list" : "plan";
}

export function PlanViewSwitch({ anchor }: { anchor?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const view = usePlanView();
  const to = (v: PlanView) => {
    const p = new URLSearchParams(params);
    if (v === "list") p.set("view", "list");
    else p.delete("view");
    const qs = p.toString();
    return `${qs ? `?${qs}` : "?"}${anchor ? `#${anchor}` : ""}`;
  };
  return (
    <nav className="plan-view-switch" aria-label={t("fairs:plan.viewLabel")}>
      {(["plan", "list"] as const).map((v) => (
        <Link
          key={v}
          to={to(v)}
          preventScrollReset
          replace
          aria-current={view === v ? "page" : undefined}
          className={view === v ? "plan-view-active" : undefined}
        >
          {t(v === "plan" ? "fairs:plan.viewPlan" : "fairs:plan.viewList")}
        </Link>
      ))}
    </nav>
  );
}

/**
 * The halls as the public sees them: a booth waiting for staff approval or payment is, to a visitor, simply held
 * ("Đang giữ chỗ"), not an internal "pending" state.
 */
export function asPublic(halls: PlanHall[]): PlanHall[] {
  return halls.map((h) =>
    h.booths.some((b) => b.state === "pending")
      ? { ...h, booths: h.booths.map((b) => (b.state === "pending" ? { ...b, state: "held" as const } : b)) }
      : h,
  );
}

/** A plain link above the plan to the booths as a list: where a phone without JavaScript reads the booths best. */
function PlanListLink({ anchor }: { anchor?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const p = new URLSearchParams(params);
  p.set("view", "list");
  return (
    <p className="plan-list-link">
      <Link to={`?${p.toString()}${anchor ? `#${anchor}` : ""}`} preventScrollReset replace>
        {t("fairs:plan.listLink")}
      </Link>
    </p>
  );
}

/** Legend, plan/list switch and whichever view the URL asks for: what every page with a plan shows. */
export function FloorPlanSection(props: BoothListProps & { anchor?: string }) {
  const view = usePlanView();
  const { anchor, ...given } = props;
  const rest = given.mode === "public" ? { ...given, halls: asPublic(given.halls) } : given;
  return (
    <div className="floor-plan-section">
      <div className="floor-plan-toolbar">
        <PlanViewSwitch anchor={anchor} />
        <BoothLegend halls={rest.halls} />
      </div>
      {view === "plan" && <PlanListLink anchor={anchor} />}
      {view === "list" ? (
        // The public list names each exhibitor with its own link: the plan's booth links are the plan's.
        <BoothList {...rest} boothHref={rest.mode === "public" ? undefined : rest.boothHref} />
      ) : (
        <FloorPlan {...rest} />
      )}
    </div>
  );
}
