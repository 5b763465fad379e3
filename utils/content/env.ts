/**
 * What the content script's page logic needs from its surroundings, passed in so that it runs the
 * same in a page (entrypoints/platform) and in a happy-dom unit test.
 */
import type { RequestOf, RequestType, ResponseMap } from '../messages';
import type { Visibility } from './reveal';

/** A typed request to the background (utils/messages.ts `request`, bound to the runtime). */
export type Send = <T extends RequestType>(type: T, payload: RequestOf<T>) => Promise<ResponseMap[T]>;

export interface Scheduler {
  /** Give the main thread back to the page; resolves in a later task. */
  yield(): Promise<void>;
  /** Run `fn` when the page is idle, or after `timeoutMs` at the latest. Returns a cancel function. */
  idle(fn: () => void, timeoutMs: number): () => void;
  /** Run `fn` after `ms`. Returns a cancel function. */
  later(fn: () => void, ms: number): () => void;
}

/** Our UI in the page: a shadow root's container, the host element, and how to take it out. */
export interface Mounted {
  container: HTMLElement;
  host: HTMLElement;
  remove(): void;
  /** Whether what we drew can be seen as drawn now (utils/visibility.ts): effectful clicks need it. */
  visible(): boolean;
}

/** The page window members we use (the real `window` fits; tests pass a subset). */
export interface PageWindow {
  CSS?: { highlights?: { set(name: string, highlight: unknown): unknown; delete(name: string): unknown } };
  Highlight?: new (...ranges: Range[]) => unknown;
  MutationObserver: typeof MutationObserver;
  /** Markers follow the text when the page's layout changes (absent in tests without layout). */
  ResizeObserver?: typeof ResizeObserver;
  /** The emphasis follows a scrolling container once per frame (absent in tests: a timer then). */
  requestAnimationFrame?(callback: () => void): number;
  addEventListener?(type: 'resize', listener: () => void, options?: AddEventListenerOptions): void;
  removeEventListener?(type: 'resize', listener: () => void): void;
}

export interface ContentEnv {
  doc: Document;
  win: PageWindow;
  send: Send;
  /** Mount a shadow-root UI under a host element named `name`. */
  mount(name: string): Mounted;
  scheduler: Scheduler;
  /** Layout questions: is this element or passage on screen? */
  visibility: Visibility;
  now(): number;
  /** The page's current URL (a single-page app may have moved on while we waited). */
  url(): string;
  /** False once the extension was reloaded or updated under the page. */
  alive(): boolean;
  report(error: unknown): void;
}
