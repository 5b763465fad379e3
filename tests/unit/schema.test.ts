import { describe, expect, it } from 'vitest';
import { loadBundledFeed } from '../../scripts/dataset-files';
import { datasetSchemas, parseWith } from '../../utils/schema';

const { Action, Capture, DocumentVersion, Feed, Platform, Provision } = datasetSchemas();

const feed = loadBundledFeed();
const linkedin = feed.platforms.find((p) => p.id === 'linkedin');
if (!linkedin) throw new Error('LinkedIn missing from the dataset');
const provision = linkedin.provisions.find((p) => p.id === 'linkedin.ai-training');
if (!provision) throw new Error('linkedin.ai-training missing');
const capture = linkedin.documents.find((d) => d.id === provision.documentId)?.versions[0]?.capture;
if (!capture) throw new Error('the LinkedIn privacy policy has no capture');

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The message names both where (path) and what (reason). */
function mentions(path: string, reason: string) {
  return (message: string) => message.includes(path) && message.includes(reason);
}

function errorOf(schema: Parameters<typeof parseWith>[0], data: unknown): string {
  const result = parseWith(schema, data);
  if (result.ok) throw new Error('expected the record to be rejected');
  return result.error;
}

describe('schema', () => {
  it('accepts the LinkedIn reference record and the whole bundled feed', () => {
    expect(parseWith(Provision, provision).ok).toBe(true);
    expect(parseWith(Platform, linkedin).ok).toBe(true);
    expect(parseWith(Feed, feed).ok).toBe(true);
  });

  it('rejects a missing field, naming it', () => {
    const bad = clone(provision) as Partial<typeof provision>;
    delete bad.quotes;
    expect(errorOf(Provision, bad)).toMatch(/quotes/);
  });

  it('rejects an http:// URL', () => {
    const bad = clone(capture);
    bad.sourceUrl = 'http://www.linkedin.com/legal/privacy-policy';
    expect(errorOf(Capture, bad)).toSatisfy(mentions('sourceUrl', 'https'));
  });

  it('rejects a javascript: URL on an action', () => {
    const action = clone(provision.actions[0]);
    if (!action) throw new Error('no action');
    action.url = 'javascript:alert(1)';
    expect(errorOf(Action, action)).toSatisfy(mentions('url', 'https'));
  });

  it('rejects a bad hash', () => {
    const bad = clone(capture);
    bad.sha256 = `${'A'.repeat(63)}`;
    expect(errorOf(Capture, bad)).toSatisfy(mentions('sha256', '64 lowercase hex'));
  });

  it('rejects an unknown key', () => {
    const bad = { ...clone(provision), sneaky: true };
    expect(errorOf(Provision, bad)).toMatch(/sneaky/);
  });

  it('rejects a wrong severity', () => {
    const bad = { ...clone(provision), severity: 'critical' };
    expect(errorOf(Provision, bad)).toMatch(/severity/);
  });

  it('rejects impossible dates and non-slug ids', () => {
    const bad = clone(capture);
    bad.capturedAt = '2026-02-30';
    expect(errorOf(Capture, bad)).toSatisfy(mentions('capturedAt', 'real calendar date'));
    expect(errorOf(Platform, { ...clone(linkedin), id: 'Linked In' })).toSatisfy(mentions('id', 'slug'));
  });

  it('rejects a document version without URLs or regions, and a bad language tag or selector', () => {
    const version = { id: 'eu', regions: ['EU'], urls: ['https://www.linkedin.com/legal/privacy/eu'] };
    expect(parseWith(DocumentVersion, version).ok).toBe(true);
    expect(errorOf(DocumentVersion, { ...version, urls: [] })).toSatisfy(mentions('urls', 'at least one URL'));
    expect(errorOf(DocumentVersion, { ...version, regions: [] })).toSatisfy(mentions('regions', 'at least one region'));
    expect(errorOf(DocumentVersion, { ...version, language: 'english' })).toSatisfy(
      mentions('language', 'language tag'),
    );
    expect(errorOf(DocumentVersion, { ...version, select: { HL: ['en-GB'] } })).toSatisfy(
      mentions('select.HL', 'Invalid key'),
    );
  });

  it('rejects a feed with the wrong schema version', () => {
    expect(errorOf(Feed, { ...feed, schemaVersion: 1 })).toMatch(/schemaVersion/);
  });
});
