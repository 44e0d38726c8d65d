import { METRICS, isMetricId } from ".";

/** "F1 (macro)": the registry name plus the averaging the default arguments use. */
export function metricLabel(id: string): string {
  if (!isMetricId(id)) return id;
  const args = METRICS[id].defaultArgs as { average?: string };
  return args.average ? `${METRICS[id].name} (${args.average})` : METRICS[id].name;
}
