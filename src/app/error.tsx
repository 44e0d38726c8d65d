"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-2">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p>{/ECONNREFUSED|database/i.test(error.message) ? "The database is unavailable; try again shortly." : "An unexpected error happened while loading this page."}</p>
      {error.digest && <p className="text-sm text-gray-500">Reference: {error.digest}</p>}
      <button onClick={reset} className="rounded border px-3 py-1">Try again</button>
    </div>
  );
}
