/** A local stand-in for the Hugging Face Inference API / Inference Endpoints, for tests and offline demos. */
export { startInferenceStub, type InferenceStub, type InferenceStubOptions } from "./server";
export { StubHttpError } from "./respond";
export { DEMO_HANDLERS } from "./demo-handlers";
export type {
  StubAnswer,
  StubEntityGroup,
  StubFault,
  StubFaults,
  StubHandler,
  StubLabelScore,
  StubParameters,
  StubRequestRecord,
  StubRouteStats,
  StubTask,
} from "./types";
