import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CooperativeTasks } from "../../server/reports/cooperative-tasks";
import { formatDate, formatNumber } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { ColumnChart } from "./charts";
import { compactVnd } from "./ReportCharts";

/** One to-do: a count that says how much is waiting, what it is, and a link straight to where it is done. */
function TaskCard({
  id,
  title,
  count,
  tone,
  children,
  action,
}: {
  id: string;
  title: string;
  count: number;
  tone: "due" | "calm";
  children?: ReactNode;
  action: ReactNode;
}) {
  return (
    <section className={`card task-card task-${tone}`} aria-labelledby={id}>
      <h2 id={id}>
        <span className="task-count">{count}</span> {title}
      </h2>
      {children}
      <p className="task-action">{action}</p>
    </section>
  );
}

/** A to-do with nothing waiting: one short line, not a full card. */
function TaskClear({ children, action }: { children: ReactNode; action: ReactNode }) {
  return (
    <li>
      <span aria-hidden="true">✓</span> {children} {action}
    </li>
  );
}

/**
 * The dashboard's to-do cards: orders waiting by state, products running low, OCOP certificates expiring, fair
 * booths coming up, new matches, and a small chart of the last weeks' sales. Each card links to the page where
 * the thing is done.
 */
export function WorkspaceTasks({
  tasks,
  orderCounts,
  upcomingBooths,
  approved,
  locale,
}: {
  tasks: CooperativeTasks;
  orderCounts: Partial<Record<string, number>>;
  upcomingBooths: { booths: number; nextStartsOn: string | null } | null;
  approved: boolean;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const n = (v: number) => formatNumber(v, locale);
  const waiting = (["placed", "paid", "confirmed"] as const).map((status) => ({
    status,
    count: orderCounts[status] ?? 0,
  }));
  const ordersWaiting = waiting.reduce((sum, w) => sum + w.count, 0);
  const { fresh, asked } = tasks.matches;
  const booths = approved && upcomingBooths ? upcomingBooths.booths : null;
  const clear: ReactNode[] = [];
  const cards: ReactNode[] = [];

  const ordersAction = <Link to="/cooperative/orders">{t("workspace:task.orders.all")}</Link>;
  if (ordersWaiting === 0) {
    clear.push(
      <TaskClear key="orders" action={ordersAction}>
        {t("workspace:task.orders.none")}
      </TaskClear>,
    );
  } else {
    cards.push(
      <TaskCard
        key="orders"
        id="task-orders"
        title={t("workspace:task.orders.title", { count: ordersWaiting })}
        count={ordersWaiting}
        tone="due"
        action={ordersAction}
      >
        <ul className="task-list">
          {waiting.map((w) => (
            <li key={w.status}>
              <Link to={`/cooperative/orders?status=${w.status}`}>
                {t(`workspace:task.orders.${w.status}`, { count: w.count, n: n(w.count) })}
              </Link>
            </li>
          ))}
        </ul>
      </TaskCard>,
    );
  }

  const stockAction = <Link to="/cooperative/products?status=active">{t("workspace:task.stock.all")}</Link>;
  if (tasks.lowStock.count === 0) {
    clear.push(
      <TaskClear key="stock" action={stockAction}>
        {t("workspace:task.stock.none")}
      </TaskClear>,
    );
  } else {
    cards.push(
      <TaskCard
        key="stock"
        id="task-stock"
        title={t("workspace:task.stock.title", { count: tasks.lowStock.count })}
        count={tasks.lowStock.count}
        tone="due"
        action={stockAction}
      >
        <ul className="task-list">
          {tasks.lowStock.items.map((p) => (
            <li key={p.id}>
              <Link to={`/cooperative/products/${p.id}#details-title`} lang={p.nameLang}>
                {p.name}
              </Link>{" "}
              <span className="muted">
                {t("workspace:task.stock.left", { n: n(p.stock), unit: t(`catalogue:unit.${p.unit}`) })}
              </span>
            </li>
          ))}
        </ul>
      </TaskCard>,
    );
  }

  const ocopAction = <Link to="/cooperative/products">{t("workspace:task.ocop.all")}</Link>;
  if (tasks.ocopExpiring.count === 0) {
    clear.push(
      <TaskClear key="ocop" action={ocopAction}>
        {t("workspace:task.ocop.none")}
      </TaskClear>,
    );
  } else {
    cards.push(
      <TaskCard
        key="ocop"
        id="task-ocop"
        title={t("workspace:task.ocop.title", { count: tasks.ocopExpiring.count })}
        count={tasks.ocopExpiring.count}
        tone="due"
        action={ocopAction}
      >
        <ul className="task-list">
          {tasks.ocopExpiring.items.map((p) => (
            <li key={p.id}>
              <Link to={`/cooperative/products/${p.id}#ocop-title`} lang={p.nameLang}>
                {p.name}
              </Link>{" "}
              <span className={p.expired ? "task-overdue" : "muted"}>
                {t(p.expired ? "workspace:task.ocop.expired" : "workspace:task.ocop.expires", {
                  date: formatDate(p.expiresOn, locale),
                })}
              </span>
            </li>
          ))}
        </ul>
      </TaskCard>,
    );
  }

  if (booths !== null) {
    const fairsAction = <Link to="/cooperative/fairs">{t("workspace:task.fairs.all")}</Link>;
    if (booths === 0 || !upcomingBooths?.nextStartsOn) {
      clear.push(
        <TaskClear key="fairs" action={fairsAction}>
          {t("workspace:task.fairs.none")}
        </TaskClear>,
      );
    } else {
      cards.push(
        <TaskCard
          key="fairs"
          id="task-fairs"
          title={t("workspace:task.fairs.title", { count: booths })}
          count={booths}
          tone="calm"
          action={fairsAction}
        >
          <p className="muted">
            {t("workspace:task.fairs.next", { date: formatDate(upcomingBooths.nextStartsOn, locale) })}
          </p>
        </TaskCard>,
      );
    }
  }

  if (approved) {
    const matchesAction = <Link to="/cooperative/matches">{t("workspace:task.matches.all")}</Link>;
    if (fresh === 0 && asked === 0) {
      clear.push(
        <TaskClear key="matches" action={matchesAction}>
          {t("workspace:task.matches.none")}
        </TaskClear>,
      );
    } else {
      // The title counts the new matching demands; the buyers waiting for an answer are said apart.
      cards.push(
        <TaskCard
          key="matches"
          id="task-matches"
          title={t("workspace:task.matches.title", { count: fresh })}
          count={fresh}
          tone={asked ? "due" : "calm"}
          action={matchesAction}
        >
          <p className="muted">
            {asked > 0
              ? t("workspace:task.matches.asked", { count: asked, n: n(asked) })
              : t("workspace:task.matches.recent")}
          </p>
        </TaskCard>,
      );
    }
  }

  return (
    <>
      {cards.length > 0 && <div className="task-grid">{cards}</div>}
      {clear.length > 0 && (
        <section className="card task-clear" aria-labelledby="task-clear-title">
          <h2 id="task-clear-title">{t("workspace:task.clear")}</h2>
          <ul className="task-clear-list">{clear}</ul>
        </section>
      )}

      <section className="card" aria-labelledby="weeks-title">
        <h2 id="weeks-title">{t("workspace:weeks.title")}</h2>
        <ColumnChart
          title={t("workspace:weeks.chart")}
          description={t("workspace:weeks.description")}
          emptyMessage={t("workspace:weeks.empty")}
          tableLabel={t("reports:chart.table")}
          categoryLabel={t("workspace:weeks.week")}
          seriesLabel={t("dashboard:figures.sales.series")}
          formatTick={(v) => compactVnd(t, v, locale)}
          locale={locale}
          points={tasks.salesWeeks.map((w) => ({
            label: formatDate(w.from, locale).replace(/[/ ]\d{4}$/, ""),
            value: w.salesVnd,
          }))}
        />
      </section>
    </>
  );
}
