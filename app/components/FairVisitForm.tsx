import { useTranslation } from "react-i18next";
import type { FormRules } from "../../server/validation";
import { FormError, TextField, valueOf } from "./Fields";
import { IntentForm, useIntentFailure, useSubmitting } from "./IntentForm";

/** "I will visit": a guest gives name, e-mail and phone; a signed-in visitor only confirms a phone. */
export default function FairVisitForm({
  rules,
  viewer,
}: {
  rules: FormRules;
  viewer: { guest: boolean; name?: string | null; phone?: string | null };
}) {
  const { t } = useTranslation();
  const failure = useIntentFailure("visit");
  const busy = useSubmitting();
  const errors = failure?.errors;
  return (
    <IntentForm intent="visit" rules={rules} labelledBy="visit-title" className="stack fair-visit-form">
      <p className="muted">{t("fairs:visit.lead")}</p>
      <FormError errors={errors} />
      {viewer.guest ? (
        <div className="field-row">
          <TextField
            name="name"
            id="visit-name"
            label={t("fairs:visit.name")}
            autoComplete="name"
            errors={errors}
            defaultValue={valueOf(failure?.values, "name")}
          />
          <TextField
            name="email"
            id="visit-email"
            type="email"
            label={t("fairs:visit.email")}
            autoComplete="email"
            errors={errors}
            defaultValue={valueOf(failure?.values, "email")}
          />
        </div>
      ) : (
        <p className="small">{t("fairs:visit.as", { name: viewer.name })}</p>
      )}
      <TextField
        name="phone"
        id="visit-phone"
        type="tel"
        label={t("fairs:visit.phone")}
        autoComplete="tel"
        errors={errors}
        defaultValue={valueOf(failure?.values, "phone", viewer.phone ?? undefined)}
      />
      <p>
        <button type="submit" className="button" disabled={busy}>
          {t("fairs:visit.submit")}
        </button>
      </p>
    </IntentForm>
  );
}
