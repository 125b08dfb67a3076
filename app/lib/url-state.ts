/** The catalogue's whole state lives in the URL: these build links that change one parameter. */
export function withParam(search: URLSearchParams, key: string, value: string | null): string {
  const p = new URLSearchParams(search);
  if (value === null || value === "") p.delete(key);
  else p.set(key, value);
  p.delete("page");
  const qs = p.toString();
  return qs ? `?${qs}` : "?";
}

export function toggleParam(search: URLSearchParams, key: string, value: string): string {
  return withParam(search, key, search.get(key) === value ? null : value);
}
