import { describe, expect, it } from "vitest";
import { gridSuggestion } from "../../app/components/FairPlanForms";
import { asPublic } from "../../app/components/BoothList";
import { elementText, wrapName } from "../../app/components/FloorPlan";
import { openingView, READABLE_CODE_PX, zoomView } from "../../app/components/PlanZoom";
import type { PlanBooth, PlanHall } from "../../server/fairs";

describe("an exhibitor's name on its booth", () => {
  it("breaks between words into lines no longer than the booth holds", () => {
    expect(wrapName("HTX Chè La Bằng Thịnh Phát", 12, 3)).toEqual(["HTX Chè La", "Bằng Thịnh", "Phát"]);
    expect(wrapName("HTX Chè Suối Ngàn", 20, 3)).toEqual(["HTX Chè Suối Ngàn"]);
  });

  it("cuts what does not fit with an ellipsis: too many lines, or one word too long", () => {
    expect(wrapName("Liên hiệp HTX Chè Thái Nguyên Xanh", 10, 2)).toEqual(["Liên hiệp", "HTX Chè…"]);
    expect(wrapName("Tổ hợp tác Nông-Lâm-Ngư-nghiệp", 8, 3)).toEqual(["Tổ hợp", "tác", "Nông-Lâ…"]);
  });
});

describe("zooming a hall's plan", () => {
  const hall = { widthM: 40, depthM: 20 };
  const whole = { x: 0, y: 0, w: 40, h: 20 };

  it("zooms about the centre, or a point, keeping the hall's proportions and staying inside it", () => {
    expect(zoomView(whole, hall, 2)).toEqual({ x: 10, y: 5, w: 20, h: 10 });
    // A booth in a corner: the view stops at the hall's edge rather than showing beyond it.
    expect(zoomView(whole, hall, 2, { x: 1, y: 19 })).toEqual({ x: 0, y: 10, w: 20, h: 10 });
  });

  it("goes no further out than the whole hall, nor further in than a sixth of it", () => {
    expect(zoomView({ x: 10, y: 5, w: 20, h: 10 }, hall, 0.1)).toEqual(whole);
    expect(zoomView(whole, hall, 100).w).toBeCloseTo(40 / 6);
  });
});

describe("the booth grid a new hall is offered", () => {
  const booth = (code: string, yM: number) => ({ code, yM, depthM: 3 });

  it("fills an empty hall with 3×3 m booths and 3 m aisles, 2 m clear of its edges", () => {
    expect(gridSuggestion([{ id: 1, widthM: 40, depthM: 25, booths: [] }])).toEqual({
      hallId: 1,
      firstRow: "A",
      originYM: 2,
      rows: 4,
      columns: 12,
    });
  });

  it("starts below the booths already there, with the next row letter, and fills what is left", () => {
    const hall = { id: 2, widthM: 40, depthM: 25, booths: [booth("A01", 2), booth("B01", 8)] };
    expect(gridSuggestion([hall])).toMatchObject({ firstRow: "C", originYM: 14, rows: 2 });
  });
});

describe("where a hall's plan opens", () => {
  const hall = { widthM: 40, depthM: 25 };

  it("shows the whole hall when its booth codes are readable at that width (a laptop)", () => {
    expect(openingView(hall, 0.9, 1000, 625)).toEqual({ x: 0, y: 0, w: 40, h: 25 });
  });

  it("zooms a phone in at the top-left corner until the smallest code is readable", () => {
    const v = openingView(hall, 0.9, 358, 224);
    expect(v.x).toBe(0);
    expect(v.y).toBe(0);
    expect(v.h / v.w).toBeCloseTo(25 / 40);
    expect((0.9 * 358) / v.w).toBeCloseTo(READABLE_CODE_PX);
    // Never beyond the furthest zoom, however tiny the codes.
    expect(openingView(hall, 0.01, 358, 224).w).toBeCloseTo(40 / 6);
  });
});

describe("a plan element's name", () => {
  it("fits a long name on two lines in a small square rather than shrinking it unreadably", () => {
    const { lines, font } = elementText("Nhà vệ sinh", "WC", { widthM: 4, depthM: 4 });
    expect(lines).toEqual(["Nhà vệ", "sinh"]);
    expect(font).toBeGreaterThanOrEqual(0.7);
  });

  it("uses the short form when even two lines would be too small, and the full name otherwise", () => {
    expect(elementText("Nhà vệ sinh", "WC", { widthM: 2, depthM: 2 }).lines).toEqual(["WC"]);
    expect(elementText("Sân khấu", "♪", { widthM: 10, depthM: 4 }).lines).toEqual(["Sân khấu"]);
  });
});

describe("the plan as the public sees it", () => {
  const booth = (code: string, state: PlanBooth["state"]) => ({ code, state }) as PlanBooth;

  it("shows a booth waiting for approval or payment as held, and leaves the other states alone", () => {
    const halls = [
      { id: 1, booths: [booth("A01", "pending"), booth("A02", "booked"), booth("A03", "held")] },
    ];
    const shown = asPublic(halls as PlanHall[]);
    expect(shown[0]!.booths.map((b) => b.state)).toEqual(["held", "booked", "held"]);
    expect(halls[0]!.booths[0]!.state).toBe("pending");
  });
});
