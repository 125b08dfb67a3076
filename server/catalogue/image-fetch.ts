import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { MAX_IMAGE_BYTES } from "../vocabulary/domain";

/** Why a picture named by URL could not be had; translated as imports:problem.<code> with the URL. */
export type ImageFetchCode =
  | "import_image_unreachable"
  | "import_image_status"
  | "import_image_not_image"
  | "import_image_too_large"
  | "import_image_timeout"
  | "import_image_private_host";

export class ImageFetchFailed extends Error {
  constructor(
    readonly code: ImageFetchCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** Reads a picture named by URL: its bytes, or ImageFetchFailed. */
export type ImageFetcher = (url: string) => Promise<Buffer>;

export interface ImageFetchOptions {
  maxBytes?: number;
  /** For the whole fetch, redirects included. */
  timeoutMs?: number;
  /**
   * Loopback and private networks are refused (the server must not be made to read its own network's services
   * for whoever writes a URL in a file); tests serving pictures on 127.0.0.1 allow them.
   */
  allowPrivateHosts?: boolean;
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  return family === 0 ? true : PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The address check sits in the connection's own DNS lookup, so the address checked is the one connected to (a
 * name that answers a public address to a check and a private one to the connection gains nothing).
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const list = addresses ?? [];
    if (list.length === 0 || list.some((a) => isPrivateAddress(a.address)))
      return callback(new ImageFetchFailed("import_image_private_host"), "", 0);
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

/**
 * Fetch pictures over HTTP(S) for the importer: at most `maxBytes` (the upload limit), within `timeoutMs`,
 * answered as an image (Content-Type image/*), following at most three redirects. What the bytes really are is
 * the image pipeline's to check (sharp), as for an upload.
 */
export function createImageFetcher(options: ImageFetchOptions = {}): ImageFetcher {
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const allowPrivate = options.allowPrivateHosts ?? false;
  return (url) =>
    new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      let current: { destroy(): void } | null = null;
      const finish = (error: ImageFetchFailed | null, data?: Buffer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        current?.destroy();
        if (error) reject(error);
        else resolve(data!);
      };
      const timer = setTimeout(() => finish(new ImageFetchFailed("import_image_timeout")), timeoutMs);

      const get = (target: URL, redirectsLeft: number) => {
        if (target.protocol !== "http:" && target.protocol !== "https:")
          return finish(new ImageFetchFailed("import_image_unreachable"));
        const host = target.hostname.replace(/^\[|\]$/g, "");
        if (!allowPrivate && isIP(host) && isPrivateAddress(host))
          return finish(new ImageFetchFailed("import_image_private_host"));
        const send = target.protocol === "https:" ? httpsRequest : httpRequest;
        const req = send(
          target,
          {
            method: "GET",
            headers: { accept: "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8" },
            ...(allowPrivate ? {} : { lookup: guardedLookup }),
          },
          (res: IncomingMessage) => {
            const status = res.statusCode ?? 0;
            if (status >= 300 && status < 400 && res.headers.location) {
              res.resume();
              if (redirectsLeft === 0) return finish(new ImageFetchFailed("import_image_status", { status }));
              return get(new URL(res.headers.location, target), redirectsLeft - 1);
            }
            if (status !== 200) {
              res.resume();
              return finish(new ImageFetchFailed("import_image_status", { status }));
            }
            const type = String(res.headers["content-type"] ?? "")
              .split(";")[0]!
              .trim()
              .toLowerCase();
            if (!type.startsWith("image/"))
              return finish(new ImageFetchFailed("import_image_not_image", { type: type || "?" }));
            const maxMb = Math.round(maxBytes / 1024 / 1024);
            if (Number(res.headers["content-length"] ?? 0) > maxBytes)
              return finish(new ImageFetchFailed("import_image_too_large", { maxMb }));
            const chunks: Buffer[] = [];
            let size = 0;
            res.on("data", (chunk: Buffer) => {
              size += chunk.length;
              // A server that leaves out its length, or gives a wrong one, is cut off at the limit.
              if (size > maxBytes) return finish(new ImageFetchFailed("import_image_too_large", { maxMb }));
              chunks.push(chunk);
            });
            res.on("end", () => finish(null, Buffer.concat(chunks)));
            res.on("error", () => finish(new ImageFetchFailed("import_image_unreachable")));
          },
        );
        current = req;
        req.on("error", (error) =>
          finish(
            error instanceof ImageFetchFailed ? error : new ImageFetchFailed("import_image_unreachable"),
          ),
        );
        req.end();
      };
      try {
        get(new URL(url), 3);
      } catch {
        finish(new ImageFetchFailed("import_image_unreachable"));
      }
    });
}
