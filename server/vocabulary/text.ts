/**
 * Fold Vietnamese text for accent-insensitive matching: tone and vowel marks go, đ becomes d, lower case.
 * "Đinh Lăng" → "dinh lang". Used for slugs and simple name search in both databases alike.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

/** URL slug from a Vietnamese name: "HTX Chè Tân Hương" → "htx-che-tan-huong". */
export function slugify(text: string, maxLength = 80): string {
  const slug = foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, maxLength).replace(/-+$/g, "");
}

/**
 * The words of a search box, folded, as the database's LIKE searches use them (every word must appear): letters
 * and digits only, at most eight. "Miến dong, Bắc Kạn!" → ["mien", "dong", "bac", "kan"].
 */
export function searchWords(q: string | null | undefined): string[] {
  return foldVietnamese(q ?? "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 8);
}
