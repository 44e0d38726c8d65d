import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p>That page does not exist, or the evaluation, submission or model it names is unknown here.</p>
      <p className="flex flex-wrap gap-3">
        <Link href="/">Back to EvalHub</Link>
        <Link href="/leaderboards">Leaderboards</Link>
        <Link href="/evaluate">New evaluation</Link>
      </p>
    </div>
  );
}
