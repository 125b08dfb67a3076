import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CooperativeTodos } from "../../server/reports/cooperative-todos";
import { formatDate, formatNumber } from "../../server/vocabulary/format";
import type { Locale } from "../../server/vocabulary/locale";
import { ColumnChart } from "./charts";
import { compactVnd } from "./ReportCharts";

/** One to-do: a count that says how much is waiting, what it is, and a link straight to where it is done. */
function TodoCard({
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
    <section className={`card todo-card todo-${tone}`} aria-labelledby={id}>
      <h2 id={id}>
        <span className="todo-count">{count}</span> {title}
      </h2>
      {children}
      <p className="todo-action">{action}</p>
    </section>
  );
}

/** A to-do with nothing waiting: one short line, not a full card. */
function TodoClear({ children, action }: { children: ReactNode; action: ReactNode }) {
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
export function WorkspaceTodos({
  todos,
  orderCounts,
  upcomingBooths,
  approved,
  locale,
}: {
  todos: CooperativeTodos;
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
  const { fresh, asked } = todos.matches;
  const booths = approved && upcomingBooths ? upcomingBooths.booths : null;
  const clear: ReactNode[] = [];
  const cards: ReactNode[] = [];

  const ordersAction = <Link to="/cooperative/orders">{t("workspace:todo.orders.all")}</Link>;
  if (ordersWaiting === 0) {
    clear.push(
      <TodoClear key="orders" action={ordersAction}>
        {t("workspace:todo.orders.none")}
      </TodoClear>,
    );
  } else {
    cards.push(
      <TodoCard
        key="orders"
        id="todo-orders"
        title={t("workspace:todo.orders.title", { count: ordersWaiting })}
        count={ordersWaiting}
        tone="due"
        action={ordersAction}
      >
        <ul className="todo-list">
          {waiting.map((w) => (
            <li key={w.status}>
              <Link to={`/cooperative/orders?status=${w.status}`}>
                {t(`workspace:todo.orders.${w.status}`, { count: w.count, n: n(w.count) })}
              </Link>
            </li>
          ))}
        </ul>
      </TodoCard>,
    );
  }

  const stockAction = <Link to="/cooperative/products?status=active">{t("workspace:todo.stock.all")}</Link>;
  if (todos.lowStock.count === 0) {
    clear.push(
      <TodoClear key="stock" action={stockAction}>
        {t("workspace:todo.stock.none")}
      </TodoClear>,
    );
  } else {
    cards.push(
      <TodoCard
        key="stock"
        id="todo-stock"
        title={t("workspace:todo.stock.title", { count: todos.lowStock.count })}
        count={todos.lowStock.count}
        tone="due"
        action={stockAction}
      >
        <ul className="todo-list">
          {todos.lowStock.items.map((p) => (
            <li key={p.id}>
              <Link to={`/cooperative/products/${p.id}#details-title`} lang={p.nameLang}>
                {p.name}
              </Link>{" "}
              <span className="muted">
                {t("workspace:todo.stock.left", { n: n(p.stock), unit: t(`catalogue:unit.${p.unit}`) })}
              </span>
            </li>
          ))}
        </ul>
      </TodoCard>,
    );
  }

  const ocopAction = <Link to="/cooperative/products">{t("workspace:todo.ocop.all")}</Link>;
  if (todos.ocopExpiring.count === 0) {
    clear.push(
      <TodoClear key="ocop" action={ocopAction}>
        {t("workspace:todo.ocop.none")}
      </TodoClear>,
    );
  } else {
    cards.push(
      <TodoCard
        key="ocop"
        id="todo-ocop"
        title={t("workspace:todo.ocop.title", { count: todos.ocopExpiring.count })}
        count={todos.ocopExpiring.count}
        tone="due"
        action={ocopAction}
      >
        <ul className="todo-list">
          {todos.ocopExpiring.items.map((p) => (
            <li key={p.id}>
              <Link to={`/cooperative/products/${p.id}#ocop-title`} lang={p.nameLang}>
                {p.name}
              </Link>{" "}
              <span className={p.expired ? "todo-overdue" : "muted"}>
                {t(p.expired ? "workspace:todo.ocop.expired" : "workspace:todo.ocop.expires", {
                  date: formatDate(p.expiresOn, locale),
                })}
              </span>
            </li>
          ))}
        </ul>
      </TodoCard>,
    );
  }

  if (booths !== null) {
    const fairsAction = <Link to="/cooperative/fairs">{t("workspace:todo.fairs.all")}</Link>;
    if (booths === 0 || !upcomingBooths?.nextStartsOn) {
      clear.push(
        <TodoClear key="fairs" action={fairsAction}>
          {t("workspace:todo.fairs.none")}
        </TodoClear>,
      );
    } else {
      cards.push(
        <TodoCard
          key="fairs"
          id="todo-fairs"
          title={t("workspace:todo.fairs.title", { count: booths })}
          count={booths}
          tone="calm"
          action={fairsAction}
        >
          <p className="muted">
            {t("workspace:todo.fairs.next", { date: formatDate(upcomingBooths.nextStartsOn, locale) })}
          </p>
        </TodoCard>,
      );
    }
  }

  if (approved) {
    const matchesAction = <Link to="/cooperative/matches">{t("workspace:todo.matches.all")}</Link>;
    if (fresh === 0 && asked === 0) {
      clear.push(
        <TodoClear key="matches" action={matchesAction}>
          {t("workspace:todo.matches.none")}
        </TodoClear>,
      );
    } else {
      // The title counts the new matching demands; the buyers waiting for an answer are said apart.
      cards.push(
        <TodoCard
          key="matches"
          id="todo-matches"
          title={t("workspace:todo.matches.title", { count: fresh })}
          count={fresh}
          tone={asked ? "due" : "calm"}
          action={matchesAction}
        >
          <p className="muted">
            {asked > 0
              ? t("workspace:todo.matches.asked", { count: asked, n: n(asked) })
              : t("workspace:todo.matches.recent")}
          </p>
        </TodoCard>,
      );
    }
  }

  return (
    <>
      {cards.length > 0 && <div className="todo-grid">{cards}</div>}
      {clear.length > 0 && (
        <section className="card todo-clear" aria-labelledby="todo-clear-title">
          <h2 id="todo-clear-title">{t("workspace:todo.clear")}</h2>
          <ul className="todo-clear-list">{clear}</ul>
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
          points={todos.salesWeeks.map((w) => ({
            label: formatDate(w.from, locale).replace(/[/ ]\d{4}$/, ""),
            value: w.salesVnd,
          }))}
        />
      </section>
    </>
  );
}
