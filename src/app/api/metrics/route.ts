import { NextResponse } from "next/server";
import { route } from "@/server/http/route";
import { METRICS } from "@/server/metrics";
import { describeMetric } from "@/server/metrics/describe-metric";

/** GET /api/metrics: the metric registry. */
export const GET = route(async () =>
  NextResponse.json({
    metrics: Object.values(METRICS).map(describeMetric),
  }),
);
