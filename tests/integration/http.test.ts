import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserless, startTestServer, type TestServer } from "../support/server";
import { makeCooperative, makeUser, PASSWORD } from "../support/factories";

/** The real Express app and Remix build, spoken to over HTTP the way a browser without JavaScript would. */
describe("HTTP: pages, guards, language and security", () => {
  let server: TestServer;
  let coopSlug: string;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
    const coop = await makeCooperative(server.container, {
      name: "HTX Chè La Bằng",
      provinceCode: "19",
      wardCode: "05818",
    });
    coopSlug = coop.slug;
    await makeUser(server.container, { role: "staff", email: "canbo@example.vn" });
    await makeUser(server.container, { role: "buyer", email: "mua@example.vn" });
  });
  afterAll(async () => server?.close());

  const login = async (email: string) => {
    const b = new Browserless(server.url);
    const res = await b.post("/login", { email, password: PASSWORD, redirectTo: "/staff" });
    expect(res.status).toBe(302);
    return b;
  };

  it("serves the home page in Vietnamese by default, with real cooperatives", async () => {
    const res = await fetch(server.url + "/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="vi"');
    expect(html).toContain("HTX Chè La Bằng");
    expect(html).toContain("Kết nối sản phẩm hợp tác xã");
  });

  it("follows Accept-Language on a first visit and ?lng= when asked", async () => {
    const en = await (
      await fetch(server.url + "/cooperatives", { headers: { "accept-language": "en-US,en;q=0.9" } })
    ).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain("Cooperative directory");
    const vi = await (
      await fetch(server.url + "/cooperatives?lng=vi", { headers: { "accept-language": "en" } })
    ).text();
    expect(vi).toContain("Danh bạ hợp tác xã");
  });

  it("remembers the language chosen in the header in a cookie", async () => {
    const b = new Browserless(server.url);
    const res = await b.post("/language", { lng: "en", redirectTo: `/cooperatives/${coopSlug}` });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/cooperatives/${coopSlug}`);
    const html = await (await b.get(`/cooperatives/${coopSlug}`)).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("HTX Chè La Bằng");
  });

  it("never redirects off-site after switching language or logging in", async () => {
    const b = new Browserless(server.url);
    const res = await b.post("/language", { lng: "vi", redirectTo: "//evil.example/x" });
    expect(res.headers.get("location")).toBe("/");
    const login = await b.post("/login", {
      email: "mua@example.vn",
      password: PASSWORD,
      redirectTo: "https://evil.example",
    });
    expect(login.headers.get("location")).toBe("/");
  });

  it("answers unknown URLs with a translated 404 page", async () => {
    const res = await fetch(server.url + "/khong-ton-tai", { headers: { "accept-language": "vi" } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Không tìm thấy trang");
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
    const profile = await fetch(server.url + "/cooperatives/khong-co-htx-nay", {
      headers: { "accept-language": "en" },
    });
    expect(profile.status).toBe(404);
    expect(await profile.text()).toContain("This cooperative was not found.");
  });

  it("rejects a bad directory filter with 400, not a crash", async () => {
    const res = await fetch(server.url + "/cooperatives?province=99", {
      headers: { "accept-language": "en" },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Invalid request");
  });

  it("sends guests to log in and back, and refuses other roles with 403", async () => {
    const guest = await fetch(server.url + "/staff/cooperatives", { redirect: "manual" });
    expect(guest.status).toBe(302);
    expect(guest.headers.get("location")).toBe("/login?redirectTo=%2Fstaff%2Fcooperatives");

    const buyer = await login("mua@example.vn");
    const staffPage = await buyer.get("/staff");
    expect(staffPage.status).toBe(403);
    expect(await staffPage.text()).not.toContain("HTX Chè La Bằng");
    expect((await buyer.get("/cooperative")).status).toBe(403);
    expect(
      (await buyer.post("/staff/cooperatives", { cooperativeId: "1", decision: "approve" })).status,
    ).toBe(403);

    const staff = await login("canbo@example.vn");
    expect((await staff.get("/staff")).status).toBe(200);
    expect((await staff.get("/staff/cooperatives?status=approved")).status).toBe(200);
  });

  it("keeps what was typed and explains each bad field in the user's language", async () => {
    const b = new Browserless(server.url, { "accept-language": "en" });
    const res = await b.post("/register", {
      accountType: "buyer",
      fullName: "Vũ Thị Mai",
      email: "mai@@example",
      phone: "0912345678",
      password: "12345678",
      passwordConfirm: "12345678",
      privacyConsent: "on",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("This email address is not valid.");
    expect(html).toContain('value="Vũ Thị Mai"');
    expect(html).toContain('value="mai@@example"');
    expect(html).toMatch(/id="email"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="email"/);
    expect(html).not.toContain('value="12345678"');
  });

  it("registers over plain form posts and logs in with a session cookie", async () => {
    const b = new Browserless(server.url);
    const res = await b.post("/register", {
      accountType: "buyer",
      fullName: "Lý Thị Thu",
      email: "thu@example.vn",
      password: "mat-khau-123",
      passwordConfirm: "mat-khau-123",
      privacyConsent: "on",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account?welcome=1");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("htx_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const account = await b.get("/account");
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("thu@example.vn");
    await b.post("/logout", {});
    expect((await b.get("/account")).status).toBe(302);
  });

  it("says when login is rate-limited, with 429 and Retry-After", async () => {
    const b = new Browserless(server.url, { "accept-language": "vi" });
    let last: Response | null = null;
    for (let i = 0; i < 6; i++)
      last = await b.post("/login", { email: "mua@example.vn", password: "sai-mat-khau" });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await last!.text()).toContain("Đăng nhập sai quá nhiều lần");
  });

  it("refuses form posts from another site", async () => {
    const b = new Browserless(server.url);
    const res = await b.post("/register", { accountType: "buyer" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    const noOrigin = await fetch(server.url + "/logout", {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(noOrigin.status).toBe(403);
  });

  it("does not change anything on GET", async () => {
    const res = await fetch(server.url + "/logout", { redirect: "manual" });
    expect(res.status).toBe(302);
    const lang = await fetch(server.url + "/language?lng=en", { redirect: "manual" });
    expect(lang.headers.getSetCookie().some((c) => c.startsWith("lng="))).toBe(false);
  });

  it("sends security headers, with a per-response script nonce", async () => {
    const a = await fetch(server.url + "/");
    const b = await fetch(server.url + "/");
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toBe(b.headers.get("content-security-policy"));
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    // A page without scripts would pass the loop below: Remix's own inline and module scripts must be there.
    expect(scripts.length).toBeGreaterThan(2);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(a.headers.get("x-powered-by")).toBeNull();
  });

  it("serves a favicon and a health check", async () => {
    expect((await fetch(server.url + "/favicon.ico")).status).toBe(200);
    expect(await (await fetch(server.url + "/healthz")).json()).toEqual({ status: "ok" });
  });
});
