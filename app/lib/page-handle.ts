import { useMatches } from "@remix-run/react";

/** What a route module may say about the document it is rendered in (its `handle` export). */
export interface PageHandle {
  /**
   * false: the document is sent without the app's scripts (no hydration, no client navigation). For pages that
   * react to nothing but links and plain forms and are read on phones far from good signal (the trace page).
   */
  scripts?: boolean;
}

/** Whether any route on the page asked for a document without scripts. */
export function useWithoutScripts(): boolean {
  return useMatches().some((m) => (m.handle as PageHandle | undefined)?.scripts === false);
}
