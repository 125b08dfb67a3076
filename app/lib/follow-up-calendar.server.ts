import type { LoaderFunctionArgs } from "@remix-run/node";
import { createEvents, type EventAttributes } from "ics";
import { nfc } from "../../server/pdf/text-layout";
import { shiftDay } from "../../server/vocabulary/dates";
import { followUpWhat } from "./follow-ups";
import { orRespond } from "./forms.server";

/**
 * A staff member's open follow-ups as a calendar a phone or Outlook subscribes to: one all-day event on each due
 * day, in the feed owner's language. Calendar apps fetch it without a session: the token in the address is the key
 * (server/agreements/follow-ups.ts calendarFeed).
 */
export async function followUpCalendar({ params, context }: LoaderFunctionArgs): Promise<Response> {
  const { agreements, i18n } = context.services;
  const feed = await orRespond(agreements.calendarFeed(params.token ?? ""));
  const locale = feed.owner.locale;
  const t = i18n.t(locale);
  const events: EventAttributes[] = feed.rows.map((f) => {
    const [y, m, d] = f.dueOn.split("-").map(Number) as [number, number, number];
    const [ey, em, ed] = shiftDay(f.dueOn, { days: 1 }).split("-").map(Number) as [number, number, number];
    const what = followUpWhat(t, f, locale);
    const url = `${context.origin}/agreements/${f.agreement.publicId}`;
    return {
      // Stable across fetches, so a calendar updates the event instead of adding another.
      uid: `follow-up-${f.id}@htx-connect`,
      start: [y, m, d],
      end: [ey, em, ed],
      title: nfc(t("followUps:ics.summary", { what, agreement: f.agreement.publicId })),
      description: nfc(
        [
          t("followUps:ics.parties", { cooperative: f.agreement.cooperative, buyer: f.agreement.buyer }),
          f.kind !== "manual" && f.note ? t("followUps:ics.note", { note: f.note }) : null,
          t("followUps:ics.link", { url }),
        ]
          .filter((line): line is string => line !== null)
          .join("\n"),
      ),
      url,
      status: "CONFIRMED",
      busyStatus: "FREE",
    };
  });
  const { error, value } = createEvents(events, {
    productId: "htx-connect",
    method: "PUBLISH",
    calName: nfc(t("followUps:ics.calName", { name: feed.owner.name })),
  });
  if (error || value === null) throw error ?? new Error("ics produced no calendar");
  return new Response(value, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, no-store",
      // The address is a secret: it must not leak through a link's Referer.
      "Referrer-Policy": "no-referrer",
    },
  });
}
