import { execFile, spawnSync } from "node:child_process";
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import jsQR from "jsqr";
import forge from "node-forge";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { PNG } from "pngjs";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  renderAgreementPdf,
  vndInWords,
  type AgreementDocument,
} from "../../server/agreements/agreement-pdf";
import { CONTENT_SCHEMA, contentHash, type AgreementContent } from "../../server/agreements/content";
import {
  inspectPdfSignature,
  loadOrCreatePlatformCertificate,
  signAgreementPdf,
  type PlatformCertificate,
} from "../../server/agreements/pdf-seal";

/*
 * The sealed agreement's PDF, read back the way its readers will: poppler's pdftotext for the text, pdftoppm and a
 * QR decoder for the code on each page, pdfsig for the PAdES signature (the check a PDF reader's signature panel
 * makes), and our own inspectPdfSignature. Tests that need a poppler tool are skipped, saying so, where it is
 * missing (CI installs poppler-utils).
 */

const available = (tool: string) => !spawnSync(tool, ["-v"]).error;
const HAS = {
  pdftotext: available("pdftotext"),
  pdfsig: available("pdfsig"),
  pdftoppm: available("pdftoppm"),
};
for (const [tool, present] of Object.entries(HAS))
  if (!present) console.warn(`${tool} (poppler-utils) is not installed: the tests that need it are skipped`);

