import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { corpusPage } from '../support/corpus-page';
import { launch, servePage } from './harness';

it('prof', async () => {
  const s = await launch();
  const url = 'https://example.org/fb';
  await servePage(s.context, url, corpusPage('policies/facebook/privacy-policy.md', { title: 'x' }));
  const page = await s.context.newPage();
  await page.goto(url);
  await page.addScriptTag({ content: readFileSync('/tmp/plh.js', 'utf8') });
  const quotes = loadBundledFeed()
    .platforms.find((p) => p.id === 'facebook')!
    .provisions.map((p) => ({ id: p.id, quote: p.quote }));
  const r = await page.evaluate((qs) => {
    const out: number[][] = [];
    for (let i = 0; i < 5; i++) {
      const tw = performance.now();
      (globalThis as any).PLH.walkOnly(document.body);
      const t0 = performance.now();
      out.push([t0 - tw]);
      const pt = (globalThis as any).PLH.collectPageText(document.body);
      const t1 = performance.now();
      const m = qs.map((q: any) => (globalThis as any).PLH.findQuote(pt, q.quote));
      const t2 = performance.now();
      m.forEach((x: any) => x && (globalThis as any).PLH.toRange(pt, x, document));
      const t3 = performance.now();
      const tc = document.body.textContent!.length;
      const t4 = performance.now();
      out.push([t1 - t0, ...(globalThis as any).T]);
    }
    return out;
  }, quotes);
  console.log(JSON.stringify(r.map((a) => a.map((x) => Math.round(x * 10) / 10))));
  await s.close();
}, 60000);
