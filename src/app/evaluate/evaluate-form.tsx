"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { EmailSchema, UsernameSchema } from "@/schemas/contact";
import { AdvancedConfig } from "./advanced-config";
import { buttonClass, inputClass, mappedColumns, typedParameters, type DatasetOptions, type Task } from "./form-types";
import { MetricPicker } from "./metric-picker";
import { MAX_MODELS, ModelPicker } from "./model-picker";
import { LabelMappingEditor, SubmittedPanel, type LabelSets } from "./submitted-panel";

// The username and email rules of the submission schemas; that module is browser-safe (no metric registry).
const DATASET_ID = /^[\w.-]+(\/[\w.-]+)?$/;

/** First zod message for a value, or null. */
function invalid(schema: typeof UsernameSchema | typeof EmailSchema, value: string): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0].message;
}

export function EvaluateForm(props: { tasks: Task[]; initialDataset: string; initialConfig?: string; initialSplit?: string; initialTask?: string }) {
  const { tasks, initialDataset, initialConfig, initialSplit, initialTask } = props;
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
  const [username, setUsername] = useState("");
  const [email, setEmail] = useState("");
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [createPr, setCreatePr] = useState(true);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; fields?: Record<string, string>; labelSets?: LabelSets[] } | null>(null);
  const [labelMapping, setLabelMapping] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState<{ id: string; yaml: string } | null>(null);
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
      chooseTask(t.id);
    });
    // chooseTask only sets state; the effect runs once per URL.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialDataset, initialConfig, initialSplit, initialTask, tasks, load]);

  function chooseTask(id: string) {
    const next = tasks.find((t) => t.id === id);
    setTaskId(id);
    // Metrics, parameters and models belong to a task: start from the new task's defaults.
    setMetrics(next?.defaultMetrics ?? []);
    setParams({});
    setModels([]);
  }

  const fieldErrors: Record<string, string> = { ...(submitError?.fields ?? {}) };
  const datasetError = dataset.trim() && !DATASET_ID.test(dataset.trim()) ? "must look like owner/name" : null;
  const usernameError = touched.username ? invalid(UsernameSchema, username) : null;
  const emailError = touched.email ? invalid(EmailSchema, email) : null;
  const hasPreset = !!options?.presets.some((p) => p.config === config && p.split === split && p.task === taskId);

  const disabledReason = useMemo(() => {
    if (!options) return "Load a dataset first.";
    if (!config || !split) return "Choose a config and a split.";
    const unmapped = task?.fields.filter((f) => !f.optional && !mapping[f.id]) ?? [];
    if (unmapped.length) return `Map a column to ${unmapped.map((f) => f.label).join(", ")}.`;
    if (metrics.length === 0) return "Pick at least one metric.";
    if (models.length === 0) return "Pick at least one model.";
    if (models.length > MAX_MODELS) return `Pick at most ${MAX_MODELS} models.`;
    if (invalid(UsernameSchema, username)) return "Fix the Hub username.";
    if (invalid(EmailSchema, email)) return "Fix the email address.";
    return null;
  }, [options, config, split, task, mapping, metrics, models, username, email]);

  const specBody = () => ({ dataset: options!.dataset, config, split, task: taskId, columnMapping: mappedColumns(mapping), metrics });

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
          ...specBody(),
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
      const r = hasPreset ? null : await fetch("/api/eval-index", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(specBody()) });
      const yaml: string | null = r?.ok ? (await r.json()).yaml : null;
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

  if (submitted) return <SubmittedPanel id={submitted.id} yaml={submitted.yaml} proposeBody={{ ...specBody(), ...(username ? { username } : {}) }} />;

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <fieldset className="space-y-2">
        <legend className="font-semibold">1. Dataset</legend>
        <div className="flex flex-wrap gap-2">
          <label htmlFor="dataset" className="sr-only">Dataset id</label>
          <input
            id="dataset"
            name="dataset"
            value={dataset}
            onChange={(e) => setDataset(e.target.value)}
            placeholder="owner/dataset"
            aria-invalid={datasetError ? true : undefined}
            aria-describedby="dataset-help"
            className={`${inputClass} w-full sm:w-96`}
          />
          <button type="button" onClick={() => load(dataset)} disabled={!dataset.trim() || !!datasetError || loading} className={buttonClass}>
            {loading ? "Loading…" : "Load dataset"}
          </button>
        </div>
        <p id="dataset-help" className={`text-sm ${datasetError ? "text-red-700 dark:text-red-400" : "text-gray-600 dark:text-gray-400"}`}>
          {datasetError ? `Dataset id ${datasetError}.` : "A dataset on the hub, e.g. evalhub-demo/sst2."}
        </p>
        {loading && !options && <p role="status" className="text-sm text-gray-600 dark:text-gray-400">Reading the dataset&apos;s configs, splits and card…</p>}
        {loadError && <p role="alert" className="text-red-700 dark:text-red-400">{loadError}</p>}
        {options && options.presets.length > 0 && (
          <p className="text-sm text-green-800 dark:text-green-300">
            {options.presets[0].source === "eval.yaml"
              ? `This dataset is a benchmark (eval.yaml${options.benchmark?.name ? `: ${options.benchmark.name}` : ""}): task, split and column mapping are preconfigured.`
              : "This dataset card has evaluation metadata: task, split, column mapping and metrics are preconfigured."}{" "}
            Pick models and press Evaluate.
          </p>
        )}
        {options?.warnings.map((w) => <p key={w} className="text-sm text-amber-800 dark:text-amber-300">{w}</p>)}
      </fieldset>

      {options && task && (
        <>
          <AdvancedConfig
            tasks={tasks}
            task={task}
            options={options}
            config={config}
            split={split}
            mapping={mapping}
            params={params}
            fieldErrors={fieldErrors}
            open={options.presets.length === 0 || !!(initialConfig || initialSplit || initialTask)}
            onTask={chooseTask}
            onConfig={(c) => { setConfig(c); void load(options.dataset, c); }}
            onSplit={(s) => { setSplit(s); void load(options.dataset, config, s); }}
            onMapping={setMapping}
            onParams={setParams}
          />
          <MetricPicker task={task} selected={metrics} onChange={setMetrics} />
          <ModelPicker task={task} options={options} selected={models} onChange={setModels} />
          <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <legend className="font-semibold">6. Notify me</legend>
            <label className="flex flex-col text-sm">
              Hub username (mentioned in the pull requests)
              <input value={username} onChange={(e) => setUsername(e.target.value)} onBlur={() => setTouched({ ...touched, username: true })} aria-invalid={usernameError ? true : undefined} className={inputClass} name="username" autoComplete="username" />
              {(usernameError || fieldErrors.username) && <span className="text-red-700 dark:text-red-400">Hub username {usernameError ?? fieldErrors.username}.</span>}
            </label>
            <label className="flex flex-col text-sm">
              Email (optional)
              <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} onBlur={() => setTouched({ ...touched, email: true })} aria-invalid={emailError ? true : undefined} className={inputClass} name="email" autoComplete="email" />
              {(emailError || fieldErrors.email) && <span className="text-red-700 dark:text-red-400">Email {emailError ?? fieldErrors.email}.</span>}
            </label>
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input type="checkbox" name="private" checked={!createPr} onChange={(e) => setCreatePr(!e.target.checked)} />
              Private: don&apos;t open a pull request on the model cards (results stay on EvalHub)
            </label>
          </fieldset>
        </>
      )}

      <div className="space-y-2">
        <button type="submit" disabled={!!disabledReason || submitting} aria-describedby="submit-status" className="rounded bg-indigo-600 px-5 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
          {submitting ? "Submitting…" : "Evaluate"}
        </button>
        <p id="submit-status" role="status" className="text-sm text-gray-600 dark:text-gray-400">{disabledReason ?? "Ready to evaluate."}</p>
        {submitError && (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            <p>{submitError.message}</p>
            {submitError.labelSets && <LabelMappingEditor sets={submitError.labelSets} value={labelMapping} onChange={setLabelMapping} />}
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
