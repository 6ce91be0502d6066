// The text of a PDF as a reader extracts it, for tests: Mozilla's pdf.js from the npm registry, so the suites need
// no PDF tool installed on the machine. Items of a page are joined in reading order, a line break where pdf.js ends
// a line, pages separated by a form feed.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
    }
    return pages.join("\f");
  } finally {
    await doc.destroy();
  }
}
