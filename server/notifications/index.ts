import type { Transaction } from "sequelize";
import type { Database } from "../db";
import type { Models } from "../db/models";
import type { I18n } from "../i18n";
import { enqueueJob, type JobHandler } from "../jobs";
import type { Logger } from "../logger";
import type { Locale } from "../vocabulary/locale";

export const DELIVER_NOTIFICATION = "notifications.deliver";
export const SCRUB_NOTIFICATION = "notifications.scrub";

/** What a secret parameter reads in the outbox once its message is gone or no longer worth sending. */
export const SCRUBBED = "[redacted]";

export interface NotificationRequest {
  userId: number | null;
  channel: "email" | "sms";
  recipient: string;
  /** Key under the notifications namespace, with `subject` and `body` children. */
  template: string;
  params: Record<string, string | number>;
  locale: Locale;
  /**
   * Parameters that grant something (a password reset link): overwritten in the outbox once the message is sent,
   * and at `expiresAt` at the latest, so the table does not keep working secrets.
   */
  secretParams?: string[];
  /** After this the message is worthless: it is not sent any more, and its secrets are scrubbed. */
  expiresAt?: Date;
}

export interface RenderedMessage {
  channel: "email" | "sms";
  to: string;
  subject: string;
  body: string;
}

/** Where messages finally go. Email or SMS providers plug in here without touching domain code. */
export interface NotificationSender {
  readonly name: string;
  send(message: RenderedMessage): Promise<void>;
}

export class LogSender implements NotificationSender {
  readonly name = "log";
  constructor(private readonly logger: Logger) {}
  async send(message: RenderedMessage) {
    this.logger.info({ notification: message }, "notification sent (log sender)");
  }
}

/** Write a notification to the outbox inside the caller's transaction; a job delivers it after commit. */
export async function enqueueNotification(
  models: Models,
  transaction: Transaction,
  request: NotificationRequest,
) {
  const row = await models.Notification.create(
    {
      userId: request.userId,
      channel: request.channel,
      recipient: request.recipient,
      template: request.template,
      params: JSON.stringify(request.params),
      locale: request.locale,
      sentAt: null,
      lastError: null,
    },
    { transaction },
  );
  const secretParams = request.secretParams?.filter((name) => name in request.params) ?? [];
  await enqueueJob(models, transaction, DELIVER_NOTIFICATION, {
    notificationId: row.id,
    ...(secretParams.length ? { secretParams } : {}),
    ...(request.expiresAt ? { expiresAt: request.expiresAt.toISOString() } : {}),
  });
  // A delivery that keeps failing gives up with the row as it was; this later pass still clears its secrets.
  if (secretParams.length) {
    await enqueueJob(
      models,
      transaction,
      SCRUB_NOTIFICATION,
      { notificationId: row.id, secretParams },
      { runAt: request.expiresAt ?? new Date(Date.now() + 86400_000) },
    );
  }
  return row.id;
}

/** Someone the platform writes to: their account's address, name and language. */
export interface Addressee {
  id: number;
  email: string;
  fullName: string;
  locale: Locale;
}

/**
 * E-mail one person through the outbox, in their language, greeted by name: `params` is called with their locale so
 * amounts and dates are written in it. For a cooperative's people, see notifyCooperativeContacts.
 */
export function emailUser(
  models: Models,
  transaction: Transaction,
  user: Addressee,
  template: string,
  params: (locale: Locale) => Record<string, string | number>,
) {
  return enqueueNotification(models, transaction, {
    userId: user.id,
    channel: "email",
    recipient: user.email,
    template,
    locale: user.locale,
    params: { name: user.fullName, ...params(user.locale) },
  });
}

function secretParamsOf(payload: Record<string, unknown>): string[] {
  return Array.isArray(payload.secretParams) ? payload.secretParams.map(String) : [];
}

function scrubbed(params: Record<string, string | number>, secret: string[]) {
  return JSON.stringify(
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, secret.includes(k) ? SCRUBBED : v])),
  );
}

export function renderNotification(
  i18n: I18n,
  template: string,
  locale: Locale,
  params: Record<string, string | number>,
) {
  const t = i18n.t(locale);
  return {
    subject: t(`notifications:${template}.subject`, params),
    body: t(`notifications:${template}.body`, params),
  };
}

/**
 * Job handler: render in the recipient's language and hand to the sender; sent once, retried on failure. A message
 * past its expiry is not sent, and secret parameters are scrubbed as soon as they are no longer needed.
 */
export function notificationDeliverer(db: Database, i18n: I18n, sender: NotificationSender): JobHandler {
  return async (payload) => {
    const { Notification } = db.models;
    const row = await Notification.findByPk(Number(payload.notificationId));
    if (!row || row.status !== "pending") return;
    const secret = secretParamsOf(payload);
    const params = JSON.parse(row.params) as Record<string, string | number>;
    const expiresAt = typeof payload.expiresAt === "string" ? new Date(payload.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      await row.update({
        status: "failed",
        params: scrubbed(params, secret),
        lastError: "expired before delivery",
      });
      return;
    }
    const { subject, body } = renderNotification(i18n, row.template, row.locale, params);
    try {
      await sender.send({ channel: row.channel, to: row.recipient, subject, body });
    } catch (error) {
      await row.update({ lastError: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    await row.update({
      status: "sent",
      sentAt: new Date(),
      lastError: null,
      ...(secret.length ? { params: scrubbed(params, secret) } : {}),
    });
  };
}

/** Job handler: the backstop that clears a message's secrets at its expiry, whatever became of its delivery. */
export function notificationScrubber(db: Database): JobHandler {
  return async (payload) => {
    const row = await db.models.Notification.findByPk(Number(payload.notificationId));
    if (!row) return;
    const params = JSON.parse(row.params) as Record<string, string | number>;
    const secret = secretParamsOf(payload);
    const clean = scrubbed(params, secret);
    if (clean === row.params) return;
    await row.update({
      params: clean,
      ...(row.status === "pending"
        ? { status: "failed" as const, lastError: "expired before delivery" }
        : {}),
    });
  };
}
