import { NextResponse } from "next/server";
import { getContext } from "@/server/context";
import { getSubmission } from "@/server/evaluations/get-submission";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await getSubmission({ db: getContext().db, id }));
});
