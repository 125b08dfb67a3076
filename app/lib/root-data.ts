import { useRouteLoaderData } from "@remix-run/react";
import type { Locale } from "../../server/vocabulary/locale";
import type { CooperativeStatus, Role } from "../../server/vocabulary/domain";

/** What the root loader gives every page: the language, where we are, the cart's count and who is signed in. */
export interface RootData {
  locale: Locale;
  path: string;
  cartCount: number;
  user: {
    fullName: string;
    role: Role;
    cooperative: { slug: string; name: string; status: CooperativeStatus } | null;
  } | null;
}

/** The root loader's data from any component (undefined while the root's loader has failed). */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}
