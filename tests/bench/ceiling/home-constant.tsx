import type { LoaderFunctionArgs } from "@remix-run/node";
import { loader as homeLoader } from "../../../app/routes/_index";

/**
 * The load benchmark's render bound for the home page (tests/bench/load.ts): the home page's own component and
 * meta, with its loader's answer read once and then kept in memory. What is left is everything but the database:
 * Remix's data handling, React's rendering of the page's markup, compression. If this route is below a share of
 * the ceiling, no work on queries can bring the real page above it. Benchmark build only (remix.config.js).
 */
export { default, meta } from "../../../app/routes/_index";

const answers = new Map<string, Promise<{ body: string; type: string }>>();

export function loader(args: LoaderFunctionArgs) {
  const language = args.request.headers.get("Accept-Language") ?? "";
  let answer = answers.get(language);
  if (!answer) {
    answer = homeLoader(args).then(async (response) => ({
      body: await response.text(),
      type: response.headers.get("Content-Type") ?? "application/json; charset=utf-8",
    }));
    answers.set(language, answer);
  }
  return answer.then(({ body, type }) => new Response(body, { headers: { "Content-Type": type } }));
}
