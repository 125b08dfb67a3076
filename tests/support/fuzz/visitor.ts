import type { Body } from "./bodies";
import { shorten } from "./brief";
import type { ServerLog } from "./server-log";

export interface Answer {
  request: string;
  status: number;
  type: string;
  location: string | null;
  text: string;
  /** The server's error lines while it answered. */
  errors: string[];
}

/** A visitor keeping cookies, sending bytes exactly as given; mutations carry the server's Origin. */
export class Visitor {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly log: ServerLog,
    private readonly headers: Record<string, string> = {},
  ) {}

  has(cookie: string) {
    return this.cookies.has(cookie);
  }

  async send(
    method: "GET" | "POST",
    target: string,
    body?: Body,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const mark = this.log.mark();
    const res = await fetch(this.base + target, {
      method,
      redirect: "manual",
      body: body ? new Uint8Array(body.bytes) : undefined,
      headers: {
        ...(method === "POST" ? { origin: this.base } : {}),
        ...(body?.contentType ? { "content-type": body.contentType } : {}),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...this.headers,
        ...headers,
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    // The access log line is written when the response finishes; give it a tick.
    await new Promise((resolve) => setImmediate(resolve));
    return {
      request: `${method} ${shorten(target, 80)}`,
      status: res.status,
      type: res.headers.get("content-type") ?? "",
      location: res.headers.get("location"),
      text,
      errors: this.log.errorsSince(mark),
    };
  }

  get(target: string, headers?: Record<string, string>) {
    return this.send("GET", target, undefined, headers);
  }

  post(target: string, body: Body, headers?: Record<string, string>) {
    return this.send("POST", target, body, headers);
  }
}
