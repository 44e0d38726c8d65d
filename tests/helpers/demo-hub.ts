import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { seedHub } from "@/cli/hub-commands";
import { startLocalHub } from "@/localhub/server";

export const DEMO_TOKEN = "hf_evalhub_test_token";

/** A local hub over a temp folder seeded with the demo content, on an ephemeral port. */
export async function startDemoHub() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "evalhub-hub-"));
  await seedHub(dir, () => {});
  const hub = await startLocalHub({ dir, port: 0 });
  return {
    dir,
    url: hub.url,
    store: hub.store,
    async close() {
      await hub.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
