import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BankTransferInstructions as BankTransfer } from "../../server/payments/vietqr";
import { formatVnd } from "../../server/vocabulary/format";
import { toLocale } from "../../server/vocabulary/locale";

/**
 * What a buyer needs to pay one order by bank transfer: every value typed exactly as the banking app wants it
 * (monospace, selectable in one tap, a copy button once JavaScript runs) and the VietQR code that fills them in.
 * The code's SVG is made on the server by the qrcode library from our own data, never from user markup.
 */
export function BankTransferInstructions({
  transfer,
  orderCode,
  cooperativeName,
  headingLevel = 3,
  title,
  lead,
  referenceHint,
}: {
  transfer: BankTransfer;
  orderCode: string;
  cooperativeName: string;
  headingLevel?: 2 | 3;
  /** Other payments (a fair's booth fee) say what the money is for and who confirms it. */
  title?: string;
  lead?: string;
  referenceHint?: string;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const amount = formatVnd(transfer.amountVnd, toLocale(i18n.language));
  return (
    <section className="card bank-transfer" aria-labelledby={headingId}>
      <Heading id={headingId}>{title ?? t("shop:transfer.title", { code: orderCode })}</Heading>
      <p className="muted">{lead ?? t("shop:transfer.lead", { cooperative: cooperativeName })}</p>
      <div className="bank-transfer-body">
        <dl className="bank-transfer-facts">
          <dt>{t("shop:transfer.bank")}</dt>
          <dd>
            <strong>{transfer.bankShortName}</strong>
            {transfer.bankName !== transfer.bankShortName && (
              <span className="muted small"> — {transfer.bankName}</span>
            )}
          </dd>
          <dt>{t("shop:transfer.accountNo")}</dt>
          <dd>
            <CopyableValue value={transfer.accountNo} label={t("shop:transfer.accountNo")} />
          </dd>
          <dt>{t("shop:transfer.accountName")}</dt>
          <dd>
            <CopyableValue value={transfer.accountName} label={t("shop:transfer.accountName")} />
          </dd>
          <dt>{t("shop:transfer.amount")}</dt>
          <dd>
            <strong>{amount}</strong>
            <br />
            <CopyableValue value={String(transfer.amountVnd)} label={t("shop:transfer.amount")} />
          </dd>
          <dt>{t("shop:transfer.reference")}</dt>
          <dd>
            <CopyableValue value={transfer.reference} label={t("shop:transfer.reference")} strong />
            <p className="field-hint">{referenceHint ?? t("shop:transfer.referenceHint")}</p>
          </dd>
        </dl>
        <figure className="bank-transfer-qr">
          <div
            className="qr-code"
            role="img"
            aria-label={t("shop:transfer.qrAlt", {
              amount,
              bank: transfer.bankShortName,
              account: transfer.accountNo,
              reference: transfer.reference,
            })}
            dangerouslySetInnerHTML={{ __html: transfer.qrSvg }}
          />
          <figcaption className="small">{t("shop:transfer.qrCaption")}</figcaption>
        </figure>
      </div>
    </section>
  );
}

/** Selected whole in one tap without JavaScript; with it, a button copies the value and says so. */
function CopyableValue({ value, label, strong }: { value: string; label: string; strong?: boolean }) {
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  const canCopy = hydrated && typeof navigator !== "undefined" && !!navigator.clipboard;
  return (
    <span className="copyable">
      <code className={strong ? "copyable-value copyable-strong" : "copyable-value"}>{value}</code>
      {canCopy && (
        <button
          type="button"
          className="link-button small"
          onClick={() => {
            navigator.clipboard.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
          aria-label={t("shop:transfer.copy", { what: label })}
        >
          {t("shop:transfer.copyShort")}
        </button>
      )}
      <span role="status" className="copy-status small">
        {copied ? t("shop:transfer.copied") : ""}
      </span>
    </span>
  );
}
