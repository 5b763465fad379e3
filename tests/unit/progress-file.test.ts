import { describe, expect, it } from 'vitest';
import type { ProgressRecord } from '../../utils/db';
import { MAX_PROGRESS_FILE_CHARS, planMerge, progressFile, readProgressFile } from '../../utils/progress-file';

const record = (provisionId: string, actionId: string, doneAt = '2026-11-30T10:00:00.000Z'): ProgressRecord => ({
  provisionId,
  actionId,
  doneAt,
  feedVersion: 20261201,
  documentLastUpdated: '2025-11-03',
});

describe('the progress file', () => {
  it('round-trips: what export writes, import reads back as the same records', () => {
    const records = [record('linkedin.ai-training', 'ai-improvement-setting'), record('tiktok.ai-training', 'x')];
    const text = JSON.stringify(progressFile(records, new Date('2026-12-01T12:00:00Z')));
    expect(readProgressFile(text)).toEqual({
      ok: true,
      file: { format: 'policy-lens-progress', formatVersion: 1, exportedAt: '2026-12-01T12:00:00.000Z', records },
    });
  });

  it('refuses what is not JSON, not ours, damaged or far too large, each with its reason', () => {
    expect(readProgressFile('{oops')).toMatchObject({ ok: false, refusal: 'not-json' });
    expect(readProgressFile('[]')).toMatchObject({ ok: false, refusal: 'not-progress' });
    expect(readProgressFile('{"format":"something-else"}')).toMatchObject({ ok: false, refusal: 'not-progress' });
    const damaged = progressFile([record('linkedin.ai-training', 'ai-improvement-setting')], new Date());
    const bad = { ...damaged, records: [{ ...damaged.records[0], doneAt: 'yesterday' }] };
    const read = readProgressFile(JSON.stringify(bad));
    expect(read).toMatchObject({ ok: false, refusal: 'invalid' });
    expect(read.ok ? '' : read.detail).toMatch(/records\[0\]\.doneAt|doneAt/);
    expect(readProgressFile(JSON.stringify({ ...damaged, extra: 1 }))).toMatchObject({ ok: false, refusal: 'invalid' });
    expect(readProgressFile(' '.repeat(MAX_PROGRESS_FILE_CHARS + 1))).toMatchObject({
      ok: false,
      refusal: 'too-large',
    });
  });
});

describe('planMerge', () => {
  const known = new Set(['linkedin.ai-training/ai-improvement-setting', 'tiktok.ai-training/right-to-object']);
  const knows = (p: string, a: string) => known.has(`${p}/${a}`);

  it('adds what is new, keeps what is already here (its date wins), skips unknown and repeated actions', () => {
    const here = [record('linkedin.ai-training', 'ai-improvement-setting', '2026-11-01T00:00:00.000Z')];
    const incoming = [
      record('linkedin.ai-training', 'ai-improvement-setting', '2026-11-29T00:00:00.000Z'),
      record('tiktok.ai-training', 'right-to-object'),
      record('tiktok.ai-training', 'right-to-object'),
      record('gone.provision', 'gone-action'),
    ];
    expect(planMerge(here, incoming, knows)).toEqual({
      added: [record('tiktok.ai-training', 'right-to-object')],
      skipped: [
        {
          provisionId: 'linkedin.ai-training',
          actionId: 'ai-improvement-setting',
          reason: 'already-done',
          keptDoneAt: '2026-11-01T00:00:00.000Z',
        },
        { provisionId: 'tiktok.ai-training', actionId: 'right-to-object', reason: 'repeated' },
        { provisionId: 'gone.provision', actionId: 'gone-action', reason: 'unknown-action' },
      ],
    });
  });
});
