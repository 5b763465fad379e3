/**
 * Reading our UI, which sits in a closed shadow root, over the DevTools protocol (the e2e harness's
 * `ownUi`, the bench's timings). No page script can reach into a closed root, and Playwright's
 * locators cannot either; `DOM.describeNode` with `pierce` lists closed roots, and `DOM.resolveNode`
 * hands us one to run a small function on. A page may draw look-alike hosts of its own: only a host
 * with a closed root counts (a test page that fakes ours uses an open root or none).
 */
import type { CDPSession } from 'playwright-core';

type NodeId = number;

/** The closed root of the first of `nodeIds` that has one, as a remote object in the given context. */
async function closedRootObject(
  cdp: CDPSession,
  nodeIds: readonly NodeId[],
  executionContextId?: number,
): Promise<string | undefined> {
  for (const nodeId of nodeIds) {
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.find((r) => r.shadowRootType === 'closed');
    if (!shadow) continue;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, executionContextId });
    if (object.objectId) return object.objectId;
  }
  return undefined;
}

async function callOn<T, A>(cdp: CDPSession, objectId: string, fn: (root: ShadowRoot, arg: A) => T, arg?: A) {
  const result = await cdp.send('Runtime.callFunctionOn', {
    objectId,
    functionDeclaration: `function (arg) { return (${fn.toString()})(this, arg); }`,
    arguments: [{ value: arg ?? null }],
    returnByValue: true,
    awaitPromise: true,
  });
  if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
  return result.result.value as T;
}

/** `fn(root, arg)` in the page with the closed shadow root of the first `<tag>` that has one; null when none. */
export async function inClosedRoot<T, A>(
  cdp: CDPSession,
  tag: string,
  fn: (root: ShadowRoot, arg: A) => T,
  arg?: A,
  /** Run `fn` in this execution context (e.g. a world of the test's own); the page's main world unless given. */
  executionContextId?: number,
): Promise<T | null> {
  await cdp.send('DOM.enable');
  await cdp.send('DOM.getDocument', { depth: 0 });
  const { searchId, resultCount } = await cdp.send('DOM.performSearch', { query: `//${tag}` });
  let objectId: string | undefined;
  try {
    if (resultCount > 0) {
      const { nodeIds } = await cdp.send('DOM.getSearchResults', { searchId, fromIndex: 0, toIndex: resultCount });
      objectId = await closedRootObject(cdp, nodeIds, executionContextId);
    }
  } finally {
    await cdp.send('DOM.discardSearchResults', { searchId }).catch(() => undefined);
  }
  return objectId ? callOn(cdp, objectId, fn, arg) : null;
}

/**
 * As `inClosedRoot`, looking only among the children of `<html>`, where our hosts are put: what the
 * bench polls with while a page loads. `DOM.performSearch` walks the whole document on the page's
 * main thread, 20–53 ms a call on the 1.1 MB bench page (five loads, in a trace), and a poll every
 * 50 ms landed between our script's start and its banner; this reads two levels of the tree.
 */
export async function inClosedRootUnderHtml<T, A>(
  cdp: CDPSession,
  tag: string,
  fn: (root: ShadowRoot, arg: A) => T,
  arg?: A,
): Promise<T | null> {
  const { root } = await cdp.send('DOM.getDocument', { depth: 2 });
  const html = root.children?.find((n) => n.nodeName === 'HTML');
  const hosts = (html?.children ?? []).filter((n) => n.nodeName === tag.toUpperCase()).map((n) => n.nodeId);
  const objectId = hosts.length > 0 ? await closedRootObject(cdp, hosts) : undefined;
  return objectId ? callOn(cdp, objectId, fn, arg) : null;
}
