import { z } from "zod";
import type { AnyMetric } from "./index";

/** A metric's registry entry as the API shows it (GET /api/metrics and /api/metrics/{id}). */
export function describeMetric(m: AnyMetric) {
  return {
    id: m.id,
    name: m.name,
    description: m.description,
    tasks: m.tasks,
    range: m.range,
    higherIsBetter: m.higherIsBetter,
    primary: m.primary,
    defaultArgs: m.defaultArgs,
    decomposable: Boolean(m.statistics),
  };
}

/** A zod schema as JSON Schema (input side: what callers send); null if it cannot be expressed. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> | null {
  try {
    return z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** JSON Schemas of one prediction, one reference (a JSON Lines line each) and the arguments. */
export function metricSchemas(m: AnyMetric) {
  return { prediction: jsonSchema(m.predictionSchema), reference: jsonSchema(m.referenceSchema), args: jsonSchema(m.argsSchema) };
}
