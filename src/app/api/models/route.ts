import { NextResponse } from "next/server";
import { inferenceConfig } from "@/env";
import { ListModelsQuerySchema } from "@/schemas/models";
import { getContext } from "@/server/context";
import { route } from "@/server/http/route";
import { listCompatibleModels } from "@/server/models/list-compatible-models";

export const dynamic = "force-dynamic";

/**
 * GET /api/models?task=&dataset=&search=&model= : models of a task, those tagged with the dataset
 * first, each with how it would run (local, remote, or not runnable and why).
 */
export const GET = route(async (req: Request) => {
  const query = ListModelsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const ctx = getContext();
  return NextResponse.json({ models: await listCompatibleModels({ hub: ctx.hub, inference: inferenceConfig(ctx.env), ...query }) });
});
