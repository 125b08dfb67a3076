import viErrors from "../../../app/locales/vi/errors.json";
import { everyone, get, missing, only, ok, post, redirect, title } from "./cells";
import type { F } from "./fixtures";
import { HIDDEN, INVALID, type RouteEntry } from "./matrix";

/**
 * The union's follow-ups: staff only; the calendar feed answers to its secret alone (no session), and a token that
 * is none is "not found" to everyone, so tokens cannot be probed.
 */
export const FOLLOW_UPS: Array<RouteEntry<F>> = [
  {
    file: "staff.follow-ups.tsx",
    probes: [
      get("my follow-ups", () => "/staff/follow-ups", only({ staff: ok() }), {
        shows: () => [title("Việc cần đôn đốc")],
      }),
      // No outcome, no follow-up named: staff hear what is missing; nobody else gets that far.
      post(
        "follow_up_done",
        () => "/staff/follow-ups",
        () => ({ intent: "follow_up_done", followUpId: "", outcome: "" }),
        only({ staff: INVALID }),
      ),
      post(
        "follow_up_take",
        () => "/staff/follow-ups",
        () => ({ intent: "follow_up_take", followUpId: "999999" }),
        only({ staff: missing(viErrors.follow_up_not_found) }),
      ),
      // A new calendar link for the asker.
      post(
        "calendar",
        () => "/staff/follow-ups",
        () => ({ intent: "calendar" }),
        only({ staff: { ...redirect("/staff/follow-ups?done=calendar"), writes: ["User.calendarToken"] } }),
      ),
    ],
  },
  {
    file: "calendar.$token[.]ics.ts",
    probes: [
      get(
        "a calendar feed with a token that is none",
        () => "/calendar/not-a-real-token-0123456789.ics",
        everyone(HIDDEN),
      ),
    ],
  },
];
