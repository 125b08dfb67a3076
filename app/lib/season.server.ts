import { escapeHtml } from "../../server/search/query";

/**
 * The season bar's markup: the months read out as a list, and twelve cells for the eye, made here, from the translations only (escaped).
 * Built on the server because this page sits at the edge of its JavaScript budget (tests/integration/js-budget).
 */
export function seasonBar(months: number[], t: (key: string, params?: Record<string, string>) => string) {
  const spoken = t("workspace:harvest.barLabel", {
    months: months.length
      ? months.map((m) => t(`catalogue:month.${m}`)).join(", ")
      : t("catalogue:product.allYear"),
  });
  const cells = Array.from({ length: 12 }, (_, i) => {
    const on = !months.length || months.includes(i + 1);
    // The month's number: twelve cells fit a phone's width; the months are read out by name above.
    return `<span class="harvest-month${on ? " in-season" : ""}" aria-hidden="true">${i + 1}</span>`;
  });
  // Read out as the list of months; the cells are for the eye.
  return `<span class="harvest-bar"><span class="visually-hidden">${escapeHtml(spoken)}</span>${cells.join("")}</span>`;
}
