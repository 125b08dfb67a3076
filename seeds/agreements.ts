import { PDFDocument, rgb } from "pdf-lib";
import { Op } from "sequelize";
import type { CurrentUser } from "../server/accounts/current-user";
import type { AgreementContent } from "../server/agreements/content";
import { termsOf } from "../server/agreements/schemas";
import { DEFAULT_CLAUSES } from "../server/agreements/template";
import { addMonths } from "../server/catalogue";
import type { Container } from "../server/context";
import type { Models } from "../server/db/models";
import { A4, embedBeVietnamPro, lineHeight, nfc, wrap, type Style } from "../server/pdf/text-layout";
import { vietnamDay } from "../server/vocabulary/dates";
import { CERTIFICATIONS, type OrganisationKind } from "../server/vocabulary/domain";
import { formatDate, formatNumber, formatVnd } from "../server/vocabulary/format";
import { addressLine } from "../server/vocabulary/wards";
import { DEALS, type Deal } from "./data/agreement-deals";
import { cooperativeMembers } from "./members";

type SeedContainer = Pick<Container, "db" | "services">;
type ProductRow = InstanceType<Models["Product"]>;
type CooperativeRow = InstanceType<Models["Cooperative"]>;
type Form = Record<string, unknown>;

/** A meeting held at last season's conference, with its two sides and what they said came of it. */
interface Held {
  id: number;
  buyer: CurrentUser;
  cooperativeId: number;
  outcome: string | null;
  /** Sealed agreements print both tax codes: only buyers whose code no business can hold. */
  signable: boolean;
}

