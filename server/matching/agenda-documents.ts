import type { TFunction } from "i18next";
import { createEvents, type EventAttributes } from "ics";
import { PDFDocument, rgb, type PDFFont, type RGB } from "pdf-lib";
import {
  A4,
  CELL_PADDING,
  drawRuns,
  embedBeVietnamPro,
  nfc,
  rowHeight,
  runsHeight,
  Sheet,
  wrap,
  type Fonts,
  type Run,
  type Style,
} from "../pdf/text-layout";
import { vietnamDay } from "../vocabulary/dates";
import { formatDate, formatDateRange, formatDateTime, formatTime } from "../vocabulary/format";
import { intlLocale, type Locale } from "../vocabulary/locale";

/*
 * A participant's agenda at a supply–demand matching conference, to print (PDF) and to put in a calendar (.ics).
 * Both are built from plain data, so the route that serves them only loads the agenda and picks the language.
 */

export interface AgendaMeeting {
  /** Stable across downloads, so a calendar updates the event instead of adding a second one. */
  uid: string;
  startsAt: Date;
  endsAt: Date;
  table: number;
  counterpart: string;
  counterpartDetail: string | null;
  subject: string | null;
  status: "scheduled" | "held" | "no_show" | "cancelled";
}

export interface AgendaDocument {
  conference: { name: string; venue: string; address: string | null; startsOn: Date; endsOn: Date };
  participant: { name: string; detail: string | null };
  /** Sorted by time. */
  meetings: AgendaMeeting[];
  /** The agenda's page on the site, printed at the foot so a paper copy leads back to the current one. */
  url: string;
  generatedAt: Date;
}

/* Layout, in points, measured from the top of an A4 page (pdf-lib measures from the bottom). */
const MARGIN = 42;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const FOOTER_HEIGHT = 46;
// A counterpart's name or an offer's title long enough to fill a page is cut rather than run into the footer.
const MAX_CELL_LINES = 6;

const COLUMN_KEYS = ["time", "table", "counterpart", "subject"] as const;
// The time column holds "12:40 PM – 12:55 PM" on one line at 9 pt.
const COLUMN_WIDTHS = [102, 52, 176, CONTENT_WIDTH - 102 - 52 - 176];
const COLUMN_X = COLUMN_WIDTHS.map((_, i) => MARGIN + COLUMN_WIDTHS.slice(0, i).reduce((a, b) => a + b, 0));

const INK = rgb(0.11, 0.12, 0.13);
const MUTED = rgb(0.42, 0.44, 0.46);
const HEADER_FILL = rgb(0.92, 0.94, 0.92);
const ACCENT = rgb(0.12, 0.42, 0.24);
const STATUS_COLOR: Record<AgendaMeeting["status"], RGB> = {
  scheduled: MUTED,
  held: ACCENT,
  no_show: rgb(0.62, 0.38, 0.04),
  cancelled: rgb(0.7, 0.16, 0.16),
};

const style = (font: PDFFont, size: number, color = INK): Style => ({ font, size, color });

const cellWidth = (column: number) => COLUMN_WIDTHS[column]! - 2 * CELL_PADDING;

/** The printable agenda: A4 portrait, Be Vietnam Pro embedded (subset), one row per meeting. */
export async function agendaPdf(doc: AgendaDocument, t: TFunction, locale: Locale): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const { regular, bold } = await embedBeVietnamPro(pdf);
  const block = (text: string, s: Style, maxLines = Infinity): Run => ({
    lines: wrap(text, s, CONTENT_WIDTH, maxLines),
    style: s,
  });

  const conference = nfc(doc.conference.name);
  const participant = nfc(doc.participant.name);
  pdf.setTitle(nfc(t("agenda:documentTitle", { participant })), { showInWindowTitleBar: true });
  pdf.setSubject(conference);
  pdf.setAuthor("HTX Connect");
  pdf.setCreator("HTX Connect");
  pdf.setLanguage(intlLocale(locale));
  pdf.setCreationDate(doc.generatedAt);
  pdf.setModificationDate(doc.generatedAt);

  const sheet = new Sheet(pdf, MARGIN, FOOTER_HEIGHT);
  sheet.addPage();
  const place = [doc.conference.venue, doc.conference.address].filter(Boolean).join(", ");
  const days = formatDateRange(doc.conference.startsOn, doc.conference.endsOn, locale);
  sheet.paragraph([block(t("agenda:title"), style(bold, 10, ACCENT))], 2);
  sheet.paragraph([block(conference, style(bold, 16))], 4);
  sheet.paragraph([
    block(t("agenda:venue", { venue: place }), style(regular, 10)),
    block(t("agenda:days", { days }), style(regular, 10)),
  ]);
  sheet.rule(sheet.y + 6, sheet.page, ACCENT, 1);
  sheet.y += 14;
  const stillOn = doc.meetings.filter((m) => m.status !== "cancelled").length;
  sheet.paragraph(
    [
      block(t("agenda:participant", { name: participant }), style(bold, 12)),
      ...(doc.participant.detail ? [block(doc.participant.detail, style(regular, 10, MUTED))] : []),
      block(t("agenda:meetingCount", { count: stillOn }), style(regular, 10, MUTED)),
    ],
    12,
  );

  if (doc.meetings.length === 0) {
    sheet.paragraph([block(t("agenda:noMeetings"), style(regular, 11, MUTED))]);
  } else {
    drawMeetings(sheet, doc, t, locale, { regular, bold });
  }

  drawFooters(sheet, doc, t, locale, style(regular, 8, MUTED));
  return pdf.save();
}

