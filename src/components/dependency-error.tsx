"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect, useState } from "react";

type Down = "database" | "redis" | "hub";

/**
 * The error state of a server-rendered page. In production Next.js hides a server error's message
 * (the boundary only gets a digest), so the cause is asked from GET /api/health, which names the
 * dependencies that are down. "Try again" re-renders on the server (router.refresh), which a plain
 * reset() does not do for a server component.
 */
export function DependencyError({ title, error, reset }: { title: string; error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [down, setDown] = useState<Down[] | null>(null);
  useEffect(() => {
    let live = true;
    fetch("/api/health?report=1", { cache: "no-store" })
      .then((r) => r.json() as Promise<{ down?: Down[] }>)
      .then((h) => live && setDown(h.down ?? []))
      .catch(() => live && setDown([]));
    return () => {
      live = false;
    };
  }, [error]);
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  const databaseDown = down?.includes("database");
  return (
    <div role="alert" data-testid="page-error" data-cause={databaseDown ? "database" : "unknown"} className="space-y-3">
      <h1 className="text-2xl font-bold">{databaseDown ? "EvalHub's database is unavailable" : title}</h1>
      <p>
        {databaseDown
          ? "Nothing is lost: submissions and results are kept. This page will load again as soon as the database is back; try again in a moment."
          : "An unexpected error happened while loading this page."}
      </p>
      {error.digest && <p className="text-sm text-gray-600 dark:text-gray-400">Reference: {error.digest}</p>}
      <p className="flex gap-4">
        <button type="button" onClick={retry} className="rounded border border-gray-300 px-3 py-1 dark:border-gray-700">
          Try again
        </button>
        <a href="/">Back to EvalHub</a>
      </p>
    </div>
  );
}