const DAY = 86_400_000;
const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const plusMonths = (iso: string, months: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
const vnd = (n: number) => formatVnd(n, "vi");

/** The tax authority's check digit of a ten-digit code: weights 31 … 3 over the first nine; 10 is never issued. */
function checkDigit(code: string) {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  return 10 - (weights.reduce((sum, w, i) => sum + w * Number(code[i]), 0) % 11);
}

/** A ten-digit code (or a branch's) that the tax authority cannot have issued: its last digit fails the check. */
const unissuable = (taxCode: string | null | undefined) =>
  !!taxCode && /^\d{10}(-\d{3})?$/.test(taxCode) && checkDigit(taxCode) !== Number(taxCode[9]);

const TAX_OFFICE_PREFIX: Record<string, string> = { "19": "46", "20": "49" };

/**
 * A cooperative's tax code for its agreements (profiles do not hold one). Invented like the demo's phones (decision
 * 0015): the province's tax-office prefix (Thái Nguyên 46, Lạng Sơn 49), a number from the cooperative's id and a
 * last digit that fails the check, so the sealed PDFs name no registered business.
 */
function cooperativeTaxCode(coop: CooperativeRow) {
  const prefix = TAX_OFFICE_PREFIX[coop.provinceCode] ?? "01";
  const first9 = `${prefix}${String(2_000_000 + coop.id * 137).padStart(7, "0")}`;
  return `${first9}${(checkDigit(first9) + 5) % 10}`;
}

/** The whole address an agreement needs (the profile's `address` is only the street part). */
const fullAddress = (coop: CooperativeRow) => addressLine(coop);

/**
 * The cooperative's side as it completes it: the tax code, the whole address, and who signs with which title — its
 * representative, or the member signing on the platform (the demo's own cooperative logs in as a deputy, who signs
 * on the director's authority, as contracts say). A group of cooperating households (tổ hợp tác) is led by a tổ trưởng.
 */
function supplierSide(coop: CooperativeRow, signer: CurrentUser | null = null): Form {
  const group = coop.name.startsWith("Tổ hợp tác");
  const head = group ? "Tổ trưởng" : "Giám đốc";
  const name = signer?.fullName ?? coop.representative;
  return {
    supplierTaxCode: cooperativeTaxCode(coop),
    supplierAddress: fullAddress(coop),
    supplierRepresentative: name,
    supplierRepresentativeTitle:
      name === coop.representative
        ? head
        : `${group ? "Tổ phó" : "Phó Giám đốc"} (được ${head} ${coop.representative} ủy quyền)`,
  };
}

/** Clauses of a wholesale supply, written for the buyer's warehouse; English too when the agreement is bilingual. */
function wholesaleClauses(buyerAddress: string, daysToPay: number) {
  return {
    paymentTermsVi:
      `Bên A thanh toán bằng chuyển khoản 100% giá trị từng đợt giao trong vòng ${daysToPay} ngày kể từ ngày nhận đủ ` +
      "hàng và hóa đơn giá trị gia tăng hợp lệ.",
    paymentTermsEn:
      `Party A pays the full value of each delivery by bank transfer within ${daysToPay} days of receiving it in full ` +
      "with a valid VAT invoice.",
    deliveryTermsVi:
      `Bên B giao hàng tại kho của Bên A (${buyerAddress}) trước ngày 05 hằng tháng theo lịch giao hàng, chi phí vận ` +
      "chuyển do Bên B chịu; kèm phiếu xuất kho và phiếu kiểm nghiệm của lô. Bên A kiểm đếm, kiểm tra chất lượng khi " +
      "nhận; hàng không đạt được Bên B đổi trong vòng 7 ngày.",
    deliveryTermsEn:
      `Party B delivers to Party A's warehouse (${buyerAddress}) before the 5th of each month on the delivery schedule, ` +
      "at its own cost, with a delivery note and the batch's test report. Party A counts and inspects the goods on " +
      "receipt; Party B replaces goods that fail within 7 days.",
    disputeClauseVi: DEFAULT_CLAUSES.dispute.vi,
    disputeClauseEn: DEFAULT_CLAUSES.dispute.en,
  };
}

/**
 * What the pair trades: the first deal that suits the buyer and names one of the cooperative's active products, or
 * failing that its product in a category the buyer asks for, at 85% of the catalogue price.
 */
async function dealFor(container: SeedContainer, buyer: CurrentUser, cooperativeId: number) {
  const { models } = container.db;
  const products = await models.Product.findAll({
    where: { cooperativeId, status: "active" },
    order: [["id", "ASC"]],
  });
  const kind = (buyer.organisation?.kind ?? "household") as OrganisationKind;
  let product: ProductRow | undefined;
  let deal: Deal | undefined;
  for (const d of DEALS.filter((d) => d.buyers.includes(kind))) {
    product = products.find((p) => d.product.test(p.nameVi));
    if (product) {
      deal = d;
      break;
    }
  }
  if (!product) {
    const wanted = new Set(
      (await models.Demand.findAll({ where: { buyerId: buyer.id }, attributes: ["category"] })).map(
        (d) => d.category as string,
      ),
    );
    product = products.find((p) => wanted.has(p.category)) ?? products[0];
  }
  if (!product) throw new Error(`seed agreements: cooperative ${cooperativeId} has no active product`);
  const known = new Set<string>(CERTIFICATIONS);
  const certifications =
    deal?.certifications ??
    (await models.ProductCertification.findAll({ where: { productId: product.id } }))
      .map((c) => c.certification as string)
      .filter((c) => known.has(c));
  const ocop = await models.ProductOcop.findOne({ where: { productId: product.id } });
  const terms = deal ?? {
    unitWord: "đơn vị",
    monthly: Math.max(product.minOrderQty * 10, Math.round(product.stock / 20) * 10),
    unitPriceVnd: Math.round((product.priceVnd * 0.85) / 1000) * 1000,
    quality:
      `${product.nameVi} đúng quy cách như mẫu đã chào; nhãn ghi đủ tên sản phẩm, cơ sở sản xuất, ngày sản xuất và hạn ` +
      "dùng; mỗi lô kèm phiếu kiểm nghiệm.",
  };
  return {
    unitPriceVnd: terms.unitPriceVnd,
    unitWord: terms.unitWord,
    monthly: terms.monthly,
    /** The form fields of the deal over `months` from `validFrom`, the first `listed` deliveries scheduled. */
    terms({
      validFrom,
      months,
      firstDelivery,
      listed,
    }: {
      validFrom: string;
      months: number;
      firstDelivery: string;
      listed: number;
    }): Form {
      const dates = Array.from({ length: listed }, (_, i) => plusMonths(firstDelivery, i));
      return {
        productName: deal?.name ?? product.nameVi,
        category: product.category,
        qualityStandard: terms.quality,
        certifications,
        minOcopStars: ocop && ocop.expiresOn >= validFrom ? String(ocop.stars) : "",
        quantity: String(terms.monthly * months),
        unit: deal?.unit ?? product.unit,
        deliveryDate: dates,
        deliveryQuantity: dates.map(() => String(terms.monthly)),
        unitPriceVnd: String(terms.unitPriceVnd),
        totalVnd: "",
        validFrom,
        validUntil: addMonths(validFrom, months),
      };
    },
  };
}

/**
 * A one-page PDF standing in for the scan of a paper agreement, saying what it is. Be Vietnam Pro, as on the
 * platform's own documents: pdf-lib's standard fonts cannot draw Vietnamese.
 */
async function demoScan(lines: { title: string; body: string[] }) {
  const pdf = await PDFDocument.create();
  pdf.setTitle(nfc("Bản quét minh họa — dữ liệu demo"));
  pdf.setProducer("HTX Connect demo seed");
  const { regular, bold } = await embedBeVietnamPro(pdf);
  const page = pdf.addPage([A4.width, A4.height]);
  const margin = 64;
  const width = A4.width - 2 * margin;
  let y = A4.height - margin;
  const draw = (text: string, style: Style, gap = 0) => {
    for (const line of wrap(nfc(text), style, width)) {
      y -= lineHeight(style);
      page.drawText(line, { x: margin, y, font: style.font, size: style.size, color: style.color });
    }
    y -= gap;
  };
  const ink = rgb(0.15, 0.15, 0.2);
  draw("BẢN QUÉT MINH HỌA — DỮ LIỆU DEMO", { font: bold, size: 16, color: rgb(0.7, 0.1, 0.1) }, 6);
  draw(
    "Tệp này do dữ liệu demo của HTX Connect tạo ra thay cho bản quét văn bản giấy; không phải chứng từ thật.",
    { font: regular, size: 10, color: ink },
    18,
  );
  draw(lines.title, { font: bold, size: 13, color: ink }, 8);
  for (const line of lines.body) draw(line, { font: regular, size: 11, color: ink }, 4);
  page.drawRectangle({
    x: margin - 12,
    y: y - 12,
    width: width + 24,
    height: A4.height - margin - y + 24,
    borderColor: rgb(0.6, 0.6, 0.65),
    borderWidth: 1,
  });
  return Buffer.from(await pdf.save());
}

/**
 * Agreements in every state, through the agreements use cases as their people would act (issue 12): the business
 * buyer's tea supply from its connected match, completed by the cooperative and signed by both; one more signed on
 * the platform after talks begun at last season's conference; two signed on paper at that conference and
 * registered by the union's staff with their scans; one signed by the buyer and waiting for the demo cooperative; a
 * household business's draft from a new match, changed once and commented on; and one cancelled. Every signature
 * seals with the container's keys, so the PDFs verify against the published key. Run after the conferences.
 */
export async function seedDemoAgreements(
  container: SeedContainer,
  { password, passwordHash }: { password: string; passwordHash: string },
) {
  const { db, services } = container;
  const { models } = db;
  const agreements = services.agreements;
  const memberOf = cooperativeMembers(container, passwordHash);
  const person = async (who: { email: string } | { userId: number }) =>
    (await services.accounts.getCurrentUser(who))!;
  const staff = await person({ email: "canbo@htxconnect.example" });
  const business = await person({ email: "thumua@htxconnect.example" });
  const demoCooperative = (await person({ email: "htx@htxconnect.example" })).cooperative!.id;
  const cooperativeOf = async (id: number) => {
    const coop = (await models.Cooperative.findByPk(id))!;
    return { coop, member: await memberOf(coop.name) };
  };
  const today = vietnamDay(new Date());

  const latest = async (publicId: string) => {
    const row = (await models.Agreement.findOne({ where: { publicId } }))!;
    return {
      version: row.currentVersion,
      content: await agreements.agreementContent(row.id, row.currentVersion),
    };
  };
  /** A change as a party makes it: the current terms in the form, some fields changed. */
  const revise = async (
    who: CurrentUser,
    publicId: string,
    changes: (content: AgreementContent) => Form,
    note: string,
  ) => {
    const { version, content } = await latest(publicId);
    await agreements.reviseAgreement(who, {
      publicId,
      form: { ...termsOf(content), ...changes(content), basedOn: String(version), note },
    });
  };
  const sign = async (who: CurrentUser, publicId: string) => {
    const { version } = await latest(publicId);
    await agreements.signAgreement(who, {
      publicId,
      form: { version: String(version), password },
      meta: { ip: null, userAgent: "seed" },
    });
  };
  const comment = (who: CurrentUser, publicId: string, body: string) =>
    agreements.commentOnAgreement(who, { publicId, form: { body } });

  // ---- The business buyer's tea, from its connected match: bilingual, completed by the cooperative, sealed -----
  const teaMatch = await models.Match.findOne({
    where: { buyerId: business.id, status: "connected" },
    order: [["id", "ASC"]],
  });
  if (!teaMatch) throw new Error("seed agreements: the business buyer has no connected match");
  const tea = await cooperativeOf(teaMatch.cooperativeId);
  const { publicId: teaId } = await agreements.draftFromMatch(business, { matchId: teaMatch.id });
  const teaDeal = await dealFor(container, business, tea.coop.id);
  await revise(
    tea.member,
    teaId,
    (c) => ({
      ...supplierSide(tea.coop, tea.member),
      ...teaDeal.terms({ validFrom: today, months: 12, firstDelivery: plusDays(today, 14), listed: 3 }),
      english: "on",
      ...wholesaleClauses(c.parties.buyer.address, 30),
    }),
    `Bổ sung mã số thuế và địa chỉ của bên bán; chốt giá sỉ ${vnd(teaDeal.unitPriceVnd)}/${teaDeal.unitWord} và lịch giao ba tháng đầu.`,
  );
  await comment(
    business,
    teaId,
    "Chúng tôi đồng ý các điều khoản. Đề nghị mỗi lô gửi kèm phiếu kiểm nghiệm dư lượng thuốc bảo vệ thực vật.",
  );
  await sign(tea.member, teaId);
  await sign(business, teaId);

  // ---- Last season's conference: its held meetings, what each pair said came of it --------------------------
  const conference = await models.Conference.findOne({
    where: { phase: "finished" },
    order: [["startsOn", "DESC"]],
  });
  if (!conference) throw new Error("seed agreements: last season's conference is missing");
  const meetings = await models.ConferenceMeeting.findAll({
    where: { conferenceId: conference.id, status: "held" },
    order: [["id", "ASC"]],
  });
  const participants = await models.ConferenceParticipant.findAll({ where: { conferenceId: conference.id } });
  const followUps = await models.ContactOutcome.findAll({
    where: { subjectType: "meeting", subjectId: meetings.map((m) => m.id), stage: "follow_up" },
  });
  const held: Held[] = [];
  for (const meeting of meetings) {
    const buyerId = participants.find((p) => p.id === meeting.buyerId)!.userId!;
    const cooperativeId = participants.find((p) => p.id === meeting.cooperativeId)!.cooperativeId!;
    const buyer = await person({ userId: buyerId });
    held.push({
      id: meeting.id,
      buyer,
      cooperativeId,
      outcome: followUps.find((o) => o.subjectId === meeting.id)?.outcome ?? null,
      signable: unissuable(buyer.organisation?.taxCode),
    });
  }
  const taken = new Set<number>();
  /** The first meeting not yet used that passes the first test any does. */
  const pick = (...tests: Array<(m: Held) => boolean>) => {
    for (const test of tests) {
      const found = held.find((m) => !taken.has(m.id) && test(m));
      if (found) {
        taken.add(found.id);
        return found;
      }
    }
    throw new Error("seed agreements: not enough meetings held at last season's conference");
  };
  const notTeaPair = (m: Held) => !(m.buyer.id === business.id && m.cooperativeId === tea.coop.id);

  // ---- Two agreements signed on paper on the conference's day, registered by staff with their scans ----------
  const day = conference.startsOn;
  let paper = 0;
  interface PaperDeal {
    publicId: string;
    buyer: CurrentUser;
    cooperativeId: number;
  }
  const onPaper: PaperDeal[] = [];
  for (const meeting of [
    pick(
      (m) => m.signable && m.outcome === "agreement_reached" && notTeaPair(m),
      (m) => m.signable && notTeaPair(m),
    ),
    pick(
      (m) => m.signable && m.outcome === "agreement_reached" && notTeaPair(m),
      (m) => m.signable && notTeaPair(m),
    ),
  ]) {
    const { coop } = await cooperativeOf(meeting.cooperativeId);
    const deal = await dealFor(container, meeting.buyer, coop.id);
    const { terms } = await agreements.paperDraft(staff, { meetingId: String(meeting.id) });
    const memorandum = paper === 1;
    const form: Form = {
      ...terms,
      ...deal.terms({
        validFrom: day,
        months: memorandum ? 6 : 12,
        firstDelivery: plusDays(day, 10),
        listed: 3,
      }),
      type: memorandum ? "memorandum" : "principle_contract",
      ...supplierSide(coop),
      paymentTermsVi:
        "Bên A tạm ứng 30% giá trị đợt giao đầu trong vòng 7 ngày kể từ ngày ký; các đợt sau thanh toán bằng chuyển " +
        "khoản trong vòng 15 ngày kể từ ngày nhận đủ hàng và hóa đơn giá trị gia tăng.",
      meetingId: String(meeting.id),
      signedOn: day,
    };
    const scan = await demoScan({
      title: memorandum ? "BIÊN BẢN GHI NHỚ HỢP TÁC" : "HỢP ĐỒNG NGUYÊN TẮC MUA BÁN HÀNG HÓA",
      body: [
        `Bên A (bên mua): ${String(form.buyerLegalName)}, mã số thuế ${String(form.buyerTaxCode)}.`,
        `Bên B (bên bán): ${coop.name}, mã số thuế ${String(form.supplierTaxCode)}.`,
        `Hàng hóa: ${String(form.productName)}; ${formatNumber(Number(form.quantity), "vi")} ${deal.unitWord}, đơn giá ${vnd(deal.unitPriceVnd)}.`,
        `Ký tại ${conference.venue}, ngày ${formatDate(day, "vi")}, trong ${conference.nameVi}.`,
        "Đại diện hai bên đã ký và đóng dấu.",
      ],
    });
    const { publicId } = await agreements.registerPaperAgreement(staff, {
      form,
      scan: { data: scan, name: `ban-quet-hoi-nghi-${meeting.id}.pdf` },
    });
    onPaper.push({ publicId, buyer: meeting.buyer, cooperativeId: coop.id });
    paper += 1;
  }

  // ---- Carried out since (issue 13): the first paper agreement's first delivery confirmed by the buyer and its
  // second awaiting confirmation; the memorandum's first delivery never came, and staff stalled it with the reason.
  {
    const [running, stalled] = onPaper as [PaperDeal, PaperDeal];
    const { member } = await cooperativeOf(running.cooperativeId);
    const schedule = (await latest(running.publicId)).content.deliveries.filter((d) => d.date <= today);
    for (const [i, due] of schedule.slice(0, 2).entries()) {
      const { deliveryId } = await agreements.recordDelivery(member, {
        publicId: running.publicId,
        form: {
          requestId: `seed-${running.publicId}-${i}`,
          scheduledOn: due.date,
          deliveredOn: due.date < today ? plusDays(due.date, 1) : due.date,
          quantity: String(due.quantity),
          note: i === 0 ? "Giao đủ lô đầu, kèm phiếu xuất kho và phiếu kiểm nghiệm." : "Giao lô thứ hai.",
        },
      });
      if (i === 0)
        await agreements.answerDelivery(running.buyer, {
          publicId: running.publicId,
          form: { deliveryId: String(deliveryId), answer: "confirm" },
        });
    }
    await agreements.moveAgreement(staff, {
      publicId: stalled.publicId,
      form: {
        action: "stall",
        reason: "Hợp tác xã báo mất mùa do mưa lũ tháng 10; hai bên hẹn giao lại khi có vụ mới.",
      },
    });
  }

  // ---- Talks begun at the conference, signed on the platform since ------------------------------------------
  const talks = pick(
    (m) => m.signable && m.outcome === "negotiating" && m.cooperativeId !== demoCooperative && notTeaPair(m),
    (m) => m.signable && m.cooperativeId !== demoCooperative && notTeaPair(m),
  );
  {
    const { coop, member } = await cooperativeOf(talks.cooperativeId);
    const deal = await dealFor(container, talks.buyer, coop.id);
    const { publicId } = await agreements.draftFromMeeting(talks.buyer, { meetingId: talks.id });
    await revise(
      member,
      publicId,
      (c) => ({
        ...supplierSide(coop, member),
        ...deal.terms({ validFrom: today, months: 12, firstDelivery: plusDays(today, 10), listed: 3 }),
        ...wholesaleClauses(c.parties.buyer.address, 15),
      }),
      `Như đã trao đổi tại hội nghị: ${deal.monthly} ${deal.unitWord} mỗi tháng, giá ${vnd(deal.unitPriceVnd)}/${deal.unitWord}.`,
    );
    await sign(talks.buyer, publicId);
    await sign(member, publicId);
  }

  // ---- Signed by the buyer, waiting for the demo cooperative's signature -------------------------------------
  const waiting = pick(
    (m) => m.signable && m.cooperativeId === demoCooperative && m.outcome === "negotiating",
    (m) => m.signable && m.cooperativeId === demoCooperative,
    (m) => m.signable,
  );
  {
    const { coop, member } = await cooperativeOf(waiting.cooperativeId);
    const deal = await dealFor(container, waiting.buyer, coop.id);
    const { publicId } = await agreements.draftFromMeeting(waiting.buyer, { meetingId: waiting.id });
    await revise(
      member,
      publicId,
      (c) => ({
        ...supplierSide(coop, member),
        ...deal.terms({ validFrom: today, months: 6, firstDelivery: plusDays(today, 21), listed: 3 }),
        type: "purchase_contract",
        ...wholesaleClauses(c.parties.buyer.address, 30),
      }),
      "Bổ sung thông tin hợp tác xã, quy cách đóng gói và lịch giao ba đợt đầu.",
    );
    await sign(waiting.buyer, publicId);
    await comment(
      waiting.buyer,
      publicId,
      `Chúng tôi đã ký phiên bản này. Mời hợp tác xã ký để kịp giao đợt đầu ngày ${formatDate(plusDays(today, 21), "vi")}.`,
    );
  }

  // ---- Drafted at the conference's follow-up, then called off ------------------------------------------------
  const dropped = pick(
    (m) =>
      m.outcome === "no_further_contact" && !!m.buyer.organisation && m.cooperativeId !== demoCooperative,
    (m) => m.outcome === "no_further_contact",
    () => true,
  );
  {
    const { coop, member } = await cooperativeOf(dropped.cooperativeId);
    const deal = await dealFor(container, dropped.buyer, coop.id);
    const { publicId } = await agreements.draftFromMeeting(dropped.buyer, { meetingId: dropped.id });
    await revise(
      dropped.buyer,
      publicId,
      () => deal.terms({ validFrom: today, months: 6, firstDelivery: plusDays(today, 30), listed: 3 }),
      `Theo đơn hàng của chúng tôi: ${deal.monthly} ${deal.unitWord} mỗi tháng, giá ${vnd(deal.unitPriceVnd)}/${deal.unitWord}.`,
    );
    await comment(
      member,
      publicId,
      "Sản lượng vụ này của chúng tôi không đủ khối lượng và chưa có chứng nhận mà bên mua cần.",
    );
    await agreements.cancelAgreement(member, {
      publicId,
      form: {
        reason:
          `Bên bán chưa đáp ứng được ${formatNumber(deal.monthly, "vi")} ${deal.unitWord} mỗi tháng và chứng nhận bên mua ` +
          "yêu cầu trong vụ này; hai bên thống nhất dừng, hẹn trao đổi lại vào vụ sau.",
      },
    });
  }

  // ---- A household business's first agreement, from a match it has just made: a draft, changed and discussed -
  const household = await person({ email: "taphoa.coba@htxconnect.example" });
  const suggested = await models.Match.findOne({
    where: { buyerId: household.id, status: "suggested" },
    order: [
      ["score", "DESC"],
      ["id", "ASC"],
    ],
  });
  if (!suggested) throw new Error("seed agreements: the household business has no suggested match");
  {
    const { coop, member } = await cooperativeOf(suggested.cooperativeId);
    await services.matching.actOnMatch(household, {
      matchId: suggested.id,
      form: {
        intent: "request",
        message: "Cô lấy chè về bán lẻ ở tiệm tạp hóa, mỗi tháng khoảng 20 kg, muốn lấy đều cả năm.",
      },
    });
    await services.matching.actOnMatch(member, {
      matchId: suggested.id,
      form: { intent: "accept", message: "Chúng tôi giao được đều hằng tháng, mời cô xem bản thỏa thuận." },
    });
    const { publicId } = await agreements.draftFromMatch(member, { matchId: suggested.id });
    const deal = await dealFor(container, household, coop.id);
    await revise(
      household,
      publicId,
      () => ({
        ...deal.terms({ validFrom: today, months: 12, firstDelivery: plusDays(today, 7), listed: 3 }),
        buyerRepresentativeTitle: "Chủ hộ kinh doanh",
        paymentTermsVi: "Bên A trả tiền mặt hoặc chuyển khoản khi nhận hàng mỗi đợt.",
        deliveryTermsVi:
          "Bên B gửi hàng theo xe khách đến tiệm của Bên A, cước do Bên B chịu; Bên A kiểm hàng khi nhận và báo ngay nếu thiếu hoặc hỏng.",
      }),
      `Cô lấy ${deal.monthly} ${deal.unitWord} mỗi tháng, đề nghị giá ${vnd(deal.unitPriceVnd)}/${deal.unitWord} và trả tiền khi nhận hàng.`,
    );
    await comment(
      member,
      publicId,
      `Chúng tôi đồng ý giá ${vnd(deal.unitPriceVnd)}/${deal.unitWord}. Chúng tôi sẽ bổ sung mã số thuế và địa chỉ của bên bán rồi ký.`,
    );
  }

  // ---- The Lạng Sơn union's own, signed on paper with buyers it brought (issue 13): one delivered in full and
  // completed, one under way with its second delivery overdue. Registered by the Lạng Sơn staff member.
  const langSon = await person({ email: "canbo.langson@htxconnect.example" });
  const lsCoops = await models.Cooperative.findAll({
    where: { provinceCode: "20", status: "approved" },
    order: [["id", "ASC"]],
  });
  const lsBuyers = [...new Map(held.filter((m) => m.signable).map((m) => [m.buyer.id, m.buyer])).values()];
  const lsDeals: Array<{ publicId: string; buyer: CurrentUser; member: CurrentUser }> = [];
  for (const [i, plan] of [
    { signedAgo: 150, months: 3, listed: 3 },
    { signedAgo: 75, months: 12, listed: 4 },
  ].entries()) {
    const coop = lsCoops[i % lsCoops.length]!;
    const buyer = lsBuyers[(i + 1) % lsBuyers.length]!;
    const member = await memberOf(coop.name);
    const signedOn = plusDays(today, -plan.signedAgo);
    const deal = await dealFor(container, buyer, coop.id);
    const { terms } = await agreements.paperDraft(langSon, {
      buyerAccount: buyer.email,
      cooperativeId: String(coop.id),
    });
    const form: Form = {
      ...terms,
      ...deal.terms({
        validFrom: signedOn,
        months: plan.months,
        firstDelivery: plusDays(signedOn, 15),
        listed: plan.listed,
      }),
      type: "purchase_contract",
      ...supplierSide(coop),
      ...wholesaleClauses(String(terms.buyerAddress), 15),
      buyerAccount: buyer.email,
      cooperativeId: String(coop.id),
      signedOn,
    };
    const scan = await demoScan({
      title: "HỢP ĐỒNG MUA BÁN HÀNG HÓA",
      body: [
        `Bên A (bên mua): ${String(form.buyerLegalName)}, mã số thuế ${String(form.buyerTaxCode)}.`,
        `Bên B (bên bán): ${coop.name}, mã số thuế ${String(form.supplierTaxCode)}.`,
        `Hàng hóa: ${String(form.productName)}; ${formatNumber(Number(form.quantity), "vi")} ${deal.unitWord}, đơn giá ${vnd(deal.unitPriceVnd)}.`,
        `Ký tại trụ sở Liên minh Hợp tác xã tỉnh Lạng Sơn, ngày ${formatDate(signedOn, "vi")}.`,
        "Đại diện hai bên đã ký và đóng dấu.",
      ],
    });
    const { publicId } = await agreements.registerPaperAgreement(langSon, {
      form,
      scan: { data: scan, name: `hop-dong-lang-son-${i + 1}.pdf` },
    });
    lsDeals.push({ publicId, buyer, member });
    // Its follow-ups as sealing schedules them (the event's job, run later by the worker, then adds nothing).
    const row = (await models.Agreement.findOne({ where: { publicId } }))!;
    await agreements.scheduleFollowUps(row.id);
    // The first is delivered in full, each lot confirmed (which completes it); the second's first lot only.
    const schedule = (await latest(publicId)).content.deliveries.filter((d) => d.date <= today);
    for (const [k, due] of schedule.slice(0, i === 0 ? schedule.length : 1).entries()) {
      const { deliveryId } = await agreements.recordDelivery(member, {
        publicId,
        form: {
          requestId: `seed-${publicId}-${k}`,
          scheduledOn: due.date,
          deliveredOn: due.date,
          quantity: String(due.quantity),
          note: `Giao lô ${k + 1} tại kho bên mua, kèm phiếu xuất kho.`,
        },
      });
      await agreements.answerDelivery(buyer, {
        publicId,
        form: { deliveryId: String(deliveryId), answer: "confirm" },
      });
    }
  }

  // ---- The unions' follow-ups on what they follow: scheduled as sealing does, then the staff's own work on them:
  // done ones with what came of them, one due in a few days, and overdue ones left open (issue 13).
  {
    const sealed = await models.Agreement.findAll({
      where: { sealedAt: { [Op.ne]: null } },
      order: [["id", "ASC"]],
    });
    for (const a of sealed) await agreements.scheduleFollowUps(a.id);
    const thaiNguyen = sealed.filter((a) => a.provinceCode === "19").map((a) => a.publicId);
    await agreements.assignAgreements(staff, { publicIds: thaiNguyen, assigneeId: String(staff.id) });
    await agreements.assignAgreements(langSon, {
      publicIds: lsDeals.map((d) => d.publicId),
      assigneeId: String(langSon.id),
    });
    const outcomes: Record<string, string> = {
      [onPaper[0]!.publicId]:
        "Đã gọi điện cho giám đốc HTX và bên mua: lô đầu giao đủ, bên mua hài lòng về chất lượng; đề nghị HTX gửi hóa đơn sớm.",
      [lsDeals[0]!.publicId]:
        "Đã xuống HTX kiểm tra kho và sổ giao hàng: giao đúng lịch, bên mua đã thanh toán đợt 1.",
      [lsDeals[1]!.publicId]: "Bên mua xác nhận đã nhận lô đầu; HTX đang thu hoạch cho lô thứ hai.",
    };
    for (const [publicId, outcome] of Object.entries(outcomes)) {
      const agreement = sealed.find((a) => a.publicId === publicId)!;
      const first = await models.AgreementFollowUp.findOne({
        where: { agreementId: agreement.id, key: "auto:m1" },
      });
      const by = agreement.provinceCode === "20" ? langSon : staff;
      if (first) await agreements.completeFollowUp(by, { form: { followUpId: String(first.id), outcome } });
    }
    await agreements.addFollowUp(staff, {
      publicId: teaId,
      form: {
        requestId: "seed-follow-up-tea",
        dueOn: plusDays(today, 3),
        note: "Gọi bên mua xác nhận kho nhận hàng và người ký phiếu nhập trước đợt giao đầu.",
      },
    });
    await agreements.addAgreementNote(staff, {
      publicId: onPaper[1]!.publicId,
      form: {
        requestId: "seed-note-memorandum",
        body: "HTX báo mất mùa do mưa lũ; đã hẹn gặp hai bên đầu tháng tới để bàn giao lại khi có vụ mới.",
      },
    });
  }

  // What the demo's people told each other belongs to its past (as in seeds/conferences.ts).
  await models.Notification.update({ status: "sent", sentAt: new Date() }, { where: { status: "pending" } });
  return { agreements: await models.Agreement.count() };
}
