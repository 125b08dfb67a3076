import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { publicKeyPem } from "../../server/agreements/seal-keys";

/** Every seal key the platform has used, by id: after a rotation, agreements sealed before still verify. */
export async function loader({ context }: LoaderFunctionArgs) {
  const keyring = context.services.sealKeyring();
  return json(
    {
      algorithm: "Ed25519",
      current: keyring.current.kid,
      keys: keyring.keys.map((k) => ({ kid: k.kid, pem: publicKeyPem(k) })),
    },
    { headers: { "Cache-Control": "public, max-age=3600" } },
  );
}
