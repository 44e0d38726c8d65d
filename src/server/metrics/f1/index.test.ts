import { describePrfSuite, type PrfCase } from "../prf-suite";
import { f1 as metric } from ".";

// Values marked "sklearn 1.2.1" were produced here by scikit-learn 1.2.1 (Debian python3-sklearn);
// the others are derived by hand from scikit-learn >= 1.3's precision_recall_fscore_support.
const sw = [0.5, 2, 0.7, 0.5, 9, 0.4];
const animals = { p: ["ant", "ant", "cat", "cat", "ant", "cat"], r: ["cat", "ant", "cat", "cat", "ant", "bird"] };
const ZERO_SUPPORT_MEAN = 0.5;
// sklearn 1.2.1
const CASES: [PrfCase, number | number[]][] = [
  [{ args: { average: "macro", labels: [2, 0] } }, 0.4],
  [{ args: { average: "micro", labels: [2, 0] } }, 0.5],
  [{ args: { average: null, labels: [2, 0, 5] } }, [0, 0.8, 0]],
  [{ args: { average: "macro", sample_weight: sw } }, 0.06060606060606061],
  [{ args: { average: "micro", sample_weight: sw } }, 0.07633587786259542],
  [{ args: { average: "weighted", sample_weight: sw } }, 0.013879250520471896],
  [{ args: { average: null, sample_weight: sw } }, [0.18181818181818182, 0, 0]],
  [{ args: { average: "weighted", labels: [1, 2], sample_weight: sw } }, 0],
  [{ args: { average: "micro", labels: [0, 1], sample_weight: sw } }, 0.08658008658008659],
  [{ args: { average: null, labels: [2, 1], sample_weight: sw, zero_division: 1 } }, [0, 0]],
  [{ ...animals, args: { average: "macro" } }, 0.48888888888888893],
  [{ ...animals, args: { average: null } }, [0.8, 0, 0.6666666666666666]],
  [{ p: ["pos", "pos", "neg", "neg"], r: ["neg", "pos", "pos", "neg"], args: { average: "binary", pos_label: "pos" } }, 0.5],
];

describePrfSuite({ metric, key: "f1", cases: CASES, zeroSupportMean: ZERO_SUPPORT_MEAN, dir: import.meta.dirname });
