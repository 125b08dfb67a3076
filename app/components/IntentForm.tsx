import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { FormEvent, ReactNode } from "react";
import { FieldRules, FormError, type FieldError, type FormRules } from "./Fields";

/** What a failed intent form sends back (app/lib/forms.server.ts runIntent). */
export interface IntentFailureData {
  intent: string;
  errors: Record<string, FieldError>;
  values: Record<string, string | string[]>;
}

/**
 * The failure meant for this form, or nothing: a page with several forms shows errors only beside the one that
 * was sent. `key` tells apart one form shown for several items (a booking's row, a booth).
 */
export function failureOf(
  data: unknown,
  intent: string,
  key?: { name: string; value: string },
): IntentFailureData | undefined {
  const d = data as Partial<IntentFailureData> | undefined;
  if (!d || d.intent !== intent || !d.errors) return undefined;
  if (key && d.values?.[key.name] !== key.value) return undefined;
  return d as IntentFailureData;
}

/** failureOf() for the page's own action data. */
export function useIntentFailure(intent: string, key?: { name: string; value: string }) {
  return failureOf(useActionData(), intent, key);
}

/**
 * One of several forms on a page: it posts its `intent`, takes its fields' rules from the server's schema, and
 * asks `confirm` first when what it does cannot be undone (without JavaScript the form simply submits).
 */
export function IntentForm({
  intent,
  rules,
  confirm,
  action,
  className = "stack",
  encType,
  id,
  labelledBy,
  children,
}: {
  intent: string;
  rules?: FormRules;
  confirm?: string;
  action?: string;
  className?: string;
  encType?: "multipart/form-data";
  id?: string;
  /** The heading that names the form, for a page with several. */
  labelledBy?: string;
  children: ReactNode;
}) {
  const onSubmit = confirm
    ? (e: FormEvent<HTMLFormElement>) => {
        if (!window.confirm(confirm)) e.preventDefault();
      }
    : undefined;
  const body = (
    <>
      <input type="hidden" name="intent" value={intent} />
      {children}
    </>
  );
  return (
    <Form
      method="post"
      action={action}
      className={className}
      encType={encType}
      id={id}
      aria-labelledby={labelledBy}
      noValidate
      onSubmit={onSubmit}
    >
      {rules ? <FieldRules rules={rules}>{body}</FieldRules> : body}
    </Form>
  );
}

/** True while this page's form is being sent: buttons say so and do not send twice. */
export function useSubmitting() {
  return useNavigation().state === "submitting";
}

/**
 * A failure that no form on the page can show beside its fields (a tampered intent or hidden id, a form from an
 * older page): said once, at the top, so a 400 never comes back silent. `claimed` says which failures a form
 * on the page shows itself.
 */
export function UnclaimedFailure({ claimed }: { claimed: (failure: IntentFailureData) => boolean }) {
  const data = useActionData() as Partial<IntentFailureData> | undefined;
  if (!data?.errors || claimed(data as IntentFailureData)) return null;
  return <FormError errors={{ _form: data.errors._form ?? { code: "form_outdated" } }} />;
}
