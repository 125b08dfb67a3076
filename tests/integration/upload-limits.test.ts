import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, makeUser } from "../support/factories";
import { pdfScan } from "../support/agreements";
import { Browserless, startTestServer, type TestServer } from "../support/server";

/**
 * The upload forms that take files above the 1 MB every other body gets: a paper agreement's scan (15 MB) and a
 * PDF brought to /verify (20 MB). A file of a few megabytes reaches the page's own checks (which answer beside the
 * field), instead of the server's body limit refusing it with a bare 413.
 */
describe("upload limits of the agreements' file forms", () => {
  let server: TestServer;
  /** A real PDF padded with a comment to `mb` megabytes: what a scanner's few pages weigh. */
  const pdfOf = (mb: number) =>
    Buffer.concat([pdfScan(), Buffer.from(`%${"x".repeat(mb * 1024 * 1024)}\n`, "latin1")]);

  beforeAll(async () => {
    server = await startTestServer();
    await makeUser(server.container, { role: "staff", email: "canbo.upload@example.com" });
  });
  afterAll(() => server?.close());

  it("lets a 3 MB scan through to the paper form, which answers for its fields", async () => {
    const staff = new Browserless(server.url, { "accept-language": "vi" });
    await staff.post("/login", { email: "canbo.upload@example.com", password: PASSWORD, redirectTo: "/" });
    const form = new FormData();
    form.set("signedOn", "");
    form.set("scan", new Blob([new Uint8Array(pdfOf(3))], { type: "application/pdf" }), "ban-quet.pdf");
    const res = await staff.postMultipart("/staff/agreements/paper", form);
    expect(res.status).toBe(400);
    // The page read the form and answers for its fields (here, what the register form still lacks).
    expect(await res.text()).toContain('"signedOn":{"code":"required"}');
  });

  it("lets a 3 MB PDF through to /verify, which answers about it", async () => {
    const visitor = new Browserless(server.url, { "accept-language": "vi" });
    const form = new FormData();
    form.set("pdf", new Blob([new Uint8Array(pdfOf(3))], { type: "application/pdf" }), "thoa-thuan.pdf");
    const res = await visitor.postMultipart("/verify", form);
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  it("still refuses a body far above the form's limit", async () => {
    const visitor = new Browserless(server.url, { "accept-language": "vi" });
    const form = new FormData();
    form.set("pdf", new Blob([new Uint8Array(pdfOf(22))], { type: "application/pdf" }), "qua-lon.pdf");
    expect((await visitor.postMultipart("/verify", form)).status).toBe(413);
  });
});
