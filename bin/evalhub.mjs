#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx evalhub` works from a fresh `npm ci` with no build step.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
register({ tsconfig: path.join(root, "tsconfig.json") });
await import(path.join(root, "src/cli/main.ts"));
