/**
 * The feed pipeline: config (build-time URL and keys) → fetch (the only network code) → verify
 * (signature, JSON, schema, integrity, version) → update (utils/background stores it). Import the parts directly in
 * new code; this index keeps `./feed` imports working.
 */
export { type FeedConfig, feedConfigFromEnv, feedHostPermission, parseFeedConfig } from './config';
export { FeedError, type FeedErrorCode } from './errors';
export { FEED_TIMEOUT_MS, type FetchFeedResult, fetchFeed, fetchFeedBytes, MAX_SIGNATURE_BYTES } from './fetch';
export { verifySignature } from './signature';
export { type CurrentFeed, nextCheckDelay, runUpdate, type UpdateEnv, type UpdateOutcome } from './update';
export { MAX_FEED_BYTES, parseFeedBytes, sha256Hex, type VerifiedFeed, verifyFeedBytes } from './verify';