const dir = mkdtempSync(path.join(tmpdir(), "agreement-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const save = (pdf: Uint8Array) => {
  const file = path.join(dir, `${files++}.pdf`);
  writeFileSync(file, pdf);
  return file;
};

function run(tool: string, args: string[]) {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  if (result.error) throw result.error;
  return result;
}

function pdftotext(pdf: Uint8Array): string {
  const result = run("pdftotext", ["-layout", "-enc", "UTF-8", save(pdf), "-"]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** pdfsig's report; certificate trust is not its business here (the platform's certificate is self-signed). */
const pdfsig = (pdf: Uint8Array) => run("pdfsig", ["-nocert", save(pdf)]).stdout;

const SUPPLIER = "HTX Chè Tân Cương Hoàng Bình";
const BUYER = "Công ty TNHH Thực phẩm Sạch Hà Nội";
// A token shaped like the real one (base32, ~250 characters); its contents are not checked here.
const TOKEN = `AEV${"K7QF2M4XBN3PLW5YTR6HDCGJ".repeat(10)}Q4`;
const QR_URL = `https://htx.example.vn/v/${TOKEN}`;

function teaContent(languages: Array<"vi" | "en">): AgreementContent {
  const english = (text: string) => (languages.includes("en") ? text : "");
  return {
    schema: CONTENT_SCHEMA,
    publicId: "TT-2026-0001A",
    type: "principle_contract",
    version: 2,
    languages,
    parties: {
      buyer: {
        legalName: BUYER,
        representative: "Nguyễn Thị Thu Hương",
        representativeTitle: "Giám đốc",
        taxCode: "0109876543",
        address: "Số 18 phố Nguyễn Chí Thanh, phường Láng, thành phố Hà Nội",
        phone: "024 3771 2345",
        email: "muahang@thucphamsachhanoi.vn",
      },
      supplier: {
        legalName: SUPPLIER,
        representative: "Hoàng Văn Bình",
        representativeTitle: "Giám đốc Hợp tác xã",
        taxCode: "4601234567",
        address: "Xóm Soi Mít, xã Tân Cương, tỉnh Thái Nguyên",
        phone: "0912 345 678",
        email: "htxchehoangbinh@gmail.com",
      },
    },
    product: {
      name: "Chè búp khô Tân Cương loại 1 (chè xanh móc câu)",
      category: "tea",
      qualityStandard:
        "TCVN 1455:1993 chè xanh; độ ẩm tối đa 7,5%; không dư lượng thuốc bảo vệ thực vật vượt ngưỡng",
      certifications: ["vietgap", "geographical_indication"],
      minOcopStars: 4,
    },
    quantity: 1200,
    unit: "kg",
    deliveries: [
      { date: "2026-04-15", quantity: 300 },
      { date: "2026-06-15", quantity: 300 },
      { date: "2026-08-15", quantity: 300 },
      { date: "2026-10-15", quantity: 300 },
    ],
    unitPriceVnd: 120_000,
    totalVnd: 144_000_000,
    paymentTerms: {
      vi: "Bên A thanh toán cho Bên B bằng chuyển khoản trong vòng 15 ngày kể từ ngày nhận đủ hàng và hóa đơn giá trị gia tăng của từng đợt.",
      en: english(
        "Party A pays Party B by bank transfer within 15 days of receiving each instalment in full with its VAT invoice.",
      ),
    },
    deliveryTerms: {
      vi: "Bên B giao hàng tại kho của Bên A ở Hà Nội, đóng gói túi hút chân không 500 g, chi phí vận chuyển do Bên B chịu.\nMỗi đợt giao kèm phiếu kiểm nghiệm của lô hàng.",
      en: english(
        "Party B delivers to Party A's warehouse in Hanoi, vacuum-packed in 500 g bags, at Party B's expense.\nEach instalment comes with the test report of its lot.",
      ),
    },
    disputeClause: {
      vi: "Tranh chấp được giải quyết trước hết bằng thương lượng; nếu không thành, một trong các bên có quyền đưa ra Tòa án nhân dân có thẩm quyền tại Hà Nội.",
      en: english(
        "Disputes are settled first by negotiation; failing that, either party may bring them before the competent People's Court in Hanoi.",
      ),
    },
    validFrom: "2026-04-01",
    validUntil: "2027-03-31",
    origin: { kind: "meeting", ref: "HN-TN-2026-M042" },
  };
}

async function teaDocument(
  languages: Array<"vi" | "en"> = ["vi", "en"],
  content = teaContent(languages),
): Promise<AgreementDocument> {
  const hash = contentHash(content);
  return {
    content,
    contentHash: hash,
    signatures: [
      {
        party: "buyer",
        signerName: "Nguyễn Thị Thu Hương",
        organisation: BUYER,
        title: "Giám đốc",
        signedAt: new Date("2026-03-20T03:12:00Z"),
        method: "password",
        contentHash: hash,
      },
      {
        party: "supplier",
        signerName: "Hoàng Văn Bình",
        organisation: SUPPLIER,
        title: "Giám đốc Hợp tác xã",
        signedAt: new Date("2026-03-21T08:45:00Z"),
        method: "paper",
        contentHash: hash,
      },
    ],
    seal: {
      kid: "lEWGVjb-",
      sealedAt: new Date("2026-03-21T09:00:00Z"),
      signature: randomBytes(64).toString("base64url"),
    },
    qr: {
      png: await QRCode.toBuffer(QR_URL, { errorCorrectionLevel: "M", margin: 2, width: 240 }),
      caption: "Quét mã để kiểm tra niêm phong: htx.example.vn/verify",
    },
    token: TOKEN,
    origin: "https://htx.example.vn",
  };
}

const SIGN_META = {
  reason: "Niêm phong thỏa thuận TT-2026-0001A / Seal of agreement TT-2026-0001A",
  location: "HTX Connect",
  contactInfo: "https://htx.example.vn",
  name: "HTX Connect",
};

/** The Info dictionary's entry under `key`, decoded. */
async function infoEntry(pdf: Uint8Array, key: string): Promise<string | undefined> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const info = document.context.lookup(document.context.trailerInfo.Info, PDFDict);
  const value = info.lookup(PDFName.of(key));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

describe("the agreement PDF", () => {
  let bilingual: Uint8Array;
  let vietnamese: Uint8Array;
  beforeAll(async () => {
    bilingual = await renderAgreementPdf(await teaDocument(["vi", "en"]));
    vietnamese = await renderAgreementPdf(await teaDocument(["vi"]));
  });

  it.skipIf(!HAS.pdftotext)(
    "prints the Vietnamese text intact, each article followed by its English",
    async () => {
      const text = pdftotext(bilingual);
      expect(text).toBe(text.normalize("NFC"));
      const pages = (await PDFDocument.load(bilingual)).getPageCount();
      expect(pages).toBeGreaterThanOrEqual(2);
      for (const expected of [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "HỢP ĐỒNG NGUYÊN TẮC",
        "Số: TT-2026-0001A · Phiên bản 2",
        "Căn cứ Bộ luật Dân sự số 91/2015/QH13;",
        "Điều 1. Các bên",
        `Bên A (Bên mua) / Party A (Buyer): ${BUYER}`,
        `Bên B (Bên bán) / Party B (Supplier): ${SUPPLIER}`,
        "Người đại diện / Representative: Hoàng Văn Bình",
        "Mã số thuế / Tax code: 4601234567",
        "Địa chỉ / Address: Xóm Soi Mít, xã Tân Cương, tỉnh Thái Nguyên",
        "Sản phẩm / Product: Chè búp khô Tân Cương loại 1 (chè xanh móc câu)",
        "Chứng nhận yêu cầu / Required certifications: VietGAP, Chỉ dẫn địa lý",
        "Hạng OCOP tối thiểu / Minimum OCOP rating: 4 sao / 4 stars",
        "Tổng số lượng / Total quantity: 1.200 kg",
        "15/04/2026",
        "15/10/2026",
        "300 kg",
        // Intl writes a no-break space before "₫"; the font draws it with the space glyph, so it reads back as " ".
        "Đơn giá / Unit price: 120.000 ₫/kg",
        "Tổng giá trị / Total value: 144.000.000 ₫",
        "Bằng chữ / In words: Một trăm bốn mươi bốn triệu đồng.",
        "Bên A thanh toán cho Bên B bằng chuyển khoản trong vòng 15 ngày",
        "Có hiệu lực từ ngày 01/04/2026 đến hết ngày 31/03/2027.",
        "Điều 8. Giải quyết tranh chấp",
        "HN-TN-2026-M042",
        "XÁC NHẬN CỦA CÁC BÊN",
        "Nguyễn Thị Thu Hương",
        "10:12, 20/03/2026",
        "Hình thức ký / Method: Ký trên bản giấy",
        "Khóa niêm phong (Ed25519) / Seal key (Ed25519): lEWGVjb-",
        "Quét mã để kiểm tra niêm phong: htx.example.vn/verify",
        "https://htx.example.vn",
        contentHash(teaContent(["vi", "en"])),
        // English, after the Vietnamese.
        "PRINCIPLE AGREEMENT",
        "SOCIALIST REPUBLIC OF VIETNAM",
        "Article 1. The parties",
        "Party A pays Party B by bank transfer within 15 days",
        "Valid from 1 Apr 2026 up to and including 31 Mar 2027.",
        "In words: one hundred and forty-four million Vietnamese dong.",
        "CONFIRMATION BY THE PARTIES",
      ]) {
        expect(text).toContain(expected);
      }
      expect(text.indexOf("Bên A thanh toán")).toBeLessThan(text.indexOf("Party A pays"));
      for (let page = 1; page <= pages; page++)
        expect(text).toContain(`TT-2026-0001A · Trang ${page}/${pages} · Page ${page} of ${pages}`);
    },
  );

  it.skipIf(!HAS.pdftotext)("prints no English when the agreement is in Vietnamese only", async () => {
    const text = pdftotext(vietnamese);
    expect(text).toContain("HỢP ĐỒNG NGUYÊN TẮC");
    expect(text).toContain("Mã số thuế: 4601234567");
    expect(text).toContain("Đơn giá: 120.000 ₫/kg");
    expect(text).toContain("Bằng chữ: Một trăm bốn mươi bốn triệu đồng.");
    expect(text).toContain("Nhóm hàng: Chè, trà");
    const pages = (await PDFDocument.load(vietnamese)).getPageCount();
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Trang ${pages}/${pages}`);
    for (const english of [
      "PRINCIPLE AGREEMENT",
      "SOCIALIST REPUBLIC",
      "Article",
      "Party A",
      "Tax code",
      "Pursuant",
      "Vietnamese dong",
      "Page 1 of",
      "Valid from",
      "Tea",
      "Signed",
    ]) {
      expect(text).not.toContain(english);
    }
  });

  it.skipIf(!HAS.pdftotext)("normalises decomposed (NFD) input to NFC", async () => {
    const content = teaContent(["vi"]);
    content.parties.supplier.legalName = SUPPLIER.normalize("NFD");
    content.paymentTerms.vi = content.paymentTerms.vi.normalize("NFD");
    const document = await teaDocument(["vi"], content);
    document.signatures[1]!.signerName = "Hoàng Văn Bình".normalize("NFD");
    const text = pdftotext(await renderAgreementPdf(document));
    expect(text).toContain(`Bên B (Bên bán): ${SUPPLIER}`);
    expect(text).toContain("Bên A thanh toán cho Bên B bằng chuyển khoản");
    expect(text).toContain("Hoàng Văn Bình");
    expect(text).toBe(text.normalize("NFC"));
  });

  it("titles each type in Vietnamese and English", async () => {
    for (const [type, vi, en, title] of [
      ["memorandum", "BIÊN BẢN GHI NHỚ", "MEMORANDUM OF UNDERSTANDING", "Biên bản ghi nhớ TT-2026-0001A"],
      ["purchase_contract", "HỢP ĐỒNG MUA BÁN", "SALES CONTRACT", "Hợp đồng mua bán TT-2026-0001A"],
    ] as const) {
      const content = { ...teaContent(["vi", "en"]), type };
      const pdf = await renderAgreementPdf(await teaDocument(["vi", "en"], content));
      expect((await PDFDocument.load(pdf)).getTitle()).toBe(title);
      if (HAS.pdftotext) {
        const text = pdftotext(pdf);
        expect(text).toContain(vi);
        expect(text).toContain(en);
        // A memorandum is not a commercial contract: the Commercial Law is not its basis.
        expect(text.includes("Luật Thương mại")).toBe(type !== "memorandum");
      }
    }
  });

  it("puts the same QR image on every page, A4, with the token and the metadata in the Info dictionary", async () => {
    const document = await PDFDocument.load(bilingual, { updateMetadata: false });
    const images = document.getPages().map((page) => {
      expect(page.getSize()).toEqual({ width: 595.28, height: 841.89 });
      const xObjects = page.node.Resources()?.lookup(PDFName.of("XObject"), PDFDict);
      return (xObjects?.keys() ?? [])
        .map((name) => xObjects!.get(name)!)
        .filter((ref) => document.context.lookup(ref)?.toString().includes("/Subtype /Image"));
    });
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const onPage of images) expect(onPage.map(String)).toEqual(images[0]!.map(String));
    expect(images[0]).toHaveLength(1);

    expect(await infoEntry(bilingual, "HTXConnectSealToken")).toBe(TOKEN);
    expect(document.getTitle()).toBe("Hợp đồng nguyên tắc TT-2026-0001A");
    expect(document.getSubject()).toContain(`${BUYER} – ${SUPPLIER}`);
    expect(document.getProducer()).toBe("HTX Connect (pdf-lib)");
    expect(document.getCreationDate()).toEqual(new Date("2026-03-21T09:00:00Z"));
    expect(document.catalog.lookup(PDFName.of("Lang"))?.toString()).toContain("vi-VN");
    // No object streams: the signing step needs every object in the open.
    expect(Buffer.from(bilingual).toString("latin1")).not.toContain("/ObjStm");
  });

  it.skipIf(!HAS.pdftoppm)(
    "draws a QR code that decodes to the verification URL at the foot of every page",
    () => {
      const out = path.join(dir, "pages");
      // 300 dpi, only the bottom-right corner where the code is (48 pt margins, 64 pt code).
      const result = run("pdftoppm", [
        ...["-r", "300", "-x", "1950", "-y", "2950", "-W", "400", "-H", "430", "-png"],
        save(bilingual),
        out,
      ]);
      expect(result.status, result.stderr).toBe(0);
      const pngs = readdirSync(dir).filter((f) => f.startsWith("pages"));
      expect(pngs.length).toBeGreaterThanOrEqual(2);
      for (const file of pngs) {
        const png = PNG.sync.read(readFileSync(path.join(dir, file)));
        expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data, file).toBe(QR_URL);
      }
    },
  );

  it("refuses to print a signature of another version, a missing party or a content that is not the hash's", async () => {
    const other = await teaDocument();
    other.signatures[0]!.contentHash = "0".repeat(64);
    await expect(renderAgreementPdf(other)).rejects.toThrow(/another version/);
    const unsigned = await teaDocument();
    unsigned.signatures = unsigned.signatures.filter((s) => s.party === "buyer");
    await expect(renderAgreementPdf(unsigned)).rejects.toThrow(/supplier has not signed/);
    const altered = await teaDocument();
    altered.content.totalVnd = 14_400_000;
    await expect(renderAgreementPdf(altered)).rejects.toThrow(/does not hash/);
  });

  it("writes amounts in words as contracts do", () => {
    expect(vndInWords(144_000_000, "vi")).toBe("Một trăm bốn mươi bốn triệu đồng");
    expect(vndInWords(120_000, "vi")).toBe("Một trăm hai mươi nghìn đồng");
    expect(vndInWords(21_500, "vi")).toBe("Hai mươi mốt nghìn năm trăm đồng");
    expect(vndInWords(1_005_015, "vi")).toBe("Một triệu không trăm linh năm nghìn không trăm mười lăm đồng");
    expect(vndInWords(2_000_000_105, "vi")).toBe("Hai tỷ một trăm linh năm đồng");
    expect(vndInWords(1_250_000_000_000, "vi")).toBe("Một nghìn hai trăm năm mươi tỷ đồng");
    expect(vndInWords(0, "vi")).toBe("Không đồng");
    expect(vndInWords(144_000_000, "en")).toBe("one hundred and forty-four million Vietnamese dong");
    expect(vndInWords(1_000_005, "en")).toBe("one million and five Vietnamese dong");
    expect(vndInWords(2_345_021, "en")).toBe(
      "two million three hundred and forty-five thousand and twenty-one Vietnamese dong",
    );
    expect(() => vndInWords(1.5, "vi")).toThrow();
  });
});

describe("the platform certificate", () => {
  it("is generated once, kept as a 0600 PKCS#12, and the same on the next start", () => {
    const dataDir = mkdtempSync(path.join(dir, "data-"));
    const first = loadOrCreatePlatformCertificate(dataDir);
    expect(first.subject).toBe("CN=HTX Connect platform seal, O=HTX Connect");
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    for (const name of ["seal-certificate.p12", "seal-certificate.pass"]) {
      expect(statSync(path.join(dataDir, "secrets", name)).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(path.join(dataDir, "secrets", "seal-certificate.p12"))).toEqual(first.p12);
    expect(readFileSync(path.join(dataDir, "secrets", "seal-certificate.pass"), "utf8").trim()).toBe(
      first.passphrase,
    );
    const second = loadOrCreatePlatformCertificate(dataDir);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.p12).toEqual(first.p12);

    // RSA-2048, valid ten years, for signing (digitalSignature + nonRepudiation), not a CA.
    const certificate = openP12(first.p12, first.passphrase);
    expect((certificate.publicKey as forge.pki.rsa.PublicKey).n.bitLength()).toBe(2048);
    const years =
      (certificate.validity.notAfter.getTime() - certificate.validity.notBefore.getTime()) /
      (365.25 * 86_400_000);
    expect(years).toBeCloseTo(10, 1);
    expect(certificate.getExtension("keyUsage")).toMatchObject({
      digitalSignature: true,
      nonRepudiation: true,
    });
    expect(certificate.getExtension("basicConstraints")).toMatchObject({ cA: false });
  });

  it("is the same for processes starting at once on one data directory", async () => {
    const dataDir = mkdtempSync(path.join(dir, "race-"));
    const module = path.resolve(import.meta.dirname, "../../server/agreements/pdf-seal.ts");
    // Each process waits for the same instant, so that they all find no certificate and make one.
    const startAt = Date.now() + 4_000;
    const script = `
      import { loadOrCreatePlatformCertificate } from ${JSON.stringify(module)};
      await new Promise((resolve) => setTimeout(resolve, ${startAt} - Date.now()));
      console.log(loadOrCreatePlatformCertificate(${JSON.stringify(dataDir)}).fingerprint);`;
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]),
      ),
    );
    const fingerprints = new Set(runs.map((r) => r.stdout.trim()));
    expect(fingerprints.size).toBe(1);
    expect([...fingerprints][0]).toBe(loadOrCreatePlatformCertificate(dataDir).fingerprint);
    expect(readdirSync(path.join(dataDir, "secrets")).sort()).toEqual([
      "seal-certificate.p12",
      "seal-certificate.pass",
    ]);
  }, 60_000);

  it("uses a configured PKCS#12 as it is, writing nothing", () => {
    const issued = caIssuedP12("s3cret-passphrase");
    const dataDir = mkdtempSync(path.join(dir, "configured-"));
    const certificate = loadOrCreatePlatformCertificate(dataDir, {
      p12: issued.p12,
      passphrase: "s3cret-passphrase",
    });
    expect(certificate.p12).toBe(issued.p12);
    expect(certificate.subject).toBe("CN=HTX Connect seal (CA-issued), O=HTX Connect JSC");
    expect(certificate.fingerprint).toBe(issued.fingerprint);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(() => loadOrCreatePlatformCertificate(dataDir, { p12: issued.p12, passphrase: "wrong" })).toThrow(
      /cannot be opened/,
    );
  });
});

describe("the PAdES signature", () => {
  let certificate: PlatformCertificate;
  let signed: Buffer;
  beforeAll(async () => {
    certificate = loadOrCreatePlatformCertificate(mkdtempSync(path.join(dir, "signing-")));
    signed = await signAgreementPdf(await renderAgreementPdf(await teaDocument()), certificate, SIGN_META);
  });

  it.skipIf(!HAS.pdfsig)("is valid for poppler, as ETSI.CAdES.detached over the whole file", () => {
    const report = pdfsig(signed);
    expect(report).toContain("Signer Certificate Common Name: HTX Connect platform seal");
    expect(report).toContain("Signature Type: ETSI.CAdES.detached");
    expect(report).toContain("Total document signed");
    expect(report).toContain("Signature Validation: Signature is Valid.");
  });

  it("is intact for our own check, by the platform certificate", () => {
    expect(inspectPdfSignature(signed)).toEqual({
      signed: true,
      intact: true,
      coversWholeFile: true,
      certificateFingerprint: certificate.fingerprint,
      signerName: "HTX Connect platform seal",
    });
  });

  it.skipIf(!HAS.pdftotext)("keeps the text, the token and the Vietnamese reason readable", async () => {
    expect(await infoEntry(signed, "HTXConnectSealToken")).toBe(TOKEN);
    expect(await infoEntry(signed, "Producer")).toBe("HTX Connect (pdf-lib)");
    expect(pdftotext(signed)).toContain(`Bên B (Bên bán) / Party B (Supplier): ${SUPPLIER}`);
    const document = await PDFDocument.load(signed);
    const form = document.catalog.lookup(PDFName.of("AcroForm"), PDFDict);
    const field = form.lookup(PDFName.of("Fields"), PDFArray).lookup(0, PDFDict);
    const signature = field.lookup(PDFName.of("V"), PDFDict);
    expect(signature.lookup(PDFName.of("Reason"), PDFString).decodeText()).toBe(SIGN_META.reason);
  });

  it("is broken by one changed byte anywhere it covers", () => {
    const text = signed.toString("latin1");
    const range = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)/.exec(
      text.slice(text.lastIndexOf("/ByteRange")),
    )!;
    const [firstEnd, secondStart, secondLength] = range.slice(1).map(Number) as [number, number, number];
    expect(secondStart + secondLength).toBe(signed.length);
    const positions = [0, 500, firstEnd - 1, secondStart, signed.length - 2];
    for (let i = 1; i < 20; i++) positions.push(Math.floor((firstEnd * i) / 20));
    for (const position of positions) {
      const tampered = Buffer.from(signed);
      tampered[position]! ^= 0x01;
      const result = inspectPdfSignature(tampered);
      // A byte of the /ByteRange itself may make it unreadable: then the file does not count as signed at all.
      expect(result.signed && result.intact, `byte ${position}`).toBe(false);
    }
  });

  it.skipIf(!HAS.pdfsig)("is reported as a digest mismatch by poppler when the token is altered", () => {
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf(TOKEN, 0, "latin1") + 10;
    expect(at).toBeGreaterThan(10);
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    expect(pdfsig(tampered)).toContain("Signature Validation: Digest Mismatch.");
    expect(inspectPdfSignature(tampered)).toMatchObject({ signed: true, intact: false });
  });

  it("is broken when the digest inside the signature is forged to match altered bytes", () => {
    const text = signed.toString("latin1");
    const [, firstEnd, secondStart] = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)/
      .exec(text.slice(text.lastIndexOf("/ByteRange")))!
      .map(Number) as [number, number, number];
    const covered = (pdf: Buffer) => Buffer.concat([pdf.subarray(0, firstEnd), pdf.subarray(secondStart)]);
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf(TOKEN, 0, "latin1");
    tampered[at] = 0x42;
    // The forger rewrites the messageDigest attribute (hex inside /Contents) but cannot re-sign the attributes.
    const digestHex = (pdf: Buffer) => createHash("sha256").update(covered(pdf)).digest("hex");
    const contents = tampered.toString("latin1", firstEnd, secondStart);
    expect(contents.toLowerCase()).toContain(digestHex(signed));
    const forged = contents.toLowerCase().replace(digestHex(signed), digestHex(tampered));
    tampered.write(forged, firstEnd, "latin1");
    expect(inspectPdfSignature(tampered)).toMatchObject({ signed: true, intact: false });
    if (HAS.pdfsig) expect(pdfsig(tampered)).not.toContain("Signature is Valid");
  });

  it("says when bytes were appended after signing, and that an unsigned PDF is unsigned", async () => {
    const appended = Buffer.concat([signed, Buffer.from("\n% appended after signing\n")]);
    expect(inspectPdfSignature(appended)).toMatchObject({
      signed: true,
      intact: true,
      coversWholeFile: false,
    });
    expect(inspectPdfSignature(Buffer.from(await renderAgreementPdf(await teaDocument())))).toEqual({
      signed: false,
    });
  });

  it.skipIf(!HAS.pdfsig)("signs with a CA-issued certificate and its chain", async () => {
    const issued = caIssuedP12("s3cret-passphrase");
    const configured = loadOrCreatePlatformCertificate(dir, {
      p12: issued.p12,
      passphrase: "s3cret-passphrase",
    });
    const pdf = await signAgreementPdf(await renderAgreementPdf(await teaDocument()), configured, SIGN_META);
    const report = pdfsig(pdf);
    expect(report).toContain("Signer Certificate Common Name: HTX Connect seal (CA-issued)");
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(inspectPdfSignature(pdf)).toMatchObject({
      intact: true,
      certificateFingerprint: issued.fingerprint,
    });
  });
});

/* Helpers: certificates made here with node-forge, as a CA would issue them. */

function forgeKeys(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = (key: KeyObject, type: "pkcs1" | "spki") => key.export({ type, format: "pem" }).toString();
  return {
    privateKey: forge.pki.privateKeyFromPem(pem(pair.privateKey, "pkcs1")),
    publicKey: forge.pki.publicKeyFromPem(pem(pair.publicKey, "spki")),
  };
}

function certificateOf(
  subject: string,
  keys: { publicKey: forge.pki.rsa.PublicKey },
  issuer: { name: string; key: forge.pki.rsa.PrivateKey },
  ca: boolean,
) {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = `01${randomBytes(8).toString("hex")}`;
  certificate.validity.notBefore = new Date(Date.now() - 86_400_000);
  certificate.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const name = (cn: string) => [
    { shortName: "CN", value: cn },
    { shortName: "O", value: "HTX Connect JSC" },
  ];
  certificate.setSubject(name(subject));
  certificate.setIssuer(name(issuer.name));
  certificate.setExtensions([
    { name: "basicConstraints", cA: ca },
    ca
      ? { name: "keyUsage", keyCertSign: true, cRLSign: true }
      : { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
  ]);
  certificate.sign(issuer.key, forge.md.sha256.create());
  return certificate;
}

/** A PKCS#12 holding a leaf certificate issued by a test CA, the CA's certificate and the leaf's key. */
function caIssuedP12(passphrase: string): { p12: Buffer; fingerprint: string } {
  const caKeys = forgeKeys();
  const ca = certificateOf(
    "Test Trust Services CA",
    caKeys,
    { name: "Test Trust Services CA", key: caKeys.privateKey },
    true,
  );
  const leafKeys = forgeKeys();
  const leaf = certificateOf(
    "HTX Connect seal (CA-issued)",
    leafKeys,
    { name: "Test Trust Services CA", key: caKeys.privateKey },
    false,
  );
  const pfx = forge.pkcs12.toPkcs12Asn1(leafKeys.privateKey, [leaf, ca], passphrase, { algorithm: "3des" });
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(leaf)).getBytes();
  return {
    p12: Buffer.from(forge.asn1.toDer(pfx).getBytes(), "binary"),
    fingerprint: forge.md.sha256.create().update(der).digest().toHex(),
  };
}

function openP12(p12: Buffer, passphrase: string): forge.pki.Certificate {
  const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString("binary")), false, passphrase);
  const bag = forge.pki.oids.certBag!;
  return pfx.getBags({ bagType: bag })[bag]![0]!.cert!;
}
