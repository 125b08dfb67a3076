import { useTranslation } from "react-i18next";
import { FormError } from "./Fields";
import { IntentForm, useIntentFailure, useSubmitting } from "./IntentForm";

/** The buttons in the order they are offered; the page shows those the demand's state allows. */
const ORDER = ["resume", "renew", "pause", "fulfil", "close"] as const;
export type DemandButton = (typeof ORDER)[number];

/** What a page may confirm after a redirect (`?saved=`); anything else in the URL is ignored. */
export const DEMAND_SAVED = ["created", "details", ...ORDER] as const;

/** Ending a demand takes it off the board for good: the browser asks first. */
const CONFIRM: Partial<Record<DemandButton, string>> = {
  fulfil: "demands:actions.confirmFulfil",
  close: "demands:actions.confirmClose",
};

/**
 * A demand's lifecycle buttons (`demandMachine.available(demand, "buyer")`, worked out by the loader), as one
 * form per button so that each can ask for confirmation; a failure shows beside the demand it was for.
 */
export function DemandActions({
  publicId,
  actions,
  action,
}: {
  publicId: string;
  actions: readonly string[];
  /** The page that handles the form, when it is not the current one. */
  action?: string;
}) {
  const { t } = useTranslation();
  const busy = useSubmitting();
  const failure = useIntentFailure("act", { name: "publicId", value: publicId });
  const offered = ORDER.filter((a) => actions.includes(a));
  if (offered.length === 0) return <p className="muted">{t("demands:actions.none")}</p>;
  return (
    <>
      <FormError errors={failure?.errors} />
      <div className="actions">
        {offered.map((a) => (
          <IntentForm
            key={a}
            intent="act"
            action={action}
            className=""
            confirm={CONFIRM[a] ? t(CONFIRM[a]!) : undefined}
          >
            <input type="hidden" name="publicId" value={publicId} />
            <button
              type="submit"
              name="action"
              value={a}
              className={`button button-small${a === "resume" || a === "renew" ? "" : " button-secondary"}`}
              disabled={busy}
            >
              {t(`demands:actions.${a}`)}
            </button>
          </IntentForm>
        ))}
      </div>
    </>
  );
}
