/**
 * Every raw HTML snapshot in the corpus that belongs to a platform we track, served (scripts
 * stripped) at the URL the corpus says it was fetched from (tests/support/snapshot-sources.ts).
 * What the banner must show is worked out here from the data and the page's own text, not from our
 * locator: the provisions of the document version at that URL that are not recorded absent from it,
 * and among them the ones whose quote is in the page's text (whitespace left out, as showEach
 * compares). A snapshot of a document we do not model, or model without provisions, must get no
 * banner, after a positive signal that our script ran and decided. Our UI is read only through
 * banner-helpers.ts and harness.ts. The table of what was found goes to .e2e-artifacts/snapshots.md.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { buildMatchIndex, matchableOf, matchUrl } from '../../utils/match';
import { CHANNEL } from '../../utils/messages';
import { guessRegion } from '../../utils/region';
import type { DocumentVersion, Platform, PolicyDocument, Provision } from '../../utils/schema';
import { markdownToPlain, normalizeText } from '../../utils/text';
import { provisionIn, versionAtUrl } from '../../utils/versions';
import { CORPUS_DIR, corpusFileForArchiveUrl, readCorpus } from '../support/corpus';
import { snapshotPage } from '../support/snapshot-page';
import { type SnapshotSource, snapshotSources } from '../support/snapshot-sources';
import { located, showEach } from './banner-helpers';
import {
  ARTIFACTS_DIR,
  BROWSER_LANGUAGE,
  contentScriptWorld,
  launch,
  logTiming,
  pageIndexPublished,
  recordRequests,
  type Session,
  servePage,
} from './harness';

const feed = loadBundledFeed();
const region = guessRegion(BROWSER_LANGUAGE);

/** The tracked platform whose captured texts are in this corpus directory (policies/<dir>/). */
function platformOfDir(dir: string): Platform | undefined {
  return feed.platforms.find((p) =>
    p.documents.some(
      (d) =>
        d.sharedFrom === undefined &&
        d.versions.some((v) => {
          const row = v.capture && corpusFileForArchiveUrl(v.capture.archiveUrl);
          return row?.file.startsWith(`policies/${dir}/`);
        }),
    ),
  );
}

interface Expected {
  document: PolicyDocument;
  version: DocumentVersion;
  /** The provisions the banner must list, with the quote it looks for. */
  provisions: Array<{ provision: Provision; quote: string; own: boolean }>;
}

/** The document version our data declares at exactly this URL (the one for the browser's region if several). */
function expectedAt(platform: Platform, url: string): Expected | null {
  for (const document of platform.documents) {
    const here = document.versions.filter((v) => v.urls.includes(url));
    if (here.length === 0) continue;
    const versionId = versionAtUrl(document, here[0]?.id, url, region, (v, u) => v.urls.includes(u));
    const version = document.versions.find((v) => v.id === versionId);
    if (!version) continue;
    const provisions = platform.provisions
      .filter((p) => p.documentId === document.id)
      .flatMap((provision) => {
        const state = provisionIn(document, provision, version);
        if (state.kind === 'absent') return [];
        const quote = state.kind === 'quoted' ? state.evidence.quote : state.evidence?.quote;
        return quote ? [{ provision, quote, own: state.kind === 'quoted' }] : [];
      });
    return { document, version, provisions };
  }
  return null;
}

const squash = (s: string) => normalizeText(s).replaceAll(' ', '');

/**
 * The live sites' visually-hidden utility (Tailwind's .sr-only, on OpenAI's and others' pages): our
 * model of what their stylesheet does, since the snapshot's stylesheets are not served.
 */
const SR_ONLY_CSS =
  '.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border-width:0}';

/**
 * The page's text as Open Terms Archive extracted the quoted text from it: its declaration's
 * `select` elements (the body when none is given or none matches) without its `remove` elements.
 */
function extractedText(page: Page, extract: { select: string[]; remove: string[] }): Promise<string> {
  return page.evaluate(({ select, remove }) => {
    const root = document.documentElement.cloneNode(true) as HTMLElement;
    for (const s of remove) for (const e of root.querySelectorAll(s)) e.remove();
    const picked = select.flatMap((s) => [...root.querySelectorAll(s)]);
    const body = root.querySelector('body');
    return (picked.length ? picked : body ? [body] : []).map((e) => e.textContent ?? '').join(' ');
  }, extract);
}

