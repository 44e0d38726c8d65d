/**
 * The loading state of a page while its server data arrives: a heading and grey placeholder blocks
 * shaped like the page, announced to screen readers, never a blank page.
 */
export function PageLoading({ title, blocks = 3 }: { title: string; blocks?: number }) {
  return (
    <div role="status" aria-live="polite" className="space-y-4" data-testid="page-loading">
      <p className="text-2xl font-bold">{title}</p>
      <p className="text-sm text-gray-600 dark:text-gray-400">Loading…</p>
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} aria-hidden="true" className="h-16 animate-pulse rounded bg-gray-100 motion-reduce:animate-none dark:bg-gray-900" />
      ))}
    </div>
  );
}
