"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { DatasetOptions } from "@/server/datasets/get-dataset-options";
import type { listTasks } from "@/server/tasks/list-tasks";

type Task = ReturnType<typeof listTasks>[number];
type LabelSets = { model: string; modelLabels: string[]; datasetLabels: string[] };

const input = "rounded border border-gray-300 px-3 py-2 dark:border-gray-700 dark:bg-gray-900";
const cell = (v: unknown) => (v === null || v === undefined ? "∅" : typeof v === "string" ? v : JSON.stringify(v));

export function EvaluateForm({
  tasks,
  initialDataset,
  initialConfig,
  initialSplit,
  initialTask,
}: {
  tasks: Task[];
  initialDataset: string;
  initialConfig?: string;
  initialSplit?: string;
  initialTask?: string;
}) {
  const router = useRouter();
  const [dataset, setDataset] = useState(initialDataset);
  const [options, setOptions] = useState<DatasetOptions | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [config, setConfig] = useState("");
  const [split, setSplit] = useState("");
  const [taskId, setTaskId] = useState(tasks[0]?.id ?? "");
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [metrics, setMetrics] = useState<string[]>(tasks[0]?.defaultMetrics ?? []);
  const [models, setModels] = useState<string[]>([]);
  const [params, setParams] = useState<Record<string, string>>({});
  const [extraModel, setExtraModel] = useState("");
  const [username, setUsername] = useState("");
  const [email, setEmail] = useState("");
  const [createPr, setCreatePr] = useState(true);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; fields?: Record<string, string>; labelSets?: LabelSets[] } | null>(null);
  const [labelMapping, setLabelMapping] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState<{ id: string; yaml: string | null } | null>(null);
  const [prState, setPrState] = useState<{ url?: string; error?: string; busy?: boolean }>({});
  const task = tasks.find((t) => t.id === taskId);

  const load = useCallback(async (id: string, cfg?: string, spl?: string) => {
    setLoading(true);
    setLoadError(null);
    try {
      const qs = new URLSearchParams();
      if (cfg) qs.set("config", cfg);
      if (spl) qs.set("split", spl);
      const res = await fetch(`/api/datasets/${id.trim()}?${qs}`);
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      const opts = body as DatasetOptions;
      setOptions(opts);
      const preset = opts.presets.find((p) => (!cfg || p.config === cfg) && (!spl || p.split === spl)) ?? (cfg ? undefined : opts.presets[0]);
      const chosenConfig = cfg ?? preset?.config ?? opts.configs[0]?.name ?? "";
      setConfig(chosenConfig);
      setSplit(spl ?? preset?.split ?? opts.configs.find((c) => c.name === chosenConfig)?.splits[0] ?? "");
      if (preset) {
        setTaskId(preset.task);
        setMapping(preset.columnMapping);
        if (preset.metrics.length) setMetrics(preset.metrics);
      }
      return preset?.task ?? null;
    } catch (err) {
      setOptions(null);
      setLoadError((err as Error).message);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (!initialDataset) return;
    void load(initialDataset, initialConfig, initialSplit).then((presetTask) => {
      const t = tasks.find((x) => x.id === initialTask);
      // A task from the URL other than the card's preset starts from that task's defaults.
      if (!t || t.id === presetTask) return;
      setTaskId(t.id);
      setMetrics(t.defaultMetrics);
      setParams({});
    });
  }, [initialDataset, initialConfig, initialSplit, initialTask, tasks, load]);

  const disabledReason = useMemo(() => {
    if (!options) return "Load a dataset first.";
    if (!config || !split) return "Choose a config and a split.";
    const unmapped = task?.fields.filter((f) => !f.optional && !mapping[f.id]) ?? [];
    if (unmapped.length) return `Map a column to ${unmapped.map((f) => f.label).join(", ")}.`;
    if (metrics.length === 0) return "Pick at least one metric.";
    if (models.length === 0) return "Pick at least one model.";
    if (models.length > 10) return "Pick at most 10 models.";
    return null;
  }, [options, config, split, task, mapping, metrics, models]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (disabledReason) return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const res = await fetch("/api/submissions", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          dataset: options!.dataset,
          config,
          split,
          task: taskId,
          columnMapping: mappedColumns(mapping),
          metrics,
          models,
          ...(task && Object.keys(params).length ? { parameters: typedParameters(task, params) } : {}),
          username,
          email,
          createPr,
          ...(Object.keys(labelMapping).length ? { labelMapping } : {}),
        }),
      });
      const body = await res.json();
      if (!res.ok) {
        // Label sets of models whose labels could not be aligned: offer a mapping editor.
        const labelSets = Array.isArray(body.details) ? (body.details as LabelSets[]).filter((d) => d.modelLabels && d.datasetLabels) : [];
        setSubmitError({ message: body.error ?? `HTTP ${res.status}`, fields: body.fields ?? body.details?.fields, labelSets });
        return;
      }
      // Without matching card metadata, offer the YAML that would make this one click next time.
      const hasPreset = options!.presets.some((p) => p.config === config && p.split === split && p.task === taskId);
      let yaml: string | null = null;
      if (!hasPreset) {
        const r = await fetch("/api/eval-index", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ dataset: options!.dataset, config, split, task: taskId, columnMapping: mappedColumns(mapping), metrics }),
        });
        if (r.ok) yaml = (await r.json()).yaml;
      }
      if (!yaml) {
        router.push(`/submissions/${body.id}`);
        return;
      }
      setSubmitted({ id: body.id, yaml });
    } catch (err) {
      setSubmitError({ message: (err as Error).message });
    } finally {
      setSubmitting(false);
    }
  }

  async function proposePr() {
    setPrState({ busy: true });
    const r = await fetch("/api/eval-index", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ dataset: options!.dataset, config, split, task: taskId, columnMapping: mappedColumns(mapping), metrics, openPr: true, ...(username ? { username } : {}) }),
    });
    const body = await r.json();
    setPrState(r.ok ? { url: body.pullRequestUrl } : { error: body.error ?? `HTTP ${r.status}` });
  }

  if (submitted) {
    return (
      <section className="space-y-3" aria-live="polite">
        <p className="text-lg">
          Submitted. <a href={`/submissions/${submitted.id}`}>Follow the run</a>.
        </p>
        <h2 className="font-semibold">Make this a one-click evaluation next time</h2>
        <p className="text-sm text-gray-600 dark:text-gray-400">
          The dataset card has no evaluation metadata for this configuration. Add this to its YAML front matter, or propose it as a pull request:
        </p>
        <pre className="overflow-x-auto rounded bg-gray-100 p-3 text-xs dark:bg-gray-900" data-testid="eval-index-yaml">{submitted.yaml}</pre>
        <div className="flex gap-2">
          <button type="button" onClick={() => navigator.clipboard?.writeText(submitted.yaml ?? "")} className="rounded border px-3 py-1 text-sm">
            Copy YAML
          </button>
          <button type="button" onClick={proposePr} disabled={prState.busy || !!prState.url} className="rounded border border-indigo-600 px-3 py-1 text-sm text-indigo-700 disabled:opacity-50 dark:text-indigo-300">
            Propose as a dataset-card pull request
          </button>
        </div>
        {prState.url && <p>Pull request opened: <a href={prState.url}>{prState.url}</a></p>}
        {prState.error && <p role="alert" className="text-red-700">{prState.error}</p>}
      </section>
    );
  }

  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const splits = options?.configs.find((c) => c.name === config)?.splits ?? [];

  return (
    <form onSubmit={submit} className="space-y-6" aria-describedby="submit-status">
      <fieldset className="space-y-2">
        <legend className="font-semibold">1. Dataset</legend>
        <div className="flex gap-2">
          <label htmlFor="dataset" className="sr-only">Dataset id</label>
          <input id="dataset" name="dataset" value={dataset} onChange={(e) => setDataset(e.target.value)} placeholder="owner/dataset" className={`${input} w-96`} />
          <button type="button" onClick={() => load(dataset)} disabled={!dataset.trim() || loading} className="rounded border border-indigo-600 px-4 py-2 text-indigo-700 disabled:opacity-50 dark:text-indigo-300">
            {loading ? "Loading…" : "Load dataset"}
          </button>
        </div>
        {loadError && <p role="alert" className="text-red-700 dark:text-red-400">{loadError}</p>}
        {options && options.presets.length > 0 && (
          <p className="text-sm text-green-800 dark:text-green-300">
            {options.presets[0].source === "eval.yaml"
              ? `This dataset is a benchmark (eval.yaml${options.benchmark?.name ? `: ${options.benchmark.name}` : ""}): task, split and column mapping are preconfigured.`
              : "This dataset card has evaluation metadata: task, split, column mapping and metrics are preconfigured."}
          </p>
        )}
        {options?.warnings.map((w) => <p key={w} className="text-sm text-amber-700">{w}</p>)}
      </fieldset>

      {options && (
        <>
          <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            <legend className="font-semibold">2. Task, config and split</legend>
            <label className="flex flex-col text-sm">Task
              <select
                value={taskId}
                onChange={(e) => {
                  const next = tasks.find((t) => t.id === e.target.value);
                  setTaskId(e.target.value);
                  // Metrics and parameters belong to a task: start from the new task's defaults.
                  setMetrics(next?.defaultMetrics ?? []);
                  setParams({});
                }}
                className={input}
              >
                {tasks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </select>
            </label>
            <label className="flex flex-col text-sm">Config
              <select value={config} onChange={(e) => { setConfig(e.target.value); void load(options.dataset, e.target.value); }} className={input}>
                {options.configs.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
              </select>
            </label>
            <label className="flex flex-col text-sm">Split
              <select value={split} onChange={(e) => { setSplit(e.target.value); void load(options.dataset, config, e.target.value); }} className={input}>
                {splits.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </label>
          </fieldset>

          <fieldset className="space-y-2">
            <legend className="font-semibold">3. Column mapping</legend>
            <p className="text-sm text-gray-600 dark:text-gray-400">{options.numRows ?? "?"} rows in {config}/{split}.</p>
            {task?.fields.map((f) => (
              <label key={f.id} className="flex items-center gap-3 text-sm">
                <span className="w-32">{f.label} <code className="text-xs">({f.id})</code></span>
                <select aria-label={`Column for ${f.label}`} value={mapping[f.id] ?? ""} onChange={(e) => setMapping({ ...mapping, [f.id]: e.target.value })} className={input}>
                  <option value="">{f.optional ? "— none (optional) —" : "— choose a column —"}</option>
                  {options.columns.filter((c) => options.fieldColumns[taskId]?.[f.id]?.includes(c.name)).map((c) => (
                    <option key={c.name} value={c.name}>{c.name} ({c.type})</option>
                  ))}
                </select>
                <span className="text-gray-500">{f.description}</span>
              </label>
            ))}
            {options.preview.length > 0 && task && (
              <div className="overflow-x-auto">
                <table className="mt-2 text-sm" aria-label="Preview of mapped rows">
                  <caption className="text-left text-xs text-gray-500">Preview: the first rows as the model and the metrics will see them</caption>
                  <thead>
                    <tr className="border-b text-left">{task.fields.map((f) => <th key={f.id} className="pr-4">{f.label} ← {mapping[f.id] || "?"}</th>)}</tr>
                  </thead>
                  <tbody>
                    {options.preview.map((row, i) => (
                      <tr key={i} className="border-b align-top">
                        {task.fields.map((f) => <td key={f.id} className="max-w-md truncate pr-4">{mapping[f.id] ? cell(row[mapping[f.id]]) : "—"}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </fieldset>

          {task && task.parameters.length > 0 && (
            <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <legend className="font-semibold">Task parameters <span className="font-normal text-gray-500">(recorded with the results)</span></legend>
              {task.parameters.map((p) => (
                <label key={p.name} className="flex flex-col text-sm" title={p.description}>
                  <span>
                    <code>{p.name}</code> <span className="text-gray-500">— {p.description}</span>
                  </span>
                  {p.type === "enum" ? (
                    <select value={params[p.name] ?? String(p.default ?? "")} onChange={(e) => setParams({ ...params, [p.name]: e.target.value })} className={input}>
                      {p.options!.map((o) => <option key={o} value={o}>{o}</option>)}
                    </select>
                  ) : (
                    <input
                      type={p.type === "string" ? "text" : "number"}
                      min={p.min}
                      max={p.max}
                      placeholder={p.default !== undefined ? `default: ${p.default}` : "optional"}
                      value={params[p.name] ?? ""}
                      onChange={(e) => setParams({ ...params, [p.name]: e.target.value })}
                      className={input}
                    />
                  )}
                  {submitError?.fields?.[`parameters.${p.name}`] && <span className="text-red-600">{submitError.fields[`parameters.${p.name}`]}</span>}
                </label>
              ))}
            </fieldset>
          )}

          <fieldset className="space-y-1">
            <legend className="font-semibold">4. Metrics</legend>
            {task?.metrics.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-sm" title={m.description}>
                <input type="checkbox" checked={metrics.includes(m.id)} onChange={() => setMetrics(toggle(metrics, m.id))} />
                {m.name} <span className="text-gray-500">— {m.description}</span>
              </label>
            ))}
          </fieldset>

          <fieldset className="space-y-1">
            <legend className="font-semibold">5. Models ({models.length}/10)</legend>
            {options.models.length === 0 && <p className="text-sm text-gray-600 dark:text-gray-400">No model on the hub is tagged with this dataset; add any model id below.</p>}
            {otherTaskModels(options.models, task?.pipelineTag).length > 0 && (
              <p className="text-sm text-gray-600 dark:text-gray-400">
                Also tagged with this dataset, for other tasks: {otherTaskModels(options.models, task?.pipelineTag).map((m) => `${m.id} (${m.task})`).join(", ")}.
              </p>
            )}
            {[...new Set([...compatibleModels(options.models, task?.pipelineTag).map((m) => m.id), ...models])].map((id) => {
              const info = options.models.find((m) => m.id === id);
              return (
                <label key={id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="models" value={id} checked={models.includes(id)} onChange={() => setModels(toggle(models, id))} />
                  {id} {info && <span className="text-gray-500">· {info.task ?? "no task"} · {info.downloads} downloads · {info.likes} likes</span>}
                </label>
              );
            })}
            <div className="flex gap-2 pt-1">
              <label htmlFor="extra-model" className="sr-only">Add a model by id</label>
              <input id="extra-model" value={extraModel} onChange={(e) => setExtraModel(e.target.value)} placeholder="owner/model" className={`${input} w-72`} />
              <button type="button" disabled={!extraModel.trim()} onClick={() => { setModels([...new Set([...models, extraModel.trim()])]); setExtraModel(""); }} className="rounded border border-gray-400 px-3 py-2 text-sm disabled:opacity-50">
                Add model
              </button>
            </div>
          </fieldset>

          <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <legend className="font-semibold">6. Notify me</legend>
            <label className="flex flex-col text-sm">Hub username (mentioned in the pull requests)
              <input value={username} onChange={(e) => setUsername(e.target.value)} className={input} name="username" />
            </label>
            <label className="flex flex-col text-sm">Email (optional)
              <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} className={input} name="email" />
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={!createPr} onChange={(e) => setCreatePr(!e.target.checked)} />
              Private: don&apos;t open a pull request on the model cards
            </label>
          </fieldset>
        </>
      )}

      <div className="space-y-2">
        <button type="submit" disabled={!!disabledReason || submitting} className="rounded bg-indigo-600 px-5 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          {submitting ? "Submitting…" : "Evaluate"}
        </button>
        <p id="submit-status" className="text-sm text-gray-600 dark:text-gray-400">{disabledReason ?? "Ready to evaluate."}</p>
        {submitError && (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            <p>{submitError.message}</p>
            {submitError.labelSets?.map((set) => (
              <fieldset key={set.model} className="mt-2 space-y-1 text-sm">
                <legend className="font-semibold">Map the labels of {set.model} to the dataset&apos;s labels, then press Evaluate again</legend>
                {set.modelLabels.map((label) => (
                  <label key={label} className="flex items-center gap-2">
                    <span className="w-40">{label} →</span>
                    <select
                      aria-label={`Dataset label for model label ${label}`}
                      value={labelMapping[label] ?? ""}
                      onChange={(e) => {
                        const next = { ...labelMapping };
                        if (e.target.value) next[label] = e.target.value;
                        else delete next[label];
                        setLabelMapping(next);
                      }}
                      className={input}
                    >
                      <option value="">— automatic —</option>
                      {set.datasetLabels.map((d) => <option key={d} value={d}>{d}</option>)}
                    </select>
                  </label>
                ))}
              </fieldset>
            ))}
            {submitError.fields && (
              <ul className="list-disc pl-6 text-sm">
                {Object.entries(submitError.fields).map(([k, v]) => <li key={k}><code>{k}</code>: {v}</li>)}
              </ul>
            )}
          </div>
        )}
      </div>
    </form>
  );
}

/** The mapping without unmapped (optional) fields, as the API expects it. */
function mappedColumns(mapping: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([, column]) => column));
}

/** Models tagged with the dataset whose pipeline tag is the chosen task's (or unknown), as the original tool filtered them. */
function compatibleModels<M extends { task: string | null }>(models: M[], pipelineTag: string | undefined): M[] {
  return models.filter((m) => m.task === null || m.task === pipelineTag);
}

function otherTaskModels<M extends { task: string | null }>(models: M[], pipelineTag: string | undefined): M[] {
  return models.filter((m) => m.task !== null && m.task !== pipelineTag);
}

/** Form strings to the types the task's parameter schema takes; empty inputs fall back to defaults. */
function typedParameters(task: Task, values: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const p of task.parameters) {
    const raw = values[p.name];
    if (raw === undefined || raw === "") continue;
    out[p.name] = p.type === "integer" || p.type === "number" ? Number(raw) : raw;
  }
  return out;
}
