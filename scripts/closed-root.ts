/**
 * Reading our UI, which sits in a closed shadow root, over the DevTools protocol (the e2e harness's
 * `ownUi`, the bench's timings). No page script can reach into a closed root, and Playwright's
 * locators cannot either; `DOM.describeNode` with `pierce` lists closed roots, and `DOM.resolveNode`
 * hands us one to run a small function on. A page may draw look-alike hosts of its own: only a host
 * with a closed root counts (a test page that fakes ours uses an open root or none).
 */
import type { CDPSession } from 'playwright-core';

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
      for (const nodeId of nodeIds) {
        const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
        const shadow = node.shadowRoots?.find((r) => r.shadowRootType === 'closed');
        if (!shadow) continue;
        objectId = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId, executionContextId }))
          .object.objectId;
        if (objectId) break;
      }
    }
  } finally {
    await cdp.send('DOM.discardSearchResults', { searchId }).catch(() => undefined);
  }
  if (!objectId) return null;
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
