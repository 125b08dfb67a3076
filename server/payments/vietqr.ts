import { randomBytes } from "node:crypto";
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

export interface BankAccount {
  bin: string;
  accountNo: string;
  accountName: string;
}

/** Everything a payer needs to transfer: the account, the amount, the reference, and the VietQR code for it. */
export interface BankTransferInstructions {
  bankName: string;
  bankShortName: string;
  accountNo: string;
  accountName: string;
  amountVnd: number;
  reference: string;
  qrSvg: string;
}

export async function transferInstructions(
  account: BankAccount,
  amountVnd: number,
  reference: string,
): Promise<BankTransferInstructions> {
  const bank = bankByBin(account.bin);
  return {
    bankName: bank?.name ?? account.bin,
    bankShortName: bank?.shortName ?? account.bin,
    accountNo: account.accountNo,
    accountName: account.accountName,
    amountVnd,
    reference,
    qrSvg: await vietQrSvg({ bankBin: account.bin, accountNo: account.accountNo, amountVnd, reference }),
  };
}

/** Unambiguous capitals and digits (no 0/O, 1/I/L): codes are read aloud and typed into banking apps. */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** A random code of `length` characters from CODE_ALPHABET, for order codes and transfer references. */
export function readableCode(length: number): string {
  let out = "";
  for (const b of randomBytes(length)) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return out;
}
