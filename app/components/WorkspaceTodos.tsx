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
  const newMatches = todos.matches.fresh + todos.matches.asked;
  return (
    <>
      <div className="todo-grid">
        <TodoCard
          id="todo-orders"
          title={t("workspace:todo.orders.title")}
          count={ordersWaiting}
          tone={ordersWaiting ? "due" : "calm"}
          action={<Link to="/cooperative/orders">{t("workspace:todo.orders.all")}</Link>}
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
        </TodoCard>

        <TodoCard
          id="todo-stock"
          title={t("workspace:todo.stock.title")}
          count={todos.lowStock.count}
          tone={todos.lowStock.count ? "due" : "calm"}
          action={<Link to="/cooperative/products?status=active">{t("workspace:todo.stock.all")}</Link>}
        >
          {todos.lowStock.items.length === 0 ? (
            <p className="muted">{t("workspace:todo.stock.none")}</p>
          ) : (
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
          )}
        </TodoCard>

        <TodoCard
          id="todo-ocop"
          title={t("workspace:todo.ocop.title")}
          count={todos.ocopExpiring.count}
          tone={todos.ocopExpiring.count ? "due" : "calm"}
          action={<Link to="/cooperative/products">{t("workspace:todo.ocop.all")}</Link>}
        >
          {todos.ocopExpiring.items.length === 0 ? (
            <p className="muted">{t("workspace:todo.ocop.none")}</p>
          ) : (
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
          )}
        </TodoCard>

        {approved && upcomingBooths && (
          <TodoCard
            id="todo-fairs"
            title={t("workspace:todo.fairs.title")}
            count={upcomingBooths.booths}
            tone="calm"
            action={<Link to="/cooperative/fairs">{t("workspace:todo.fairs.all")}</Link>}
          >
            <p className="muted">
              {upcomingBooths.nextStartsOn
                ? t("workspace:todo.fairs.next", { date: formatDate(upcomingBooths.nextStartsOn, locale) })
                : t("workspace:todo.fairs.none")}
            </p>
          </TodoCard>
        )}

        {approved && (
          <TodoCard
            id="todo-matches"
            title={t("workspace:todo.matches.title")}
            count={newMatches}
            tone={todos.matches.asked ? "due" : "calm"}
            action={<Link to="/cooperative/matches">{t("workspace:todo.matches.all")}</Link>}
          >
            <p className="muted">
              {t("workspace:todo.matches.body", {
                fresh: n(todos.matches.fresh),
                asked: n(todos.matches.asked),
              })}
            </p>
          </TodoCard>
        )}
      </div>

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
