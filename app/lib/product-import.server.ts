import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type AppLoadContext,
} from "@remix-run/node";
import type { CurrentUser } from "../../server/accounts/current-user";
import { MAX_IMPORT_ZIP_BYTES } from "../../server/catalogue/csv-columns";
import { Invalid } from "../../server/errors";
import { formValues, runForm, type FormFailure } from "./forms.server";

/** The product file and, if sent, the ZIP of pictures; each held to its own limit by the use case. */
async function readImportForm(request: Request) {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_ZIP_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      throw new Invalid({
        file: { code: "file_too_large", params: { maxMb: MAX_IMPORT_ZIP_BYTES / 1024 / 1024 } },
      });
    throw error;
  }
  const bytesOf = async (name: string) => {
    const entry = form.get(name);
    return entry && typeof entry !== "string" && entry.size > 0
      ? new Uint8Array(await entry.arrayBuffer())
      : null;
  };
  return { values: formValues(form), file: await bytesOf("file"), images: await bytesOf("images") };
}

function fileProblem(code: string) {
  const failure: FormFailure = { ok: false, errors: { file: { code } }, values: {} };
  return json(failure, { status: 400 });
}

/**
 * The action of both import pages (a cooperative's own, and staff's for several cooperatives): read the file,
 * check it or import it through the one use case, and answer with the problems (400), the check's counts, or a
 * redirect to the page with the import's counts and its report.
 */
export async function productImportAction(
  context: AppLoadContext,
  request: Request,
  user: CurrentUser,
  page: string,
) {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data"))
    return fileProblem("choose_file");
  const upload = await runForm({}, () => readImportForm(request));
  if (!upload.ok) return upload.response;
  const { values, file, images } = upload.result;
  if (!file) return fileProblem("choose_file");
  const dryRun = values.mode !== "import";
  const outcome = await runForm(values, () =>
    context.services.catalogue.importProducts(user, { file: { data: file, images }, dryRun }),
  );
  if (!outcome.ok) return outcome.response;
  const result = outcome.result;
  if (!result.ok) return json(result, { status: 400 });
  if (result.dryRun) return json(result);
  const q = new URLSearchParams({
    imported: "1",
    created: String(result.created),
    updated: String(result.updated),
    drafts: String(result.drafts),
    report: result.reportId,
  });
  return redirect(`${page}?${q}`);
}

/** The counts an import redirected with, for the page to say what was done. */
export function importedFrom(request: Request) {
  const url = new URL(request.url);
  if (!url.searchParams.has("imported")) return null;
  const count = (name: string) => {
    const n = Number(url.searchParams.get(name));
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  };
  const report = url.searchParams.get("report") ?? "";
  return {
    created: count("created"),
    updated: count("updated"),
    drafts: count("drafts"),
    reportId: /^[0-9a-f]{32}$/.test(report) ? report : null,
  };
}
