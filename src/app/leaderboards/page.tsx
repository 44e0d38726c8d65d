import Link from "next/link";
import { getContext } from "@/server/context";
import { listLeaderboards } from "@/server/leaderboards/list-leaderboards";

export const dynamic = "force-dynamic";

export default async function LeaderboardsPage() {
  const boards = await listLeaderboards({ db: getContext().db });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Leaderboards</h1>
      {boards.length === 0 ? (
        <p>No dataset has results yet. <Link href="/evaluate">Run the first evaluation.</Link></p>
      ) : (
        <ul className="list-disc pl-6">
          {boards.map((b) => (
            <li key={b.dataset}><Link href={`/leaderboards/${b.dataset}`}>{b.dataset}</Link> ({b.models} models)</li>
          ))}
        </ul>
      )}
    </div>
  );
}
