import { Writable, type Transform } from "node:stream";
import { buffer } from "node:stream/consumers";
import fc from "fast-check";
import type { ReactNode } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { REACT_VIEW_SIZE, withoutNulPadding } from "../../app/lib/nul-padding.server";

/**
 * The transform that takes React 18's stray zero bytes out of streamed pages (app/lib/nul-padding.server.ts):
 * first on chunk sequences built by hand, then on what react-dom/server really streams, compared byte for byte
 * with renderToString, which never pads.
 */

const utf8 = (s: string) => Buffer.from(s, "utf8");
const nulCount = (b: Uint8Array) => b.reduce((n, byte) => n + (byte === 0 ? 1 : 0), 0);

/** Writes the chunks one by one, as React writes its views, and collects what comes out. */
async function through(chunks: Uint8Array[], transform: Transform = withoutNulPadding()) {
  const out = buffer(transform);
  for (const chunk of chunks) transform.write(chunk);
  transform.end();
  return out;
}

/**
 * A full view as React 18 flushes it when the next character does not fit: `opening` (the character that did
 * not fit in the view before, if any) and ASCII, then `text`, then `padding` zero bytes it never wrote (a fresh
 * Uint8Array is all zeros).
 */
function paddedView(text: string, padding: number, opening = "<p>") {
  const view = new Uint8Array(REACT_VIEW_SIZE);
  const head = utf8(opening);
  const tail = utf8(text);
  const end = REACT_VIEW_SIZE - tail.length - padding;
  view.set(head, 0);
  view.fill(0x78, head.length, end);
  view.set(tail, end);
  return view;
}
const contentOf = (view: Uint8Array, padding: number) => Buffer.from(view.subarray(0, view.length - padding));

describe("React 18's zero padding, on chunks built by hand", () => {
  it.each([
    // before the boundary, the character that did not fit and the rest, bytes of padding it left
    ["kh", "ông bắt buộc", 1], // ô is 2 bytes: the /register case, "kh\0ông"
    ["bu", "ộc", 1], // ộ is 3 bytes
    ["bu", "ộc", 2],
    ["trà ", "🍵 xanh", 1], // 4 bytes
    ["trà ", "🍵 xanh", 2],
    ["trà ", "🍵 xanh", 3],
  ] as const)("drops the padding between %j and %j (%i byte)", async (before, next, padding) => {
    const view = paddedView(before, padding);
    expect(nulCount(view)).toBe(padding);
    const out = await through([view, utf8(next)]);
    expect(out).toEqual(Buffer.concat([contentOf(view, padding), utf8(next)]));
    expect(nulCount(out)).toBe(0);
    expect(out.toString("utf8")).toContain(`${before}${next}`);
  });

  it("drops the padding of several views in a row, and passes the rest through untouched", async () => {
    const a = paddedView("Hợp tác xã chè La B", 1);
    const b = paddedView("Thái Nguy", 2, "ằng, ");
    const full = paddedView("ê", 0, "ễn ");
    const out = await through([a, b, full, utf8("n 🍵"), utf8("</p>")]);
    expect(nulCount(out)).toBe(0);
    expect(out).toEqual(Buffer.concat([contentOf(a, 1), contentOf(b, 2), full, utf8("n 🍵</p>")]));
  });
});

describe("legitimate bytes are never lost", () => {
  // An HTML stream is text, not binary, so the only legitimate 0x00 is a real U+0000 in the content. React
  // writes one as is (text is only escaped for <>&'"); it is kept except in the one case that looks exactly
  // like padding (last test).

  it("keeps a real NUL at the end of any chunk that is not a full view, whatever follows", async () => {
    const chunks = [utf8("<p>mã\0"), utf8("ộ</p>"), utf8("x\0\0\0"), utf8("🍵\0")];
    expect(await through(chunks)).toEqual(Buffer.concat(chunks));
  });

  it("keeps a real NUL ending a full view when the next character could not have been cut (ASCII)", async () => {
    const view = paddedView("mã\0", 0);
    expect(await through([view, utf8("</p>")])).toEqual(Buffer.concat([view, utf8("</p>")]));
  });

  it("keeps a real NUL ending the last chunk of the stream (padding is always followed by the rest)", async () => {
    const view = paddedView("mã\0\0", 0);
    expect(await through([view])).toEqual(Buffer.from(view));
  });

  it("keeps the zeros that outnumber what the next character could have left", async () => {
    // "mã\0" then 1 byte of padding before a 2-byte "ô": only one of the two zeros can be padding.
    const view = paddedView("mã\0", 1);
    expect(await through([view, utf8("ông")])).toEqual(Buffer.concat([contentOf(view, 1), utf8("ông")]));
  });

  it("drops a real NUL only when it is indistinguishable from padding (documented)", async () => {
    // "mã\0" + one zero of padding before a 3-byte "ộ" is the same byte sequence as "mã" + two of padding.
    const view = paddedView("mã\0", 1);
    const out = await through([view, utf8("ộ")]);
    expect(out.toString("utf8")).toMatch(/mãộ$/);
  });

  it("never drops, adds or moves a non-zero byte, and never touches a stream without full views", () => {
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      // Full views, with zeros at the end more often than chance, and the characters that follow padding.
      fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 4 }))
        .map(([tail, zeros]) => {
          const view = new Uint8Array(REACT_VIEW_SIZE).fill(0x61);
          view.set(tail, REACT_VIEW_SIZE - zeros - tail.length);
          view.fill(0, REACT_VIEW_SIZE - zeros);
          return view;
        }),
      fc.constantFrom(...["ô", "ộ", "🍵", "\0", "\0\0ộ"].map((s) => new Uint8Array(utf8(s)))),
    );
    return fc.assert(
      fc.asyncProperty(fc.array(chunk, { maxLength: 12 }), async (chunks) => {
        const input = Buffer.concat(chunks);
        const out = await through(chunks);
        const nonZero = (b: Buffer) => Buffer.from(b.filter((byte) => byte !== 0));
        expect(nonZero(out).equals(nonZero(input)), "the non-zero bytes, in order").toBe(true);
        const fullViews = chunks.filter((c) => c.length === REACT_VIEW_SIZE).length;
        expect(input.length - out.length).toBeLessThanOrEqual(3 * fullViews);
        if (fullViews === 0) expect(out.equals(input), "a stream without full views").toBe(true);
      }),
      { seed: 26228, numRuns: 300 },
    );
  }, 30_000);
});