interface Row {
  file: string;
  url: string;
  target: string;
  found: string;
  why: string;
}
const rows: Row[] = [];
function logRow(row: Row): void {
  rows.push(row);
  console.info(`[snapshot] ${row.file} | ${row.url} | ${row.target} | ${row.found} | ${row.why}`);
}

/** Every HTML snapshot file of the corpus, to check SOURCES.md lists them all. */
function htmlFilesOnDisk(): string[] {
  const root = join(CORPUS_DIR, 'policies');
  return readdirSync(root).flatMap((dir) => {
    const html = join(root, dir, 'html');
    return existsSync(html) ? readdirSync(html).map((f) => `policies/${dir}/html/${f}`) : [];
  });
}

const sources = snapshotSources();
const tracked = sources.flatMap((s) => {
  const platform = platformOfDir(s.corpusDir);
  return platform ? [{ source: s, platform }] : [];
});
const served = tracked.filter((t): t is { source: SnapshotSource & { url: string }; platform: Platform } =>
  Boolean(t.source.url),
);
const matcher = buildMatchIndex(matchableOf(feed.platforms));

let session: Session;
beforeAll(async () => {
  session = await launch();
  await pageIndexPublished(session);
});
afterAll(async () => {
  await session?.close();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const lines = [
    '# The corpus HTML snapshots in real Chromium',
    '',
    `Written by tests/e2e/snapshots.e2e.ts on ${new Date().toISOString()}. Each snapshot (scripts stripped) served at the URL the corpus says it was fetched from; found = quotes our banner located / provisions it lists.`,
    '',
    '| File | URL | Document / version | Found | Why any is missing |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| \`${cell(r.file)}\` | ${cell(r.url)} | ${cell(r.target)} | ${r.found} | ${cell(r.why)} |`),
    '',
  ];
  writeFileSync(join(ARTIFACTS_DIR, 'snapshots.md'), lines.join('\n'));
});

