/**
 * Domain vocabularies shared by the server (models, schemas) and the UI. Pure data, safe in the browser bundle.
 */
export const SECTORS = [
  "tea",
  "vermicelli_noodles",
  "medicinal_herbs",
  "mushrooms",
  "rice_grains",
  "fruit_vegetables",
  "honey_bee",
  "spices",
  "meat_processed",
  "handicrafts",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

export const COOPERATIVE_KINDS = ["cooperative", "cooperative_group", "cooperative_union"] as const;
export type CooperativeKind = (typeof COOPERATIVE_KINDS)[number];

export const COOPERATIVE_STATUSES = ["pending", "approved", "rejected"] as const;
export type CooperativeStatus = (typeof COOPERATIVE_STATUSES)[number];

export const ROLES = ["buyer", "cooperative", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = [
  "distributor",
  "supermarket",
  "exporter",
  "restaurant",
  "processor",
  "household",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Product categories: the same taxonomy as cooperative sectors. */
export const CATEGORIES = SECTORS;
export type Category = Sector;

export const PRODUCT_STATUSES = ["draft", "active", "archived"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const UNITS = [
  "kg",
  "g",
  "hop",
  "goi",
  "chai",
  "tui",
  "lo",
  "bo",
  "hu",
  "cai",
  "qua",
  "thung",
  // A pressed tea cake or a block of beeswax or palm sugar is sold by the "bánh", cloth by the metre or the piece.
  "banh",
  "met",
  "tam",
  // What cooperatives sell by besides (issue 16): baskets, single pieces, litres and millilitres, bunches (a "bó"
  // of vegetables; "bo" is the set, "bộ"), sacks, quintals (100 kg) and tonnes, plants and seedlings ("cây"), live
  // animals ("con"), trays, pairs, tens ("chục" of eggs or fruit), bags ("bịch") and cans.
  "gio",
  "chiec",
  "lit",
  "ml",
  "bo_bunch",
  "bao",
  "ta",
  "tan",
  "cay",
  "con",
  "khay",
  "doi",
  "chuc",
  "bich",
  "can",
] as const;
export type Unit = (typeof UNITS)[number];

export const CERTIFICATIONS = [
  "vietgap",
  "globalgap",
  "organic",
  "haccp",
  "iso22000",
  "geographical_indication",
  // What exporting cooperatives hold besides a Vietnamese organic certificate ("organic", TCVN 11041): organic to
  // the EU's or the USDA's rules, Fairtrade, and 4C (coffee).
  "eu_organic",
  "usda_organic",
  "fairtrade",
  "4c",
] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

/** What may happen to a production batch, in the order a batch usually lives it (its trace page's timeline). */
export const BATCH_EVENT_KINDS = [
  "sowing",
  "harvest",
  "processing",
  "packing",
  "inspection",
  "other",
] as const;
export type BatchEventKind = (typeof BATCH_EVENT_KINDS)[number];
/** A batch's story stays readable on a phone: a few dozen steps, not a log. */
export const MAX_BATCH_EVENTS = 40;

/** OCOP certificates are valid for 36 months. */
export const OCOP_VALIDITY_MONTHS = 36;
export const MAX_PRODUCT_IMAGES = 8;
/** One uploaded picture (product photo, logo, fair cover) before the image pipeline shrinks it. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** A paper agreement's scan: a few signed pages. */
export const MAX_SCAN_MB = 15;
/** A sealed agreement's PDF brought to /verify. */
export const MAX_VERIFY_PDF_MB = 20;

/**
 * Bounds on money and quantities, so that every amount stays an exact integer in JavaScript (2^53) and in BIGINT
 * whatever is multiplied or summed. A checkout is for shop-sized purchases; larger deals are agreements.
 */
export const MAX_PRICE_VND = 10_000_000_000;
export const MAX_LINE_QUANTITY = 1_000_000;
export const MAX_CHECKOUT_VND = 100_000_000_000;
export const MAX_CART_LINES = 100;

export const PAYMENT_METHODS = ["cod", "bank_transfer", "card"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * Order lifecycle. `placed` is a cash-on-delivery order waiting for the cooperative; `pending_payment` waits
 * for a card payment or a bank transfer; `paid` has the money and waits for the cooperative.
 */
export const ORDER_STATUSES = [
  "pending_payment",
  "placed",
  "paid",
  "confirmed",
  "shipped",
  "delivered",
  "cancelled",
  "refunded",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PAYMENT_STATUSES = ["unpaid", "paid", "refund_pending", "refunded", "refund_due"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const CHECKOUT_STATUSES = ["pending_payment", "placed", "paid", "cancelled"] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

export const ORDER_ACTORS = ["buyer", "cooperative", "staff", "system"] as const;
export type OrderActor = (typeof ORDER_ACTORS)[number];

export const FAIR_STATUSES = ["draft", "open", "closed", "finished"] as const;
export type FairStatus = (typeof FAIR_STATUSES)[number];
/** Where a fair may go from each status (back to draft only without bookings, which the domain checks). */
export const FAIR_STATUS_MOVES: Record<FairStatus, readonly FairStatus[]> = {
  draft: ["open"],
  open: ["closed", "draft"],
  closed: ["open", "finished"],
  finished: [],
};

export const BOOTH_TYPES = ["standard", "corner", "premium"] as const;
/** What staff draw on a fair's plan besides booths. */
export const PLAN_ELEMENT_KINDS = [
  "entrance",
  "exit",
  "stage",
  "aisle",
  "label",
  "info",
  "restroom",
] as const;
export type PlanElementKind = (typeof PLAN_ELEMENT_KINDS)[number];
export type BoothType = (typeof BOOTH_TYPES)[number];

/**
 * A booking's life: a short hold, then (as the fair requires) staff approval and/or payment, then booked.
 * `cancelled`, `expired` and `declined` have let go of the booth.
 */
export const BOOKING_STATUSES = [
  "held",
  "pending_approval",
  "pending_payment",
  "booked",
  "cancelled",
  "expired",
  "declined",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** The statuses in which a booking occupies its booth. */
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = [
  "held",
  "pending_approval",
  "pending_payment",
  "booked",
];

/** What a visitor of the floor plan sees of a booth; `unused` is any unbooked booth once the fair is over. */
export const BOOTH_STATES = ["available", "held", "pending", "booked", "blocked", "unused"] as const;
export type BoothState = (typeof BOOTH_STATES)[number];

/** How often a demand recurs, and per what an offer's quantity is. */
export const FREQUENCIES = ["once", "monthly", "seasonal"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const DEMAND_STATUSES = ["open", "paused", "fulfilled", "closed", "expired"] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];
/** A demand lapses after this many days unless renewed; its buyer is reminded a week before. */
export const DEMAND_LIFETIME_DAYS = 90;
export const DEMAND_REMINDER_DAYS = 7;

export const OFFER_STATUSES = ["active", "paused", "closed"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * A match between a demand and an offer: suggested by the scores; one side sends interest ("requested"); the other
 * accepts ("connected") or declines; an unanswered request lapses ("expired"), and its sender may withdraw it.
 * Either side may dismiss a suggestion it does not want to see again.
 */
export const MATCH_STATUSES = [
  "suggested",
  "requested",
  "connected",
  "declined",
  "expired",
  "withdrawn",
  "dismissed",
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
/** The two parties of a match (and of a conference meeting). */
export const MATCH_SIDES = ["buyer", "cooperative"] as const;
export type MatchSide = (typeof MATCH_SIDES)[number];
/** Why a request was declined: counted in the union's reports, so a short list rather than free text. */
export const DECLINE_REASONS = ["not_relevant", "price", "quantity", "quality", "timing", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
/** An unanswered request lapses after this many days, so it never blocks either side. */
export const MATCH_REQUEST_DAYS = 7;
/** A cooperative sends at most this many requests a day (Vietnam's day): no spraying every buyer at once. */
export const MATCH_REQUESTS_PER_DAY = 10;
/** After a contact, both sides are asked what came of it later, this many days on. */
export const FOLLOW_UP_DAYS = 90;

/**
 * What came of a contact, in two stages as b2match asks: right after it, and again three months on.
 * Shared by matches and conference meetings; the union reports on both.
 */
export const OUTCOME_STAGES = ["first", "follow_up"] as const;
export type OutcomeStage = (typeof OUTCOME_STAGES)[number];
export const FIRST_OUTCOMES = [
  "did_not_happen",
  "no_interest",
  "informative",
  "cooperation_possible",
] as const;
export const FOLLOW_UP_OUTCOMES = ["no_further_contact", "negotiating", "agreement_reached"] as const;
export type ContactOutcome = (typeof FIRST_OUTCOMES)[number] | (typeof FOLLOW_UP_OUTCOMES)[number];
/** At most this many offers are kept per demand, and none below this score. */
export const MATCHES_PER_DEMAND = 20;
export const MIN_MATCH_SCORE = 40;

/**
 * A matchmaking conference's phases: set up (draft); registration and preferences open; preferences closed; a
 * provisional timetable staff review and adjust; published (fixed; late additions go around it); finished.
 */
export const CONFERENCE_PHASES = [
  "draft",
  "registration",
  "preferences_closed",
  "provisional",
  "published",
  "finished",
] as const;
export type ConferencePhase = (typeof CONFERENCE_PHASES)[number];
/** What a participant says of another: "not" on either side vetoes the pair. */
export const PREFERENCE_LEVELS = ["must", "would", "not"] as const;
export type PreferenceLevel = (typeof PREFERENCE_LEVELS)[number];
export const MEETING_REQUEST_STATUSES = ["pending", "accepted", "declined", "expired", "withdrawn"] as const;
export type MeetingRequestStatus = (typeof MEETING_REQUEST_STATUSES)[number];
/** A direct meeting request lapses after this many days, or when preferences close, whichever is sooner. */
export const MEETING_REQUEST_DAYS = 5;
export const MEETING_STATUSES = ["scheduled", "held", "no_show", "cancelled"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
/** Meetings a participant has at most, unless staff set another cap for them. */
export const DEFAULT_MAX_MEETINGS = 12;

/**
 * Before the seal: draft → awaiting_signature → sealed. After it, the pipeline the union follows: sealed ("signed")
 * → in_implementation → completed, or stalled / cancelled with a reason.
 */
export const AGREEMENT_STATUSES = [
  "draft",
  "awaiting_signature",
  "sealed",
  "in_implementation",
  "stalled",
  "completed",
  "cancelled",
] as const;
/** The states of a sealed agreement: the union's pipeline. */
export const PIPELINE_STATUSES = [
  "sealed",
  "in_implementation",
  "stalled",
  "completed",
  "cancelled",
] as const;
/** Sealed and not closed: deliveries are recorded and answered, and a scheduled date passed counts as overdue. */
export const OPEN_PIPELINE_STATUSES = ["sealed", "in_implementation", "stalled"] as const;
export const DELIVERY_STATUSES = ["recorded", "confirmed", "disputed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** What a follow-up is for: a checkpoint months after the seal, a delivery a week away, the expiry, or staff's own. */
export const FOLLOW_UP_KINDS = ["checkpoint", "delivery", "expiry", "manual"] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export const FOLLOW_UP_STATUSES = ["open", "done", "cancelled"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
