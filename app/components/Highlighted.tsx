/**
 * Search highlights arrive as HTML-escaped text with <mark> around matches (server/search). Only <mark> tags
 * are let through; any other "<" is escaped again, so a product name can never inject markup.
 */
export function Highlighted({ html }: { html: string }) {
  const safe = html
    .split(/(<\/?mark>)/)
    .map((part) =>
      part === "<mark>" || part === "</mark>" ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    )
    .join("");
  return <span dangerouslySetInnerHTML={{ __html: safe }} />;
}
