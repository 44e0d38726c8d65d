"""Scores random sentence pairs with sacreBLEU (BLEU, chrF, TER) to produce differential test vectors.

Usage: python generate-vectors.py SEED N_CASES MAX_WORDS   (needs `pip install sacrebleu==2.6.0`)
Writes casesSEED.json; sacrebleu-2.6.0-random-vectors.json holds the first 100 cases of seed 10, 150
cases, 10 words, with the BLEU precisions dropped. Not run by the test suite.
"""
import random, json, sys
from sacrebleu.metrics import BLEU, CHRF, TER
MAXLEN = int(sys.argv[3]) if len(sys.argv) > 3 else 12
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
WORDS = ["the","a","cat","dog","sat","on","mat","The","Cat","hello","world","it's","don't","3.14","1,000","2021-05","U.S.","e.g.",
         "&amp;","&quot;","<b>","(hi)","hi!","?!","...","—","–","“quoted”","‘x’","€5","$100","100%","Straße","İstanbul","ΑΣ","σοφός","ΣΟΦΟΣ",
         "中文","你好世界","日本語","りの拳銃を持","カタカナ","한국어","😀","a😀b","𠀀𠀁","é","é","x-y","-","--","a.b.c","end.","1.","..","/","@home","#tag","\\",
         "x\u00a0y","\u3000","tab\tbed","new\nline","cr\rx","\u2028","\x85","\ufeff","zw\u200bsp","ﬁ","Ⅻ","½","٣","𝟘","'s","Jim's","<skipped>","a-\nb"]
def sent(maxlen=MAXLEN):
    n = random.randint(0, maxlen)
    seps = [" "]*8 + ["  ", "\t", " \u3000 "]
    s = ""
    for i in range(n):
        s += random.choice(WORDS)
        if i < n-1: s += random.choice(seps)
    r = random.random()
    if r < 0.05: s = "  " + s
    elif r < 0.1: s = s + "  \n"
    elif r < 0.12: s = "   "
    return s
def perturb(s):
    toks = s.split(" ")
    out = []
    for t in toks:
        r = random.random()
        if r < 0.15: continue
        if r < 0.3: out.append(random.choice(WORDS)); continue
        out.append(t)
        if r > 0.93: out.append(random.choice(WORDS))
    if random.random() < 0.3 and len(out) > 3:
        i = random.randrange(len(out)); j = random.randrange(len(out)); out[i], out[j] = out[j], out[i]
    return " ".join(out)
cases = []
for c in range(int(sys.argv[2]) if len(sys.argv) > 2 else 200):
    nrefs = random.choice([1,1,1,2,3])
    n = random.choice([1,1,2,3,5,10])
    refs = [[sent() for _ in range(nrefs)] for _ in range(n)]
    hyps = [perturb(random.choice(r)) if random.random() < 0.8 else sent() for r in refs]
    streams = [[refs[i][k] for i in range(n)] for k in range(nrefs)]
    bargs = dict(tokenize=random.choice(["13a","intl","zh","char","none"]), smooth_method=random.choice(["exp","floor","add-k","none"]),
                 lowercase=random.random()<0.3, use_effective_order=random.random()<0.3)
    sv = random.choice([None, None, 0.0, 0.5, 2, 0.125])
    if sv is not None: bargs["smooth_value"] = sv
    b = BLEU(tokenize=bargs["tokenize"], smooth_method=bargs["smooth_method"], smooth_value=bargs.get("smooth_value"), lowercase=bargs["lowercase"], effective_order=bargs["use_effective_order"])
    bs = b.corpus_score(hyps, streams)
    cargs = dict(char_order=random.choice([6,6,1,3,10]), word_order=random.choice([0,0,2,1,3]), beta=random.choice([2,2,1,3,0]),
                 lowercase=random.random()<0.3, whitespace=random.random()<0.3, eps_smoothing=random.random()<0.3)
    cs = CHRF(**cargs).corpus_score(hyps, streams)
    targs = dict(normalized=random.random()<0.5, ignore_punct=random.random()<0.3, support_zh_ja_chars=random.random()<0.4, case_sensitive=random.random()<0.5)
    ts = TER(normalized=targs["normalized"], no_punct=targs["ignore_punct"], asian_support=targs["support_zh_ja_chars"], case_sensitive=targs["case_sensitive"]).corpus_score(hyps, streams)
    cases.append(dict(hyps=hyps, refs=refs, bleu_args=bargs, bleu=dict(score=bs.score, counts=bs.counts, totals=bs.totals, precisions=bs.precisions, bp=bs.bp, sys_len=bs.sys_len, ref_len=bs.ref_len, signature=str(b.get_signature())),
                      chrf_args=cargs, chrf=cs.score, ter_args=targs, ter=dict(score=ts.score, num_edits=ts.num_edits, ref_length=ts.ref_length)))
json.dump(cases, open(f"cases{sys.argv[1] if len(sys.argv)>1 else 0}.json","w"), ensure_ascii=False)
print(len(cases))
