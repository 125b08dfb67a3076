import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import {
  agendaIcs,
  agendaPdf,
  type AgendaDocument,
  type AgendaMeeting,
} from "../../server/matching/agenda-documents";
import { createI18n } from "../../server/i18n";

const i18n = createI18n({ secureCookie: false });
const vi = i18n.t("vi");
const en = i18n.t("en");

const CONFERENCE = "Hội nghị kết nối cung cầu nông sản Thái Nguyên 2026";
const TEA = "HTX Chè Tân Cương Hoàng Bình";
const VENUE = "Trung tâm Hội nghị tỉnh Thái Nguyên";
const A4 = { width: 595.28, height: 841.89 };

/** 15 March 2026 at hh:mm on Vietnam's clock (UTC+7). */
const at = (hour: number, minute = 0, day = 15) => new Date(Date.UTC(2026, 2, day, hour - 7, minute));

function meeting(n: number, overrides: Partial<AgendaMeeting> = {}): AgendaMeeting {
  const startsAt = at(8 + Math.floor((n * 20) / 60), (n * 20) % 60);
  return {
    uid: `meeting-${n}@htx-connect`,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 15 * 60_000),
    table: n + 1,
    counterpart: `HTX Nông sản sạch số ${n}`,
    counterpartDetail: "Hà Nội",
    subject: `Mặt hàng thứ ${n}`,
    status: "scheduled",
    ...overrides,
  };
}

function agenda(meetings: AgendaMeeting[], overrides: Partial<AgendaDocument> = {}): AgendaDocument {
  return {
    conference: {
      name: CONFERENCE,
      venue: VENUE,
      address: "Số 1 đường Hoàng Văn Thụ, phường Phan Đình Phùng, tỉnh Thái Nguyên",
      startsOn: new Date("2026-03-15T00:00:00Z"),
      endsOn: new Date("2026-03-16T00:00:00Z"),
    },
    participant: { name: "Công ty CP Thực phẩm Xanh Sài Gòn", detail: "TP. Hồ Chí Minh" },
    meetings,
    url: "https://htx-connect.vn/hoi-nghi/thai-nguyen-2026/lich-gap/abc123",
    generatedAt: new Date("2026-03-10T02:15:00Z"),
    ...overrides,
  };
}

/** The first three meetings of the usual agenda: tea at 08:30, a held one, a cancelled one. */
const sample = () =>
  agenda([
    meeting(0, {
      uid: "meeting-123@htx-connect",
      startsAt: new Date("2026-03-15T01:30:00Z"),
      endsAt: new Date("2026-03-15T01:50:00Z"),
      table: 7,
      counterpart: TEA,
      counterpartDetail: "Thái Nguyên",
      subject: "Chè búp khô loại 1",
    }),
    meeting(1, {
      uid: "meeting-124@htx-connect",
      startsAt: new Date("2026-03-15T02:00:00Z"),
      endsAt: new Date("2026-03-15T02:20:00Z"),
      table: 12,
      counterpart: "HTX Dược liệu Phú Lương",
      subject: "Đinh lăng tươi, củ 3 năm tuổi",
      status: "held",
    }),
    meeting(2, {
      uid: "meeting-125@htx-connect",
      startsAt: new Date("2026-03-15T02:30:00Z"),
      endsAt: new Date("2026-03-15T02:50:00Z"),
      table: 3,
      counterpart: "HTX Gạo Bao Thai Định Hóa",
      subject: null,
      status: "cancelled",
    }),
  ]);

