import { NextResponse } from "next/server";
import { getContext } from "@/server/context";
import { getEvaluation } from "@/server/evaluations/get-evaluation";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await getEvaluation({ db: getContext().db, id }));
});
