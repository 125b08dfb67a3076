/** How a report shows inputs and the server's lines: short, and exact enough to recognise them. */

export function shorten(s: string, max: number) {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A short, exact-enough picture of an input: long strings as unit×count or their start and length. */
export function brief(value: unknown): string {
  const short = (s: string): string => {
    if (s.length <= 60) return JSON.stringify(s);
    for (let n = 1; n <= 16; n++) {
      if (s.length % n) continue;
      const unit = s.slice(0, n);
      if (unit.repeat(s.length / n) === s) return `${JSON.stringify(unit)}×${s.length / n}`;
    }
    return `${JSON.stringify(s.slice(0, 40))}…(${s.length} chars)`;
  };
  const walk = (v: unknown): string => {
    if (typeof v === "string") return short(v);
    if (Array.isArray(v)) return `[${v.map(walk).join(", ")}]`;
    if (v && typeof v === "object")
      return `{${Object.entries(v)
        .map(([k, x]) => `${k}: ${walk(x)}`)
        .join(", ")}}`;
    return String(v);
  };
  return walk(value);
}
