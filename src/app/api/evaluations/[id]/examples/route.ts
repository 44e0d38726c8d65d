import { NextResponse } from "next/server";
import { EvaluationExamplesQuerySchema } from "@/schemas/evaluation-examples";
import { getContext } from "@/server/context";
import { listEvaluationExamples } from "@/server/evaluations/list-evaluation-examples";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const query = EvaluationExamplesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { db, hub } = getContext();
  return NextResponse.json(await listEvaluationExamples({ db, hub, id, query }));
});
