import { baseI18nConfig } from "./i18n-config";
import viAccount from "./locales/vi/account.json";
import viAgenda from "./locales/vi/agenda.json";
import viAgreements from "./locales/vi/agreements.json";
import viAuth from "./locales/vi/auth.json";
import viCatalogue from "./locales/vi/catalogue.json";
import viCommon from "./locales/vi/common.json";
import viConferences from "./locales/vi/conferences.json";
import viCooperatives from "./locales/vi/cooperatives.json";
import viDashboard from "./locales/vi/dashboard.json";
import viDemands from "./locales/vi/demands.json";
import viErrors from "./locales/vi/errors.json";
import viFairAdmin from "./locales/vi/fairAdmin.json";
import viFairs from "./locales/vi/fairs.json";
import viFollowUps from "./locales/vi/followUps.json";
import viGeo from "./locales/vi/geo.json";
import viHome from "./locales/vi/home.json";
import viImports from "./locales/vi/imports.json";
import viMatches from "./locales/vi/matches.json";
import viNotifications from "./locales/vi/notifications.json";
import viOffers from "./locales/vi/offers.json";
import viOrders from "./locales/vi/orders.json";
import viPrivacy from "./locales/vi/privacy.json";
import viQuotes from "./locales/vi/quotes.json";
import viReports from "./locales/vi/reports.json";
import viSales from "./locales/vi/sales.json";
import viShop from "./locales/vi/shop.json";
import viStaff from "./locales/vi/staff.json";
import viTrace from "./locales/vi/trace.json";
import viWorkspace from "./locales/vi/workspace.json";
import enAccount from "./locales/en/account.json";
import enAgenda from "./locales/en/agenda.json";
import enAgreements from "./locales/en/agreements.json";
import enAuth from "./locales/en/auth.json";
import enCatalogue from "./locales/en/catalogue.json";
import enCommon from "./locales/en/common.json";
import enConferences from "./locales/en/conferences.json";
import enCooperatives from "./locales/en/cooperatives.json";
import enDashboard from "./locales/en/dashboard.json";
import enDemands from "./locales/en/demands.json";
import enErrors from "./locales/en/errors.json";
import enFairAdmin from "./locales/en/fairAdmin.json";
import enFairs from "./locales/en/fairs.json";
import enFollowUps from "./locales/en/followUps.json";
import enGeo from "./locales/en/geo.json";
import enHome from "./locales/en/home.json";
import enImports from "./locales/en/imports.json";
import enMatches from "./locales/en/matches.json";
import enNotifications from "./locales/en/notifications.json";
import enOffers from "./locales/en/offers.json";
import enOrders from "./locales/en/orders.json";
import enPrivacy from "./locales/en/privacy.json";
import enQuotes from "./locales/en/quotes.json";
import enReports from "./locales/en/reports.json";
import enSales from "./locales/en/sales.json";
import enShop from "./locales/en/shop.json";
import enStaff from "./locales/en/staff.json";
import enTrace from "./locales/en/trace.json";
import enWorkspace from "./locales/en/workspace.json";

/**
 * Every translation, for the server (one i18next instance per language, mails, PDF documents). Never imported by
 * browser code: the browser fetches its own language's part from /locales/<lng>.json (server/i18n/index.ts).
 * Vietnamese first.
 */
export const resources = {
  vi: {
    account: viAccount,
    agenda: viAgenda,
    agreements: viAgreements,
    auth: viAuth,
    catalogue: viCatalogue,
    common: viCommon,
    conferences: viConferences,
    cooperatives: viCooperatives,
    dashboard: viDashboard,
    demands: viDemands,
    errors: viErrors,
    fairAdmin: viFairAdmin,
    fairs: viFairs,
    followUps: viFollowUps,
    geo: viGeo,
    home: viHome,
    imports: viImports,
    matches: viMatches,
    notifications: viNotifications,
    offers: viOffers,
    orders: viOrders,
    privacy: viPrivacy,
    quotes: viQuotes,
    reports: viReports,
    sales: viSales,
    shop: viShop,
    staff: viStaff,
    trace: viTrace,
    workspace: viWorkspace,
  },
  en: {
    account: enAccount,
    agenda: enAgenda,
    agreements: enAgreements,
    auth: enAuth,
    catalogue: enCatalogue,
    common: enCommon,
    conferences: enConferences,
    cooperatives: enCooperatives,
    dashboard: enDashboard,
    demands: enDemands,
    errors: enErrors,
    fairAdmin: enFairAdmin,
    fairs: enFairs,
    followUps: enFollowUps,
    geo: enGeo,
    home: enHome,
    imports: enImports,
    matches: enMatches,
    notifications: enNotifications,
    offers: enOffers,
    orders: enOrders,
    privacy: enPrivacy,
    quotes: enQuotes,
    reports: enReports,
    sales: enSales,
    shop: enShop,
    staff: enStaff,
    trace: enTrace,
    workspace: enWorkspace,
  },
} as const;

export type { Locale } from "../server/vocabulary/locale";
export type { ResourceUrls } from "./i18n-config";

export type Namespace = keyof (typeof resources)["vi"];

/** The server's options: every namespace. */
export const i18nConfig = { ...baseI18nConfig, ns: Object.keys(resources.vi) as Namespace[] };
