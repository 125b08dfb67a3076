import { Transform } from "node:stream";

/** `VIEW_SIZE` in react-dom-server.node 18.3: the size of every buffer React encodes into. */
export const REACT_VIEW_SIZE = 2048;

/** Bytes in the UTF-8 character this byte starts (1 for ASCII and for a byte that cannot start one). */
function characterLength(lead: number) {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/**
 * React 18.3's streaming renderer (react-dom-server.node, `writeStringChunk`) encodes text into a 2048-byte view
 * with `TextEncoder.encodeInto`. When the next character does not fit in the room left, encodeInto stops before
 * it and React flushes the *whole* view, so the 1–3 bytes it never wrote go out as zeros; the character then
 * opens the next chunk ("kh\0ông"). Fixed upstream in facebook/react#26228, which shipped in React 19 only.
 *
 * That leaves a precise signature, and only bytes matching it are dropped:
 * - the chunk is exactly VIEW_SIZE bytes (React cuts its other writes to the bytes written, so only a full
 *   view can carry padding);
 * - it ends in 1–3 zero bytes (a UTF-8 character is at most 4 bytes, so at most 3 are left unwritten);
 * - the next chunk starts with a character longer than the zeros dropped: the one that did not fit.
 * The zeros are held back until the next chunk shows whether they were padding, and given back if not (or at
 * the end of the stream, which padding never ends: the rest always follows). Dropping only 0x00 bytes can never
 * break a UTF-8 sequence. What cannot be told apart: a real U+0000 written just before the padding, followed
 * by a character long enough to have been the one that did not fit. It is dropped too; the HTML parser
 * ignores a NUL in text anyway, and forms strip them on the way in (app/lib/forms.server.ts).
 */
export function withoutNulPadding() {
  /** Zero bytes that ended the last full view, until the next chunk says whether they were padding. */
  let held: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.length === 0) return done();
      if (held) {
        const padding = Math.min(held.length, characterLength(chunk[0]!) - 1);
        if (padding < held.length) this.push(held.subarray(0, held.length - padding));
        held = null;
      }
      let end = chunk.length;
      if (chunk.length === REACT_VIEW_SIZE) while (chunk.length - end < 3 && chunk[end - 1] === 0) end--;
      if (end < chunk.length) held = chunk.subarray(end);
      done(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
    flush(done) {
      done(null, held ?? undefined);
    },
  });
}
