/** The bench's script time of a page load, from its trace (scripts/bench-page.ts). */
import { describe, expect, it } from 'vitest';
import { ownTaskFigures, scriptMsOf, type TraceEvent } from '../../../scripts/bench-page';

const URL_ = 'https://www.linkedin.com/legal/privacy-policy';
const at = (name: string, ts: number, dur: number, tid = 1, pid = 10): TraceEvent => ({
  name,
  cat: 'devtools.timeline',
  ph: 'X',
  ts: ts * 1000,
  dur: dur * 1000,
  pid,
  tid,
});
const parse: TraceEvent = { ...at('ParseHTML', 0, 2), args: { beginData: { url: URL_ } } } as TraceEvent;

describe('scriptMsOf', () => {
  it('adds up script on the page’s main thread, microtasks and compiling included, nested spans once', () => {
    const events = [
      parse,
      at('EvaluateScript', 10, 5),
      at('v8.compile', 10, 3), // inside the evaluation
      at('RunMicrotasks', 20, 4),
      at('FireIdleCallback', 30, 6),
      at('FunctionCall', 31, 2), // inside the idle callback
      at('TimerFire', 35, 3), // overlaps the idle callback's end by 1 ms
      at('Layout', 40, 9), // not script
    ];
    expect(scriptMsOf(events, URL_)).toBeCloseTo(5 + 4 + 6 + 2, 5);
  });

  it('leaves out other threads and processes (the worker, other tabs), and is NaN without the page', () => {
    const events = [parse, at('RunMicrotasks', 5, 4), at('RunMicrotasks', 5, 50, 2), at('FunctionCall', 5, 50, 1, 11)];
    expect(scriptMsOf(events, URL_)).toBeCloseTo(4, 5);
    expect(scriptMsOf(events, 'https://example.org/')).toBeNaN();
  });
});

describe('ownTaskFigures', () => {
  const ours = (name: string, ts: number, dur: number, tid = 1, pid = 10): TraceEvent => ({
    ...at(name, ts, dur, tid, pid),
    args: { data: { url: 'chrome-extension://abc/page-ui.js' } },
  });
  it('takes the longest task that ran our code and the compiling of ours, on the page’s main thread only', () => {
    const events = [
      parse,
      at('RunTask', 0, 30), // the page's own, longer than ours
      at('RunTask', 40, 12),
      ours('EvaluateScript', 41, 5),
      ours('v8.compile', 41, 3),
      at('RunTask', 60, 20),
      ours('FunctionCall', 61, 2),
      // The worker: another process, its own compile and a longer task.
      at('RunTask', 0, 90, 1, 11),
      ours('FunctionCall', 1, 80, 1, 11),
      ours('v8.compile', 1, 9, 1, 11),
    ];
    expect(ownTaskFigures(events, URL_)).toEqual({ longestTaskMs: 20, compileMs: 3 });
    expect(ownTaskFigures(events, 'https://example.org/')).toEqual({ longestTaskMs: 0, compileMs: 0 });
  });
});