/** "08:30–08:50" or "8:30 AM – 8:50 AM" on Vietnam's clock, the same on paper and in the calendar. */
const timeRange = (meeting: AgendaMeeting, t: TFunction, locale: Locale) =>
  t("agenda:timeRange", {
    start: formatTime(meeting.startsAt, locale),
    end: formatTime(meeting.endsAt, locale),
  });

/** The table of meetings, its column headings repeated at the top of every page and under every day's title. */
function drawMeetings(sheet: Sheet, doc: AgendaDocument, t: TFunction, locale: Locale, fonts: Fonts) {
  const { regular, bold } = fonts;
  const headingStyle = style(bold, 9);
  const heading = COLUMN_KEYS.map((key, i) => [
    { lines: wrap(t(`agenda:column.${key}`), headingStyle, cellWidth(i)), style: headingStyle },
  ]);
  const headingHeight = rowHeight(heading);
  // Days get a title of their own only when there are several: the page's heading already names a single day.
  const multiDay = new Set(doc.meetings.map((m) => vietnamDay(m.startsAt))).size > 1;
  const dayStyle = style(bold, 10, ACCENT);
  const dayTitle = (meeting: AgendaMeeting): Run[] => [
    {
      lines: wrap(t("agenda:day", { date: formatDate(meeting.startsAt, locale) }), dayStyle, CONTENT_WIDTH),
      style: dayStyle,
    },
  ];
  const drawDayTitle = (runs: Run[]) => {
    drawRuns(sheet.page, runs, MARGIN, sheet.y + 4);
    sheet.y += runsHeight(runs) + 8;
  };
  const runningStyle = style(regular, 9, MUTED);
  const running = t("agenda:continued", {
    participant: doc.participant.name,
    conference: doc.conference.name,
  });

  let currentDay: string | null = null;
  let needsHeadings = true;
  for (const meeting of doc.meetings) {
    const cells = meetingCells(meeting, t, locale, fonts);
    const day = vietnamDay(meeting.startsAt);
    const title = multiDay && day !== currentDay ? dayTitle(meeting) : null;
    // A day's title and the headings never end a page on their own: they move over with the first meeting.
    const needed =
      (title ? runsHeight(title) + 8 : 0) + (title || needsHeadings ? headingHeight : 0) + rowHeight(cells);
    if (!sheet.fits(needed)) {
      sheet.addPage();
      sheet.paragraph([{ lines: wrap(running, runningStyle, CONTENT_WIDTH, 2), style: runningStyle }], 8);
      if (multiDay && !title) drawDayTitle(dayTitle(meeting));
      needsHeadings = true;
    }
    if (title) {
      if (currentDay !== null) sheet.y += 8;
      drawDayTitle(title);
      needsHeadings = true;
    }
    if (needsHeadings) {
      sheet.rule(sheet.y);
      sheet.row(heading, COLUMN_X, HEADER_FILL);
      needsHeadings = false;
    }
    sheet.row(cells, COLUMN_X);
    currentDay = day;
  }
}

