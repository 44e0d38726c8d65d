/** The demo's SST-2 validation split as a text-classification submission (models and options added per test). */
export const SST2_SUBMISSION = {
  dataset: "evalhub-demo/sst2",
  config: "default",
  split: "validation",
  task: "text-classification",
  columnMapping: { text: "sentence", target: "label" },
};

export interface WaitForOptions {
  timeoutMs?: number;
  /** Printed with the timeout error (e.g. the worker's log lines). */
  logs?: string[];
  /** Treat a probe that throws as "not yet" (e.g. while a server restarts). Default: the error fails the wait. */
  ignoreErrors?: boolean;
}

/** Polls `probe` every 150 ms until it returns something truthy, which it then resolves to. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, opts: WaitForOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const start = Date.now();
  for (;;) {
    const v = opts.ignoreErrors ? await Promise.resolve().then(probe).catch(() => null) : await probe();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${(opts.logs ?? []).join(opts.logs?.some((l) => l.endsWith("\n")) ? "" : "\n")}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
