import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { CurrentUser } from "../../server/accounts/current-user";
import type { Role } from "./domain";

/** Only same-site paths: "/x" yes, "//evil.example" and "https://…" no. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return fallback;
  return to;
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function forbidden(code = "forbidden"): never {
  throw json({ error: { code } }, { status: 403 });
}

/** A guest is sent to log in and brought back afterwards. */
export function requireUser(context: AppLoadContext, request: Request): CurrentUser {
  return context.user ?? loginRedirect(request);
}

/** A signed-in user of another role gets 403, never the data. */
export function requireRole(context: AppLoadContext, request: Request, ...roles: Role[]): CurrentUser {
  const user = requireUser(context, request);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** Members of the cooperative (or of any cooperative, without an id); staff pass too. */
export function requireCooperativeMember(
  context: AppLoadContext,
  request: Request,
  cooperativeId?: number,
): CurrentUser {
  const user = requireUser(context, request);
  if (user.role === "staff") return user;
  if (!user.cooperative || (cooperativeId !== undefined && user.cooperative.id !== cooperativeId)) {
    forbidden("not_a_cooperative_member");
  }
  return user;
}
