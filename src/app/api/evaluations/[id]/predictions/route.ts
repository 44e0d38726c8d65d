import { PredictionsExportQuerySchema } from "@/schemas/evaluation-examples";
import { getContext } from "@/server/context";
import { exportPredictions } from "@/server/evaluations/export-predictions";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const { format } = PredictionsExportQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const file = await exportPredictions({ db: getContext().db, id, format });
  return new Response(file.body, {
    headers: { "Content-Type": file.contentType, "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "no-store" },
  });
});
