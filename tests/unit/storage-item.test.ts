/** The storage item mechanism: versions, migrations, the check at the boundary. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineFamily, defineItem } from '../../utils/storage-item';

const local = fakeBrowser.storage.local;
beforeEach(() => fakeBrowser.reset());

describe('defineItem', () => {
  const spec = {
    version: 2,
    fallback: { n: 0, label: 'none' },
    check: (raw: unknown) => {
      const v = raw as { n?: unknown; label?: unknown } | null;
      return v && typeof v.n === 'number' && typeof v.label === 'string'
        ? (v as { n: number; label: string })
        : undefined;
    },
    migrations: {
      1: (old: unknown) => ({ n: Number(old) }),
      2: (old: unknown) => ({ ...(old as object), label: 'migrated' }),
    },
  };

  it('reads the fallback when nothing is stored, and what it wrote, wrapped with its version', async () => {
    const item = defineItem(local, 'thing', spec);
    expect(await item.get()).toEqual({ n: 0, label: 'none' });
    await item.set({ n: 3, label: 'three' });
    expect(await local.get('thing')).toEqual({ thing: { v: 2, value: { n: 3, label: 'three' } } });
    expect(await item.get()).toEqual({ n: 3, label: 'three' });
  });

  it('migrates a bare (version 0) and an older value step by step, and writes the result back', async () => {
    await local.set({ thing: 7 });
    expect(await defineItem(local, 'thing', spec).get()).toEqual({ n: 7, label: 'migrated' });
    expect(await local.get('thing')).toEqual({ thing: { v: 2, value: { n: 7, label: 'migrated' } } });
    await local.set({ thing: { v: 1, value: { n: 5 } } });
    expect(await defineItem(local, 'thing', spec).get()).toEqual({ n: 5, label: 'migrated' });
  });

  it('reads a value that fails its check, or comes from a newer version, as the fallback', async () => {
    await local.set({ thing: { v: 2, value: { n: 'x' } } });
    expect(await defineItem(local, 'thing', spec).get()).toEqual(spec.fallback);
    await local.set({ thing: { v: 3, value: { n: 1, label: 'future' } } });
    expect(await defineItem(local, 'thing', spec).get()).toEqual(spec.fallback);
  });
});

describe('defineFamily', () => {
  it('keeps one key per id, reads and writes several at once, and knows its keys', async () => {
    const family = defineFamily(local, 'thing:', {
      version: 1,
      fallback: 0,
      check: (raw) => (typeof raw === 'number' ? raw : undefined),
    });
    await family.setMany(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    await local.set({ 'thing:c': { v: 1, value: 'not a number' } });
    expect([...(await family.getMany(['a', 'b', 'c', 'd']))]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 0],
      ['d', 0],
    ]);
    expect(family.item('a').key).toBe('thing:a');
    expect(family.idOf('thing:zz')).toBe('zz');
    expect(family.idOf('other')).toBeUndefined();
  });
});
