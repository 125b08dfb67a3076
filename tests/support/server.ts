import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "../../server/http/app";
import { createTestContainer, type Dialect, type TestContainer, type TestContainerOptions } from "./db";

/**
 * The real Express app and Remix build (run `npm run build` first) on a free port, over a fresh database.
 * Integration tests speak HTTP to it; browser tests point Chromium at it.
 */
export interface TestServer {
  url: string;
  container: TestContainer;
  close(): Promise<void>;
}

export async function startTestServer(
  dialect: Dialect = "sqlite",
  env: Record<string, string> = {},
  options: TestContainerOptions = {},
): Promise<TestServer> {
  const container = await createTestContainer(dialect, env, options);
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const app = createApp(container, { getBuild: async () => build });
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    container,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.destroy();
    },
  };
}

/** A tiny cookie-keeping HTTP client for form posts, as a browser without JavaScript would send them. */
export class Browserless {
  private cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      redirect: "manual",
      headers: { ...this.headers, cookie: this.cookieHeader(), ...headers },
    });
    this.keep(res);
    return res;
  }

  async post(path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const res = await fetch(this.base + path, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { origin: this.base, ...this.headers, cookie: this.cookieHeader(), ...headers },
    });
    this.keep(res);
    return res;
  }

  /** A multipart form (files included), as a browser sends a form with enctype="multipart/form-data". */
  async postMultipart(path: string, form: FormData, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { origin: this.base, ...this.headers, cookie: this.cookieHeader(), ...headers },
    });
    this.keep(res);
    return res;
  }

  has(cookie: string) {
    return this.cookies.has(cookie);
  }
}
