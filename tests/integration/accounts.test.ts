import { afterAll, beforeAll, describe, expect, it } from "vitest";
import enAccount from "../../app/locales/en/account.json";
import enAuth from "../../app/locales/en/auth.json";
import viErrors from "../../app/locales/vi/errors.json";
import { Invalid, RateLimited } from "../../server/errors";
import { createTestContainer, DIALECTS, type TestContainer } from "../support/db";
import { cooperativeForm, makeUser, META, PASSWORD } from "../support/factories";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { html, interpolate } from "../support/text";

async function fieldErrors(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    if (error instanceof Invalid) return error.fields;
    throw error;
  }
  throw new Error("expected Invalid");
}

describe.each(DIALECTS)("accounts on %s", (dialect) => {
  let c: TestContainer;
  beforeAll(async () => {
    c = await createTestContainer(dialect, {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: "3",
      LOGIN_MAX_FAILURES_PER_IP: "50",
    });
  });
  afterAll(async () => c?.destroy());

  it("registers a household buyer and opens a session for them", async () => {
    const { userId, token } = await c.services.accounts.registerBuyer({
      form: {
        fullName: "Phạm Thị Lan",
        email: "  Lan.Pham@Example.VN ",
        phone: "",
        password: "mat-khau-123",
        passwordConfirm: "mat-khau-123",
        privacyConsent: "on",
      },
      meta: META,
    });
    const user = await c.services.accounts.getUserForSession({ token });
    expect(user).toMatchObject({
      id: userId,
      email: "lan.pham@example.vn",
      fullName: "Phạm Thị Lan",
      role: "buyer",
      organisation: null,
      cooperative: null,
    });
    const stored = await c.db.models.User.findByPk(userId);
    expect(stored!.passwordHash).toMatch(/^scrypt\$/);
    expect(stored!.passwordHash).not.toContain("mat-khau-123");
  });

  it("registers a business buyer with its organisation and tax code", async () => {
    const { token } = await c.services.accounts.registerBuyer({
      form: {
        fullName: "Đỗ Quang Huy",
        email: "huy@nongsan.vn",
        password: "mat-khau-123",
        passwordConfirm: "mat-khau-123",
        privacyConsent: "on",
        isBusiness: "on",
        organisationName: "Công ty TNHH Nông sản Đồng Xanh",
        organisationKind: "exporter",
        taxCode: "0101234567-001",
      },
      meta: META,
    });
    const user = await c.services.accounts.getUserForSession({ token });
    expect(user?.organisation).toMatchObject({
      name: "Công ty TNHH Nông sản Đồng Xanh",
      kind: "exporter",
      taxCode: "0101234567-001",
    });
  });

  it("takes a household business's 12-digit personal number as its tax code, and refuses 11 digits", async () => {
    // Since 1 July 2025 a household business's tax code is its owner's personal identification number.
    const form = {
      fullName: "Lò Thị Mai",
      email: "mai.ho-kinh-doanh@example.vn",
      password: "mat-khau-123",
      passwordConfirm: "mat-khau-123",
      privacyConsent: "on",
      isBusiness: "on",
      organisationName: "Hộ kinh doanh Lò Thị Mai",
      organisationKind: "household",
    };
    expect(
      await fieldErrors(
        c.services.accounts.registerBuyer({ form: { ...form, taxCode: "01408501234" }, meta: META }),
      ),
    ).toEqual({ taxCode: { code: "tax_code" } });
    expect(await c.db.models.User.count({ where: { email: form.email } })).toBe(0);

    const { token } = await c.services.accounts.registerBuyer({
      form: { ...form, taxCode: "014085012345" },
      meta: META,
    });
    const user = (await c.services.accounts.getUserForSession({ token }))!;
    expect(user.organisation).toMatchObject({ kind: "household", taxCode: "014085012345" });

    // The account page: the same rule, spaces as people group the digits dropped.
    const business = { organisationName: "Hộ kinh doanh Lò Thị Mai", organisationKind: "household" };
    expect(
      await fieldErrors(
        c.services.accounts.updateOrganisation(user, { ...business, taxCode: "079 190 01234" }),
      ),
    ).toEqual({ taxCode: { code: "tax_code" } });
    await c.services.accounts.updateOrganisation(user, { ...business, taxCode: "079 190 012 345" });
    expect((await c.services.accounts.getUserForSession({ token }))?.organisation?.taxCode).toBe(
      "079190012345",
    );
  });

  it("reports every bad field at once, with translatable codes", async () => {
    const errors = await fieldErrors(
      c.services.accounts.registerBuyer({
        form: {
          fullName: "A",
          email: "not-an-email",
          phone: "12345",
          password: "short",
          passwordConfirm: "short",
          isBusiness: "on",
          organisationName: "",
          organisationKind: "bank",
          taxCode: "12AB",
        },
        meta: META,
      }),
    );
    expect(errors).toMatchObject({
      fullName: { code: "too_short" },
      email: { code: "email" },
      phone: { code: "phone" },
      password: { code: "password_too_short" },
      organisationName: { code: "required" },
      organisationKind: { code: "choose_one" },
      taxCode: { code: "tax_code" },
    });
    expect(await c.db.models.User.count({ where: { fullName: "A" } })).toBe(0);
  });

  it("refuses a second account with the same email, also when both arrive at once", async () => {
    const form = {
      fullName: "Trần Văn Bình",
      email: "binh@example.vn",
      password: "mat-khau-123",
      passwordConfirm: "mat-khau-123",
      privacyConsent: "on",
    };
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => c.services.accounts.registerBuyer({ form, meta: META })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected")
        expect((r.reason as Invalid).fields).toEqual({ email: { code: "email_taken" } });
    }
    expect(await c.db.models.User.count({ where: { email: "binh@example.vn" } })).toBe(1);
  });

  it("registers a cooperative as pending, with its owner, sectors, audit trail and a note to staff", async () => {
    const staff = await makeUser(c, { role: "staff", locale: "en" });
    const form = cooperativeForm();
    const { token } = await c.services.cooperatives.registerCooperative({ form, meta: META });
    const user = await c.services.accounts.getUserForSession({ token });
    expect(user?.role).toBe("cooperative");
    expect(user?.cooperative).toMatchObject({
      name: form.cooperativeName,
      status: "pending",
      memberRole: "owner",
    });
    const coop = await c.db.models.Cooperative.findByPk(user!.cooperative!.id, {
      include: [{ model: c.db.models.CooperativeSector, as: "sectors" }],
    });
    expect(coop!.slug).toMatch(/^htx-che-dac-san-tan-cuong-\d+$/);
    expect(coop!.phone).toBe("0912345679");
    expect(coop!.sectors!.map((s) => s.sector).sort()).toEqual(["handicrafts", "tea"]);
    expect(
      await c.db.models.AuditEvent.count({
        where: { entityType: "cooperative", entityId: String(coop!.id), action: "cooperative.registered" },
      }),
    ).toBe(1);
    await c.worker.drain();
    const note = c.sender.sent.find((m) => m.to === staff.email);
    expect(note?.subject).toBe(`New cooperative waiting for review: ${form.cooperativeName}`);
  });

  it("gives two cooperatives of the same name distinct slugs", async () => {
    const a = await c.services.cooperatives.registerCooperative({
      form: cooperativeForm({ cooperativeName: "HTX Miến dong Na Rì" }),
      meta: META,
    });
    const b = await c.services.cooperatives.registerCooperative({
      form: cooperativeForm({ cooperativeName: "HTX Miến Dong Na Rì" }),
      meta: META,
    });
    const [ua, ub] = await Promise.all([
      c.services.accounts.getUserForSession({ token: a.token }),
      c.services.accounts.getUserForSession({ token: b.token }),
    ]);
    expect(ua!.cooperative!.slug).toBe("htx-mien-dong-na-ri");
    expect(ub!.cooperative!.slug).toBe("htx-mien-dong-na-ri-2");
  });

  it("gives cooperatives registering the same name at the same moment distinct slugs", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        c.services.cooperatives.registerCooperative({
          form: cooperativeForm({ cooperativeName: "HTX Đồng Thời" }),
          meta: META,
        }),
      ),
    );
    const users = await Promise.all(
      results.map((r) => c.services.accounts.getUserForSession({ token: r.token })),
    );
    const slugs = users.map((u) => u!.cooperative!.slug);
    expect(new Set(slugs).size).toBe(5);
    expect(slugs).toContain("htx-dong-thoi");
  });

  it("checks that the ward belongs to the province", async () => {
    const errors = await fieldErrors(
      c.services.cooperatives.registerCooperative({
        form: cooperativeForm({ provinceCode: "20", wardCode: "05503" }),
        meta: META,
      }),
    );
    expect(errors).toEqual({ wardCode: { code: "ward_mismatch" } });
  });

  it("leaves nothing behind when a registration fails half-way", async () => {
    const email = "rollback@example.vn";
    const hook = () => {
      throw new Error("disk full");
    };
    c.db.models.CooperativeMember.addHook("beforeCreate", "fail", hook);
    try {
      await expect(
        c.services.cooperatives.registerCooperative({
          form: cooperativeForm({ email, cooperativeName: "HTX Không Tồn Tại" }),
          meta: META,
        }),
      ).rejects.toThrow("disk full");
    } finally {
      c.db.models.CooperativeMember.removeHook("beforeCreate", "fail");
    }
    expect(await c.db.models.User.count({ where: { email } })).toBe(0);
    expect(await c.db.models.Cooperative.count({ where: { name: "HTX Không Tồn Tại" } })).toBe(0);
  });

  it("logs in with the right password only, and locks the account after repeated failures", async () => {
    const user = await makeUser(c, { email: "khoa@example.vn" });
    const meta = { ...META, ip: "198.51.100.1" };
    const wrong = await fieldErrors(
      c.services.accounts.login({ form: { email: "KHOA@example.vn", password: "sai-mat-khau" }, meta }),
    );
    expect(wrong).toEqual({ _form: { code: "invalid_credentials" } });
    const ok = await c.services.accounts.login({
      form: { email: "khoa@example.vn", password: PASSWORD },
      meta,
    });
    expect((await c.services.accounts.getUserForSession({ token: ok.token }))?.id).toBe(user.id);

    for (let i = 0; i < 3; i++)
      await fieldErrors(
        c.services.accounts.login({ form: { email: "khoa@example.vn", password: "sai" }, meta }),
      );
    // Now even the right password is refused until the window passes.
    await expect(
      c.services.accounts.login({ form: { email: "khoa@example.vn", password: PASSWORD }, meta }),
    ).rejects.toBeInstanceOf(RateLimited);
    // Another account from the same IP is not affected.
    const other = await makeUser(c, { email: "khac@example.vn" });
    const res = await c.services.accounts.login({ form: { email: other.email, password: PASSWORD }, meta });
    expect(res.token).toBeTruthy();
  });

  it("checks at most the limit's worth of passwords when wrong guesses arrive all at once", async () => {
    const user = await makeUser(c, { email: "dong-thoi@example.vn" });
    const limit = c.config.loginLimits.perAccount;
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () =>
        c.services.accounts.login({
          form: { email: user.email, password: "doan-bua" },
          meta: { ...META, ip: "198.51.100.40" },
        }),
      ),
    );
    const codes = results.map((r) =>
      r.status === "rejected"
        ? ((r.reason as Invalid).fields?._form?.code ?? (r.reason as RateLimited).code)
        : "ok",
    );
    const checked = codes.filter((code) => code === "invalid_credentials").length;
    expect(checked).toBeLessThanOrEqual(limit);
    expect(codes.filter((code) => code === "login_rate_limited")).toHaveLength(40 - checked);
    // The right password waits for the window too.
    await expect(
      c.services.accounts.login({
        form: { email: user.email, password: PASSWORD },
        meta: { ...META, ip: "198.51.100.41" },
      }),
    ).rejects.toBeInstanceOf(RateLimited);
  });

  it("limits one IP across accounts, also when its guesses arrive all at once", async () => {
    const ipLimited = await createTestContainer(dialect, {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: "5",
      LOGIN_MAX_FAILURES_PER_IP: "8",
    });
    try {
      const users = await Promise.all(Array.from({ length: 20 }, () => makeUser(ipLimited)));
      const meta = { ...META, ip: "198.51.100.50" };
      const results = await Promise.allSettled(
        users.map((u) =>
          ipLimited.services.accounts.login({ form: { email: u.email, password: "doan-bua" }, meta }),
        ),
      );
      const checked = results.filter(
        (r) => r.status === "rejected" && (r.reason as Invalid).fields?._form?.code === "invalid_credentials",
      ).length;
      expect(checked).toBeLessThanOrEqual(8);
      expect(results.filter((r) => r.status === "rejected" && r.reason instanceof RateLimited)).toHaveLength(
        20 - checked,
      );
      // Another IP still gets in.
      const ok = await ipLimited.services.accounts.login({
        form: { email: users[0]!.email, password: PASSWORD },
        meta: { ...META, ip: "198.51.100.51" },
      });
      expect(ok.token).toBeTruthy();
    } finally {
      await ipLimited.destroy();
    }
  });

  it("issues a new session at login and destroys the one presented (no session fixation)", async () => {
    const attacker = await makeUser(c, { email: "ke-gian@example.vn" });
    const victim = await makeUser(c, { email: "nan-nhan@example.vn" });
    // A token the attacker holds, planted in the victim's browser.
    const planted = await c.services.accounts.login({
      form: { email: attacker.email, password: PASSWORD },
      meta: META,
    });
    const signedIn = await c.services.accounts.login({
      form: { email: victim.email, password: PASSWORD },
      meta: META,
      presentedToken: planted.token,
    });
    expect(signedIn.token).not.toBe(planted.token);
    expect(await c.services.accounts.getUserForSession({ token: planted.token })).toBeNull();
    expect((await c.services.accounts.getUserForSession({ token: signedIn.token }))?.id).toBe(victim.id);
    // The same on registration.
    const registered = await c.services.accounts.registerBuyer({
      form: {
        fullName: "Người Mới",
        email: "moi-dang-ky@example.vn",
        password: "mat-khau-123",
        passwordConfirm: "mat-khau-123",
        privacyConsent: "on",
      },
      meta: META,
      presentedToken: signedIn.token,
    });
    expect(await c.services.accounts.getUserForSession({ token: signedIn.token })).toBeNull();
    expect(await c.services.accounts.getUserForSession({ token: registered.token })).not.toBeNull();
    // And by the helper kept for role or privilege changes.
    const rotated = await c.services.accounts.rotateSession({
      presentedToken: registered.token,
      userId: registered.userId,
      meta: META,
    });
    expect(await c.services.accounts.getUserForSession({ token: registered.token })).toBeNull();
    expect((await c.services.accounts.getUserForSession({ token: rotated }))?.id).toBe(registered.userId);
  });

  it("signs out everywhere, the current session included", async () => {
    const user = await makeUser(c, { email: "moi-noi@example.vn" });
    const other = await makeUser(c);
    const sessions = await Promise.all(
      [1, 2, 3].map(() =>
        c.services.accounts.login({ form: { email: user.email, password: PASSWORD }, meta: META }),
      ),
    );
    const bystander = await c.services.accounts.login({
      form: { email: other.email, password: PASSWORD },
      meta: META,
    });
    const current = (await c.services.accounts.getUserForSession({ token: sessions[0]!.token }))!;
    expect(await c.services.accounts.endAllSessions(current, { meta: META })).toBe(3);
    for (const s of sessions)
      expect(await c.services.accounts.getUserForSession({ token: s.token })).toBeNull();
    expect(await c.services.accounts.getUserForSession({ token: bystander.token })).not.toBeNull();
    expect(
      await c.db.models.AuditEvent.count({
        where: { action: "user.signed_out_everywhere", entityId: String(user.id) },
      }),
    ).toBe(1);
  });

  it("does not tell unknown accounts from wrong passwords", async () => {
    const errors = await fieldErrors(
      c.services.accounts.login({ form: { email: "khong-co@example.vn", password: "bat-ky" }, meta: META }),
    );
    expect(errors).toEqual({ _form: { code: "invalid_credentials" } });
  });

  it("ends sessions at logout and other sessions at a password change", async () => {
    const user = await makeUser(c, { email: "doi-mk@example.vn" });
    const a = await c.services.accounts.login({
      form: { email: user.email, password: PASSWORD },
      meta: META,
    });
    const b = await c.services.accounts.login({
      form: { email: user.email, password: PASSWORD },
      meta: META,
    });
    const current = (await c.services.accounts.getUserForSession({ token: a.token }))!;
    await expect(
      c.services.accounts.changePassword(current, {
        form: { currentPassword: "sai", password: "mat-khau-moi-1", passwordConfirm: "mat-khau-moi-1" },
        currentToken: a.token,
      }),
    ).rejects.toBeInstanceOf(Invalid);
    await c.services.accounts.changePassword(current, {
      form: { currentPassword: PASSWORD, password: "mat-khau-moi-1", passwordConfirm: "mat-khau-moi-1" },
      currentToken: a.token,
    });
    expect(await c.services.accounts.getUserForSession({ token: b.token })).toBeNull();
    expect(await c.services.accounts.getUserForSession({ token: a.token })).not.toBeNull();
    await c.worker.drain();
    expect(c.sender.sent.filter((m) => m.to === user.email).map((m) => m.subject)).toEqual([
      "Mật khẩu HTX Connect của bạn đã được đổi",
    ]);
    await c.services.accounts.logout({ token: a.token });
    expect(await c.services.accounts.getUserForSession({ token: a.token })).toBeNull();
  });

  it("ends outstanding reset links when the password is changed", async () => {
    const user = await makeUser(c, { email: "link-cu@example.vn" });
    await c.services.accounts.requestPasswordReset({
      form: { email: user.email },
      meta: META,
      requestOrigin: "http://127.0.0.1",
    });
    await c.worker.drain();
    const link = c.sender.sent.find((m) => m.to === user.email)!.body.match(/\/reset-password\/(\S+)/)![1]!;
    expect(await c.services.accounts.getPasswordReset({ token: link })).toEqual({ email: user.email });
    const a = await c.services.accounts.login({
      form: { email: user.email, password: PASSWORD },
      meta: META,
    });
    await c.services.accounts.changePassword(
      (await c.services.accounts.getUserForSession({ token: a.token }))!,
      {
        form: { currentPassword: PASSWORD, password: "mat-khau-moi-2", passwordConfirm: "mat-khau-moi-2" },
        currentToken: a.token,
      },
    );
    expect(await c.services.accounts.getPasswordReset({ token: link })).toBeNull();
  });

  it("keeps Vietnamese text exactly as typed", async () => {
    const name = "Đặng Thị Ngọc Ánh — Hợp tác xã Nông nghiệp Hưng Yên ữ ỡ ự";
    const user = await makeUser(c, { fullName: name });
    expect((await c.db.models.User.findByPk(user.id))!.fullName).toBe(name);
  });
});

