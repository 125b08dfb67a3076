import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { IntentForm, useSubmitting } from "./IntentForm";

/** One entry of a "more actions" menu: what it is called, what the confirmation says, and the form it sends. */
export interface ConfirmedAction {
  /** Also the `?confirm=` value of its confirmation step without JavaScript. */
  key: string;
  label: string;
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  intent: string;
  fields: Record<string, string>;
}

/**
 * Actions that change what a thing is (publish, archive…), kept out of the way of its form: a menu button
 * (<details>, so it opens without JavaScript) whose entries never act at once. Each entry is a link to a
 * confirmation step (`?confirm=<key>`, rendered by the page from its loader); with JavaScript the same step opens
 * in a modal <dialog> instead. `unsaved` adds a warning that edits not yet saved will be lost.
 */
export function MoreActions({
  label,
  actions,
  confirming,
  action,
  unsaved,
}: {
  label: string;
  actions: ConfirmedAction[];
  /** The key the page was asked to confirm without JavaScript, if any. */
  confirming: string | null;
  action: string;
  unsaved: boolean;
}) {
  const [chosen, setChosen] = useState<ConfirmedAction | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();

  // Once the confirmed form has done its work (the page is loaded again), the step closes.
  useEffect(() => {
    dialog.current?.close();
    setChosen(null);
  }, [location.key]);

  useEffect(() => {
    const d = dialog.current;
    if (d && chosen && !d.open) d.showModal();
  }, [chosen]);

  const open = (a: ConfirmedAction) => (e: MouseEvent) => {
    e.preventDefault();
    if (menu.current) menu.current.open = false;
    setChosen(a);
  };
  const close = () => {
    dialog.current?.close();
    setChosen(null);
  };
  const inline = actions.find((a) => a.key === confirming) ?? null;

  return (
    <>
      <details className="menu" ref={menu}>
        <summary className="button button-secondary">{label}</summary>
        <ul className="menu-list">
          {actions.map((a) => (
            <li key={a.key}>
              <Link
                to={`${action}?confirm=${encodeURIComponent(a.key)}`}
                className={a.danger ? "menu-danger" : undefined}
                onClick={open(a)}
                preventScrollReset
              >
                {a.label}
              </Link>
            </li>
          ))}
        </ul>
      </details>
      {inline && (
        <section className="card confirm-step" aria-labelledby="confirm-step-title">
          <ConfirmBody a={inline} action={action} unsaved={unsaved} headingId="confirm-step-title">
            <Link to={action} className="button button-secondary">
              <CancelLabel />
            </Link>
          </ConfirmBody>
        </section>
      )}
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby="confirm-dialog-title"
        onClose={() => setChosen(null)}
      >
        {chosen && (
          <ConfirmBody a={chosen} action={action} unsaved={unsaved} headingId="confirm-dialog-title">
            <button type="button" className="button button-secondary" onClick={close} autoFocus>
              <CancelLabel />
            </button>
          </ConfirmBody>
        )}
      </dialog>
    </>
  );
}

function CancelLabel() {
  const { t } = useTranslation();
  return <>{t("workspace:confirm.cancel")}</>;
}

function ConfirmBody({
  a,
  action,
  unsaved,
  headingId,
  children,
}: {
  a: ConfirmedAction;
  action: string;
  unsaved: boolean;
  headingId: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const busy = useSubmitting();
  return (
    <>
      <h2 id={headingId}>{a.title}</h2>
      <p>{a.body}</p>
      {unsaved && <p className="notice notice-pending">{t("workspace:confirm.unsaved")}</p>}
      <IntentForm intent={a.intent} action={action} className="actions">
        {Object.entries(a.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" className={`button${a.danger ? " button-danger" : ""}`} disabled={busy}>
          {a.confirmLabel}
        </button>
        {children}
      </IntentForm>
    </>
  );
}
