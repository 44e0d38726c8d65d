import { METRICS } from "@/server/metrics";
import { TASKS, type TaskField } from ".";
import { parameterFields } from "./parameter-fields";

/** The task registry as the API and the form present it. */
export function listTasks() {
  return Object.values(TASKS).map((t) => ({
    id: t.id,
    name: t.name,
    pipelineTag: t.pipelineTag,
    fields: t.fields as readonly TaskField[],
    predictionKind: t.predictionKind,
    parameters: parameterFields(t),
    description: t.description,
    defaultMetrics: t.defaultMetrics,
    metrics: t.metrics.map((id) => ({
      id,
      name: METRICS[id].name,
      description: METRICS[id].description,
      higherIsBetter: METRICS[id].higherIsBetter,
      defaultArgs: METRICS[id].defaultArgs,
    })),
  }));
}
