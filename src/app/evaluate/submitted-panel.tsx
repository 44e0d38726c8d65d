"use client";

import Link from "next/link";
import { useState } from "react";
import { buttonClass, inputClass } from "./form-types";

export type LabelSets = { model: string; modelLabels: string[]; datasetLabels: string[] };

/** After submitting a configuration the card lacks: the run's link, and the train-eval-index YAML to copy or propose. */
export function SubmittedPanel({ id, yaml, proposeBody }: { id: string; yaml: string; proposeBody: Record<string, unknown> }) {
  const [pr, setPr] = useState<{ url?: string; error?: string; busy?: boolean }>({});
  const [copied, setCopied] = useState(false);

  async function propose() {
    setPr({ busy: true });
    const r = await fetch("/api/eval-index", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...proposeBody, openPr: true }) });
    const body = await r.json();
    setPr(r.ok ? { url: body.pullRequestUrl } : { error: body.error ?? `HTTP ${r.status}` });
  }

  return (
    <section className="space-y-3" aria-live="polite">
      <p className="text-lg">
        Submitted. <Link href={`/submissions/${id}`}>Follow the run</Link>.
      </p>
      <h2 className="font-semibold">Make this a one-click evaluation next time</h2>
      <p className="text-sm text-gray-600 dark:text-gray-400">
        The dataset card has no evaluation metadata for this configuration. Add this to its YAML front matter, or propose it as a pull request:
      </p>
      <pre className="overflow-x-auto rounded bg-gray-100 p-3 text-xs dark:bg-gray-900" data-testid="eval-index-yaml" tabIndex={0} aria-label="train-eval-index YAML">
        {yaml}
      </pre>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={() => navigator.clipboard?.writeText(yaml).then(() => setCopied(true), () => setCopied(false))} className={buttonClass}>
          {copied ? "Copied" : "Copy YAML"}
        </button>
        <button type="button" onClick={propose} disabled={pr.busy || !!pr.url} className={buttonClass}>
          Propose as a dataset-card pull request
        </button>
      </div>
      {pr.url && <p>Pull request opened: <a href={pr.url}>{pr.url}</a></p>}
      {pr.error && <p role="alert" className="text-red-700 dark:text-red-400">{pr.error}</p>}
    </section>
  );
}

/** Models whose labels could not be aligned automatically: the user maps each model label to a dataset label. */
export function LabelMappingEditor({ sets, value, onChange }: { sets: LabelSets[]; value: Record<string, string>; onChange(v: Record<string, string>): void }) {
  return (
    <>
      {sets.map((set) => (
        <fieldset key={set.model} className="mt-2 space-y-1 text-sm">
          <legend className="font-semibold">Map the labels of {set.model} to the dataset&apos;s labels, then press Evaluate again</legend>
          {set.modelLabels.map((label) => (
            <label key={label} className="flex items-center gap-2">
              <span className="w-40">{label} →</span>
              <select
                aria-label={`Dataset label for model label ${label}`}
                value={value[label] ?? ""}
                onChange={(e) => {
                  const next = { ...value };
                  if (e.target.value) next[label] = e.target.value;
                  else delete next[label];
                  onChange(next);
                }}
                className={inputClass}
              >
                <option value="">— automatic —</option>
                {set.datasetLabels.map((d) => <option key={d} value={d}>{d}</option>)}
              </select>
            </label>
          ))}
        </fieldset>
      ))}
    </>
  );
}
