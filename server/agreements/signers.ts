import { z } from "zod";
import type { CurrentUser } from "../accounts/current-user";
import type { SignatureMethod } from "../db/models/agreements";
import { parseOrInvalid } from "../validation";

/**
 * How a party's representative signs one version of an agreement. The platform has one signer today: the account's
 * password, asked again. A party's own digital signature — a USB token, or a licensed Vietnamese CA's remote signing,
 * which Law 20/2023/QH15 on e-transactions and Decree 23/2025 recognise — is another PartySigner: it is handed the
 * SHA-256 of the canonical content the representative was shown, has the CA sign it, and returns the CMS signature
 * as its evidence, which the signature record keeps. Signing, the seal and verification do not change.
 */
export interface PartySigner {
  readonly method: SignatureMethod;
  /**
   * Proves that `user` signs `contentHash` now, or throws a 4xx error naming the form's field. Runs before the
   * signing transaction: a CA's remote signing may take seconds, and no lock should wait for it.
   */
  sign(
    user: CurrentUser,
    request: { contentHash: string; form: Record<string, unknown> },
  ): Promise<{ evidence: string | null }>;
}

export const passwordForm = z.object({ password: z.string().min(1) });

/** Re-authentication by password (accounts' confirmPassword: 5 tries in 15 minutes). Its evidence is the chain's. */
export function passwordSigner(
  confirmPassword: (user: CurrentUser, password: string) => Promise<void>,
): PartySigner {
  return {
    method: "password",
    async sign(user, { form }) {
      const { password } = parseOrInvalid(passwordForm, form);
      await confirmPassword(user, password);
      return { evidence: null };
    },
  };
}
