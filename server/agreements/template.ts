import type { AgreementType, Bilingual } from "./content";

/**
 * The bilingual template's clauses a new draft starts from. They are the document's text, not the interface's:
 * the parties change them in the draft, and what they sign is what the version holds.
 */
export const DEFAULT_CLAUSES: Record<"payment" | "delivery" | "dispute", Bilingual> = {
  payment: {
    vi: "Bên A thanh toán cho Bên B bằng chuyển khoản trong vòng 15 ngày kể từ ngày nhận đủ hàng và hóa đơn giá trị gia tăng hợp lệ của từng đợt giao.",
    en: "Party A pays Party B by bank transfer within 15 days of receiving each delivery in full with a valid VAT invoice.",
  },
  delivery: {
    vi: "Bên B giao hàng tại kho của Bên A theo lịch giao hàng; hàng đóng gói đúng quy cách, kèm phiếu xuất kho và giấy chứng nhận chất lượng. Bên A kiểm tra và xác nhận khi nhận hàng.",
    en: "Party B delivers to Party A's warehouse on the delivery schedule, packed to standard, with a delivery note and quality certificate. Party A inspects and confirms on receipt.",
  },
  dispute: {
    vi: "Tranh chấp phát sinh được các bên thương lượng, hòa giải trên tinh thần hợp tác, có thể đề nghị Liên minh Hợp tác xã tỉnh hỗ trợ; nếu không thành, một bên có quyền khởi kiện tại Tòa án nhân dân có thẩm quyền theo pháp luật Việt Nam.",
    en: "Disputes are settled by negotiation and conciliation in good faith, with the provincial Cooperative Alliance's help if asked; failing that, either party may bring the case before the competent People's Court under Vietnamese law.",
  },
};

/** How long each type runs by default, in months. */
export const DEFAULT_VALIDITY_MONTHS: Record<AgreementType, number> = {
  principle_contract: 12,
  memorandum: 6,
  purchase_contract: 3,
};
