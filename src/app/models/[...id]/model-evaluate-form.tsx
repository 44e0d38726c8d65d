"use client";

import Link from "next/link";
import { useState } from "react";
import { CreateModelEvaluationsSchema } from "@/schemas/model-evaluations";
import type { CreatedModelSubmissions, ModelSubmissionOutcome } from "@/server/models/create-model-submissions";
import type { DatasetCandidate } from "@/server/models/list-model-datasets";

type Candidate = DatasetCandidate & { evaluated: boolean };

const input = "rounded border border-gray-300 px-3 py-2 dark:border-gray-700 dark:bg-gray-900";

export function ModelEvaluateForm({ model, task, candidates }: { model: string; task: string; candidates: Candidate[] }) {
  const ready = candidates.filter((c) => c.preset);
  const manual = candidates.filter((c) => !c.preset);
  const [selected, setSelected] = useState<string[]>([]);
  const [username, setUsername] = useState("");
  const [email, setEmail] = useState("");
  const [createPr, setCreatePr] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<ModelSubmissionOutcome[] | null>(null);

  const body = {
    datasets: ready.filter((c) => selected.includes(c.dataset)).map((c) => ({ dataset: c.dataset, config: c.preset!.config, split: c.preset!.split })),
    username,
    email,
    createPr,
  };
  const parsed = CreateModelEvaluationsSchema.safeParse(body);
  const fieldError = (name: string) => (parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === name)?.message);
  const blocked =
    selected.length === 0
      ? "Pick at least one dataset."
      : fieldError("username")
        ? `Hub username ${fieldError("username")}.`
        : fieldError("email")
          ? `Email ${fieldError("email")}.`
          : !parsed.success
            ? (parsed.error.issues[0]?.message ?? "The form is not valid.")
            : null;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (blocked || busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/models/${model}/evaluations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const json = (await res.json().catch(() => null)) as (Partial<CreatedModelSubmissions> & { error?: string }) | null;
      if (json?.results) {
        setOutcomes(json.results);
        setSelected((s) => s.filter((d) => !json.results!.some((r) => r.status === "created" && r.dataset === d)));
      } else {
        setError(json?.error ?? `The server answered ${res.status}.`);
      }
    } catch (err) {
      setError(`Could not reach EvalHub: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      {candidates.length === 0 && (
        <p>
          No {task} datasets found on the hub or on EvalHub&apos;s leaderboards.{" "}
          <Link href="/evaluate">Pick a dataset in the evaluation form.</Link>
        </p>
      )}
      {ready.length > 0 && (
        <form onSubmit={submit} className="space-y-4" aria-describedby="model-submit-status">
          <fieldset className="space-y-2">
            <legend className="font-semibold">Datasets with evaluation metadata for {task}</legend>
            <ul className="space-y-1">
              {ready.map((c) => {
                const id = `ds-${c.dataset}`;
                return (
                  <li key={c.dataset} className="flex items-baseline gap-2">
                    <input
                      type="checkbox"
                      id={id}
                      name="datasets"
                      value={c.dataset}
                      checked={selected.includes(c.dataset)}
                      onChange={(e) => setSelected((s) => (e.target.checked ? [...s, c.dataset] : s.filter((d) => d !== c.dataset)))}
                    />
                    <label htmlFor={id} className="min-w-0 break-words">
                      {c.dataset}{" "}
                      <span className="text-sm text-gray-600 dark:text-gray-400">
                        ({c.preset!.config}/{c.preset!.split}, {c.preset!.source === "train-eval-index" ? "from the dataset card" : "as previously evaluated"})
                        {c.evaluated ? " · already evaluated" : ""}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <fieldset className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <legend className="font-semibold">Who is asking</legend>
            <label className="flex flex-col text-sm">
              Hub username
              <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" className={input} aria-invalid={!!fieldError("username")} />
              {username && fieldError("username") && <span className="text-red-700 dark:text-red-400">Must be a Hub username.</span>}
            </label>
            <label className="flex flex-col text-sm">
              Email
              <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" className={input} aria-invalid={!!fieldError("email")} />
              {email && fieldError("email") && <span className="text-red-700 dark:text-red-400">Must be an email address.</span>}
            </label>
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input type="checkbox" name="private" checked={!createPr} onChange={(e) => setCreatePr(!e.target.checked)} />
              Private: don&apos;t open a pull request on the model card
            </label>
          </fieldset>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={!!blocked || busy} className="rounded bg-indigo-600 px-4 py-2 text-white disabled:opacity-50">
              {busy ? "Submitting…" : selected.length === 0 ? "Evaluate" : `Evaluate on ${selected.length} dataset${selected.length === 1 ? "" : "s"}`}
            </button>
            <p id="model-submit-status" className="text-sm text-gray-600 dark:text-gray-400">{busy ? "Validating each dataset against the hub…" : (blocked ?? "Ready to evaluate.")}</p>
          </div>
        </form>
      )}
      {error && <p role="alert" className="text-red-700 dark:text-red-400">{error}</p>}
      {outcomes && (
        <section aria-live="polite" aria-label="Submission results" className="space-y-1" data-testid="model-submit-results">
          <ul className="space-y-1">
            {outcomes.map((o) =>
              o.status === "created" ? (
                <li key={o.dataset} data-status="created">
                  ✓ {o.dataset} ({o.config}/{o.split}): <Link href={o.submissionUrl}>View submission for {o.dataset}</Link>
                </li>
              ) : (
                <li key={o.dataset} data-status="failed" className="text-red-700 dark:text-red-400">
                  ✗ {o.dataset}: {o.error}
                  {o.mapUrl && <> <Link href={o.mapUrl}>Configure {o.dataset} by hand</Link></>}
                </li>
              ),
            )}
          </ul>
        </section>
      )}
      {manual.length > 0 && (
        <section className="space-y-1" aria-labelledby="manual-heading">
          <h3 id="manual-heading" className="font-semibold">Other {task} datasets (map columns first)</h3>
          <ul className="list-disc pl-5">
            {manual.map((c) => (
              <li key={c.dataset}>
                <Link href={`/evaluate?${new URLSearchParams({ dataset: c.dataset })}`}>Map columns for {c.dataset}</Link>
                {c.error && <span className="text-sm text-amber-700 dark:text-amber-400"> ({c.error})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
