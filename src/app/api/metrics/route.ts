import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { METRICS } from "@/server/metrics";

/** GET /api/metrics: the metric registry. */
export const GET = route(async () =>
  NextResponse.json({
    metrics: Object.values(METRICS).map((m) => ({
      id: m.id,
      name: m.name,
      description: m.description,
      tasks: m.tasks,
      range: m.range,
      higherIsBetter: m.higherIsBetter,
      primary: m.primary,
      defaultArgs: m.defaultArgs,
      decomposable: Boolean(m.statistics),
    })),
  }),
);
