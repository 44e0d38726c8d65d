import { NextResponse } from "next/server";
import { getContext } from "@/server/context";
import { proposeTrainEvalIndex } from "@/server/hub/eval-index/propose-train-eval-index";
import { readJson, route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** POST /api/eval-index: train-eval-index YAML for a manual configuration; `openPr` proposes it. */
export const POST = route(async (req: Request) => {
  const out = await proposeTrainEvalIndex({ hub: getContext().hub, input: await readJson(req) });
  return NextResponse.json(out, { status: out.pullRequestUrl ? 201 : 200 });
});
