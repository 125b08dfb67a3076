import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { DELIVER_NOTIFICATION, notificationDeliverer } from "../../server/notifications";
import { createNotificationSender } from "../../server/notifications/smtp";
import type { TestContainer } from "./db";

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  mail: ParsedMail;
}

export interface TestMailServer {
  /** An SMTP_URL for the app: credentials the server checks, and no TLS on the loopback. */
  url: string;
  received: ReceivedMail[];
  /** The mails to this address so far. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

const USER = "htx-mailer";
const PASS = "mat khau/smtp:1";

/**
 * A real SMTP server in the test process (smtp-server on 127.0.0.1, any free port): what the app's SmtpSender
 * hands over goes through nodemailer and the SMTP conversation, and comes back parsed by mailparser.
 */
export async function startTestMailServer(): Promise<TestMailServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASS) return callback(null, { user: USER });
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            mail,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASS)}@127.0.0.1:${port}?ignoreTLS=true`,
    received,
    to: (address) => received.filter((r) => r.envelopeTo.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Test containers record mail in a MemorySender; this puts the sender the configuration chooses (SMTP_URL) back
 * in its place, built by the same function the server uses.
 */
export function deliverAsConfigured(container: TestContainer) {
  const sender = createNotificationSender(container.config, container.logger);
  container.worker.register(
    DELIVER_NOTIFICATION,
    notificationDeliverer(container.db, container.services.i18n, sender),
  );
  return sender;
}

/** The reset link in a password reset mail. */
export function resetLinkIn(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(mail.text ?? "")?.[0];
  if (!link) throw new Error(`no reset link in mail: ${mail.text}`);
  return link;
}
