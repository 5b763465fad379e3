/**
 * The one error type of the feed pipeline. `message` is a plain sentence a user can read in the
 * options page; `detail` carries the technical reason (a schema error, an HTTP status) for the
 * CLI and for bug reports.
 */
import type { FeedErrorCode } from '../schema';

export type { FeedErrorCode };

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly code: FeedErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** "20 s" for whole seconds, "250 ms" below one second (tests use short timeouts). */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms)} ms`;
}

/** "40 MB" (binary megabytes, as the cap is defined). */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}