const dir = mkdtempSync(path.join(tmpdir(), "agenda-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** What poppler reads from the PDF: `-layout` text, or every word with its box (`-bbox`). */
function pdftotext(pdf: Uint8Array, mode: "-layout" | "-bbox"): string {
  const file = path.join(dir, `${files++}.pdf`);
  writeFileSync(file, pdf);
  const run = spawnSync("pdftotext", [mode, "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

interface Word {
  text: string;
  page: number;
  xMin: number;
  xMax: number;
  yMax: number;
}

function words(pdf: Uint8Array): Word[] {
  const found: Word[] = [];
  pdftotext(pdf, "-bbox")
    .split("<page ")
    .slice(1)
    .forEach((page, index) => {
      for (const m of page.matchAll(
        /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        found.push({
          text: m[4]!,
          page: index + 1,
          xMin: Number(m[1]),
          xMax: Number(m[2]),
          yMax: Number(m[3]),
        });
      }
    });
  return found;
}

const count = (text: string, part: string) => text.split(part).length - 1;

/** Content lines of a calendar, with folded lines joined again (RFC 5545 §3.1). */
const icsLines = (ics: string) => ics.replace(/\r\n[ \t]/g, "").split("\r\n");

describe("agenda PDF", () => {
  it("prints Vietnamese intact, normalising decomposed input to NFC", async () => {
    const doc = sample();
    doc.conference.name = CONFERENCE.normalize("NFD");
    const pdf = await agendaPdf(doc, vi, "vi");
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");

    const text = pdftotext(pdf, "-layout");
    expect(text).toBe(text.normalize("NFC"));
    for (const expected of [
      "Lịch gặp",
      CONFERENCE,
      `Địa điểm: ${VENUE}`,
      "Thời gian: 15–16/03/2026",
      "Đơn vị tham dự: Công ty CP Thực phẩm Xanh Sài Gòn",
      "Số cuộc gặp: 2",
      TEA,
      "Thái Nguyên",
      "Chè búp khô loại 1",
      "Đinh lăng",
      "Bàn 7",
      "08:30–08:50",
      "Đã gặp",
      "Đã hủy",
      "Trang 1/1",
      "https://htx-connect.vn/hoi-nghi/thai-nguyen-2026/lich-gap/abc123",
      "Tạo lúc 09:15, 10/03/2026",
    ]) {
      expect(text).toContain(expected);
    }
    // Struck, but still printed: a cancelled meeting is on paper so nobody waits for it.
    expect(text).toContain("HTX Gạo Bao Thai Định Hóa");
  });

  it("is an A4 portrait document with a title, an author and a language", async () => {
    const loaded = await PDFDocument.load(await agendaPdf(sample(), vi, "vi"));
    expect(loaded.getPageCount()).toBe(1);
    expect(loaded.getPage(0).getSize()).toEqual(A4);
    expect(loaded.getTitle()).toBe("Lịch gặp — Công ty CP Thực phẩm Xanh Sài Gòn");
    expect(loaded.getSubject()).toBe(CONFERENCE);
    expect(loaded.getAuthor()).toBe("HTX Connect");
    expect(loaded.catalog.lookup(PDFName.of("Lang"))?.toString()).toContain("vi-VN");
  });

  it("prints English labels for English readers", async () => {
    const pdf = await agendaPdf(sample(), en, "en");
    const text = pdftotext(pdf, "-layout");
    for (const expected of [
      "Meeting schedule",
      "Time",
      "Counterpart",
      "Subject",
      "Table 7",
      "8:30 AM – 8:50 AM",
      "Held",
      "Cancelled",
      "Participant:",
      "Dates: 15–16 Mar 2026",
      "Page 1 of 1",
      "Generated 9:15 AM, 10 Mar 2026",
      TEA,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Lịch gặp");
    expect(text).not.toContain("Bàn 7");
    expect((await PDFDocument.load(pdf)).catalog.lookup(PDFName.of("Lang"))?.toString()).toContain("en-GB");
  });

  it("says so when there are no meetings yet", async () => {
    const text = pdftotext(await agendaPdf(agenda([]), vi, "vi"), "-layout");
    expect(text).toContain("Chưa có cuộc gặp nào được xếp lịch.");
    expect(text).not.toContain("Đối tác");
  });

  it("breaks 40 meetings over pages, repeating the column headings and numbering the pages", async () => {
    const meetings = Array.from({ length: 40 }, (_, n) => meeting(n));
    const pdf = await agendaPdf(agenda(meetings), vi, "vi");
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    expect(pages).toBeGreaterThanOrEqual(2);

    const text = pdftotext(pdf, "-layout");
    expect(count(text, "Đối tác")).toBe(pages);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Trang ${page}/${pages}`);
    for (const m of meetings) expect(text).toContain(m.counterpart);
    // Every page after the first says whose agenda it is.
    expect(count(text, "(tiếp theo)")).toBe(pages - 1);

    // Nothing is drawn over the footer: every table word sits above the rule at the foot of its page.
    const footTop = A4.height - 42 - 46;
    for (const word of words(pdf).filter((w) => w.text === "Nông")) expect(word.yMax).toBeLessThan(footTop);
  });

  it("gives each day its own title when the meetings span several days", async () => {
    const meetings = [meeting(0), meeting(1, { startsAt: at(9, 0, 16), endsAt: at(9, 20, 16) })];
    const text = pdftotext(await agendaPdf(agenda(meetings), vi, "vi"), "-layout");
    expect(text).toContain("Ngày 15/03/2026");
    expect(text).toContain("Ngày 16/03/2026");
    expect(count(text, "Đối tác")).toBe(2);
  });

  it("wraps a long counterpart name inside its column instead of running over", async () => {
    const long =
      "Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp Chè Đặc sản Tân Cương Hoàng Bình Thành phố Thái Nguyên " +
      "Chuyên Canh Chè Búp Tươi Và Chè Xanh";
    const doc = sample();
    doc.meetings[0]!.counterpart = long;
    doc.meetings[0]!.subject = "Chè-búp-khô-loại-đặc-biệt-đóng-gói-hút-chân-không-500g-xuất-khẩu-EU";
    const pdf = await agendaPdf(doc, vi, "vi");
    const all = words(pdf);
    for (const word of all) expect(word.xMax).toBeLessThanOrEqual(A4.width - 42 + 0.5);

    // The name's words are all there, in the counterpart column (x 196–372), on several lines.
    const nameWords = long.split(" ");
    const placed = all.filter((w) => nameWords.includes(w.text) && w.xMin >= 196 && w.xMax <= 372);
    expect(new Set(placed.map((w) => w.text))).toEqual(new Set(nameWords));
    expect(new Set(placed.map((w) => w.yMax)).size).toBeGreaterThanOrEqual(3);
    // A word longer than its column is cut between letters and stays in the subject column.
    const subjectColumn = all.filter((w) => w.text.startsWith("Chè-") || w.text.includes("-EU"));
    expect(subjectColumn.length).toBeGreaterThan(0);
    for (const word of subjectColumn) expect(word.xMin).toBeGreaterThanOrEqual(372);
  });

  it("cuts a name too long for six lines with an ellipsis", async () => {
    const doc = sample();
    doc.meetings[0]!.counterpart = Array.from({ length: 12 }, () => "Hợp tác xã Chè Tân Cương").join(" ");
    const all = words(await agendaPdf(doc, vi, "vi"));
    const inColumn = all.filter((w) => w.xMin >= 196 && w.xMax <= 372 && w.yMax < 400);
    expect(inColumn.some((w) => w.text.endsWith("…"))).toBe(true);
    // ("tác" left out: the column heading "Đối tác" sits in the same column.)
    const nameWords = new Set(["Hợp", "xã", "Chè", "Tân", "Cương"]);
    const nameLines = new Set(
      inColumn.filter((w) => nameWords.has(w.text.replace("…", ""))).map((w) => w.yMax),
    );
    expect(nameLines.size).toBe(6);
    // The rest of the agenda still follows below it.
    expect(all.some((w) => w.text === "Phú")).toBe(true);
  });

  it("embeds only the glyphs it uses", async () => {
    const pdf = await agendaPdf(agenda(Array.from({ length: 10 }, (_, n) => meeting(n))), vi, "vi");
    expect(pdf.byteLength).toBeLessThan(60_000);
  });
});

describe("agenda calendar", () => {
  it("has one event per meeting still on, in UTC, titled in the reader's language", () => {
    const ics = agendaIcs(sample(), vi, "vi");
    const lines = icsLines(ics);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("END:VCALENDAR");
    expect(lines).toContain("PRODID:htx-connect");
    expect(lines).toContain("METHOD:PUBLISH");
    expect(lines).toContain(`X-WR-CALNAME:${CONFERENCE}`);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);

    expect(lines).toContain("UID:meeting-123@htx-connect");
    expect(lines).toContain("DTSTART:20260315T013000Z");
    expect(lines).toContain("DTEND:20260315T015000Z");
    expect(lines).toContain(`SUMMARY:Gặp ${TEA} — bàn 7`);
    expect(lines).toContain(`LOCATION:Bàn 7 — ${VENUE}`);
    expect(lines).toContain("DTSTAMP:20260310T021500Z");
    const description = lines.find((l) => l.startsWith("DESCRIPTION:") && l.includes(TEA));
    expect(description).toContain("Nội dung: Chè búp khô loại 1");
    expect(description).toContain("Giờ Việt Nam: 08:30–08:50\\, 15/03/2026");

    expect(lines).toContain("UID:meeting-124@htx-connect");
    expect(ics).toContain("Trạng thái: Đã gặp");
  });

  it("leaves cancelled meetings out", () => {
    const ics = agendaIcs(sample(), vi, "vi");
    expect(ics).not.toContain("meeting-125@htx-connect");
    expect(ics).not.toContain("Bao Thai");
  });

  it("writes English titles for English readers and NFC text from decomposed input", () => {
    const doc = sample();
    doc.meetings[0]!.counterpart = TEA.normalize("NFD");
    const lines = icsLines(agendaIcs(doc, en, "en"));
    expect(lines).toContain(`SUMMARY:Meeting with ${TEA} — table 7`);
    expect(lines).toContain(`LOCATION:Table 7 — ${VENUE}`);
  });

  it("is an empty calendar when no meeting is on", () => {
    const lines = icsLines(agendaIcs(agenda([meeting(0, { status: "cancelled" })]), vi, "vi"));
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).not.toContain("BEGIN:VEVENT");
  });

  it("throws rather than write a broken calendar", () => {
    const broken = sample();
    // `ics` takes no instant before 1970; an agenda should never hold one, but if it does the download fails loudly.
    broken.meetings[0]!.startsAt = new Date("1969-12-31T01:30:00Z");
    expect(() => agendaIcs(broken, vi, "vi")).toThrow(/start/);
  });
});
