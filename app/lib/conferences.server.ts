import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "./auth.server";
import { orRespond } from "./forms.server";

/** A conference's address on the site: lower-case words and digits with hyphens; anything else names none. */
export function conferenceSlugFrom(raw: string | undefined): string {
  if (!raw || !/^[a-z0-9-]{1,160}$/.test(raw))
    throw json({ error: { code: "conference_not_found" } }, { status: 404 });
  return raw;
}

/** A participant's agenda as a file to take away: the venue's printable PDF or a calendar for the phone. */
export async function agendaFile(
  { request, params, context }: LoaderFunctionArgs,
  kind: "pdf" | "ics",
): Promise<Response> {
  const user = requireUser(context, request);
  const slug = conferenceSlugFrom(params.slug);
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const options = { slug, locale, t: i18n.t(locale), origin: context.origin };
  const body =
    kind === "pdf"
      ? Buffer.from(await orRespond(matching.agendaPdf(user, options)))
      : await orRespond(matching.agendaIcs(user, options));
  return new Response(body, {
    headers: {
      "Content-Type": kind === "pdf" ? "application/pdf" : "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="lich-gap-${slug}.${kind}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
