import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicKeyPem } from "../../server/agreements/seal-keys";

/** The platform's current seal key (Ed25519, SPKI PEM): what offline verifiers of printed agreements need. */
export async function loader({ context }: LoaderFunctionArgs) {
  const keyring = context.services.sealKeyring();
  return new Response(publicKeyPem(keyring.current), {
    headers: {
      "Content-Type": "application/x-pem-file; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "X-Seal-Key-Id": keyring.current.kid,
    },
  });
}
