import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startLocalHub, type LocalHub, type LocalHubOptions } from "./server";

/** A token the JS client accepts ("hf_" prefix); it maps to the default user "evalhub-bot". */
export const TEST_TOKEN = "hf_localhub_test";

export interface TestHub extends LocalHub {
  /** The temp folder the hub serves. */
  dir: string;
  accessToken: string;
}

/**
 * Starts a local hub on an ephemeral port over a fresh temp folder; `close()` stops it and
 * deletes the folder. For tests and scripts that need a throw-away Hub.
 */
export async function startTestHub(opts: Omit<LocalHubOptions, "dir" | "port"> & { dir?: string } = {}): Promise<TestHub> {
  const dir = opts.dir ?? (await mkdtemp(path.join(os.tmpdir(), "localhub-")));
  const hub = await startLocalHub({ ...opts, dir, port: 0 });
  return {
    ...hub,
    dir,
    accessToken: TEST_TOKEN,
    close: async () => {
      await hub.close();
      if (!opts.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
