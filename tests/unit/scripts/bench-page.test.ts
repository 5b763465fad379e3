/** The bench's script time of a page load, from its trace (scripts/bench-page.ts). */
import { describe, expect, it } from 'vitest';
import { scriptMsOf, type TraceEvent } from '../../../scripts/bench-page';

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