describe('the corpus HTML snapshots of tracked platforms', () => {
  it('are all listed in SOURCES.md, and each has the URL it was fetched from or a reason why the corpus lacks it', () => {
    expect(sources.map((s) => s.file).sort()).toEqual(htmlFilesOnDisk().sort());
    // About 25 snapshots belong to platforms we track (DeepSeek's do not).
    expect(tracked.length).toBeGreaterThanOrEqual(20);
    for (const { source } of tracked) {
      if (source.url) continue;
      logRow({ file: source.file, url: '—', target: '—', found: '—', why: `not served: ${source.reason}` });
    }
    expect(served.length).toBeGreaterThanOrEqual(18);
  });

  for (const { source, platform } of served) {
    const { file, url } = source;
    const expected = expectedAt(platform, url);
    const title = expected?.provisions.length
      ? `${file}: the banner lists ${platform.id}/${expected.document.id}/${expected.version.id}'s provisions and finds every quote on the page`
      : `${file}: no banner (${expected ? `${expected.document.id} has no provisions` : `${source.termsType} not modelled at this URL`})`;

    it(title, async () => {
      await servePage(session.context, url, snapshotPage(file, { css: SR_ONLY_CSS }));
      const page = await session.context.newPage();
      const requests = await recordRequests(session);
      const before = (await requests.received()).filter((t) => t === 'getPageInfo').length;
      const started = Date.now();
      await page.goto(url);
      // The page's text as the quotes were taken from it (computed here, not by our locator).
      const pageText = squash(await extractedText(page, source.extract));
      const target = expected ? `${platform.id}/${expected.document.id}/${expected.version.id}` : '(not modelled)';

      if (expected && expected.provisions.length > 0) {
        const { summary, items } = await located(page);
        logTiming(`snapshot ${file}: navigation → quotes located`, [Date.now() - started]);
        const want = expected.provisions.map((p) => p.provision.id).sort();
        expect(items.map((i) => i.id).sort(), summary).toEqual(want);
        const onPage = expected.provisions.filter((p) => pageText.includes(squash(p.quote)));
        const byId = new Map(items.map((i) => [i.id, i]));
        const missing = expected.provisions.filter((p) => byId.get(p.provision.id)?.found !== 'true');
        const why = missing.map((p) => {
          const inText = pageText.includes(squash(p.quote));
          const inCompanion = source.companion
            ? squash(markdownToPlain(readCorpus(source.companion))).includes(squash(p.quote))
            : null;
          const what = p.own
            ? `quote for ${expected.version.id}`
            : `no quote for ${expected.version.id} (looked for another version's)`;
          return `${p.provision.id}: ${what}; ${inText ? 'IN the page text (locator missed it)' : 'not in the page text'}${inCompanion === null ? '' : inCompanion ? ', in its .md companion' : ', not in its .md companion'}`;
        });
        logRow({
          file,
          url,
          target,
          found: `${items.filter((i) => i.found === 'true').length}/${items.length}`,
          why: why.join('; ') || '—',
        });
        for (const p of onPage) {
          expect(byId.get(p.provision.id)?.found, `${p.provision.id} is on the page`).toBe('true');
        }
        for (const item of items) {
          // An excerpt lacks most of the policy: there, "not found" for a quote that is not in it is true.
          if (source.excerpt && !onPage.some((p) => p.provision.id === item.id)) continue;
          expect(item.text, item.id).not.toContain('may have changed');
        }
        const quote = (id: string) => expected.provisions.find((p) => p.provision.id === id)?.quote ?? '';
        expect(await showEach(page, items, quote)).toBe(items.filter((i) => i.found === 'true').length);
        await page.close();
        return;
      }

      // No banner expected. Positive signal first: our script runs on this page and has decided.
      const world = await contentScriptWorld(session, page);
      expect(world, 'our content script runs on this page').not.toBeNull();
      await world?.settled();
      const local = matchUrl(matcher, url);
      if (local?.pageKind === 'policy') {
        // Classified as a policy page: the script asked the background and decides on its answer,
        // which leaves nothing to see when there is nothing to show. Wait until the background has
        // the script's question, then ask it the same question from the same world (same lookups,
        // same UI injection): our answer comes after the script's, and settled() gives the script a
        // task more to act on it. That ordering is what this relies on; it held when the banner was
        // made to mount for a document without provisions (every one of these checks then failed).
        for (let i = 0; i < 100; i++) {
          if ((await requests.received()).filter((t) => t === 'getPageInfo').length > before) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        expect((await requests.received()).filter((t) => t === 'getPageInfo').length).toBeGreaterThan(before);
        const answer = await askFromWorld(page, world?.contextId ?? 0, url);
        expect(answer.match, 'the background sees the page as the document our data declares').toMatchObject({
          pageKind: 'policy',
          documentId: expected?.document.id,
        });
        await world?.settled();
      } else {
        // Classified locally as no policy or settings page: the script decides alone and sends nothing.
        expect(local?.pageKind ?? 'other').toBe('other');
        expect((await requests.received()).filter((t) => t === 'getPageInfo').length).toBe(before);
      }
      expect(await page.locator('policy-lens-banner').count(), 'no banner').toBe(0);
      logRow({
        file,
        url,
        target,
        found: '—',
        why: expected
          ? `tracked, no provisions in ${expected.version.id}: no banner`
          : `${source.termsType}: not modelled, no banner`,
      });
      await world?.detach();
      await page.close();
    });
  }
});

/** getPageInfo asked from our content script's world (as the script itself asks it), its answer's data. */
async function askFromWorld(
  page: Page,
  contextId: number,
  url: string,
): Promise<{ match?: { pageKind?: string; documentId?: string } }> {
  const cdp = await session.context.newCDPSession(page);
  try {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId,
      expression: `chrome.runtime.sendMessage(${JSON.stringify({ channel: CHANNEL, type: 'getPageInfo', payload: { url, uiLoaded: false } })})`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`getPageInfo from our world failed: ${exceptionDetails.text}`);
    const reply = result.value as { ok?: boolean; data?: { match?: { pageKind?: string; documentId?: string } } };
    if (!reply?.ok) throw new Error(`getPageInfo refused: ${JSON.stringify(reply)}`);
    return reply.data ?? {};
  } finally {
    await cdp.detach();
  }
}
