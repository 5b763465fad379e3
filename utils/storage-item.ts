/**
 * The storage item mechanism: a value stored as `{ v, value }` (a bare value, from before
 * versioning, is version 0); reading an older version runs the item's migrations in order and
 * writes the result back; a value that fails its check reads as the fallback (storage is a
 * boundary: a content script or a bug may have written it). Ours, about sixty lines, instead of
 * @wxt-dev/storage, which measured 3.7 KB gzipped (esbuild --minify of defineItem with a
 * migration), a quarter of the content script's 15 KB budget. No zod here: the content script
 * uses this module (utils/page-index.ts); the items are in utils/storage.ts.
 */

/** The part of an extension storage area (storage.local / storage.session) the items use; tests pass fakes. */
export interface StorageArea {
  /** `null` reads every key. */
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface ItemSpec<T> {
  version: number;
  fallback: T;
  /** The value if it is a valid value of the current version, else undefined. */
  check: (raw: unknown) => T | undefined;
  /** `migrations[n]` turns a value of version n - 1 into one of version n. */
  migrations?: Readonly<Record<number, (old: unknown) => unknown>>;
}

export interface Item<T> {
  readonly key: string;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
}

interface Stored {
  v: number;
  value: unknown;
}

function isStored(raw: unknown): raw is Stored {
  return typeof raw === 'object' && raw !== null && typeof (raw as Stored).v === 'number' && 'value' in raw;
}

/** The stored value brought to the current version, or undefined when no migration path leads there. */
function migrate<T>(spec: ItemSpec<T>, stored: Stored): unknown {
  let { v, value } = stored;
  while (v < spec.version) {
    const step = spec.migrations?.[v + 1];
    if (!step) return undefined;
    value = step(value);
    v++;
  }
  return v === spec.version ? value : undefined;
}

/** A stored value (wrapped or bare) brought to the current version and checked; undefined if unusable. */
function readValue<T>(spec: ItemSpec<T>, raw: unknown): { value: T; migrated: boolean } | undefined {
  if (raw === undefined) return undefined;
  const stored: Stored = isStored(raw) ? raw : { v: 0, value: raw };
  if (stored.v === spec.version) {
    const value = spec.check(stored.value);
    return value === undefined ? undefined : { value, migrated: false };
  }
  const value = spec.check(migrate(spec, stored));
  return value === undefined ? undefined : { value, migrated: true };
}

export function defineItem<T>(area: StorageArea, key: string, spec: ItemSpec<T>): Item<T> {
  const write = (value: T) => area.set({ [key]: { v: spec.version, value } satisfies Stored });
  return {
    key,
    async get() {
      const read = readValue(spec, (await area.get(key))[key]);
      if (!read) return spec.fallback;
      if (read.migrated) await write(read.value);
      return read.value;
    },
    set: write,
    remove: () => area.remove(key),
  };
}

/** Items of one kind under a key prefix, one per id (a tab, a domain). */
export interface Family<T> {
  item(id: string): Item<T>;
  /** Several items in one storage read (values needing a migration read as the fallback until written). */
  getMany(ids: readonly string[]): Promise<Map<string, T>>;
  /** Several items in one storage write. */
  setMany(entries: ReadonlyMap<string, T>): Promise<void>;
  /** The id of a key of this family, or undefined for other keys. */
  idOf(key: string): string | undefined;
}

export function defineFamily<T>(area: StorageArea, prefix: string, spec: ItemSpec<T>): Family<T> {
  return {
    item: (id) => defineItem(area, prefix + id, spec),
    async getMany(ids) {
      const found = await area.get(ids.map((id) => prefix + id));
      const out = new Map<string, T>();
      for (const id of ids) out.set(id, readValue(spec, found[prefix + id])?.value ?? spec.fallback);
      return out;
    },
    setMany(entries) {
      const items: Record<string, Stored> = {};
      for (const [id, value] of entries) items[prefix + id] = { v: spec.version, value };
      return area.set(items);
    },
    idOf: (key) => (key.startsWith(prefix) ? key.slice(prefix.length) : undefined),
  };
}
