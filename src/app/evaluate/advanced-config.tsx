"use client";

import { cell, inputClass, type DatasetOptions, type Task } from "./form-types";

interface AdvancedConfigProps {
  tasks: Task[];
  task: Task | undefined;
  options: DatasetOptions;
  config: string;
  split: string;
  mapping: Record<string, string>;
  params: Record<string, string>;
  fieldErrors: Record<string, string>;
  /** Open by default unless the card preconfigures everything (one click). */
  open: boolean;
  onTask(id: string): void;
  onConfig(config: string): void;
  onSplit(split: string): void;
  onMapping(mapping: Record<string, string>): void;
  onParams(params: Record<string, string>): void;
}

/** Task, config, split, the column mapping with a live preview, and the task's parameters. */
export function AdvancedConfig(p: AdvancedConfigProps) {
  const { task, options } = p;
  const splits = options.configs.find((c) => c.name === p.config)?.splits ?? [];
  return (
    <details open={p.open} className="space-y-4 rounded border border-gray-200 p-3 dark:border-gray-800" data-testid="advanced-configuration">
      <summary className="cursor-pointer font-semibold">Advanced configuration: task, config, split and column mapping</summary>
      <fieldset className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <legend className="font-semibold">2. Task, config and split</legend>
        <label className="flex flex-col text-sm">
          Task
          <select value={p.task?.id ?? ""} onChange={(e) => p.onTask(e.target.value)} className={inputClass}>
            {p.tasks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Config
          <select value={p.config} onChange={(e) => p.onConfig(e.target.value)} className={inputClass}>
            {options.configs.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Split
          <select value={p.split} onChange={(e) => p.onSplit(e.target.value)} className={inputClass}>
            {splits.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
      </fieldset>

      <fieldset className="mt-4 space-y-2">
        <legend className="font-semibold">3. Column mapping</legend>
        <p className="text-sm text-gray-600 dark:text-gray-400">
          {options.numRows ?? "?"} rows in {p.config}/{p.split}. Each field lists only the columns whose type fits it.
        </p>
        {task?.fields.map((f) => {
          const columns = options.columns.filter((c) => options.fieldColumns[task.id]?.[f.id]?.includes(c.name));
          const error = p.fieldErrors[`columnMapping.${f.id}`];
          return (
            <div key={f.id} className="flex flex-col gap-1 text-sm sm:flex-row sm:items-center sm:gap-3">
              <label htmlFor={`map-${f.id}`} className="sm:w-40">
                {f.label} <code className="text-xs">({f.id})</code>
              </label>
              <select
                id={`map-${f.id}`}
                aria-label={`Column for ${f.label}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={`map-${f.id}-help`}
                value={p.mapping[f.id] ?? ""}
                onChange={(e) => p.onMapping({ ...p.mapping, [f.id]: e.target.value })}
                className={inputClass}
              >
                <option value="">{f.optional ? "— none (optional) —" : "— choose a column —"}</option>
                {columns.map((c) => <option key={c.name} value={c.name}>{c.name} ({c.type})</option>)}
              </select>
              <span id={`map-${f.id}-help`} className={error ? "text-red-700 dark:text-red-400" : "text-gray-600 dark:text-gray-400"}>
                {error ?? (columns.length === 0 ? `No column of this split fits (${f.description}).` : f.description)}
              </span>
            </div>
          );
        })}
        {options.preview.length > 0 && task && (
          <div className="overflow-x-auto" data-testid="mapping-preview">
            <table className="mt-2 text-sm" aria-label="Preview of mapped rows">
              <caption className="text-left text-xs text-gray-600 dark:text-gray-400">Preview: the first rows as the model and the metrics will see them</caption>
              <thead>
                <tr className="border-b text-left">{task.fields.map((f) => <th key={f.id} scope="col" className="pr-4">{f.label} ← {p.mapping[f.id] || "?"}</th>)}</tr>
              </thead>
              <tbody>
                {options.preview.map((row, i) => (
                  <tr key={i} className="border-b align-top">
                    {task.fields.map((f) => <td key={f.id} className="max-w-xs truncate pr-4">{p.mapping[f.id] ? cell(row[p.mapping[f.id]]) : "—"}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </fieldset>

      {task && task.parameters.length > 0 && (
        <fieldset className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-2">
          <legend className="font-semibold">Task parameters <span className="font-normal text-gray-600 dark:text-gray-400">(recorded with the results)</span></legend>
          {task.parameters.map((param) => (
            <label key={param.name} className="flex flex-col text-sm" title={param.description}>
              <span>
                <code>{param.name}</code> <span className="text-gray-600 dark:text-gray-400">— {param.description}</span>
              </span>
              {param.type === "enum" ? (
                <select value={p.params[param.name] ?? String(param.default ?? "")} onChange={(e) => p.onParams({ ...p.params, [param.name]: e.target.value })} className={inputClass}>
                  {param.options!.map((o) => <option key={o} value={o}>{o}</option>)}
                </select>
              ) : (
                <input
                  type={param.type === "string" ? "text" : "number"}
                  min={param.min}
                  max={param.max}
                  placeholder={param.default !== undefined ? `default: ${param.default}` : "optional"}
                  value={p.params[param.name] ?? ""}
                  onChange={(e) => p.onParams({ ...p.params, [param.name]: e.target.value })}
                  className={inputClass}
                />
              )}
              {p.fieldErrors[`parameters.${param.name}`] && <span className="text-red-700 dark:text-red-400">{p.fieldErrors[`parameters.${param.name}`]}</span>}
            </label>
          ))}
        </fieldset>
      )}
    </details>
  );
}
