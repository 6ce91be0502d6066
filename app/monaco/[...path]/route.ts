import { serveEditorAsset } from "@/lib/server/editor-assets";

type Ctx = { params: Promise<{ path: string[] }> };

export async function GET(_req: Request, { params }: Ctx) {
  return serveEditorAsset((await params).path);
}
