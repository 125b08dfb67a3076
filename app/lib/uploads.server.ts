import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Invalid } from "../../server/errors";
import { formValues, type FormValues } from "./forms.server";

/**
 * Read a multipart form: text fields as values, files of `fileField` as buffers (empty file inputs dropped).
 * A file over `maxBytes` becomes a field error on `fileField` instead of a crash.
 */
export async function readUploads(
  request: Request,
  { fileField, maxBytes }: { fileField: string; maxBytes: number },
): Promise<{ values: FormValues; files: Array<{ name: string; data: Buffer }> }> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      throw new Invalid({
        [fileField]: { code: "file_too_large", params: { maxMb: Math.round(maxBytes / 1024 / 1024) } },
      });
    }
    throw error;
  }
  const files: Array<{ name: string; data: Buffer }> = [];
  for (const entry of form.getAll(fileField)) {
    if (typeof entry === "string" || entry.size === 0) continue;
    files.push({ name: entry.name, data: Buffer.from(await entry.arrayBuffer()) });
  }
  return { values: formValues(form), files };
}
