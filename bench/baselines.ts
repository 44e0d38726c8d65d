/**
 * Straightforward implementations used only as the benchmarks' yardstick: what one writes first,
 * with string-keyed n-gram maps and a full dynamic-programming table per pair.
 */
const tokens = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter(Boolean);

function ngrams(ts: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= ts.length; i++) {
    const k = ts.slice(i, i + n).join(" ");
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function overlapF(a: Map<string, number>, b: Map<string, number>): number {
  let hit = 0;
  let ta = 0;
  let tb = 0;
  for (const v of a.values()) ta += v;
  for (const [k, v] of b) {
    tb += v;
    hit += Math.min(v, a.get(k) ?? 0);
  }
  if (!ta || !tb || !hit) return 0;
  const p = hit / ta;
  const r = hit / tb;
  return (2 * p * r) / (p + r);
}

function lcs(a: string[], b: string[]): number {
  const t: number[][] = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) t[i][j] = a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
  return t[a.length][b.length];
}

export function naiveRouge(predictions: string[], references: string[]) {
  let r1 = 0;
  let r2 = 0;
  let rl = 0;
  for (let i = 0; i < predictions.length; i++) {
    const p = tokens(predictions[i]);
    const r = tokens(references[i]);
    r1 += overlapF(ngrams(p, 1), ngrams(r, 1));
    r2 += overlapF(ngrams(p, 2), ngrams(r, 2));
    const l = lcs(p, r);
    rl += l && p.length && r.length ? (2 * (l / p.length) * (l / r.length)) / (l / p.length + l / r.length) : 0;
  }
  const n = predictions.length;
  return { rouge1: r1 / n, rouge2: r2 / n, rougeL: rl / n };
}

export function naiveBleu(predictions: string[], references: string[]) {
  const matches = [0, 0, 0, 0];
  const totals = [0, 0, 0, 0];
  let sys = 0;
  let ref = 0;
  for (let i = 0; i < predictions.length; i++) {
    const p = predictions[i].split(/\s+/).filter(Boolean);
    const r = references[i].split(/\s+/).filter(Boolean);
    sys += p.length;
    ref += r.length;
    for (let n = 1; n <= 4; n++) {
      const pc = ngrams(p, n);
      const rc = ngrams(r, n);
      for (const [k, v] of pc) {
        totals[n - 1] += v;
        matches[n - 1] += Math.min(v, rc.get(k) ?? 0);
      }
    }
  }
  const logp = matches.reduce((s, m, k) => s + Math.log(m / totals[k]), 0) / 4;
  const bp = sys < ref ? Math.exp(1 - ref / sys) : 1;
  return 100 * bp * Math.exp(logp);
}

function chunks(tags: string[]): Set<string> {
  const out = new Set<string>();
  let start = -1;
  let type = "";
  const close = (end: number) => {
    if (start >= 0) out.add(`${type}:${start}:${end}`);
    start = -1;
  };
  tags.forEach((t, i) => {
    const [prefix, ty] = t === "O" ? ["O", ""] : [t.slice(0, 1), t.slice(2)];
    if (prefix === "B" || prefix === "O" || (prefix === "I" && ty !== type)) close(i - 1);
    if (prefix === "B" || (prefix === "I" && start < 0)) {
      start = i;
      type = ty;
    }
  });
  close(tags.length - 1);
  return out;
}

export function naiveSeqeval(predictions: string[][], references: string[][]) {
  let tp = 0;
  let np = 0;
  let nt = 0;
  predictions.forEach((p, i) => {
    const a = chunks(p);
    const b = chunks(references[i]);
    np += a.size;
    nt += b.size;
    for (const c of a) if (b.has(c)) tp++;
  });
  const precision = tp / np;
  const recall = tp / nt;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
