import { encodeModel, FLOAT, floatTensor, int, INT64, int64Tensor, ints, node as kitNode, valueInfo, type OnnxNode, type OnnxTensor } from "../onnx-kit";
import { C, K, TAPS, W, type QaTables, type QaWeights } from "./features";

type ITensor = OnnxTensor;
type INode = OnnxNode;
/** One output per node here, named by its single output. */
const node = (opType: string, input: string[], output: string, attribute: Parameters<typeof kitNode>[3] = []): INode => kitNode(opType, input, [output], attribute);

export type QaOnnxOptions = { overlap: boolean; questionTypes: boolean; docString?: string };

/**
 * The QA model of features.ts as an ONNX graph that transformers.js runs as a
 * `BertForQuestionAnswering`: (input_ids, attention_mask, token_type_ids) [b,s] int64 →
 * start_logits, end_logits [b,s] float. Start and end are computed together as [b,s,2] and split
 * at the end. "Occurs in the question" is an Equal between every pair of positions [b,s,s],
 * masked to question positions (token type 0, attention 1) and reduced with ReduceMax; a Conv
 * over positions spreads it to neighbouring tokens. [CLS] positions get the no-answer score.
 */
export function buildQaOnnx(tables: QaTables, weights: QaWeights, opts: QaOnnxOptions): Uint8Array {
  const V = tables.vocabSize;
  const priorPairs = new Float32Array(V * 2);
  for (let v = 0; v < V; v++) {
    priorPairs[v * 2] = weights.prior[0][v]!;
    priorPairs[v * 2 + 1] = weights.prior[1][v]!;
  }
  // [K, 2C]: start's C columns, then end's.
  const interact = new Float32Array(K * 2 * C);
  for (let k = 0; k < K; k++) {
    for (let c = 0; c < C; c++) {
      interact[k * 2 * C + c] = weights.interact[0][k * C + c]!;
      interact[k * 2 * C + C + c] = weights.interact[1][k * C + c]!;
    }
  }
  const classBias = [...weights.classBias[0], ...weights.classBias[1]];
  const initializer: ITensor[] = [
    floatTensor("prior", [V, 2], priorPairs),
    floatTensor("token_class", [V, C], tables.tokenClass),
    floatTensor("one", [], [1]),
    int64Tensor("cls_id", [], [tables.clsId]),
    int64Tensor("axis_1", [1], [1]),
    int64Tensor("axis_2", [1], [2]),
    int64Tensor("axis_3", [1], [3]),
    int64Tensor("index_start", [], [0]),
    int64Tensor("index_end", [], [1]),
    int64Tensor("class_shape", [4], [0, 1, 2, C]),
  ];
  const nodes: INode[] = [
    node("Cast", ["attention_mask"], "mask", [int("to", FLOAT)]),
    node("Cast", ["token_type_ids"], "types", [int("to", FLOAT)]),
    node("Mul", ["types", "mask"], "context_mask"),
    node("Sub", ["one", "types"], "not_types"),
    node("Mul", ["not_types", "mask"], "question_mask"),
    node("Gather", ["prior", "input_ids"], "prior_scores", [int("axis", 0)]),
    node("Gather", ["token_class", "input_ids"], "classes", [int("axis", 0)]),
    node("Unsqueeze", ["classes", "axis_2"], "classes_4d"),
  ];
  // Token shape × (bias + question type): u [b, 2C] → [b, 1, 2, C].
  if (opts.questionTypes) {
    initializer.push(floatTensor("question_type", [V, K], tables.questionType), floatTensor("interact", [K, 2 * C], interact), floatTensor("class_bias", [2 * C], classBias));
    nodes.push(
      node("Gather", ["question_type", "input_ids"], "qtype_tokens", [int("axis", 0)]),
      node("Unsqueeze", ["question_mask", "axis_2"], "question_mask_3d"),
      node("Mul", ["qtype_tokens", "question_mask_3d"], "qtype_masked"),
      node("ReduceMax", ["qtype_masked"], "qtype", [ints("axes", [1]), int("keepdims", 0)]),
      node("MatMul", ["qtype", "interact"], "class_weights_q"),
      node("Add", ["class_weights_q", "class_bias"], "class_weights"),
      node("Reshape", ["class_weights", "class_shape"], "class_weights_4d"),
    );
  } else {
    initializer.push(floatTensor("class_weights_4d", [1, 1, 2, C], classBias));
  }
  nodes.push(
    node("Mul", ["classes_4d", "class_weights_4d"], "class_products"),
    node("ReduceSum", ["class_products", "axis_3"], "class_scores", [int("keepdims", 0)]),
    node("Add", ["prior_scores", "class_scores"], "token_scores"),
  );
  let spanScores = "token_scores";
  let nullScore = "null_bias";
  if (opts.overlap) {
    initializer.push(
      floatTensor("idf", [V], tables.idf),
      floatTensor("kernel", [2, 1, TAPS], [...weights.kernel[0], ...weights.kernel[1]]),
      floatTensor("null_bias", [], [weights.nullBias]),
      floatTensor("null_coverage", [], [weights.nullCoverage]),
      floatTensor("epsilon", [], [1e-6]),
    );
    nodes.push(
      node("Unsqueeze", ["input_ids", "axis_2"], "ids_rows"),
      node("Unsqueeze", ["input_ids", "axis_1"], "ids_cols"),
      node("Equal", ["ids_rows", "ids_cols"], "same_token_bool"),
      node("Cast", ["same_token_bool"], "same_token", [int("to", FLOAT)]),
      node("Unsqueeze", ["question_mask", "axis_1"], "question_mask_cols"),
      node("Unsqueeze", ["context_mask", "axis_1"], "context_mask_cols"),
      node("Mul", ["same_token", "question_mask_cols"], "in_question_pairs"),
      node("ReduceMax", ["in_question_pairs"], "in_question", [ints("axes", [2]), int("keepdims", 0)]),
      node("Mul", ["same_token", "context_mask_cols"], "in_context_pairs"),
      node("ReduceMax", ["in_context_pairs"], "in_context", [ints("axes", [2]), int("keepdims", 0)]),
      node("Gather", ["idf", "input_ids"], "token_idf", [int("axis", 0)]),
      node("Mul", ["in_question", "token_idf"], "overlap_all"),
      node("Mul", ["overlap_all", "context_mask"], "overlap"),
      node("Unsqueeze", ["overlap", "axis_1"], "overlap_channels"),
      node("Conv", ["overlap_channels", "kernel"], "nearby", [ints("kernel_shape", [TAPS]), ints("pads", [W, W])]),
      node("Transpose", ["nearby"], "nearby_scores", [ints("perm", [0, 2, 1])]),
      node("Add", ["token_scores", "nearby_scores"], "span_scores"),
      // No-answer: idf-weighted share of question tokens that occur in the context.
      node("Mul", ["token_idf", "question_mask"], "question_idf"),
      node("Mul", ["in_context", "question_idf"], "covered_idf"),
      node("ReduceSum", ["covered_idf", "axis_1"], "covered", [int("keepdims", 1)]),
      node("ReduceSum", ["question_idf", "axis_1"], "question_total"),
      node("Add", ["question_total", "epsilon"], "question_total_safe"),
      node("Div", ["covered", "question_total_safe"], "coverage"),
      node("Mul", ["coverage", "null_coverage"], "coverage_penalty"),
      node("Sub", ["null_bias", "coverage_penalty"], "null_2d"),
      node("Unsqueeze", ["null_2d", "axis_2"], "null_3d"),
    );
    spanScores = "span_scores";
    nullScore = "null_3d";
  } else {
    initializer.push(floatTensor("null_bias", [], [weights.nullBias]));
  }
  nodes.push(
    node("Equal", ["input_ids", "cls_id"], "is_cls"),
    node("Unsqueeze", ["is_cls", "axis_2"], "is_cls_3d"),
    node("Where", ["is_cls_3d", nullScore, spanScores], "scores"),
    node("Gather", ["scores", "index_start"], "start_logits", [int("axis", 2)]),
    node("Gather", ["scores", "index_end"], "end_logits", [int("axis", 2)]),
  );
  const dims = ["batch_size", "sequence_length"];
  return encodeModel(
    {
      name: "qa_overlap",
      input: [valueInfo("input_ids", INT64, dims), valueInfo("attention_mask", INT64, dims), valueInfo("token_type_ids", INT64, dims)],
      output: [valueInfo("start_logits", FLOAT, dims), valueInfo("end_logits", FLOAT, dims)],
      initializer,
      node: nodes,
    },
    { docString: opts.docString },
  );
}
