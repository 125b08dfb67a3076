import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField, valueOf, type Errors } from "./Fields";

/** A new account's own fields: name, email, phone and the password twice (registration, and signing up in place). */
export function AccountFields({
  errors,
  values,
}: {
  errors: Errors;
  values?: Record<string, string | string[]>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        name="fullName"
        label={t("auth:fields.fullName")}
        errors={errors}
        autoComplete="name"
        defaultValue={valueOf(values, "fullName")}
      />
      <div className="field-row">
        <TextField
          name="email"
          type="email"
          label={t("auth:fields.email")}
          errors={errors}
          autoComplete="email"
          defaultValue={valueOf(values, "email")}
        />
        <TextField
          name="phone"
          type="tel"
          inputMode="tel"
          label={t("auth:fields.phone")}
          errors={errors}
          autoComplete="tel"
          defaultValue={valueOf(values, "phone")}
          hint={t("auth:fields.phoneHint")}
        />
      </div>
      <div className="field-row">
        <TextField
          name="password"
          type="password"
          label={t("auth:fields.password")}
          errors={errors}
          autoComplete="new-password"
          hint={t("auth:fields.passwordHint")}
        />
        <TextField
          name="passwordConfirm"
          type="password"
          label={t("auth:fields.passwordConfirm")}
          errors={errors}
          // Blank passes its own schema (the pair is compared after): required here, not read off the rules.
          required
          autoComplete="new-password"
        />
      </div>
    </>
  );
}

/**
 * "I have read the <notice>Privacy notice</notice> and agree…", the notice a link. Split by hand, not with
 * react-i18next's <Trans>: that one use kept Trans and its HTML parser in the JavaScript of every page (3 KB).
 */
export function ConsentLabel({ text }: { text: string }) {
  const [before = "", rest = ""] = text.split("<notice>");
  const [inside = "", after = ""] = rest.split("</notice>");
  return (
    <>
      {before}
      {/* A new tab, so that reading the notice does not lose what was typed here. */}
      <Link to="/privacy" target="_blank" rel="noopener">
        {inside}
      </Link>
      {after}
    </>
  );
}
