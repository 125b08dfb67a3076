import type { LoaderFunctionArgs } from "@remix-run/node";
import { agendaFile } from "../lib/conferences.server";

/** The participant's meetings as a calendar file, for a phone's calendar. */
export const loader = (args: LoaderFunctionArgs) => agendaFile(args, "ics");
