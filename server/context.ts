import type { Config } from "./config";
import { createAccountsService } from "./accounts";
import { createCatalogueService } from "./catalogue";
import { DatabaseSearchEngine } from "./catalogue/database-search";
import { reindexAll, subscribeSearchIndex } from "./catalogue/indexer";
import { createAgreementsService } from "./agreements";
import { loadSealKeyring, type SealKeyring } from "./agreements/seal-keys";
import { sealedPdfMaker } from "./agreements/sealed-pdf";
import { createMatchingService } from "./matching";
import { createCooperativesService } from "./cooperatives";
import { createDatabase, type Database } from "./db";
import { createEventBus } from "./events";
import { migrate } from "./db/migrator";
import { formRulesService } from "./forms";
import { createI18n } from "./i18n";
import { JobWorker } from "./jobs";
import { createLogger, type Logger } from "./logger";
import {
  DELIVER_NOTIFICATION,
  notificationDeliverer,
  notificationScrubber,
  SCRUB_NOTIFICATION,
  type NotificationSender,
} from "./notifications";
import { createNotificationSender } from "./notifications/smtp";
import { LocalImageStorage, type ImageStorage } from "./images";
import { createFairsService } from "./fairs";
import { createLedger } from "./orders/ledger";
import { createOrdersService } from "./orders";
import { createPaymentsService } from "./payments";
import { createQuotesService } from "./quotes";
import { createReportsService } from "./reports";
import { createCooperativeFiguresService } from "./reports/cooperative-figures";
import { StripeGateway, type CardGateway, type StripeHttpClient } from "./payments/stripe";
import { createSearchEngine } from "./search";
import { withFallback } from "./search/fallback";
import type { SearchEngine } from "./search/types";
import { loadOrCreateSecret } from "./secrets";

export interface ContainerOptions {
  logger?: Logger;
  notificationSender?: NotificationSender;
  /** Run pending migrations before handing the container out (server start, tests). */
  migrate?: boolean;
  searchEngine?: SearchEngine;
  imageStorage?: ImageStorage;
  /** Stripe's API answered at the HTTP edge (tests: the real library runs, only the network is replaced). */
  stripeHttpClient?: StripeHttpClient;
}

/**
 * Build every service once. The Express server hands `services` to Remix through getLoadContext;
 * scripts and tests build the same container with another config. Routes never see `db`.
 */
