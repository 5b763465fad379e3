/** Storage keys shared by the background and the content script for walkthroughs. */

/** storage.session: the runs, by tab id. */
export const RUNS_KEY = 'walkthrough-runs';
/** storage.local: whether any walkthrough runs, so content scripts know to ask (and only then). */
export const ACTIVE_KEY = 'walkthrough-active';
