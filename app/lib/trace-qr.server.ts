import QRCode from "qrcode";

/** The public address a batch's QR code points at: the site's own origin, not the host a request came through. */
export function traceUrl(origin: string, publicCode: string): string {
  return `${origin}/trace/${publicCode}`;
}

/**
 * The batch's QR code as an SVG document (the download, the trace page, the label sheet: one code everywhere).
 * Error correction M survives a scuffed label; the two-module margin is the quiet zone scanners need.
 */
export function traceQrSvg(origin: string, publicCode: string): Promise<string> {
  return QRCode.toString(traceUrl(origin, publicCode), { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
