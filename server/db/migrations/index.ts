import type { QueryInterface } from "sequelize";
import * as foundation from "./2026-11-23-0001-foundation";
import * as catalogue from "./2026-11-23-0002-catalogue";
import * as orders from "./2026-11-23-0003-orders";
import * as fairs from "./2026-11-23-0004-fairs";
import * as checkoutSubmissions from "./2026-12-02-0005-checkout-submissions";
import * as passwordResets from "./2026-12-02-0006-password-resets";
import * as eventJobs from "./2026-12-02-0007-event-jobs";
import * as adminUnitsColumns from "./2026-12-02-0008-admin-units-columns";
import * as adminUnitsData from "./2026-12-02-0009-admin-units-data";
import * as adminUnitsDropDistricts from "./2026-12-02-0010-admin-units-drop-districts";
import * as privacyConsent from "./2026-12-02-0011-privacy-consent";
import * as demandsOffers from "./2026-12-02-0012-demands-offers";
import * as matches from "./2026-12-02-0013-matches";
import * as matchContact from "./2026-12-03-0014-match-contact";
import * as conferences from "./2026-12-03-0015-conferences";
import * as matchIndexes from "./2026-12-03-0016-match-indexes";
import * as offerTerms from "./2026-12-03-0017-offer-terms";
import * as agreements from "./2026-12-03-0018-agreements";
import * as signatureEvidence from "./2026-12-03-0019-signature-evidence";
import * as agreementTracking from "./2026-12-03-0020-agreement-tracking";
import * as agreementFigures from "./2026-12-03-0021-agreement-figures";
import * as followUps from "./2026-12-03-0022-follow-ups";
import * as reportIndexes from "./2026-12-03-0023-report-indexes";
import * as pageIndexes from "./2026-12-03-0024-page-indexes";
import * as directoryStatsIndex from "./2026-12-04-0025-directory-stats-index";
import * as checkoutBusiness from "./2026-12-04-0026-checkout-business";
import * as shipping from "./2026-12-04-0027-shipping";
import * as priceTiersQuotes from "./2026-12-04-0028-price-tiers-quotes";
import * as fairPlanVisitors from "./2026-12-04-0030-fair-plan-visitors";
import * as batchEvents from "./2026-12-04-0031-batch-events";
import * as bulkImport from "./2026-12-04-0032-bulk-import";

export interface MigrationModule {
  up(qi: QueryInterface): Promise<void>;
  down(qi: QueryInterface): Promise<void>;
}

/** In order. A static list, so migrations are type-checked and bundle-safe; names never change once shipped. */
export const migrations: Array<[name: string, module: MigrationModule]> = [
  ["2026-11-23-0001-foundation", foundation],
  ["2026-11-23-0002-catalogue", catalogue],
  ["2026-11-23-0003-orders", orders],
  ["2026-11-23-0004-fairs", fairs],
  ["2026-12-02-0005-checkout-submissions", checkoutSubmissions],
  ["2026-12-02-0006-password-resets", passwordResets],
  ["2026-12-02-0007-event-jobs", eventJobs],
  ["2026-12-02-0008-admin-units-columns", adminUnitsColumns],
  ["2026-12-02-0009-admin-units-data", adminUnitsData],
  ["2026-12-02-0010-admin-units-drop-districts", adminUnitsDropDistricts],
  ["2026-12-02-0011-privacy-consent", privacyConsent],
  ["2026-12-02-0012-demands-offers", demandsOffers],
  ["2026-12-02-0013-matches", matches],
  ["2026-12-03-0014-match-contact", matchContact],
  ["2026-12-03-0015-conferences", conferences],
  ["2026-12-03-0016-match-indexes", matchIndexes],
  ["2026-12-03-0017-offer-terms", offerTerms],
  ["2026-12-03-0018-agreements", agreements],
  ["2026-12-03-0019-signature-evidence", signatureEvidence],
  ["2026-12-03-0020-agreement-tracking", agreementTracking],
  ["2026-12-03-0021-agreement-figures", agreementFigures],
  ["2026-12-03-0022-follow-ups", followUps],
  ["2026-12-03-0023-report-indexes", reportIndexes],
  ["2026-12-03-0024-page-indexes", pageIndexes],
  ["2026-12-04-0025-directory-stats-index", directoryStatsIndex],
  ["2026-12-04-0026-checkout-business", checkoutBusiness],
  ["2026-12-04-0027-shipping", shipping],
  ["2026-12-04-0028-price-tiers-quotes", priceTiersQuotes],
  ["2026-12-04-0030-fair-plan-visitors", fairPlanVisitors],
  ["2026-12-04-0031-batch-events", batchEvents],
  ["2026-12-04-0032-bulk-import", bulkImport],
];
