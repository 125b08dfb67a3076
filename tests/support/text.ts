/** Text helpers the page tests share: what a translation reads with its parameters, and how pages print it. */

/** A translation with its {{params}} filled in, as i18next does ({{max, currency(VND)}}: pass the formatted value). */
export const interpolate = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)(?:,[^}]*)?\}\}/g, (_, k: string) => String(params[k] ?? ""));

/** React writes these characters of text and attribute values as entities. */
export const html = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** As app/lib/format.ts formats VND in Vietnamese (with its no-break space), computed independently. */
export const VND = new Intl.NumberFormat("vi-VN", {
  style: "currency",
  currency: "VND",
  maximumFractionDigits: 0,
});

/** Prices carry a no-break space before the currency sign; compare with plain spaces. */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ").trim();

/** 240000 → "240.000 ₫" with plain spaces. */
export const vnd = (n: number) => plain(VND.format(n));
