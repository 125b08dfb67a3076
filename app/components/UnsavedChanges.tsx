import { useBlocker, useLocation, type BlockerFunction } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";

/** A form's fields as one string (files by name and size), to tell an edited form from the one first shown. */
function snapshot(form: HTMLFormElement): string {
  const pairs: string[] = [];
  new FormData(form).forEach((value, name) => {
    pairs.push(`${name}=${typeof value === "string" ? value : `${value.name}:${value.size}`}`);
  });
  return pairs.join("&");
}

/**
 * Whether the form holds edits not yet sent: true as soon as a field differs from what the page first showed
 * (typing a change back clears it), or from the start when the server sent the form back refused. Sending the
 * form clears it, so its own submission is never held up.
 */
export function useUnsavedChanges(
  formRef: RefObject<HTMLElement>,
  { refused }: { refused?: object | null } = {},
) {
  const startDirty = Boolean(refused);
  // Each load of the page (after a save, say) starts from what it then shows.
  const { key } = useLocation();
  const initial = useRef<string | null>(null);
  const [dirty, setDirty] = useState(startDirty);
  useEffect(() => {
    // The form itself, or the first form inside the element (a page's IntentForm, wrapped).
    const el = formRef.current;
    const form = el instanceof HTMLFormElement ? el : el?.querySelector("form");
    if (!form) return;
    initial.current = snapshot(form);
    // Refused by the server: what the form holds is not saved, again after each refusal.
    setDirty(startDirty);
    const check = () => setDirty(startDirty || snapshot(form) !== initial.current);
    const sent = () => setDirty(false);
    form.addEventListener("input", check);
    form.addEventListener("change", check);
    form.addEventListener("submit", sent);
    return () => {
      form.removeEventListener("input", check);
      form.removeEventListener("change", check);
      form.removeEventListener("submit", sent);
    };
  }, [formRef, startDirty, refused, key]);
  return dirty;
}

/**
 * Asks before edits are lost: the browser's own question when the tab is closed or reloaded (beforeunload), and
 * a dialog of ours when a link inside the site would leave the page (Remix's useBlocker). Posting a form of the
 * same page (a status change, a picture) is not leaving: the page says there that unsaved edits will be lost.
 */
export function LeaveGuard({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation();
  const blocker = useBlocker(
    useCallback<BlockerFunction>(
      ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
      [dirty],
    ),
  );
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers need returnValue set to show their question.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (blocker.state === "blocked" && !d.open) d.showModal();
    if (blocker.state !== "blocked" && d.open) d.close();
  }, [blocker.state]);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-body"
      onCancel={() => blocker.reset?.()}
    >
      <h2 id="leave-title">{t("workspace:leave.title")}</h2>
      <p id="leave-body">{t("workspace:leave.body")}</p>
      <div className="actions">
        <button type="button" className="button" autoFocus onClick={() => blocker.reset?.()}>
          {t("workspace:leave.stay")}
        </button>
        <button type="button" className="button button-danger" onClick={() => blocker.proceed?.()}>
          {t("workspace:leave.leave")}
        </button>
      </div>
    </dialog>
  );
}
