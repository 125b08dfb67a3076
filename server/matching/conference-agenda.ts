import type { TFunction } from "i18next";
import type { CurrentUser } from "../accounts/current-user";
import type { Locale } from "../vocabulary/locale";
import { agendaIcs, agendaPdf, type AgendaDocument } from "./agenda-documents";
import type { ConferenceParticipation } from "./conference-participation";

interface FileRequest {
  slug: string;
  locale: Locale;
  t: TFunction;
  /** The site's address, printed at the foot of the PDF and linked from the calendar. */
  origin: string;
}

/** A participant's agenda as files to take away: the venue's printable PDF and a calendar (.ics). */
export function conferenceAgendaFiles(participation: ConferenceParticipation) {
  async function documentFor(
    user: CurrentUser,
    { slug, locale, origin }: FileRequest,
  ): Promise<AgendaDocument> {
    const agenda = await participation.agendaOf(user, { slug, locale });
    return {
      conference: {
        name: agenda.conference.name,
        venue: agenda.conference.venue,
        address: agenda.conference.address,
        startsOn: new Date(`${agenda.conference.startsOn}T00:00:00+07:00`),
        endsOn: new Date(`${agenda.conference.endsOn}T00:00:00+07:00`),
      },
      participant: { name: agenda.me.name, detail: null },
      meetings: agenda.meetings
        .filter((m) => m.startsAt && m.endsAt && m.table)
        .map((m) => ({
          uid: `meeting-${m.id}@htx-connect`,
          startsAt: new Date(m.startsAt!),
          endsAt: new Date(m.endsAt!),
          table: m.table!,
          counterpart: m.counterpart,
          counterpartDetail: m.counterpartProvince,
          subject: m.subject,
          status: m.status,
        })),
      url: new URL(`/conferences/${slug}/agenda`, origin).toString(),
      generatedAt: new Date(),
    };
  }

  return {
    async agendaPdf(user: CurrentUser, request: FileRequest) {
      return agendaPdf(await documentFor(user, request), request.t, request.locale);
    },
    async agendaIcs(user: CurrentUser, request: FileRequest) {
      return agendaIcs(await documentFor(user, request), request.t, request.locale);
    },
  };
}
