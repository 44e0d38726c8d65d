import { NextResponse } from "next/server";
import { ListModelsQuerySchema } from "@/schemas/models";
import { getContext } from "@/server/context";
import { route } from "@/server/http/route";
import { listCompatibleModels } from "@/server/models/list-compatible-models";

export const dynamic = "force-dynamic";

/** GET /api/models?task=&dataset=&search= : models of a task, those tagged with the dataset first. */
export const GET = route(async (req: Request) => {
  const query = ListModelsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json({ models: await listCompatibleModels({ hub: getContext().hub, ...query }) });
});
