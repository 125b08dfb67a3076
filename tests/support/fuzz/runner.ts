/**
 * Running a property: a run collects every distinct wrong answer it meets (keyed by route and kind: status,
 * missing message, lost input…) with the server's error line and the smallest input that gave it, shrinks each,
 * and so one failing test reports all of them, not only the first.
 */
import fc from "fast-check";
import type { Problem } from "./answers";
import { brief } from "./brief";

export interface FuzzOptions {
  seed: number;
  numRuns: number;
  /** After the runs, how long to spend shrinking the failures found (each kind in turn). */
  shrinkMs?: number;
}

interface Seen {
  /** The smallest input seen to give it, as brief() shows it. */
  input: string;
  detail: string;
  count: number;
  /** The run that showed it first, and the shrunk counterexample with its replay path. */
  run?: number;
  shrunk?: { input: string; path: string };
}

/**
 * Run `check` over `numRuns` inputs from `arb` with a fixed seed, all of them whatever fails: every distinct
 * problem (its `kind` on its route) is kept with the smallest input that showed it. Then each kind in turn is
 * replayed from the run that first showed it and shrunk by fast-check (within `shrinkMs` in all). Fails with
 * every kind, its shrunk input and how to replay it: FUZZ_SEED and FUZZ_PATH replay one input (FUZZ_RUNS
 * widens a run). Incidental problems do not fail the property: they are kept for incidentalProblems().
 */
export async function fuzz<T>(
  label: string,
  arb: fc.Arbitrary<T>,
  check: (input: T) => Promise<Array<Problem & { where: string }>>,
  options: FuzzOptions,
): Promise<void> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : options.seed;
  const numRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : options.numRuns;
  const replay = process.env.FUZZ_PATH;
  const seen = new Map<string, Seen>();
  const keyOf = (p: Problem & { where: string }) => `${p.where} → ${p.kind}`;
  let run = 0;
  let exploring = true;

  /** Check one input, keeping what it shows; the keys of its (not incidental) problems. */
  const probe = async (input: T): Promise<string[]> => {
    const all = await check(input);
    const shown = brief(input);
    for (const p of all.filter((x) => x.incidental)) {
      const before = strays.get(keyOf(p));
      strays.set(keyOf(p), {
        input: before?.input ?? shown,
        detail: before?.detail ?? p.detail ?? "",
        count: (before?.count ?? 0) + 1,
      });
    }
    const problems = all.filter((x) => !x.incidental);
    for (const p of problems) {
      const before = seen.get(keyOf(p));
      if (!before)
        seen.set(keyOf(p), {
          input: shown,
          detail: p.detail ?? "",
          count: 1,
          run: exploring ? run : undefined,
        });
      else {
        before.count += 1;
        if (shown.length < before.input.length)
          Object.assign(before, { input: shown, detail: p.detail ?? "" });
      }
    }
    return problems.map(keyOf);
  };

  const explored = await fc.check(
    fc.asyncProperty(arb, async (input) => {
      const keys = await probe(input);
      run += 1;
      return replay ? keys.length === 0 : true;
    }),
    { seed, numRuns, ...(replay ? { path: replay, endOnFailure: true } : {}) },
  );
  exploring = false;
  // A check that threw (not a wrong answer: a fixture that could not be made) stops the runs.
  const crash = explored.failed && !replay ? explored.errorInstance : null;
  if (crash && seen.size === 0) throw crash;

  const deadline = Date.now() + (options.shrinkMs ?? 10_000);
  for (const [key, kind] of replay ? [] : seen) {
    if (Date.now() > deadline) break;
    if (kind.run === undefined) continue;
    const shrunk = await fc.check(
      fc.asyncProperty(arb, async (input) => Date.now() > deadline || !(await probe(input)).includes(key)),
      { seed, path: String(kind.run), numRuns: 1 },
    );
    if (shrunk.failed && shrunk.counterexample)
      kind.shrunk = { input: brief(shrunk.counterexample[0]), path: shrunk.counterexamplePath ?? "" };
  }
  if (seen.size === 0) return;

  const lines = [
    `${label}: ${seen.size} kind(s) of wrong answer in ${run} of ${numRuns} runs (seed ${seed})`,
  ];
  if (crash) lines.push(`the runs stopped on: ${String(crash)}`);
  for (const [key, s] of seen) {
    lines.push(`• ${key}  [${s.count}×]`);
    if (s.detail) lines.push(`    server: ${s.detail}`);
    if (s.shrunk)
      lines.push(
        `    shrunk input: ${s.shrunk.input}`,
        `    replay: FUZZ_SEED=${seed} FUZZ_PATH=${s.shrunk.path}`,
      );
    if (!s.shrunk || s.input !== s.shrunk.input) lines.push(`    smallest input seen: ${s.input}`);
  }
  throw new Error(lines.join("\n"));
}

/** Incidental problems (not caused by the input) seen by every property so far, reported by their own test. */
const strays = new Map<string, Seen>();

export function resetIncidentalProblems() {
  strays.clear();
}

export function incidentalProblems(): string[] {
  const byKind = new Map<string, Array<[string, Seen]>>();
  for (const [key, seen] of strays) {
    const [where, kind] = key.split(" → ") as [string, string];
    byKind.set(kind, [...(byKind.get(kind) ?? []), [where, seen]]);
  }
  return [...byKind].map(([kind, seen]) => {
    const total = seen.reduce((n, [, s]) => n + s.count, 0);
    const [where, first] = seen[0]!;
    return (
      `${kind}: ${total}× on ${seen.length} route(s), e.g. ${first.detail} on ${where}\n` +
      `    routes: ${seen
        .slice(0, 12)
        .map(([w]) => w)
        .join(", ")}${seen.length > 12 ? ", …" : ""}`
    );
  });
}