export async function createContainer(config: Config, options: ContainerOptions = {}) {
  const logger = options.logger ?? createLogger(config);
  const db: Database = await createDatabase(config.database, (sql) => logger.debug({ sql }, "sql"));
  if (options.migrate) {
    const applied = await migrate(db.sequelize, (m) => logger.info(m));
    if (applied.length) logger.info({ applied }, "migrations applied");
  }
  const i18n = createI18n({ secureCookie: config.https });
  const sessionSecret = config.sessionSecret ?? loadOrCreateSecret(config.dataDir, "session-secret");
  const sender = options.notificationSender ?? createNotificationSender(config, logger);
  if (config.isProduction && sender.name === "log") {
    logger.warn("SMTP_URL is not set: mail (password reset links included) is written to the log, not sent");
  }
  const worker = new JobWorker(db, logger.child({ component: "jobs" }), { pollMs: config.jobs.pollMs });
  worker.register(DELIVER_NOTIFICATION, notificationDeliverer(db, i18n, sender));
  worker.register(SCRUB_NOTIFICATION, notificationScrubber(db));
  const engine = options.searchEngine ?? createSearchEngine(config.search);
  await engine
    .ensureReady()
    .catch((error) =>
      logger.warn(
        { err: error, engine: engine.name },
        "search engine not ready; the catalogue answers from the database until it is",
      ),
    );
  const storage = options.imageStorage ?? new LocalImageStorage(config.uploadsDir, "/uploads");

  // Domain events and who hears them: every subscriber is registered here, before anything can publish.
  const events = createEventBus(db.models, worker);
  subscribeSearchIndex(events, db, engine);

  const stripe = config.payments.stripe;
  const gateway: CardGateway | null = stripe
    ? new StripeGateway({ ...stripe, httpClient: options.stripeHttpClient })
    : null;
  // Pages search through the engine, or the catalogue's own tables while it is unreachable.
  const searching = withFallback(engine, new DatabaseSearchEngine(db), logger);
  const catalogue = createCatalogueService({ db, engine: searching, storage, events });
  const quotes = createQuotesService({ db, products: catalogue.stock });
  for (const [type, handler] of Object.entries(quotes.jobHandlers())) worker.register(type, handler);
  const orders = createOrdersService({
    db,
    stock: catalogue.stock,
    logger,
    gateway,
    quotes: quotes.forOrders,
  });
  for (const [type, handler] of Object.entries(orders.jobHandlers())) worker.register(type, handler);
  const fairs = createFairsService({
    db,
    logger,
    storage,
    gateway,
    catalogue: catalogue.lookup,
  });
  for (const [type, handler] of Object.entries(fairs.jobHandlers())) worker.register(type, handler);

  const matching = createMatchingService({ db, events, catalogue: catalogue.lookup });
  for (const [type, handler] of Object.entries(matching.jobHandlers())) worker.register(type, handler);
  // Matches follow every change that can move a score, through the outbox, never in the request.
  events.subscribe("demand.changed", "matches", ({ demandId }) => matching.recomputeDemand(demandId));
  events.subscribe("offer.changed", "matches", ({ offerId }) => matching.recomputeOffer(offerId));
  events.subscribe("product.changed", "matches", ({ productId }) => matching.recomputeProduct(productId));
  events.subscribe("cooperative.changed", "matches", ({ cooperativeId }) =>
    matching.recomputeCooperative(cooperativeId),
  );

  const accounts = createAccountsService({ db, config });
  for (const [type, handler] of Object.entries(accounts.jobHandlers())) worker.register(type, handler);

  // The seal keys are read (or made) on first use: a container that never seals never writes secrets.
  const origin = config.publicUrl ?? `http://localhost:${config.port}`;
  let keyring: SealKeyring | undefined;
  const sealKeyring = () =>
    (keyring ??= loadSealKeyring(config.dataDir, { privateKeyPem: config.seal.privateKeyPem }));
  const agreements = createAgreementsService({
    db,
    events,
    storage,
    keyring: sealKeyring,
    confirmPassword: (user, password) => accounts.confirmPassword(user, password),
    origin,
    makePdf: sealedPdfMaker({
      dataDir: config.dataDir,
      origin,
      certificateP12: config.seal.certificateP12,
      certificatePassphrase: config.seal.certificatePassphrase,
    }),
  });

  for (const [type, handler] of Object.entries(agreements.jobHandlers())) worker.register(type, handler);
  // Sealing schedules the union's follow-ups (checkpoints, deliveries, expiry), through the outbox.
  events.subscribe("agreement.sealed", "follow-ups", ({ agreementId }) =>
    agreements.scheduleFollowUps(agreementId),
  );

  // What routes are given. Not the configuration: it holds the Stripe secret, and routes need only the origin,
  // which the load context carries (server/http/app.ts).
  const services = {
    logger,
    i18n,
    forms: formRulesService,
    accounts,
    cooperatives: createCooperativesService({ db, storage, events, accounts }),
    catalogue,
    orders,
    quotes,
    ledger: createLedger(db),
    fairs,
    matching,
    agreements,
    reports: createReportsService({ db }),
    cooperativeFigures: createCooperativeFiguresService({ db }),
    sealKeyring,
    payments: createPaymentsService({
      db,
      logger,
      gateway,
      purposes: [orders.paymentPurpose, fairs.paymentPurpose],
    }),
  };

  return {
    config,
    logger,
    db,
    worker,
    sessionSecret,
    services,
    engine,
    storage,
    events,
    reindex: (onProgress?: (done: number, total: number) => void) => reindexAll(db, engine, onProgress),
    async close() {
      await worker.stop();
      await engine.close();
      await db.close();
    },
  };
}

export type Container = Awaited<ReturnType<typeof createContainer>>;
export type Services = Container["services"];
