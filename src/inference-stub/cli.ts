/**
 * Runs the inference stub with the demo models (keyword rules, one per task):
 *   npx tsx src/inference-stub/cli.ts [--port 8081] [--host 127.0.0.1] [--token hf_xxx]
 * Prints a REMOTE_ENDPOINTS value that points every demo model at this server.
 * Environment fallbacks: INFERENCE_STUB_PORT, INFERENCE_STUB_HOST, INFERENCE_STUB_TOKEN.
 */
import { parseArgs } from "node:util";
import { DEMO_HANDLERS } from "./demo-handlers";
import { startInferenceStub } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    token: { type: "string", multiple: true },
  },
});

const envToken = process.env.INFERENCE_STUB_TOKEN;
const tokens = values.token ?? (envToken ? [envToken] : undefined);
const stub = await startInferenceStub({
  port: Number(values.port ?? process.env.INFERENCE_STUB_PORT ?? 8081),
  host: values.host ?? process.env.INFERENCE_STUB_HOST,
  handlers: DEMO_HANDLERS,
  tokens,
});
const endpoints = Object.fromEntries(Object.keys(DEMO_HANDLERS).map((model) => [model, { endpointUrl: stub.endpointUrl(model) }]));
console.log(`[inference-stub] serving ${Object.keys(DEMO_HANDLERS).length} demo models at ${stub.url}${tokens ? " (token required)" : ""}`);
console.log(`REMOTE_ENDPOINTS='${JSON.stringify(endpoints)}'`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stub.close().then(() => process.exit(0));
  });
}
