import {
  accountSchema,
  forgotPasswordSchema,
  loginSchema,
  organisationSchema,
  passwordChangeSchema,
  passwordResetSchema,
  profileSchema,
} from "./accounts/schemas";
import {
  batchEventSchema,
  batchSchema,
  ocopSchema,
  productFormSchema,
  productListQuerySchema,
} from "./catalogue/schemas";
import { cooperativeProfileSchema, directoryQuerySchema, reviewSchema } from "./cooperatives/schemas";
import {
  boothSchema,
  exhibitorQuerySchema,
  fairSchema,
  gridSchema,
  hallNamesSchema,
  hallSchema,
  planElementSchema,
  reasonSchema,
  visitorSchema,
} from "./fairs/schemas";
import {
  demandBoardQuerySchema,
  demandSchema,
  matchAcceptSchema,
  matchDeclineSchema,
  matchMessageSchema,
  matchRequestSchema,
  offerSchema,
  outcomeSchema,
} from "./matching/schemas";
import {
  addMeetingSchema,
  addParticipantSchema,
  conferenceSchema,
  meetingRequestSchema,
  moveMeetingSchema,
  slotRunSchema,
} from "./matching/conference-schemas";
import { bankAccountSchema } from "./payments/schemas";
import {
  agreementNoteSchema,
  agreementTermsSchema,
  cancelSchema as agreementCancelSchema,
  followUpDoneSchema,
  followUpSchema,
  commentSchema as agreementCommentSchema,
  signSchema,
} from "./agreements/schemas";
import { passwordForm } from "./agreements/signers";
import {
  cancelSchema,
  checkoutSchema,
  shippingPolicySchema,
  orderListQuerySchema,
  settleSchema,
  shipSchema,
} from "./orders/schemas";
import { quoteAnswerSchema, quoteDeclineSchema, quoteRequestSchema } from "./quotes/schemas";
import { formRules, type FormRules } from "./validation";

/** Every form a page shows, by the schema the server checks it with. */
const FORMS = {
  account: accountSchema,
  login: loginSchema,
  profile: profileSchema,
  organisation: organisationSchema,
  passwordChange: passwordChangeSchema,
  forgotPassword: forgotPasswordSchema,
  passwordReset: passwordResetSchema,
  cooperativeProfile: cooperativeProfileSchema,
  review: reviewSchema,
  directoryQuery: directoryQuerySchema,
  product: productFormSchema,
  productQuery: productListQuerySchema,
  ocop: ocopSchema,
  batch: batchSchema,
  batchEvent: batchEventSchema,
  checkout: checkoutSchema,
  shippingPolicy: shippingPolicySchema,
  ship: shipSchema,
  cancel: cancelSchema,
  settle: settleSchema,
  orderQuery: orderListQuerySchema,
  bankAccount: bankAccountSchema,
  fair: fairSchema,
  hall: hallSchema,
  grid: gridSchema,
  booth: boothSchema,
  planElement: planElementSchema,
  hallNames: hallNamesSchema,
  visitor: visitorSchema,
  reason: reasonSchema,
  exhibitorQuery: exhibitorQuerySchema,
  demand: demandSchema,
  demandQuery: demandBoardQuerySchema,
  offer: offerSchema,
  matchRequest: matchRequestSchema,
  matchAccept: matchAcceptSchema,
  matchDecline: matchDeclineSchema,
  matchMessage: matchMessageSchema,
  outcome: outcomeSchema,
  conference: conferenceSchema,
  slotRun: slotRunSchema,
  addParticipant: addParticipantSchema,
  moveMeeting: moveMeetingSchema,
  addMeeting: addMeetingSchema,
  meetingRequest: meetingRequestSchema,
  agreementTerms: agreementTermsSchema,
  agreementComment: agreementCommentSchema,
  agreementSign: signSchema.merge(passwordForm),
  agreementCancel: agreementCancelSchema,
  followUp: followUpSchema,
  followUpDone: followUpDoneSchema,
  agreementNote: agreementNoteSchema,
  quoteRequest: quoteRequestSchema,
  quoteAnswer: quoteAnswerSchema,
  quoteDecline: quoteDeclineSchema,
};
export type FormName = keyof typeof FORMS;

/**
 * The client-side rules of the forms a page shows (required, lengths, bounds), read off the server's schemas: a
 * loader returns `forms.rules("product", "ocop")` and the page wraps each form in <FieldRules>.
 */
export const formRulesService = {
  rules<N extends FormName>(...names: N[]): Record<N, FormRules> {
    return Object.fromEntries(names.map((n) => [n, formRules(FORMS[n])])) as Record<N, FormRules>;
  },
};
