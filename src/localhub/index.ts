/** Local Hugging Face Hub: git-backed storage plus a Hub-compatible HTTP server. See docs/local-hub.md. */
export { startLocalHub, createLocalHubHandler, type LocalHub, type LocalHubOptions } from "./server";
export { HubStore, DEFAULT_GITATTRIBUTES, type CommitOptions, type RepoMeta } from "./store";
export type { RepoRef, RepoType } from "./names";
export type { RepoFile, RepoTreeEntry, CommitInfo, RepoRefs, GitRefInfo, RepoSnapshot } from "./repo-types";
export type { Discussion, DiscussionEvent, DiscussionStatus, DiscussionFilter, DiscussionStore } from "./discussions";
export { HubError, isHubError, type HubErrorCode } from "./errors";
export { startTestHub, TEST_TOKEN, type TestHub } from "./testing";
export { parseCardData, deriveFacts, type CardData } from "./card";
