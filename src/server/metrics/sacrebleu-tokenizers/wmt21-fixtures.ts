/**
 * Test-only access to the WMT21 newstest de-en files in `shared/data/wmt21-newstest` (beside the
 * repository, never inside it: they are not licensed for redistribution). Suites using them are
 * skipped with a message when the folder is missing, except under CI, where that is a failure.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";

const REPO_ROOT = path.resolve(import.meta.dirname, "../../../..");
/** `shared/data`, beside the repository checkout (also in CI). */
export const SHARED_DATA_DIR = path.resolve(REPO_ROOT, "../shared/data");
export const WMT21_DIR = path.join(SHARED_DATA_DIR, "wmt21-newstest");

export const WMT21_SYSTEMS = ["Facebook-AI", "Online-B", "Borderline", "happypoet"] as const;
export type Wmt21System = (typeof WMT21_SYSTEMS)[number];
export type Wmt21RefSet = "A" | "B" | "A+B";

/**
 * sacreBLEU 2.6.0 (`BLEU()`, `CHRF()`, `CHRF(word_order=2)`, `TER()` defaults, reference streams
 * [A], [B], [A, B]) on these files, computed here with the sacrebleu-2.6.0 wheel. SOURCE.txt
 * independently lists the three Facebook-AI BLEU values, which are identical.
 */
export const WMT21_EXPECTED: Record<`${Wmt21System}/${Wmt21RefSet}`, { bleu: number; chrf: number; chrfpp: number; ter: number; terEdits: number; terRefLength: number }> = {
  "Facebook-AI/A": { bleu: 33.99789664597108, chrf: 62.472339428828235, chrfpp: 60.10100276705431, ter: 50.3625975167564, terEdits: 9167, terRefLength: 18202 },
  "Facebook-AI/B": { bleu: 41.89450615068946, chrf: 67.05535338668948, chrfpp: 65.04508485645884, ter: 45.11583338030551, terEdits: 8004, terRefLength: 17741 },
  "Facebook-AI/A+B": { bleu: 53.344702078592114, chrf: 70.60836281375266, chrfpp: 68.66423022016033, ter: 38.700164148791146, terEdits: 6955, terRefLength: 17971.5 },
  "Online-B/A": { bleu: 33.83560143012779, chrf: 61.90490536295804, chrfpp: 59.5194525101122, ter: 51.18668278211186, terEdits: 9317, terRefLength: 18202 },
  "Online-B/B": { bleu: 40.16325289191447, chrf: 65.74708750572647, chrfpp: 63.66731546167219, ter: 46.93647483230934, terEdits: 8327, terRefLength: 17741 },
  "Online-B/A+B": { bleu: 51.918682921395735, chrf: 69.46431349068013, chrfpp: 67.45547699657493, ter: 40.18584981776702, terEdits: 7222, terRefLength: 17971.5 },
  "Borderline/A": { bleu: 34.91787514522685, chrf: 62.90614999609946, chrfpp: 60.48914080871324, ter: 49.91209757169542, terEdits: 9085, terRefLength: 18202 },
  "Borderline/B": { bleu: 39.0291413692484, chrf: 65.35432394516916, chrfpp: 63.13225808067365, ter: 48.48091990304943, terEdits: 8601, terRefLength: 17741 },
  "Borderline/A+B": { bleu: 51.62833120998778, chrf: 69.42996886871737, chrfpp: 67.28731973391521, ter: 40.51414740005008, terEdits: 7281, terRefLength: 17971.5 },
  "happypoet/A": { bleu: 31.184444259171087, chrf: 59.17417218512983, chrfpp: 56.76115592238789, ter: 53.77980441709702, terEdits: 9789, terRefLength: 18202 },
  "happypoet/B": { bleu: 34.64887730857843, chrf: 60.963479612945015, chrfpp: 58.71005816871402, ter: 52.522405726847424, terEdits: 9318, terRefLength: 17741 },
  "happypoet/A+B": { bleu: 45.83168420733798, chrf: 65.12680361511565, chrfpp: 62.93246342302224, ter: 45.17152157582839, terEdits: 8118, terRefLength: 17971.5 },
};

function readLines(file: string): string[] {
  const lines = readFileSync(path.join(WMT21_DIR, file), "utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export interface Wmt21 {
  hyps(system: Wmt21System): string[];
  /** References in the `evaluate` shape: one list per example. */
  refs(set: Wmt21RefSet): string[][];
  sourceTxt: string;
}

export function loadWmt21(): Wmt21 {
  const a = readLines("newstest2021.de-en.ref.A.en");
  const b = readLines("newstest2021.de-en.ref.B.en");
  return {
    hyps: (system) => readLines(`newstest2021.de-en.hyp.${system}.en`),
    refs: (set) => a.map((ra, i) => (set === "A" ? [ra] : set === "B" ? [b[i]] : [ra, b[i]])),
    sourceTxt: readFileSync(path.join(WMT21_DIR, "SOURCE.txt"), "utf8"),
  };
}

/** `describe` over the WMT21 files: skipped with a reason when absent, failing when absent under CI. */
export function describeWmt21(name: string, body: (data: () => Wmt21) => void): void {
  if (existsSync(WMT21_DIR)) {
    let cached: Wmt21 | undefined;
    describe(name, () => body(() => (cached ??= loadWmt21())));
  } else if (process.env.CI) {
    describe(name, () => {
      it("has the WMT21 newstest files", () => {
        throw new Error(`WMT21 newstest files not found at ${WMT21_DIR}; CI must provide shared/data beside the clone`);
      });
    });
  } else {
    console.warn(`skipping "${name}": WMT21 newstest files not found at ${WMT21_DIR} (set CI to make this an error)`);
    describe.skip(`${name} [skipped: WMT21 newstest files not found at ${WMT21_DIR}; they live in shared/data, outside the repo]`, () => {
      body(() => {
        throw new Error("unreachable");
      });
    });
  }
}
