/**
 * Runs the local hub from the command line:
 *   npx tsx src/localhub/cli.ts --dir .data/hub [--port 7860] [--host 127.0.0.1] [--public-url URL]
 * Environment fallbacks: LOCALHUB_DIR, LOCALHUB_PORT, LOCALHUB_HOST, LOCALHUB_PUBLIC_URL.
 */
import { parseArgs } from "node:util";
import { startLocalHub } from "./server";

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    "public-url": { type: "string" },
  },
});

const dir = values.dir ?? process.env.LOCALHUB_DIR ?? ".data/hub";
const hub = await startLocalHub({
  dir,
  port: Number(values.port ?? process.env.LOCALHUB_PORT ?? 7860),
  host: values.host ?? process.env.LOCALHUB_HOST,
  publicUrl: values["public-url"] ?? process.env.LOCALHUB_PUBLIC_URL,
});
console.log(`[localhub] serving ${dir} at ${hub.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void hub.close().then(() => process.exit(0));
  });
}
