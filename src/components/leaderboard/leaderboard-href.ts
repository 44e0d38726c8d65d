/** The view's query parameters as the page's GET form would send them (only the chosen ones). */
export type ViewParams = Partial<Record<"config" | "split" | "task" | "metric" | "sort" | "dir" | "verified" | "selfReported" | "search", string>>;

/** A URL for `base` with `params` changed by `patch` (undefined removes a parameter). */
export function viewHref(base: string, params: ViewParams, patch: ViewParams & { format?: string } = {}): string {
  const merged: Record<string, string | undefined> = { ...params, ...patch };
  const qs = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1]));
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}
