import type { Transaction } from "sequelize";
import type { Database } from "../db";
import type { Models } from "../db/models";
import type { I18n } from "../i18n";
import { enqueueJob, type JobHandler } from "../jobs";
import type { Logger } from "../logger";

export const DELIVER_NOTIFICATION = "notifications.deliver";

export interface NotificationRequest {
  userId: number | null;
  channel: "email" | "sms";
  recipient: string;
  /** Key under the notifications namespace, with `subject` and `body` children. */
  template: string;
  params: Record<string, string | number>;
  locale: string;
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
  await enqueueJob(models, transaction, DELIVER_NOTIFICATION, { notificationId: row.id });
  return row.id;
}

export function renderNotification(
  i18n: I18n,
  template: string,
  locale: string,
  params: Record<string, string | number>,
) {
  const t = i18n.t(locale);
  return {
    subject: t(`notifications:${template}.subject`, params),
    body: t(`notifications:${template}.body`, params),
  };
}

/** Job handler: render in the recipient's language and hand to the sender; sent once, retried on failure. */
export function notificationDeliverer(db: Database, i18n: I18n, sender: NotificationSender): JobHandler {
  return async (payload) => {
    const { Notification } = db.models;
    const row = await Notification.findByPk(Number(payload.notificationId));
    if (!row || row.status === "sent") return;
    const params = JSON.parse(row.params) as Record<string, string | number>;
    const { subject, body } = renderNotification(i18n, row.template, row.locale, params);
    try {
      await sender.send({ channel: row.channel, to: row.recipient, subject, body });
    } catch (error) {
      await row.update({ lastError: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    await row.update({ status: "sent", sentAt: new Date(), lastError: null });
  };
}
