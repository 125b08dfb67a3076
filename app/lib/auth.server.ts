import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { CurrentUser } from "../../server/accounts/current-user";
import { errorAnswer, Forbidden } from "../../server/errors";
import type { Role } from "../../server/vocabulary/domain";

const ORIGIN = "http://htx.invalid";
/** C0 controls (tab and newlines among them), DEL, C1 controls, or a backslash. */
function hasHostileCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x5c) return true;
  }
  return false;
}

/**
 * Where to send the user after a form: a path on this site, or `fallback`. The value is parsed against an origin
 * the way a browser would parse a Location header and must stay on it; on top of that anything a browser might
 * read differently from this parser is refused outright — backslashes (read as "/"), tabs and newlines (dropped,
 * so "/\t/evil.example" becomes "//evil.example"), other controls — in the value and in its percent-decoded
 * forms. What comes back is the parser's ASCII serialisation, safe to put in a header.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  let layer = to;
  for (let depth = 0; depth < 4; depth++) {
    if (hasHostileCharacter(layer) || !layer.startsWith("/") || layer.startsWith("//")) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return fallback;
    }
    if (decoded === layer) break;
    layer = decoded;
  }
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  return url.pathname + url.search + url.hash;
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function forbidden(code = "forbidden"): never {
  const { body, status } = errorAnswer(new Forbidden(code))!;
  throw json(body, { status });
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
