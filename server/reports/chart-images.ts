import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

/*
 * The pages' charts (server-rendered SVG, app/components/charts) as pictures for a PDF: sharp renders SVG through
 * librsvg. The SVG a page gets is made for a browser — width 100%, colours as CSS custom properties with fallbacks,
 * no namespace — so it is first made standalone: its own size, plain colours, the namespace, and a font.
 */

export interface ChartImage {
  png: Buffer;
  /** The drawing's own size, in SVG units (about a point each at the page's 12-unit text). */
  width: number;
  height: number;
}

const FONT_FAMILY = "'Be Vietnam Pro', 'DejaVu Sans', 'Noto Sans', 'Liberation Sans', sans-serif";

let fontsReady = false;

/**
 * librsvg finds fonts through fontconfig, which knows only the machine's fonts (a server image may have none, and
 * few have Vietnamese glyphs). Before the first chart is drawn, fontconfig is pointed at a configuration that adds
 * the Be Vietnam Pro files the PDFs embed to the system's fonts, so charts read like the text around them. This only
 * takes effect if nothing in the process has drawn text through fontconfig yet (it reads its configuration once),
 * and never overrides a FONTCONFIG_FILE the operator set; otherwise the system's sans-serif draws the charts.
 */
function ensureChartFonts() {
  if (fontsReady) return;
  fontsReady = true;
  if (process.env.FONTCONFIG_FILE) return;
  try {
    const resolve = createRequire(import.meta.url).resolve;
    const dirs = [
      "@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf",
      "@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf",
    ].map((file) => path.dirname(resolve(file)));
    const dir = path.join(tmpdir(), "htx-connect-fontconfig");
    mkdirSync(path.join(dir, "cache"), { recursive: true });
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const file = path.join(dir, "fonts.conf");
    writeFileSync(
      file,
      `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${dirs.map((d) => `  <dir>${escape(d)}</dir>`).join("\n")}
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>${escape(path.join(dir, "cache"))}</cachedir>
</fontconfig>
`,
    );
    process.env.FONTCONFIG_FILE = file;
  } catch {
    // The system's fonts draw the charts instead.
  }
}

/**
 * The <svg> element of a chart's markup (a <figure> with its caption and data table), made standalone: null when
 * the chart had nothing to draw (it renders its empty message instead of an SVG).
 */
export function standaloneSvg(markup: string): { svg: string; width: number; height: number } | null {
  const found = /<svg\b[\s\S]*?<\/svg>/.exec(markup);
  if (!found) return null;
  let svg = found[0];
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!box) return null;
  const width = Number(box[1]);
  const height = Number(box[2]);
  svg = svg
    // var(--chart-1, #1f6f43) → #1f6f43: what a browser without the page's stylesheet would use.
    .replace(/var\(--[\w-]+,\s*([^)]+)\)/g, "$1")
    .replace(/\swidth="100%"/, "")
    .replace(/\sstyle="[^"]*"/, "")
    .replace(
      /^<svg\b/,
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FONT_FAMILY}"`,
    );
  return { svg, width, height };
}

/** The chart drawn as a PNG `scale` times its own size (2.5 prints sharply at the size a PDF page gives it). */
export async function chartImage(markup: string, scale = 2.5): Promise<ChartImage | null> {
  const standalone = standaloneSvg(markup);
  if (!standalone) return null;
  ensureChartFonts();
  const png = await sharp(Buffer.from(standalone.svg), { density: 72 * scale })
    .flatten({ background: "#ffffff" })
    .png()
    .toBuffer();
  return { png, width: standalone.width, height: standalone.height };
}
