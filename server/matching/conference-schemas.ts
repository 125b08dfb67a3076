import { z } from "zod";
import {
  blankToUndefined,
  int,
  optionalText,
  provinceField,
  requiredDate,
  requiredText,
  vietnamTime,
} from "../fields";
import { PREFERENCE_LEVELS } from "../vocabulary/domain";
import { outcomeSchema } from "./schemas";

const id = int(1, 2_147_483_647);
const clock = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time"),
);

/** A conference's details, as staff set them up (attached to a fair or not). */
export const conferenceSchema = z
  .object({
    nameVi: requiredText(5, 200),
    nameEn: optionalText(200),
    descriptionVi: requiredText(20, 5000),
    descriptionEn: optionalText(5000),
    fairId: z.preprocess(blankToUndefined, id.optional()),
    venue: requiredText(3, 200),
    address: optionalText(300),
    provinceCode: provinceField,
    startsOn: requiredDate,
    endsOn: requiredDate,
    meetingMinutes: int(10, 120),
    tables: int(1, 200),
    maxMeetings: int(1, 40),
    registrationOpensAt: vietnamTime,
    registrationClosesAt: vietnamTime,
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "ends_before_starts" });
    if (v.registrationClosesAt <= v.registrationOpensAt)
      ctx.addIssue({ code: "custom", path: ["registrationClosesAt"], message: "closes_before_opens" });
    if (v.registrationClosesAt.getTime() > Date.parse(`${v.startsOn}T23:59:59+07:00`))
      ctx.addIssue({ code: "custom", path: ["registrationClosesAt"], message: "registration_after_start" });
  });
export type ConferenceInput = z.output<typeof conferenceSchema>;

/** A run of meeting slots on one day, cut at the meeting length, with an optional break left out. */
export const slotRunSchema = z
  .object({
    day: requiredDate,
    from: clock,
    to: clock,
    breakFrom: z.preprocess(blankToUndefined, clock.optional()),
    breakTo: z.preprocess(blankToUndefined, clock.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.to <= v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "ends_before_starts" });
    if ((v.breakFrom === undefined) !== (v.breakTo === undefined))
      ctx.addIssue({ code: "custom", path: [v.breakFrom ? "breakTo" : "breakFrom"], message: "required" });
    if (v.breakFrom && v.breakTo && v.breakTo <= v.breakFrom)
      ctx.addIssue({ code: "custom", path: ["breakTo"], message: "ends_before_starts" });
  });

/** Staff add a participant by a buyer's email or a cooperative's address on the site. */
export const addParticipantSchema = z.object({
  who: requiredText(3, 200),
  maxMeetings: z.preprocess(blankToUndefined, int(1, 40).optional()),
});

/** The slots a participant can attend, as the form's ticks send them; the others are where they are away. */
export const availabilitySchema = z.object({
  available: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.coerce.number().int().positive()).max(200),
  ),
});

export const preferenceSchema = z.object({
  targetId: id,
  level: z.preprocess(blankToUndefined, z.enum(PREFERENCE_LEVELS, "choose_one").optional()),
});

export const meetingRequestSchema = z.object({ targetId: id, message: optionalText(1000) });
export const requestAnswerSchema = z.object({
  requestId: id,
  answer: z.enum(["accept", "decline", "withdraw"]),
});

export const moveMeetingSchema = z.object({ meetingId: id, slotId: id, tableNo: int(1, 200) });
export const addMeetingSchema = z.object({ buyerId: id, cooperativeId: id });
export const markMeetingSchema = z.object({
  meetingId: id,
  status: z.enum(["held", "no_show", "cancelled"]),
});
/** The outcome ladder of a match, for one meeting. */
export const meetingOutcomeSchema = z.object({ meetingId: id }).and(outcomeSchema);
