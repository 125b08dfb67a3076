import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceProvider } from "./lib/nonce";
import { withoutNulPadding } from "./lib/nul-padding.server";
import "./types/load-context";

const ABORT_DELAY = 5_000;

/**
 * A page asked for with `?lng=vi|en` (a shared link, a search engine's hreflang alternate) is remembered as the
 * header's language switch remembers a choice (app/routes/language.tsx): in the `lng` cookie, and on a signed-in
 * user's account. Without it the next link or the fair directory's filter form, which do not carry `?lng=`, would
 * fall back to the cookie or Accept-Language. A response that sets the cookie is private (server/http/caching.ts).
 */
async function rememberAskedLanguage(request: Request, headers: Headers, context: AppLoadContext) {
  const asked = await context.services.i18n.requestedLocale(request);
  if (!asked) return;
  if (asked.setCookie) headers.append("Set-Cookie", asked.setCookie);
  if (context.user && context.user.locale !== asked.locale)
    await context.services.accounts.setLocale(context.user, { locale: asked.locale });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const { i18n } = loadContext.services;
  const locale = await i18n.getLocale(request);
  const nonce = loadContext.cspNonce;
  await rememberAskedLanguage(request, responseHeaders, loadContext);

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n.instance(locale)}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        // No page suspends (no defer, lazy or Suspense), so the shell is the whole page: it is sent in one piece,
        // not as React's 2 KB chunks, each its own trip through the stream adapters and compression.
        onAllReady() {
          shellRendered = true;
          // React 18 pads some chunks with zero bytes inside Vietnamese words: lib/nul-padding.server.ts.
          const body = withoutNulPadding();
          const chunks: Buffer[] = [];
          body.on("data", (chunk: Buffer) => chunks.push(chunk));
          body.on("error", reject);
          body.on("end", () => {
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            resolve(
              new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }),
            );
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) loadContext.services.logger.error({ err: error }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Remix data requests (client navigations with JavaScript) remember `?lng=` as documents do. */
export async function handleDataRequest(
  response: Response,
  { request, context }: { request: Request; context: AppLoadContext },
) {
  if (response.status === 200) await rememberAskedLanguage(request, response.headers, context);
  return response;
}

/** Errors thrown by loaders and actions that are not Responses: log them once, with the request. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
