import type { LoaderFunctionArgs } from "@remix-run/node";
import { agendaFile } from "../lib/conferences.server";

/** The participant's agenda to print for the venue: A4, Vietnamese text intact (embedded font). */
export const loader = (args: LoaderFunctionArgs) => agendaFile(args, "pdf");
