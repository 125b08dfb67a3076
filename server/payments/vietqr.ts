import QRCode from "qrcode";
import { BanksObject, QRPay } from "vietnam-qr-pay";

export interface Bank {
  bin: string;
  code: string;
  shortName: string;
  name: string;
}

/** Banks that accept VietQR transfers (NAPAS 247), by their BIN. */
export const VIETQR_BANKS: Bank[] = Object.values(BanksObject)
  .filter((b) => b.vietQRStatus > 0 && b.bin)
  .map((b) => ({ bin: b.bin, code: b.code, shortName: b.shortName, name: b.name }))
  .sort((a, b) => a.shortName.localeCompare(b.shortName, "vi"));

const BY_BIN = new Map(VIETQR_BANKS.map((b) => [b.bin, b]));

export function bankByBin(bin: string | null | undefined): Bank | null {
  return bin ? (BY_BIN.get(bin) ?? null) : null;
}

export interface TransferRequest {
  bankBin: string;
  accountNo: string;
  amountVnd: number;
  /** ASCII, at most 19 characters: banks drop or mangle anything else. */
  reference: string;
}

/** The EMVCo payload banking apps read from a VietQR code. */
export function vietQrPayload(request: TransferRequest): string {
  if (!/^[A-Z0-9]{1,19}$/.test(request.reference)) throw new Error("transfer reference must be ≤19 A-Z0-9");
  return QRPay.initVietQR({
    bankBin: request.bankBin,
    bankNumber: request.accountNo,
    amount: String(request.amountVnd),
    purpose: request.reference,
  }).build();
}

export async function vietQrSvg(request: TransferRequest): Promise<string> {
  return QRCode.toString(vietQrPayload(request), { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
