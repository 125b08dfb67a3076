import { Op, type WhereOptions } from "sequelize";
import type { CurrentUser } from "../accounts/current-user";
import type { DemandRecord, MatchRecord, OfferRecord } from "../db/models/matching";
import { Forbidden, NotFound } from "../errors";
import { parseOrInvalid } from "../validation";
import {
  MATCH_STATUSES,
  type ContactOutcome,
  type DeclineReason,
  type MatchSide,
  type MatchStatus,
  type OutcomeStage,
} from "../vocabulary/domain";
import { provinceByCode } from "../vocabulary/geo";
import type { Locale } from "../vocabulary/locale";
import { matchMachine, sideOf, type MatchAction } from "./contact";
import type { MatchingKit } from "./kit";
import { outcomesOf } from "./outcomes";
import { matchListQuerySchema, type MatchListQuery } from "./schemas";
import type { CriterionScore } from "./scoring";
import { toOfferView, toPublicDemand, type OfferView, type PublicDemand } from "./views";

type CooperativeBrief = {
  name: string;
  slug: string;
  provinceCode: string;
  phone?: string;
  email?: string | null;
};
type LoadedMatch = MatchRecord & {
  offer?: OfferRecord & { cooperative?: CooperativeBrief };
  demand?: DemandRecord & {
    organisation?: { kind: string; name: string } | null;
    buyer?: { fullName: string; email: string; phone: string | null } | null;
  };
};

/** One row of a match list: the score and its reasons, both sides in brief, and where the contact stands. */
export interface MatchView {
  id: number;
  score: number;
  criteria: CriterionScore[];
  status: MatchStatus;
  requestedBy: MatchSide | null;
  respondBy: string | null;
  offer: { id: number; title: string; cooperative: { name: string; slug: string; province: string } };
  demand: PublicDemand;
}

/** Who to reach, once both sides agreed to talk (before that the buyer stays anonymous). */
export interface PartyContact {
  name: string;
  organisation: string | null;
  email: string | null;
  phone: string | null;
}

export interface MatchDetail extends MatchView {
  side: MatchSide | "staff";
  /** What the reader may do now: the state machine's answer for their side. */
  actions: MatchAction[];
  requestedAt: string | null;
  respondedAt: string | null;
  declineReason: DeclineReason | null;
  followUpAt: string | null;
  offerDetail: OfferView;
  buyerContact: PartyContact | null;
  cooperativeContact: PartyContact | null;
  messages: Array<{ id: number; side: string; author: string; body: string; at: string; mine: boolean }>;
  outcomes: Array<{ side: MatchSide; stage: OutcomeStage; outcome: ContactOutcome; note: string | null }>;
}

/** Status filter words the lists offer, as the reader's side understands them. */
function statusWhere(status: MatchListQuery["status"], side: MatchSide): WhereOptions {
  switch (status) {
    case "open":
      return { status: "suggested" };
    case "waiting":
      return { status: "requested", requestedBy: side };
    case "to_answer":
      return { status: "requested", requestedBy: { [Op.ne]: side } };
    case "connected":
      return { status: "connected" };
    case "closed":
      return { status: ["declined", "expired", "withdrawn", "dismissed"] };
    default:
      // Dismissed suggestions are out of sight unless asked for under "closed".
      return { status: { [Op.ne]: "dismissed" } };
  }
}