/** What react-dom/server streams for this element, chunk by chunk, without any transform. */
function rawChunks(element: ReactNode) {
  return new Promise<Buffer[]>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    sink.on("finish", () => resolve(chunks));
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(sink), onShellError: reject });
  });
}

/** The same stream piped through the transform, as entry.server.tsx does. */
function streamed(element: ReactNode) {
  return new Promise<Buffer>((resolve, reject) => {
    const body = withoutNulPadding();
    buffer(body).then(resolve, reject);
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(body), onShellError: reject });
  });
}

const WORDS = [
  "Không bắt buộc",
  "Hợp tác xã chè La Bằng",
  "miến dong Na Rì",
  "trà shan tuyết cổ thụ",
  "đặc sản OCOP ★★★★",
  "mật ong bạc hà Hà Giang 🍯",
  "gạo nếp cái hoa vàng",
];

/** A page-like tree full of Vietnamese, shifted by `shift` ASCII bytes so the 2 KB boundaries fall elsewhere. */
function Catalogue({ shift }: { shift: number }) {
  return (
    <main>
      <h1 title={"x".repeat(shift)}>Sản phẩm hợp tác xã</h1>
      <ul>
        {Array.from({ length: 120 }, (_, i) => (
          <li key={i} data-name={WORDS[(i * 3) % WORDS.length]}>
            <a href={`/products/san-pham-${i}`}>{WORDS[i % WORDS.length]}</a> · {i * 1_000} ₫
          </li>
        ))}
      </ul>
    </main>
  );
}

describe("what react-dom/server really streams", () => {
  it("pads full views with zeros, and the transform gives back exactly renderToString's bytes", async () => {
    const paddings: number[] = [];
    for (let shift = 0; shift < 48; shift++) {
      const raw = await rawChunks(<Catalogue shift={shift} />);
      let padded = 0;
      for (const [i, chunk] of raw.entries()) {
        const zeros = chunk.length - chunk.findLastIndex((b) => b !== 0) - 1;
        if (zeros === 0) continue;
        expect(chunk.length, "only a full view is padded").toBe(REACT_VIEW_SIZE);
        expect(raw[i + 1]![0], "the character that did not fit follows").toBeGreaterThanOrEqual(0xc0);
        paddings.push(zeros);
        padded += zeros;
      }
      // Every zero byte React streamed is padding at the end of a view.
      expect(nulCount(Buffer.concat(raw))).toBe(padded);
      // Compared as text first for a readable diff (a NUL shows as \u0000), then byte for byte.
      const expected = utf8(renderToString(<Catalogue shift={shift} />));
      const out = await streamed(<Catalogue shift={shift} />);
      expect(out.toString("utf8"), `shifted by ${shift}`).toBe(expected.toString("utf8"));
      expect(out.equals(expected)).toBe(true);
    }
    // React 18.3 leaves 1, 2 and 3 bytes (before 2-, 3- and 4-byte characters). Under a React that no longer
    // pads (19 has facebook/react#26228) this fails: the transform can then go.
    expect(new Set(paddings)).toEqual(new Set([1, 2, 3]));
  }, 30_000);

  it("keeps a real NUL that ends a long text node (React writes it as a chunk of its own)", async () => {
    const text = `${"Mô tả dài ".repeat(80)}\0`;
    const element = <p>{text}</p>;
    const expected = utf8(renderToString(element));
    expect(nulCount(expected)).toBe(1);
    expect(await streamed(element)).toEqual(expected);
  });
});
