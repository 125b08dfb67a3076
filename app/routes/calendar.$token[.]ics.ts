import type { LoaderFunctionArgs } from "@remix-run/node";
import { followUpCalendar } from "../lib/follow-up-calendar.server";

/** A staff member's follow-ups as a subscribed calendar (.ics); the token in the address is the key. */
export const loader = (args: LoaderFunctionArgs) => followUpCalendar(args);