/** A meeting's cells: time (and status when it is not simply scheduled), table, counterpart, subject. */
function meetingCells(
  meeting: AgendaMeeting,
  t: TFunction,
  locale: Locale,
  { regular, bold }: Fonts,
): Run[][] {
  const cancelled = meeting.status === "cancelled";
  // A cancelled meeting stays on paper, greyed and struck, so nobody waits at its table for it.
  const ink = cancelled ? MUTED : INK;
  const cell = (column: number, text: string, s: Style, strike = cancelled): Run => ({
    lines: wrap(text, s, cellWidth(column), MAX_CELL_LINES),
    style: s,
    strike,
  });
  return [
    [
      cell(0, timeRange(meeting, t, locale), style(regular, 9, ink)),
      ...(meeting.status === "scheduled"
        ? []
        : [
            cell(
              0,
              t(`agenda:status.${meeting.status}`),
              style(bold, 8, STATUS_COLOR[meeting.status]),
              false,
            ),
          ]),
    ],
    [cell(1, t("agenda:tableNumber", { n: meeting.table }), style(bold, 9, ink))],
    [
      cell(2, meeting.counterpart, style(bold, 9.5, ink)),
      ...(meeting.counterpartDetail ? [cell(2, meeting.counterpartDetail, style(regular, 8.5, MUTED))] : []),
    ],
    meeting.subject ? [cell(3, meeting.subject, style(regular, 9, ink))] : [],
  ];
}

/** Every page's foot: the agenda's address and when this copy was made, and "page n of N" on the right. */
function drawFooters(sheet: Sheet, doc: AgendaDocument, t: TFunction, locale: Locale, footStyle: Style) {
  const { pages } = sheet;
  const top = sheet.bottom + 8;
  const generated = t("agenda:generatedAt", { time: formatDateTime(doc.generatedAt, locale) });
  const widest = t("agenda:page", { page: pages.length, pages: pages.length });
  const labelWidth = footStyle.font.widthOfTextAtSize(nfc(widest), footStyle.size) + 16;
  const left: Run[] = [
    { lines: wrap(doc.url, footStyle, CONTENT_WIDTH - labelWidth, 2), style: footStyle },
    { lines: wrap(generated, footStyle, CONTENT_WIDTH - labelWidth, 1), style: footStyle },
  ];
  pages.forEach((page, i) => {
    sheet.rule(top - 6, page);
    drawRuns(page, left, MARGIN, top);
    const label = t("agenda:page", { page: i + 1, pages: pages.length });
    drawRuns(
      page,
      [{ lines: wrap(label, footStyle, labelWidth), style: footStyle }],
      MARGIN + CONTENT_WIDTH,
      top,
      "right",
    );
  });
}

/**
 * The agenda as a calendar: one event per meeting still on (a cancelled one is left out), in UTC, since `ics`
 * writes no time-zone definitions and Vietnam's clock is a fixed UTC+7 anyway.
 */
export function agendaIcs(doc: AgendaDocument, t: TFunction, locale: Locale): string {
  // `ics` validates and writes `timestamp` as DTSTAMP but leaves it out of its types; setting it to the agenda's
  // own time makes the same agenda give the same file.
  const events: Array<EventAttributes & { timestamp: number }> = doc.meetings
    .filter((m) => m.status !== "cancelled")
    .map((m) => {
      const counterpart = m.counterpartDetail ? `${m.counterpart} (${m.counterpartDetail})` : m.counterpart;
      const when = `${timeRange(m, t, locale)}, ${formatDate(m.startsAt, locale)}`;
      const description = [
        t("agenda:ics.counterpart", { counterpart }),
        m.subject ? t("agenda:ics.subject", { subject: m.subject }) : null,
        m.status === "scheduled" ? null : t("agenda:ics.status", { status: t(`agenda:status.${m.status}`) }),
        // Calendars show the event on the phone's clock; a buyer from abroad still needs the venue's.
        t("agenda:ics.when", { time: when }),
        t("agenda:ics.conference", { conference: doc.conference.name }),
        t("agenda:ics.link", { url: doc.url }),
      ].filter((line): line is string => line !== null);
      return {
        uid: m.uid,
        start: m.startsAt.getTime(),
        startInputType: "utc",
        startOutputType: "utc",
        end: m.endsAt.getTime(),
        endInputType: "utc",
        endOutputType: "utc",
        timestamp: doc.generatedAt.getTime(),
        title: nfc(t("agenda:ics.summary", { counterpart: m.counterpart, table: m.table })),
        location: nfc(t("agenda:ics.location", { table: m.table, venue: doc.conference.venue })),
        description: nfc(description.join("\n")),
        status: "CONFIRMED",
        busyStatus: "BUSY",
      };
    });
  const { error, value } = createEvents(events, {
    productId: "htx-connect",
    method: "PUBLISH",
    calName: nfc(doc.conference.name),
  });
  if (error || value === null) throw error ?? new Error("ics produced no calendar");
  return value;
}
