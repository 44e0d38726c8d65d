/**
 * sacreBLEU's `TercomTokenizer` (sacrebleu/tokenizers/tokenizer_ter.py, a port of Tercom's
 * Normalizer.java), regex for regex.
 */
import { pyNormalizeSpace } from "../sacrebleu-tokenizers";

export interface TercomOptions {
  normalized: boolean;
  noPunct: boolean;
  asianSupport: boolean;
  caseSensitive: boolean;
}

const ASIAN_PUNCT = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/g;
const FULL_WIDTH_PUNCT = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/g;

function normalizeGeneralAndWestern(sent: string): string {
  sent = sent.replace(/\n-/g, "").replace(/\n/g, " ");
  sent = sent.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  sent = ` ${sent} `;
  sent = sent.replace(/([{-~[-` -&(-+:-@/])/gu, " $1 ");
  sent = sent.replace(/'s /g, " 's ");
  // Python's `$` also matches before a final "\n", but no newline is left at this point.
  sent = sent.replace(/'s$/g, " 's");
  sent = sent.replace(/([^0-9])([.,])/gu, "$1 $2 ");
  sent = sent.replace(/([.,])([^0-9])/gu, " $1 $2");
  sent = sent.replace(/([0-9])(-)/gu, "$1 $2 ");
  return sent;
}

function normalizeAsian(sent: string): string {
  sent = sent.replace(/([\u4e00-\u9fff\u3400-\u4dbf])/g, " $1 ");
  sent = sent.replace(/([\u31c0-\u31ef\u2e80-\u2eff])/g, " $1 ");
  sent = sent.replace(/([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/g, " $1 ");
  sent = sent.replace(/([\u3200-\u3f22])/g, " $1 ");
  // Tercom's kana rules, kept as sacreBLEU writes them (they cannot match a padded sentence).
  sent = sent.replace(/(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/g, "$1 $2 ");
  sent = sent.replace(/(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/g, "$1 $2 ");
  sent = sent.replace(/(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/g, "$1 $2 ");
  sent = sent.replace(ASIAN_PUNCT, " $1 ");
  sent = sent.replace(FULL_WIDTH_PUNCT, " $1 ");
  return sent;
}

export function tercomTokenize(sent: string, o: TercomOptions): string {
  if (!sent) return "";
  if (!o.caseSensitive) sent = sent.toLowerCase();
  if (o.normalized) {
    sent = normalizeGeneralAndWestern(sent);
    if (o.asianSupport) sent = normalizeAsian(sent);
  }
  if (o.noPunct) {
    sent = sent.replace(/[.,?:;!"()]/g, "");
    if (o.asianSupport) sent = sent.replace(ASIAN_PUNCT, "").replace(FULL_WIDTH_PUNCT, "");
  }
  return pyNormalizeSpace(sent);
}
