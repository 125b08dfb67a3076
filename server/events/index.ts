import type { Transaction } from "sequelize";
import type { Models } from "../db/models";
import { enqueueJob, type JobHandler, type JobWorker } from "../jobs";

/**
 * What happened in a domain, for whoever else must follow: the search index, and next match recomputation,
 * reminders and report caches. Payloads name what changed, never a copy of it: subscribers read the current
 * state, so a late or repeated delivery still does the right thing.
 */
export interface DomainEvents {
  /** A product's listing, price, stock, certificates or pictures changed (or it was created or removed). */
  "product.changed": { productId: number };
  /** A cooperative's profile or approval changed: everything shown of its products may have. */
  "cooperative.changed": { cooperativeId: number };
  /** A buyer's demand was posted, edited, paused, renewed or ended: its matches may change. */
  "demand.changed": { demandId: number };
  /** A cooperative's supply offer was posted, edited, paused or closed. */
  "offer.changed": { offerId: number };
  /** Both parties signed an agreement and the platform sealed it: tracking and reports follow it from here. */
  "agreement.sealed": { agreementId: number };
}
export type EventName = keyof DomainEvents;

export type Subscriber<E extends EventName> = (payload: DomainEvents[E]) => Promise<void>;

export interface PublishOptions {
  /** Deliver at this time instead of at once (an OCOP certificate that lapses then). */
  at?: Date;
}

/**
 * Domain events through the jobs outbox. `publish` writes one job per subscriber in the publisher's transaction,
 * so an event exists if and only if its change does, and each subscriber is retried on its own. Subscribers are
 * registered once, where the container is built (server/context.ts), before anything publishes; a use case
 * names what happened and never who must hear of it.
 */
export function createEventBus(models: Models, worker: JobWorker) {
  const subscribers = new Map<EventName, string[]>();
  const listeners: ((event: EventName) => void)[] = [];
  return {
    subscribe<E extends EventName>(event: E, name: string, handle: Subscriber<E>) {
      const type = `${event}>${name}`;
      worker.register(type, ((payload) => handle(payload as DomainEvents[E])) as JobHandler);
      subscribers.set(event, [...(subscribers.get(event) ?? []), type]);
    },

    async publish<E extends EventName>(
      transaction: Transaction,
      event: E,
      payload: DomainEvents[E],
      options: PublishOptions = {},
    ): Promise<void> {
      for (const type of subscribers.get(event) ?? [])
        await enqueueJob(models, transaction, type, payload, { runAt: options.at });
      if (listeners.length > 0 && !options.at)
        transaction.afterCommit(() => {
          for (const listen of listeners) listen(event);
        });
    },

    /**
     * Hear, in this process, that an event was published and its transaction committed: for what lives in this
     * process's memory (the page cache), not for work — that is a subscriber's, through the outbox.
     */
    onCommitted(listen: (event: EventName) => void) {
      listeners.push(listen);
    },

    /** Who hears an event (the job types), for tests and the README. */
    subscribersOf(event: EventName): readonly string[] {
      return subscribers.get(event) ?? [];
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
/** What publishers are handed: they can announce, not subscribe. */
export type EventPublisher = Pick<EventBus, "publish">;
