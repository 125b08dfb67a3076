import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import enAuth from "../../app/locales/en/auth.json";
import enErrors from "../../app/locales/en/errors.json";
import viAuth from "../../app/locales/vi/auth.json";
import viErrors from "../../app/locales/vi/errors.json";
import { PASSWORD_RESET_LIMITS } from "../../server/accounts";
import { SCRUB_NOTIFICATION, SCRUBBED } from "../../server/notifications";
import { createTestContainer, DIALECTS } from "../support/db";
import { makeUser, META, PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { deliverAsConfigured, resetLinkIn, startTestMailServer, type TestMailServer } from "../support/smtp";
import { html, interpolate } from "../support/text";

const MAIL_FROM = "HTX Connect <no-reply@htxconnect.test>";
const NEW_PASSWORD = "mat-khau-moi-2026";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let ipSeq = 0;
/** Each test speaks from its own address (TRUST_PROXY is on), so per-IP limits do not leak between tests. */
const freshIp = () => `198.18.0.${++ipSeq}`;

describe.each(DIALECTS)("password recovery on %s", (dialect) => {
  let server: TestServer;
  let mail: TestMailServer;

  beforeAll(async () => {
    mail = await startTestMailServer();
    server = await startTestServer(dialect, { SMTP_URL: mail.url, MAIL_FROM, TRUST_PROXY: "true" });
    deliverAsConfigured(server.container);
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
  });

  const c = () => server.container;
  const models = () => c().db.models;
  const client = (lang = "vi", ip = freshIp()) =>
    new Browserless(server.url, { "accept-language": lang, "x-forwarded-for": ip });

  /** Ask for a link over HTTP, run the outbox, and return the link mailed to `email` (if any). */
  async function requestLink(email: string, b = client()) {
    const before = mail.to(email).length;
    const res = await b.post("/forgot-password", { email });
    expect(res.status).toBe(200);
    await c().worker.drain();
    const mails = mail.to(email);
    return mails.length > before ? resetLinkIn(mails[mails.length - 1]!.mail) : null;
  }

  const pathOf = (link: string) => new URL(link).pathname;
  const tokenOf = (link: string) => pathOf(link).split("/").pop()!;

  it("answers a known and an unknown address alike, and mails only the known one, in its language", async () => {
    const known = await makeUser(c(), { email: "quen.mk@example.vn", locale: "en", fullName: "Hà Thị Mơ" });
    const unknown = "khong.ai@example.vn";
    const jobsBefore = await models().Job.count();
    const answers = [];
    for (const email of [known.email, unknown]) {
      const res = await client().post("/forgot-password", { email });
      // Nothing that varies per response (nonces) or echoes the address may tell the two apart.
      const page = (await res.text())
        .replaceAll(email, "EMAIL_ADDRESS")
        .replace(/nonce="[^"]*"/g, "")
        .replace(/'nonce-[^']*'/g, "");
      answers.push({ status: res.status, page, csp: res.headers.get("content-security-policy") !== null });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.status).toBe(200);
    expect(answers[0]!.page).toContain(
      html(interpolate(viAuth.forgot.sent, { email: "EMAIL_ADDRESS", minutes: 60 })),
    );
    // The requests did the same work: one queued job each, and no token yet for either.
    expect(await models().Job.count()).toBe(jobsBefore + 2);
    expect(await models().PasswordReset.count({ where: { userId: known.id } })).toBe(0);

    await c().worker.drain();
    expect(mail.to(unknown)).toHaveLength(0);
    const [received] = mail.to(known.email);
    expect(received).toBeDefined();
    expect(received!.mail.from?.value).toEqual([
      { name: "HTX Connect", address: "no-reply@htxconnect.test" },
    ]);
    expect(received!.envelopeFrom).toBe("no-reply@htxconnect.test");
    expect(received!.mail.subject).toBe("Reset your HTX Connect password");
    expect(received!.mail.text).toContain("Hello Hà Thị Mơ");
    const link = resetLinkIn(received!.mail);
    // No PUBLIC_URL here: the link points at the origin the request came to.
    expect(new URL(link).origin).toBe(server.url);
  });

  it("keeps only the token's SHA-256, and scrubs the link from the outbox once it is delivered", async () => {
    const user = await makeUser(c());
    const link = (await requestLink(user.email))!;
    const token = tokenOf(link);
    const rows = await models().PasswordReset.findAll({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(sha256(token));
    const expiresIn = rows[0]!.expiresAt.getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(58 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(60 * 60_000);

    const notice = await models().Notification.findOne({
      where: { userId: user.id, template: "password_reset" },
    });
    expect(notice!.status).toBe("sent");
    expect(JSON.parse(notice!.params)).toMatchObject({ url: SCRUBBED, minutes: 60 });
    // Nowhere in the outbox, the job queue or the audit trail.
    const [everything] = await c().db.sequelize.query(
      "SELECT params AS t FROM notifications UNION ALL SELECT payload FROM jobs UNION ALL SELECT data FROM audit_events",
    );
    expect(JSON.stringify(everything)).not.toContain(token);
  });

  it("scrubs the link at expiry even when the mail could never be delivered", async () => {
    const user = await makeUser(c());
    await client().post("/forgot-password", { email: user.email });
    // Issue the token, but let the delivery give up (as after its last failed attempt).
    await c().worker.runOnce();
    const notice = await models().Notification.findOne({
      where: { userId: user.id, template: "password_reset" },
    });
    expect(JSON.parse(notice!.params).url).toMatch(/\/reset-password\//);
    await models().Job.update(
      { status: "failed" },
      { where: { type: "notifications.deliver", status: "pending" } },
    );
    await models().Job.update(
      { runAt: new Date() },
      { where: { type: SCRUB_NOTIFICATION, status: "pending" } },
    );
    await c().worker.drain();
    await notice!.reload();
    expect(JSON.parse(notice!.params).url).toBe(SCRUBBED);
    expect(notice!.status).toBe("failed");
    expect(mail.to(user.email)).toHaveLength(0);
  });

  it("sets the new password once, ends every session, signs in afresh and records it", async () => {
    const user = await makeUser(c(), { locale: "vi" });
    const phone = await c().services.accounts.login({
      form: { email: user.email, password: PASSWORD },
      meta: META,
    });
    const laptop = await c().services.accounts.login({
      form: { email: user.email, password: PASSWORD },
      meta: META,
    });
    const link = (await requestLink(user.email))!;

    const b = client();
    const form = await b.get(pathOf(link));
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("no-store");
    // Browsers apply the last policy they know: nothing the page loads carries the token in its Referer.
    expect(form.headers.get("referrer-policy")).toMatch(/(^|,\s*)no-referrer$/);
    const formHtml = await form.text();
    expect(formHtml).toContain(html(interpolate(viAuth.reset.lead, { email: user.email })));

    // Same rules as registration, errors beside the fields.
    const bad = await b.post(pathOf(link), { password: "ngan", passwordConfirm: "khac" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain(html(viErrors.password_too_short));
    expect(badHtml).toMatch(/id="password"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="password"/);
    expect(badHtml).not.toContain('value="ngan"');

    const done = await b.post(pathOf(link), { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/account?saved=passwordReset");
    const account = await b.get("/account?saved=passwordReset");
    expect(account.status).toBe(200);
    expect(await account.text()).toContain(user.email);

    expect(await c().services.accounts.getUserForSession({ token: phone.token })).toBeNull();
    expect(await c().services.accounts.getUserForSession({ token: laptop.token })).toBeNull();
    expect(await models().Session.count({ where: { userId: user.id } })).toBe(1);
    await expect(
      c().services.accounts.login({ form: { email: user.email, password: PASSWORD }, meta: META }),
    ).rejects.toMatchObject({ fields: { _form: { code: "invalid_credentials" } } });
    await c().services.accounts.login({ form: { email: user.email, password: NEW_PASSWORD }, meta: META });
    expect(
      await models().AuditEvent.count({
        where: { action: "user.password_reset", entityType: "user", entityId: String(user.id) },
      }),
    ).toBe(1);
    await c().worker.drain();
    expect(mail.to(user.email).map((m) => m.mail.subject)).toContain(
      "Mật khẩu HTX Connect của bạn đã được đổi",
    );

    // The link is spent: the page says so and offers a new one, and a second submission changes nothing.
    const again = await client().get(pathOf(link));
    expect(again.status).toBe(410);
    const againHtml = await again.text();
    expect(againHtml).toContain(html(viAuth.reset.invalid));
    expect(againHtml).toContain('href="/forgot-password"');
    const replay = await client().post(pathOf(link), {
      password: "mat-khau-thu-ba",
      passwordConfirm: "mat-khau-thu-ba",
    });
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain(html(viAuth.reset.invalid));
    await c().services.accounts.login({ form: { email: user.email, password: NEW_PASSWORD }, meta: META });
  });

  it("lets only one of several tabs use a link at the same moment", async () => {
    const user = await makeUser(c());
    const token = tokenOf((await requestLink(user.email))!);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        c().services.accounts.resetPassword({
          token,
          form: { password: `mat-khau-tab-${i}`, passwordConfirm: `mat-khau-tab-${i}` },
          meta: META,
        }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected")
        expect(r.reason).toMatchObject({ code: "reset_link_invalid", status: 409 });
    expect(await models().Session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses an expired link with a clear message and a way to ask again", async () => {
    const user = await makeUser(c(), { locale: "en" });
    const link = (await requestLink(user.email, client("en")))!;
    await models().PasswordReset.update(
      { expiresAt: new Date(Date.now() - 1000) },
      { where: { tokenHash: sha256(tokenOf(link)) } },
    );
    const page = await client("en").get(pathOf(link));
    expect(page.status).toBe(410);
    const text = await page.text();
    expect(text).toContain(html(enAuth.reset.invalidTitle));
    expect(text).toContain(html(enAuth.reset.requestNew));
    const post = await client("en").post(pathOf(link), {
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(post.status).toBe(409);
    await expect(
      c().services.accounts.login({ form: { email: user.email, password: NEW_PASSWORD }, meta: META }),
    ).rejects.toMatchObject({ fields: { _form: { code: "invalid_credentials" } } });
    expect((await client("en").get("/reset-password/khong-phai-token")).status).toBe(410);
  });

  it("makes a newer request end the links mailed before it", async () => {
    const user = await makeUser(c());
    const b = client();
    const first = (await requestLink(user.email, b))!;
    const second = (await requestLink(user.email, b))!;
    expect(first).not.toBe(second);
    expect((await client().get(pathOf(first))).status).toBe(410);
    expect((await client().get(pathOf(second))).status).toBe(200);
    const res = await client().post(pathOf(second), {
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(res.status).toBe(302);
  });

  it("limits requests per address, alike for unknown addresses, with a translated 429", async () => {
    const user = await makeUser(c());
    for (const email of [user.email, "chua.dang.ky@example.vn"]) {
      const statuses = [];
      let last: Response | null = null;
      for (let i = 0; i <= PASSWORD_RESET_LIMITS.perEmail; i++) {
        last = await client("en").post("/forgot-password", { email });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([...Array(PASSWORD_RESET_LIMITS.perEmail).fill(200), 429]);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await last!.text()).toContain(
        html(interpolate(enErrors.password_reset_rate_limited, { minutes: 60 })),
      );
    }
    await c().worker.drain();
    expect(mail.to(user.email)).toHaveLength(PASSWORD_RESET_LIMITS.perEmail);
  });

  it("limits requests per IP across addresses", async () => {
    const b = client("vi");
    for (let i = 0; i < PASSWORD_RESET_LIMITS.perIp; i++) {
      expect((await b.post("/forgot-password", { email: `dia-chi-${i}@example.vn` })).status).toBe(200);
    }
    const over = await b.post("/forgot-password", { email: "them-mot@example.vn" });
    expect(over.status).toBe(429);
    expect(await over.text()).toContain(
      html(interpolate(viErrors.password_reset_rate_limited, { minutes: 60 })),
    );
    // Another address is not affected.
    expect((await client("vi").post("/forgot-password", { email: "them-mot@example.vn" })).status).toBe(200);
  });

  it("explains a malformed address beside the field and keeps it", async () => {
    const res = await client("en").post("/forgot-password", { email: "khong-phai-email" });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain(html(enErrors.email));
    expect(text).toContain('value="khong-phai-email"');
  });

  it("links the forgot-password page from the login page", async () => {
    const res = await client().get("/login");
    const text = await res.text();
    expect(text).toContain('href="/forgot-password"');
    expect(text).toContain(html(viAuth.login.forgotLink));
  });
});

describe("password reset links with PUBLIC_URL", () => {
  it("point at the public origin, never at the Host the request named", async () => {
    const c = await createTestContainer("sqlite", { PUBLIC_URL: "https://htxconnect.example" });
    try {
      const user = await makeUser(c, { email: "cong-khai@example.vn" });
      await c.services.accounts.requestPasswordReset({
        form: { email: user.email },
        meta: META,
        requestOrigin: "http://evil.example",
      });
      await c.worker.drain();
      const sent = c.sender.sent.find((m) => m.to === user.email);
      expect(sent?.body).toMatch(/https:\/\/htxconnect\.example\/reset-password\/[A-Za-z0-9_-]{43}\s/);
      expect(sent?.body).not.toContain("evil.example");
    } finally {
      await c.destroy();
    }
  });
});
