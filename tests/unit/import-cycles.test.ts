import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shape of the code, kept by a test: no two folders import each other (directly or round a longer loop), and
 * the server reaches into the app only for the translations it renders mails and errors with. A folder is a
 * domain under server/ (accounts, orders…) or a part of app/ (routes, components, lib…); a file at the top of
 * server/ or app/ (context.ts, root.tsx, i18n.ts) counts as its own node. Type-only imports count too.
 */

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [path.join(dir, e.name)]
        : [],
  );
}

function nodeOf(file: string): string {
  const [top, second, third] = file.split(path.sep);
  if (second === undefined) return top!;
  return third === undefined ? `${top}/${second!.replace(/\.(tsx?|json)$/, "")}` : `${top}/${second}`;
}

/** node → node → the imports that make that edge (for the failure message). */
function edges(): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const file of [...sourceFiles("server"), ...sourceFiles("app")]) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^"';]*?from\s+["'](\.[^"']+)["']/g)) {
      const target = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), m[1]!));
      const from = nodeOf(file);
      const to = nodeOf(target.includes(".") ? target : `${target}.ts`);
      if (from === to || !/^(server|app)\//.test(to)) continue;
      const byTarget = out.get(from) ?? new Map<string, string[]>();
      byTarget.set(to, [...(byTarget.get(to) ?? []), `${file} → ${m[1]}`]);
      out.set(from, byTarget);
    }
  }
  return out;
}

function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const found = new Map<string, string[]>();
  const walk = (start: string, node: string, trail: string[]) => {
    for (const next of graph.get(node)?.keys() ?? []) {
      if (next === start) found.set([...trail].sort().join(" "), [...trail, start]);
      else if (!trail.includes(next) && trail.length < 8) walk(start, next, [...trail, next]);
    }
  };
  for (const node of graph.keys()) walk(node, node, [node]);
  return [...found.values()];
}

describe("the code's shape", () => {
  const graph = edges();

  it("reads the imports of the whole tree", () => {
    // A parser that finds nothing would pass everything: the server's own wiring must be seen.
    expect([...(graph.get("server/context")?.keys() ?? [])]).toEqual(
      expect.arrayContaining(["server/accounts", "server/catalogue", "server/orders", "server/fairs"]),
    );
    expect([...(graph.get("app/routes")?.keys() ?? [])]).toContain("app/components");
  });

  it("has no import cycle between folders", () => {
    const described = cycles(graph).map(
      (loop) =>
        loop.join(" → ") +
        "\n" +
        loop
          .slice(0, -1)
          .map((node, i) => `    ${graph.get(node)!.get(loop[i + 1]!)![0]}`)
          .join("\n"),
    );
    expect(described).toEqual([]);
  });

  it("lets the server reach into the app only for its translations", () => {
    const reaches = [...graph.entries()]
      .filter(([from]) => from.startsWith("server/"))
      .flatMap(([from, targets]) =>
        [...targets.keys()]
          .filter((to) => to.startsWith("app/") && !(from === "server/i18n" && to === "app/i18n"))
          .map((to) => `${from} → ${to}: ${targets.get(to)![0]}`),
      );
    expect(reaches).toEqual([]);
  });
});
