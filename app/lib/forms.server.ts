import { json, type TypedResponse } from "@remix-run/node";
import { isDomainError, isInvalid, isRateLimited, type FieldErrors } from "../../server/errors";

export type FormValues = Record<string, string | string[]>;
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: FormValues;
}

const SECRET_FIELDS = /password/i;

/** FormData to a plain object; repeated names (checkbox groups) become arrays. */
export function formValues(formData: FormData): FormValues {
  const out: FormValues = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** What goes back to the form on error: everything the user typed, except passwords. */
function echo(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELDS.test(k)));
}

/**
 * Run a form's use case; expected failures come back as 400/409/429 with the user's input and a translatable
 * message per field, anything else propagates to the error boundary.
 */
export async function runForm<T>(
  values: FormValues,
  action: () => Promise<T>,
): Promise<{ ok: true; result: T } | { ok: false; response: TypedResponse<FormFailure> }> {
  try {
    return { ok: true, result: await action() };
  } catch (error) {
    if (isInvalid(error)) {
      return {
        ok: false,
        response: json({ ok: false as const, errors: error.fields, values: echo(values) }, { status: 400 }),
      };
    }
    if (isRateLimited(error)) {
      return {
        ok: false,
        response: json(
          {
            ok: false as const,
            errors: { _form: { code: error.code, params: error.params } },
            values: echo(values),
          },
          { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
        ),
      };
    }
    if (isDomainError(error) && error.status === 409) {
      return {
        ok: false,
        response: json(
          {
            ok: false as const,
            errors: { _form: { code: error.code, params: error.params } },
            values: echo(values),
          },
          { status: 409 },
        ),
      };
    }
    if (isDomainError(error)) {
      throw json({ error: { code: error.code, params: error.params } }, { status: error.status });
    }
    throw error;
  }
}

/** A failure of one of a page's forms, tagged with that form's `intent` so only it shows the errors. */
export interface IntentFailure extends FormFailure {
  intent: string;
}

/**
 * Run one of several forms on a page, chosen by its hidden `intent`: `work` is null for an intent the page does
 * not know. A failure comes back tagged with the intent (see useIntentFailure), with the user's input kept.
 */
export async function runIntent<T>(
  values: FormValues,
  work: (() => Promise<T>) | null,
): Promise<{ ok: true; result: T } | { ok: false; response: TypedResponse<IntentFailure> }> {
  const intent = String(values.intent ?? "");
  if (!work)
    return {
      ok: false,
      response: json(
        { ok: false as const, intent, errors: { _form: { code: "unknown_intent" } }, values: {} },
        { status: 400 },
      ),
    };
  const outcome = await runForm(values, work);
  if (outcome.ok) return outcome;
  return { ok: false, response: await tagged(intent, outcome.response) };
}

/** A form failure, tagged with the intent of the form it belongs to. */
export async function tagged(
  intent: string,
  response: TypedResponse<FormFailure>,
): Promise<TypedResponse<IntentFailure>> {
  const body = await response.json();
  return json({ ...body, intent }, { status: response.status, headers: response.headers });
}

/** Loaders: domain errors become HTTP responses that the route's error boundary translates. */
export async function orRespond<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isDomainError(error)) {
      throw json({ error: { code: error.code, params: error.params } }, { status: error.status });
    }
    throw error;
  }
}
