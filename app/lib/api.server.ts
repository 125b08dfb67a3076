import { json } from "@remix-run/node";
import { errorAnswer } from "../../server/errors";
import { CACHE_CONTROL } from "../../server/http/caching";

/**
 * JSON API answers: domain errors become 4xx with a JSON body naming the code and, for bad input, the
 * parameter; anything unexpected becomes a 500 with no detail. An answer is public for a short while
 * (server/http/caching.ts: the ETag, the 304 and the private variant for a signed-in caller are added there).
 */
export async function apiResponse<T>(work: () => Promise<T>, headers: HeadersInit = {}) {
  try {
    return json(await work(), { headers: { "Cache-Control": CACHE_CONTROL.publicApi, ...headers } });
  } catch (error) {
    const answer = errorAnswer(error);
    if (!answer) throw error;
    if (answer.fields) {
      // An API client is told which query parameter, in the API's own snake_case.
      const [parameter, detail] = Object.entries(answer.fields)[0] ?? ["", { code: "invalid" }];
      return json(
        {
          error: {
            code: "invalid_parameter",
            parameter: toSnake(parameter),
            reason: detail.code,
            params: detail.params ?? {},
            fields: answer.fields,
          },
        },
        { status: answer.status, headers: answer.headers },
      );
    }
    return json(answer.body, { status: answer.status, headers: answer.headers });
  }
}

const toSnake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
