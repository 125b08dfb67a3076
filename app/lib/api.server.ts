import { json } from "@remix-run/node";
import { isDomainError, isInvalid } from "../../server/errors";

/**
 * JSON API answers: domain errors become 4xx with a JSON body naming the code and, for bad input, the
 * parameter; anything unexpected becomes a 500 with no detail.
 */
export async function apiResponse<T>(work: () => Promise<T>, headers: HeadersInit = {}) {
  try {
    return json(await work(), { headers: { "Cache-Control": "public, max-age=60", ...headers } });
  } catch (error) {
    if (isInvalid(error)) {
      const [parameter, detail] = Object.entries(error.fields)[0] ?? ["", { code: "invalid" }];
      return json(
        {
          error: {
            code: "invalid_parameter",
            parameter: toSnake(parameter),
            reason: detail.code,
            params: detail.params ?? {},
            fields: error.fields,
          },
        },
        { status: 400 },
      );
    }
    if (isDomainError(error))
      return json({ error: { code: error.code, params: error.params } }, { status: error.status });
    throw error;
  }
}

const toSnake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