/** Reading matches: each side's ranked lists with filters, and one match's page with its thread. */
export function matchPages(kit: MatchingKit) {
  const { models } = kit;

  const includes = (withContacts = false) => [
    {
      model: models.Offer,
      as: "offer",
      include: [
        {
          model: models.Cooperative,
          as: "cooperative",
          attributes: ["name", "slug", "provinceCode", ...(withContacts ? ["phone", "email"] : [])],
        },
      ],
    },
    {
      model: models.Demand,
      as: "demand",
      include: [
        { model: models.Organisation, as: "organisation", attributes: ["kind", "name"] },
        ...(withContacts
          ? [{ model: models.User, as: "buyer", attributes: ["fullName", "email", "phone"] }]
          : []),
      ],
    },
  ];

  function toView(m: LoadedMatch, locale: Locale): MatchView {
    const cooperative = m.offer?.cooperative;
    return {
      id: m.id,
      score: m.score,
      criteria: JSON.parse(m.criteria) as CriterionScore[],
      status: m.status,
      requestedBy: m.requestedBy,
      respondBy: m.respondBy?.toISOString() ?? null,
      offer: {
        id: m.offerId,
        title: m.offer?.title ?? "",
        cooperative: {
          name: cooperative?.name ?? "",
          slug: cooperative?.slug ?? "",
          province: provinceByCode(cooperative?.provinceCode ?? "")?.name ?? "",
        },
      },
      demand: toPublicDemand(m.demand!, locale),
    };
  }

  async function list(where: WhereOptions, query: MatchListQuery, locale: Locale) {
    const rows = (await models.Match.findAll({
      where: {
        ...where,
        ...(query.minScore !== undefined ? { score: { [Op.gte]: query.minScore } } : {}),
        ...(query.offer ? { offerId: query.offer } : {}),
      },
      include: includes().map((i) =>
        i.as === "demand" && (query.category || query.province)
          ? {
              ...i,
              where: {
                ...(query.category ? { category: query.category } : {}),
                ...(query.province ? { deliveryProvinceCode: query.province } : {}),
              },
            }
          : i,
      ),
      order: [
        ["score", "DESC"],
        ["id", "ASC"],
      ],
      limit: 200,
    })) as LoadedMatch[];
    return rows.map((m) => toView(m, locale));
  }

  return {
    /** The buyer's ranked offers for one of its demands, filtered. */
    async listDemandMatches(
      user: CurrentUser,
      { publicId, locale, query = {} }: { publicId: string; locale: Locale; query?: Record<string, unknown> },
    ) {
      const q = parseOrInvalid(matchListQuerySchema, query);
      const demand = await models.Demand.findOne({ where: { publicId, buyerId: kit.buyerOf(user) } });
      if (!demand) throw new NotFound("demand_not_found");
      return list({ demandId: demand.id, ...statusWhere(q.status, "buyer") }, q, locale);
    },

    /** Every match of a buyer's demands that asks something of it or is under way. */
    async listBuyerMatches(
      user: CurrentUser,
      { locale, query = {} }: { locale: Locale; query?: Record<string, unknown> },
    ) {
      const q = parseOrInvalid(matchListQuerySchema, query);
      return list({ buyerId: kit.buyerOf(user), ...statusWhere(q.status, "buyer") }, q, locale);
    },

    /** The demands a cooperative's offers answer best, across its offers, filtered. */
    async listCooperativeMatches(
      user: CurrentUser,
      { locale, query = {} }: { locale: Locale; query?: Record<string, unknown> },
    ) {
      const q = parseOrInvalid(matchListQuerySchema, query);
      return list(
        { cooperativeId: kit.cooperativeOf(user), ...statusWhere(q.status, "cooperative") },
        q,
        locale,
      );
    },

    /** Staff: how many matches stand in each state, with the open demands and active offers behind them. */
    async matchingOverview(user: CurrentUser) {
      if (user.role !== "staff") throw new Forbidden();
      const [byStatus, demands, offers] = await Promise.all([
        models.Match.count({ group: ["status"] }) as unknown as Promise<
          Array<{ status: MatchStatus; count: number }>
        >,
        models.Demand.count({ where: { status: "open" } }),
        models.Offer.count({ where: { status: "active" } }),
      ]);
      const counts = new Map(byStatus.map((r) => [r.status, Number(r.count)]));
      return {
        demands,
        offers,
        statuses: MATCH_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 })),
      };
    },

    /** One match as its reader may see it: contacts only once connected, the thread only for parties and staff. */
    async getMatch(
      user: CurrentUser,
      { matchId, locale }: { matchId: number; locale: Locale },
    ): Promise<MatchDetail> {
      const m = (await models.Match.findByPk(matchId, { include: includes(true) })) as LoadedMatch | null;
      const side = m ? sideOf(user, m) : null;
      if (!m || !side) throw new NotFound("match_not_found");
      const [messages, outcomes, product] = await Promise.all([
        models.MatchMessage.findAll({
          where: { matchId },
          include: [{ model: models.User, as: "author", attributes: ["fullName"] }],
          order: [["id", "ASC"]],
        }),
        outcomesOf(models, "match", [matchId]),
        m.offer?.productId
          ? kit.catalogue.productsByIds([m.offer.productId], locale).then((p) => p.get(m.offer!.productId!))
          : Promise.resolve(undefined),
      ]);
      const open = m.status === "connected" || side === "staff";
      const demand = m.demand!;
      const cooperative = m.offer!.cooperative!;
      const names = {
        buyer: demand.organisation?.name ?? demand.buyer?.fullName ?? "",
        cooperative: cooperative.name,
      };
      return {
        ...toView(m, locale),
        side,
        actions: side === "staff" ? [] : matchMachine.available(m, side),
        requestedAt: m.requestedAt?.toISOString() ?? null,
        respondedAt: m.respondedAt?.toISOString() ?? null,
        declineReason: m.declineReason,
        followUpAt: m.followUpAt?.toISOString() ?? null,
        offerDetail: toOfferView(
          m.offer!,
          product ? { id: product.id, slug: product.slug, name: product.name } : null,
        ),
        buyerContact: open
          ? {
              name: demand.buyer?.fullName ?? "",
              organisation: demand.organisation?.name ?? null,
              email: demand.buyer?.email ?? null,
              phone: demand.buyer?.phone ?? null,
            }
          : null,
        cooperativeContact: open
          ? {
              name: cooperative.name,
              organisation: null,
              email: cooperative.email ?? null,
              phone: cooperative.phone ?? null,
            }
          : null,
        messages: messages.map((msg) => {
          const author = (msg as typeof msg & { author?: { fullName: string } | null }).author;
          return {
            id: msg.id,
            side: msg.side,
            // Before the pair is connected the buyer is "a buyer" to the cooperative, in the thread too.
            author:
              msg.side === "buyer" && !open
                ? ""
                : msg.side === "staff"
                  ? (author?.fullName ?? "")
                  : names[msg.side],
            body: msg.body,
            at: msg.createdAt.toISOString(),
            mine: msg.side === side,
          };
        }),
        outcomes: outcomes.get(matchId) ?? [],
      };
    },
  };
}
