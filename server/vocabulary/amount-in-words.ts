import type { Locale } from "./locale";

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);

/*
 * Amounts in words, as Vietnamese contracts write them under the figure ("Bằng chữ: …") so that a figure altered
 * on paper no longer matches.
 */
const VI_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/** 0–999; `full` reads the hundreds even when zero ("không trăm linh năm"), as inside a larger number. */
function viHundreds(n: number, full: boolean): string[] {
  const [h, t, u] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
  const words: string[] = [];
  if (full || h > 0) words.push(VI_DIGITS[h]!, "trăm");
  if (t === 0 && u > 0 && words.length > 0) words.push("linh");
  if (t === 1) words.push("mười");
  if (t > 1) words.push(VI_DIGITS[t]!, "mươi");
  if (u > 0) words.push(u === 1 && t > 1 ? "mốt" : u === 5 && t > 0 ? "lăm" : VI_DIGITS[u]!);
  return words;
}

function viWords(n: number, full = false): string[] {
  if (n >= 1e9) {
    const rest = n % 1e9;
    return [...viWords(Math.floor(n / 1e9)), "tỷ", ...(rest > 0 ? viWords(rest, true) : [])];
  }
  const words: string[] = [];
  let started = full;
  for (const [scale, name] of [
    [1e6, "triệu"],
    [1e3, "nghìn"],
    [1, null],
  ] as const) {
    const group = Math.floor(n / scale) % 1000;
    if (group === 0) continue;
    words.push(...viHundreds(group, started), ...(name ? [name] : []));
    started = true;
  }
  return words;
}

const EN_SMALL = (
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
  "seventeen eighteen nineteen"
).split(" ");
const EN_TENS = " ten twenty thirty forty fifty sixty seventy eighty ninety".split(" ");

function enHundreds(n: number): string {
  const [h, rest] = [Math.floor(n / 100), n % 100];
  const tens =
    rest < 20
      ? EN_SMALL[rest]!
      : `${EN_TENS[Math.floor(rest / 10)]}${rest % 10 ? `-${EN_SMALL[rest % 10]}` : ""}`;
  if (h === 0) return tens;
  return rest === 0 ? `${EN_SMALL[h]} hundred` : `${EN_SMALL[h]} hundred and ${tens}`;
}

/** British usage: "one million and five", "one hundred and twenty thousand". */
function enWords(n: number): string {
  if (n === 0) return "zero";
  const parts: string[] = [];
  for (const [scale, name] of [
    [1e12, "trillion"],
    [1e9, "billion"],
    [1e6, "million"],
    [1e3, "thousand"],
    [1, ""],
  ] as const) {
    const group = scale === 1e12 ? Math.floor(n / scale) : Math.floor(n / scale) % 1000;
    if (group === 0) continue;
    const words = group >= 1000 ? enWords(group) : enHundreds(group);
    const and = scale === 1 && parts.length > 0 && group < 100 ? "and " : "";
    parts.push(`${and}${words}${name ? ` ${name}` : ""}`);
  }
  return parts.join(" ");
}

/** An integer amount of đồng in words: "Một trăm hai mươi nghìn đồng", "one hundred and twenty thousand dong". */
export function vndInWords(amount: number, locale: Locale): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`not an amount of đồng: ${amount}`);
  if (locale === "en") return `${enWords(amount)} Vietnamese dong`;
  return `${capitalise(amount === 0 ? "không" : viWords(amount).join(" "))} đồng`;
}
