/**
 * sacreBLEU's `BeamEditDistance` (sacrebleu/metrics/lib_ter.py): Levenshtein distance between a
 * hypothesis and a fixed reference, computed only in a band around the (length-ratio) diagonal,
 * with a trie cache of rows keyed by hypothesis prefixes and a trace of edit operations. Words are
 * integer ids. Rows store only their band: cells outside it are "infinite", as sacreBLEU's are.
 */

export const OP_NOP = 0;
export const OP_SUB = 1;
export const OP_INS = 2;
export const OP_DEL = 3;
const OP_UNDEF = 4;

const COST_INS = 1;
const COST_DEL = 1;
const COST_SUB = 1;
const BEAM_WIDTH = 25;
const MAX_CACHE_SIZE = 10000;
const INF = 0x3fffffff;

interface Row {
  /** First column held; the row covers columns lo .. lo + cost.length - 1. */
  lo: number;
  cost: Int32Array;
  op: Uint8Array;
}

interface CacheNode {
  next: Map<number, CacheNode>;
  row: Row;
}

export class BeamEditDistance {
  private readonly ref: Int32Array;
  private readonly nRef: number;
  private readonly initialRow: Row;
  private readonly cache = new Map<number, CacheNode>();
  private cacheSize = 0;

  constructor(wordsRef: Int32Array) {
    this.ref = wordsRef;
    this.nRef = wordsRef.length;
    const cost = new Int32Array(this.nRef + 1);
    for (let j = 0; j <= this.nRef; j++) cost[j] = j * COST_INS;
    this.initialRow = { lo: 0, cost, op: new Uint8Array(this.nRef + 1).fill(OP_INS) };
  }

  /**
   * Edit distance to `wordsHyp`; with `withTrace`, also the operations rewriting the hypothesis
   * into the reference (`OP_*` codes, reference order).
   */
  distance(wordsHyp: Int32Array, withTrace: boolean): { cost: number; trace: Uint8Array | null } {
    // Rows of hypothesis prefixes already computed (the shifts only change suffixes).
    const dist: Row[] = [this.initialRow];
    let node: Map<number, CacheNode> = this.cache;
    for (let i = 0; i < wordsHyp.length; i++) {
      const hit = node.get(wordsHyp[i]);
      if (!hit) break;
      dist.push(hit.row);
      node = hit.next;
    }
    const startH = dist.length - 1;
    const nH = wordsHyp.length;
    const nRef = this.nRef;
    const ref = this.ref;

    const lengthRatio = nH ? nRef / nH : 1;
    // In very unbalanced pairs the band of one row could miss the previous one entirely.
    const beamWidth = BEAM_WIDTH < lengthRatio / 2 ? Math.ceil(lengthRatio / 2 + BEAM_WIDTH) : BEAM_WIDTH;

    for (let i = startH + 1; i <= nH; i++) {
      const pseudoDiag = Math.floor(i * lengthRatio);
      const minJ = Math.max(0, pseudoDiag - beamWidth);
      const maxJ = i === nH ? nRef + 1 : Math.min(nRef + 1, pseudoDiag + beamWidth);
      const width = Math.max(0, maxJ - minJ);
      const row: Row = { lo: minJ, cost: new Int32Array(width).fill(INF), op: new Uint8Array(width).fill(OP_UNDEF) };
      const up = dist[i - 1];
      const upEnd = up.lo + up.cost.length;
      const word = wordsHyp[i - 1];
      for (let j = minJ; j < maxJ; j++) {
        const k = j - minJ;
        const upJ = j >= up.lo && j < upEnd ? up.cost[j - up.lo] : INF;
        if (j === 0) {
          row.cost[k] = upJ + COST_DEL;
          row.op[k] = OP_DEL;
          continue;
        }
        const diag = j - 1 >= up.lo && j - 1 < upEnd ? up.cost[j - 1 - up.lo] : INF;
        const left = k > 0 ? row.cost[k - 1] : INF;
        const match = word === ref[j - 1];
        // Tercom prefers no-op/substitution, then insertion, then deletion; the trace is read
        // flipped later, so deletion comes before insertion here (as in sacreBLEU).
        let best = INF;
        let op = OP_UNDEF;
        const cSub = diag + (match ? 0 : COST_SUB);
        if (best > cSub) {
          best = cSub;
          op = match ? OP_NOP : OP_SUB;
        }
        const cDel = upJ + COST_DEL;
        if (best > cDel) {
          best = cDel;
          op = OP_DEL;
        }
        const cIns = left + COST_INS;
        if (best > cIns) {
          best = cIns;
          op = OP_INS;
        }
        row.cost[k] = best;
        row.op[k] = op;
      }
      dist.push(row);
    }

    this.addCache(wordsHyp, dist, startH);
    const last = dist[nH];
    const cost = cellCost(last, nRef);
    if (!withTrace) return { cost, trace: null };

    const rev: number[] = [];
    let i = nH;
    let j = nRef;
    while (i > 0 || j > 0) {
      const row = dist[i];
      const op = j >= row.lo && j < row.lo + row.op.length ? row.op[j - row.lo] : OP_UNDEF;
      rev.push(op);
      if (op === OP_SUB || op === OP_NOP) {
        i--;
        j--;
      } else if (op === OP_INS) {
        j--;
      } else if (op === OP_DEL) {
        i--;
      } else {
        throw new Error("TER: edit distance trace left the beam");
      }
    }
    return { cost, trace: Uint8Array.from(rev.reverse()) };
  }

  private addCache(wordsHyp: Int32Array, dist: Row[], startH: number): void {
    if (this.cacheSize >= MAX_CACHE_SIZE) return;
    let node = this.cache;
    for (let i = 0; i < startH; i++) node = node.get(wordsHyp[i])!.next;
    for (let i = startH; i < wordsHyp.length; i++) {
      let child = node.get(wordsHyp[i]);
      if (!child) {
        child = { next: new Map(), row: dist[i + 1] };
        node.set(wordsHyp[i], child);
        this.cacheSize++;
      }
      node = child.next;
    }
  }
}

function cellCost(row: Row, j: number): number {
  return j >= row.lo && j < row.lo + row.cost.length ? row.cost[j - row.lo] : INF;
}
