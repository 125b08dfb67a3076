import type { ReactNode } from "react";

/**
 * A workspace's frame: its own navigation beside its pages (a column on a wide screen, a row above on a phone).
 * The staff console and the cooperative's workspace share it; `links` are its NavLinks.
 */
export function Console({
  id,
  title,
  navLabel,
  links,
  children,
}: {
  id: string;
  title: string;
  navLabel: string;
  links: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="container console">
      <aside className="console-nav" aria-labelledby={id}>
        <h2 id={id}>{title}</h2>
        <nav aria-label={navLabel}>{links}</nav>
      </aside>
      <div className="console-main">{children}</div>
    </div>
  );
}
