import { json, type TypedResponse } from "@remix-run/node";
import { errorAnswer, Invalid, type FieldErrors } from "../../server/errors";

export type FormValues = Record<string, string | string[]>;
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: FormValues;
}

const SECRET_FIELDS = /password/i;

/**
 * Control characters other than tab and line breaks mean nothing in a form's text, and a NUL would cut an
 * SQLite literal short: they are dropped as the form is read.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** FormData to a plain object; repeated names (checkbox groups) become arrays. */
export function formValues(formData: FormData): FormValues {
  const out: FormValues = {};
  for (const [key, raw] of formData.entries()) {
    if (typeof raw !== "string") continue;
    const value = raw.replace(CONTROL, "");
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** A page's form, read: a body that is not one (a broken multipart, say) is the sender's mistake, a 400. */
export async function readForm(request: Request): Promise<FormValues> {
  try {
    return formValues(await request.formData());
  } catch {
    throw json({ error: { code: "form_unreadable" } }, { status: 400 });
  }
}

/**
 * The id a form carries in a hidden field (a booth, an image, a cooperative). One that is not an id was tampered
 * with or belongs to an old page: the form says so at its top instead of the database meeting NaN.
 */
export function formId(values: FormValues, name: string): number {
  const raw = values[name];
  const id = typeof raw === "string" && /^\d{1,10}$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647)
    throw new Invalid({ _form: { code: "form_outdated" } });
  return id;
}

/**
 * A numeric id from the URL (`/matches/12`): anything that cannot be a row's id names nothing, and the route's
 * error boundary says so (404 with `code`) without asking the database.
 */
export function pathId(raw: string | undefined, code: string): number {
  const id = raw && /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647)
    throw json({ error: { code } }, { status: 404 });
  return id;
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
    const answer = errorAnswer(error);
    if (!answer) throw error;
    // What the form can show (bad fields, a conflict, too many tries) comes back to it with the input kept;
    // anything else (not found, forbidden) is the page's error boundary's.
    if (answer.fields || answer.status === 409 || answer.status === 429) {
      return {
        ok: false,
        response: json(
          {
            ok: false as const,
            errors: answer.fields ?? {
              _form: { code: answer.body.error.code, params: answer.body.error.params },
            },
            values: echo(values),
          },
          { status: answer.status, headers: answer.headers },
        ),
      };
    }
    throw json(answer.body, { status: answer.status, headers: answer.headers });
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
      // No form of the page sent this: tagged with no intent, so the page says it at its top.
      response: json(
        { ok: false as const, intent: "", errors: { _form: { code: "unknown_intent" } }, values: {} },
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
    const answer = errorAnswer(error);
    if (answer) throw json(answer.body, { status: answer.status, headers: answer.headers });
    throw error;
  }
}
