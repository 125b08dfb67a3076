import nodemailer from "nodemailer";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { LogSender, type NotificationSender, type RenderedMessage } from "./index";

/**
 * Email through an SMTP relay (SMTP_URL, e.g. smtp://user:pass@host:587; query options such as ?ignoreTLS=true
 * reach nodemailer). One connection per message: mail is a trickle of notifications, and nothing stays open to
 * close at shutdown. Other channels (SMS) go to the fallback until a provider exists for them.
 */
export class SmtpSender implements NotificationSender {
  readonly name = "smtp";
  private readonly transport: nodemailer.Transporter;

  constructor(
    options: { url: string; from: string },
    private readonly fallback: NotificationSender,
  ) {
    this.transport = nodemailer.createTransport(
      {
        url: options.url,
        // nodemailer waits minutes by default; a job blocked that long holds up the whole outbox.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      },
      { from: options.from },
    );
  }

  async send(message: RenderedMessage) {
    if (message.channel !== "email") return this.fallback.send(message);
    await this.transport.sendMail({ to: message.to, subject: message.subject, text: message.body });
  }
}

/** The sender the configuration asks for: SMTP when SMTP_URL is set, otherwise the log. */
export function createNotificationSender(config: Pick<Config, "mail">, logger: Logger): NotificationSender {
  const log = new LogSender(logger);
  return config.mail.smtp ? new SmtpSender(config.mail.smtp, log) : log;
}
