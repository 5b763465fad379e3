/** Storage keys for walkthroughs. */

/** storage.session: the runs, by tab id (gone with the browser session, like the tabs). */
export const RUNS_KEY = 'walkthrough-runs';
