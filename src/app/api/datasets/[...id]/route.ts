import { NextResponse } from "next/server";
import { z } from "zod";
import { getContext } from "@/server/context";
import { getDatasetOptions } from "@/server/datasets/get-dataset-options";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

const Query = z.object({ config: z.string().min(1).optional(), split: z.string().min(1).optional() });

/** GET /api/datasets/{owner}/{name}?config=&split= : what the submission form needs. */
export const GET = route(async (req: Request, { params }: { params: Promise<{ id: string[] }> }) => {
  const { id } = await params;
  const query = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const ctx = getContext();
  return NextResponse.json(
    await getDatasetOptions({ hub: ctx.hub, viewerUrl: ctx.env.DATASETS_SERVER_URL, dataset: id.map(decodeURIComponent).join("/"), ...query }),
  );
});
