import type { Model, ModelStatic, Transaction, WhereOptions } from "sequelize";
import { recordAudit } from "../audit";
import type { Models } from "../db/models";
import { Conflict } from "../errors";

/**
 * One way for every lifecycle (orders, booth bookings; next matches, meetings, agreements, follow-ups) to move:
 * a typed table of actions, a conditional UPDATE … WHERE status = :from, the lifecycle's event row and an audit
 * entry in the caller's transaction, and a typed refusal. Modelled on Vendure's order state machine: a lifecycle
 * never writes its status column by hand.
 */

/** One action: from which states, to which (the first is the usual outcome; the caller may pick another), by whom. */
export interface TransitionRule<S extends string, Actor extends string> {
  readonly from: readonly S[];
  readonly to: readonly [S, ...S[]];
  readonly by: readonly Actor[];
}

export type TransitionTable<A extends string, S extends string, Actor extends string> = {
  readonly [K in A]: TransitionRule<S, Actor>;
};

/** The move is not possible from the subject's state, for this actor, or to the state asked for. */
export class TransitionRefused extends Conflict {
  constructor(from: string, action: string) {
    super("transition_refused", { from, action });
  }
}

export function isTransitionRefused(error: unknown): error is TransitionRefused {
  return error instanceof Conflict && error.code === "transition_refused";
}

export interface MoveRecord<A extends string, S extends string, Actor extends string, Subject> {
  subject: Subject;
  action: A;
  from: S;
  to: S;
  actor: Actor;
  actorId: number | null;
  note: string | null;
}

/** The rules alone, without a database: what the UI asks ("which buttons?") and what unit tests check. */
export interface StateMachine<A extends string, S extends string, Actor extends string, Subject> {
  readonly table: TransitionTable<A, S, Actor>;
  readonly actions: readonly A[];
  /** Where `action` leads (or `to`, if it is one of its outcomes), or null when refused. */
  next(action: A, subject: Subject, actor: Actor, to?: S): S | null;
  /** The actions `actor` may take now: what the UI offers as buttons. */
  available(subject: Subject, actor: Actor): A[];
  /** next(), or TransitionRefused. */
  assert(action: A, subject: Subject, actor: Actor, to?: S): S;
}

export function stateMachine<
  A extends string,
  S extends string,
  Actor extends string,
  Subject extends { status: S },
>(
  table: TransitionTable<A, S, Actor>,
  /** A rule the table cannot say (an order's payment method, say). Return false to refuse. */
  guard?: (action: A, subject: Subject, actor: Actor) => boolean,
): StateMachine<A, S, Actor, Subject> {
  const actions = Object.keys(table) as A[];
  const next = (action: A, subject: Subject, actor: Actor, to?: S): S | null => {
    const rule = table[action];
    if (!rule || !rule.from.includes(subject.status) || !rule.by.includes(actor)) return null;
    if (guard && !guard(action, subject, actor)) return null;
    if (to === undefined) return rule.to[0];
    return rule.to.includes(to) ? to : null;
  };
  return {
    table,
    actions,
    next,
    available: (subject, actor) => actions.filter((a) => next(a, subject, actor) !== null),
    assert(action, subject, actor, to) {
      const target = next(action, subject, actor, to);
      if (target === null) throw new TransitionRefused(subject.status, action);
      return target;
    },
  };
}

export interface MoveOptions<A extends string, S extends string, Actor extends string, Subject> {
  subject: Subject;
  action: A;
  actor: Actor;
  actorId: number | null;
  /** For an action with several outcomes; the table's first when absent. */
  to?: S;
  /** Columns written together with the status (and set on the subject). */
  changes?: Record<string, unknown>;
  note?: string | null;
}

export interface Lifecycle<
  A extends string,
  S extends string,
  Actor extends string,
  Subject,
> extends StateMachine<A, S, Actor, Subject> {
  /**
   * Move inside the caller's transaction: conditional on the status read, so of two hands acting at once only
   * one moves it (the other hears `changedCode`); the event row and the audit entry go in the same transaction.
   */
  move(transaction: Transaction, options: MoveOptions<A, S, Actor, Subject>): Promise<S>;
}

/** A state machine bound to its table: the status column lives on `model`, events go through `recordEvent`. */
export function lifecycle<
  A extends string,
  S extends string,
  Actor extends string,
  Rules,
  Subject extends Model & Rules & { id: number; status: S },
>(
  machine: StateMachine<A, S, Actor, Rules>,
  binding: {
    models: Pick<Models, "AuditEvent">;
    model: ModelStatic<Subject>;
    /** Names the audit entries ("order.ship") and their entity type. */
    name: string;
    /** Refusal when another hand moved the subject between our read and our update. */
    changedCode: string;
    /** Write the lifecycle's own event row (the timeline users see). */
    recordEvent(transaction: Transaction, move: MoveRecord<A, S, Actor, Subject>): Promise<void>;
  },
): Lifecycle<A, S, Actor, Subject> {
  return {
    ...machine,
    async move(transaction, { subject, action, actor, actorId, to, changes = {}, note = null }) {
      const from = subject.status;
      const target = machine.assert(action, subject, actor, to);
      const [affected] = await binding.model.update(
        { ...changes, status: target } as Record<string, unknown>,
        {
          where: { id: subject.id, status: from } as WhereOptions,
          transaction,
        },
      );
      if (affected !== 1) throw new Conflict(binding.changedCode);
      await binding.recordEvent(transaction, { subject, action, from, to: target, actor, actorId, note });
      await recordAudit(binding.models as Models, transaction, {
        actorId,
        action: `${binding.name}.${action}`,
        entityType: binding.name,
        entityId: subject.id,
        data: { from, to: target, by: actor, ...(note ? { note } : {}) },
      });
      subject.set({ ...changes, status: target });
      return target;
    },
  };
}