/** A signed session cookie from a response, ready for a Cookie header. */
function sessionCookie(res: Response): string | null {
  const line = res.headers.getSetCookie().find((c) => c.startsWith("htx_session="));
  return line ? line.split(";")[0]! : null;
}

/** Where a browser would go for this Location, resolved exactly as the WHATWG URL parser does. */
const target = (location: string | null, base: string) => new URL(location ?? "", base);

describe.each(DIALECTS)("accounts over HTTP on %s", (dialect) => {
  let server: TestServer;
  let ipSeq = 0;
  beforeAll(async () => {
    // TRUST_PROXY: each test speaks from its own X-Forwarded-For address, so the per-IP limit stays its own.
    server = await startTestServer(dialect, { TRUST_PROXY: "true" });
  });
  afterAll(async () => server?.close());

  const freshIp = () => `192.0.2.${++ipSeq}`;
  const client = (lang = "vi", ip = freshIp()) =>
    new Browserless(server.url, { "accept-language": lang, "x-forwarded-for": ip });
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(server.url + path, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams(form),
      headers: { origin: server.url, "x-forwarded-for": freshIp(), ...headers },
    });

  it("answers 40 simultaneous wrong logins with at most 5 password checks and 429s for the rest", async () => {
    const user = await makeUser(server.container, { email: "song-song@example.vn" });
    const ip = freshIp();
    const responses = await Promise.all(
      Array.from({ length: 40 }, () =>
        post(
          "/login",
          { email: user.email, password: "doan-bua" },
          { "x-forwarded-for": ip, "accept-language": "vi" },
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    const checked = statuses.filter((s) => s === 400).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - checked);
    for (const r of responses.filter((r) => r.status === 429)) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await r.text()).toContain(html(interpolate(viErrors.login_rate_limited, { minutes: 15 })));
    }
    const right = await post("/login", { email: user.email, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(sessionCookie(right)).toBeNull();
    expect(await server.container.db.models.Session.count({ where: { userId: user.id } })).toBe(0);
  });

  const HOSTILE_TARGETS = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\r/evil.example",
    "/\x0b/evil.example",
    "/\x00/evil.example",
    "/\u0085/evil.example",
    "\t//evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%5C/evil.example",
    "/%5c%5cevil.example",
    "/%2F/evil.example",
    "/%252F%252Fevil.example",
    "/ok\r\nSet-Cookie: htx_session=planted",
    "/%E0%A4%A",
  ];

  it("keeps the redirect after login on this site, whatever redirectTo holds", async () => {
    const user = await makeUser(server.container, { email: "chuyen-huong@example.vn" });
    for (const redirectTo of HOSTILE_TARGETS) {
      const res = await post("/login", { email: user.email, password: PASSWORD, redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      const location = res.headers.get("location");
      expect(target(location, server.url).origin, JSON.stringify(redirectTo)).toBe(server.url);
      expect(location, JSON.stringify(redirectTo)).toBe("/");
      expect(res.headers.getSetCookie().filter((c) => c.includes("planted"))).toEqual([]);

      // Already signed in, the login page sends the visitor on: the same rule.
      const again = await fetch(`${server.url}/login?redirectTo=${encodeURIComponent(redirectTo)}`, {
        redirect: "manual",
        headers: { cookie: sessionCookie(res)! },
      });
      expect(again.status, JSON.stringify(redirectTo)).toBe(302);
      expect(target(again.headers.get("location"), server.url).origin).toBe(server.url);
      const lang = await post("/language", { lng: "en", redirectTo });
      expect(lang.status, JSON.stringify(redirectTo)).toBe(302);
      expect(target(lang.headers.get("location"), server.url).origin).toBe(server.url);
    }
  });

  it("still brings the user back to the page they came from, query included", async () => {
    const user = await makeUser(server.container, { email: "quay-lai@example.vn" });
    const res = await post("/login", {
      email: user.email,
      password: PASSWORD,
      redirectTo: "/products?q=trà tân cương&page=2",
    });
    expect(res.headers.get("location")).toBe("/products?q=tr%C3%A0%20t%C3%A2n%20c%C6%B0%C6%A1ng&page=2");
  });

  it("issues a new session cookie at login and ends the one the browser had", async () => {
    const user = await makeUser(server.container, { email: "cookie-moi@example.vn" });
    const first = await post("/login", { email: user.email, password: PASSWORD });
    const before = sessionCookie(first)!;
    const second = await post("/login", { email: user.email, password: PASSWORD }, { cookie: before });
    const after = sessionCookie(second)!;
    expect(after).not.toBe(before);
    const old = await fetch(server.url + "/account", { redirect: "manual", headers: { cookie: before } });
    expect(old.status).toBe(302);
    const fresh = await fetch(server.url + "/account", { redirect: "manual", headers: { cookie: after } });
    expect(fresh.status).toBe(200);
  });

  it("signs other browsers out at a password change and keeps this one", async () => {
    const user = await makeUser(server.container, { email: "doi-mat-khau@example.vn" });
    const here = client("en");
    const there = client("en");
    for (const b of [here, there])
      expect((await b.post("/login", { email: user.email, password: PASSWORD })).status).toBe(302);
    const res = await here.post("/account", {
      intent: "password",
      currentPassword: PASSWORD,
      password: "mat-khau-moi-3",
      passwordConfirm: "mat-khau-moi-3",
    });
    expect(res.headers.get("location")).toBe("/account?saved=password");
    const page = await here.get("/account?saved=password");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(html(enAccount.saved.password));
    expect((await there.get("/account")).status).toBe(302);
  });

  it("signs out everywhere from the account page", async () => {
    const user = await makeUser(server.container, { email: "dang-xuat-het@example.vn" });
    const here = client("en");
    const there = client("en");
    for (const b of [here, there])
      expect((await b.post("/login", { email: user.email, password: PASSWORD })).status).toBe(302);
    const page = await (await here.get("/account")).text();
    expect(page).toContain(html(enAccount.sessions.signOutEverywhere));
    const res = await here.post("/account", { intent: "signOutEverywhere" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?signedOut=everywhere");
    expect(here.has("htx_session")).toBe(false);
    const login = await here.get("/login?signedOut=everywhere");
    expect(await login.text()).toContain(html(enAuth.login.signedOutEverywhere));
    expect((await here.get("/account")).status).toBe(302);
    expect((await there.get("/account")).status).toBe(302);
    expect(await server.container.db.models.Session.count({ where: { userId: user.id } })).toBe(0);
  });
});
