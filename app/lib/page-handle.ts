import { useMatches } from "@remix-run/react";

/** What a route module may say about the document it is rendered in (its `handle` export). */
export interface PageHandle {
  /**
   * false: the document is sent without the app's scripts (no hydration, no client navigation). For pages that
   * react to nothing but links and plain forms and are read on phones far from good signal (the trace page).
   */
  scripts?: boolean;
}

/**
 * Whether the document is sent without scripts: any route on the page asked for it, and this is the server's
 * render. In the browser the scripts are running, so the document had them; a client-side navigation to such a
 * page keeps them (removing the tags would change nothing but the DOM).
 */
export function useWithoutScripts(): boolean {
  const asked = useMatches().some((m) => (m.handle as PageHandle | undefined)?.scripts === false);
  return asked && typeof document === "undefined";
}
