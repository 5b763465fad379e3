/**
 * Every browser.storage item the extension keeps, typed and versioned, in one place.
 *
 * A stored value is wrapped as `{ v, value }` (a bare value, from before versioning, is version 0).
 * Reading a value of an older version runs the item's migrations in order and writes the result back; a value that fails its check reads as
 * the fallback (storage is a boundary: a content script or a bug may have written it). The
 * mechanism is ours, about forty lines, instead of @wxt-dev/storage, which measured 3.7 KB
 * gzipped (esbuild --minify of defineItem with a migration) — a quarter of the content script's
 * 15 KB budget. Only `pageIndexItem` reaches the content script; it checks its value by hand so
 * that zod stays out of that bundle (the others use zod schemas, tree-shaken from it).
 *
 * idb (utils/db.ts) holds the data and the user's progress; this module holds the rest.
 */
import * as z from 'zod/mini';
import type { MatchablePlatform } from './match';
import { REGIONS, type Region } from './region';
import { UpdateStatus } from './schema';
import type { WalkthroughRun } from './walkthrough/engine';

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

/** zod as an item check. */
function checkWith<S extends z.ZodMiniType>(schema: S): (raw: unknown) => z.infer<S> | undefined {
  return (raw) => {
    const result = z.safeParse(schema, raw);
    return result.success ? result.data : undefined;
  };
}

// --- storage.local ---------------------------------------------------------------------------

export interface UserSettings {
  /** The user's region, or null when not chosen yet (the UI guesses from the browser language). */
  region: Region | null;
  /** Banners on policy pages (and the marks in their text), on tracked platforms. */
  banners: boolean;
  /** Flagged passages marked in the policy text when a banner shows. */
  marks: boolean;
  /** Platforms where banners and marks are off (ids). */
  quietPlatforms: string[];
  /** A notification when an update changes the data (needs the optional `notifications` permission). */
  alerts: boolean;
}

export const DEFAULT_SETTINGS: UserSettings = {
  region: null,
  banners: true,
  marks: true,
  quietPlatforms: [],
  alerts: false,
};

export const UserSettingsSchema = z.strictObject({
  region: z.nullable(z.enum(REGIONS)),
  banners: z.boolean(),
  marks: z.boolean(),
  quietPlatforms: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(1000)),
  alerts: z.boolean(),
});

/**
 * v2: region plus the display and alert choices. v1: `{ region }`. v0 (the first release,
 * unversioned): `{ region }` stored bare, with region possibly missing.
 */
export function settingsItem(local: StorageArea): Item<UserSettings> {
  return defineItem(local, 'settings', {
    version: 2,
    fallback: DEFAULT_SETTINGS,
    check: checkWith(UserSettingsSchema),
    migrations: {
      1: (old) => ({ region: (old as { region?: unknown } | null)?.region ?? null }),
      2: (old) => ({ ...DEFAULT_SETTINGS, region: (old as { region?: unknown } | null)?.region ?? null }),
    },
  });
}

/** The outcome of the latest remote feed check (utils/feed/update.ts). */
export function updateStatusItem(local: StorageArea): Item<UpdateStatus | null> {
  return defineItem(local, 'update-status', { version: 1, fallback: null, check: checkWith(UpdateStatus) });
}

/** The newest feed version the user was notified about (a notification is never repeated). */
export function notifiedItem(local: StorageArea): Item<number> {
  return defineItem(local, 'notified-version', {
    version: 1,
    fallback: 0,
    check: (raw) => (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : undefined),
  });
}

/** The captured text (SHA-256) the user dismissed a banner for, by "platform:document:version". */
export type Dismissals = Record<string, string>;

export function dismissalsItem(local: StorageArea): Item<Dismissals> {
  return defineItem(local, 'dismissals', {
    version: 1,
    fallback: {},
    check: checkWith(z.record(z.string().check(z.maxLength(200)), z.string().check(z.maxLength(64)))),
  });
}

/** The page index, one entry per registrable domain: what the content script classifies URLs with. */
export function pageIndex(local: StorageArea): Family<MatchablePlatform | null> {
  return defineFamily(local, 'page-index:', {
    version: 1,
    fallback: null,
    // Checked by hand (see the module comment); matching tolerates missing pieces.
    check: (raw) => {
      const p = raw as MatchablePlatform | null;
      return p && typeof p.id === 'string' && Array.isArray(p.domains) && Array.isArray(p.documents) ? p : undefined;
    },
  });
}

export interface PageIndexMeta {
  /** SHA-256 of the feed the index was built from. */
  feedSha256: string;
  domains: string[];
}

export function pageIndexMetaItem(local: StorageArea): Item<PageIndexMeta | null> {
  return defineItem(local, 'page-index-meta', {
    version: 1,
    fallback: null,
    check: checkWith(z.strictObject({ feedSha256: z.string(), domains: z.array(z.string()) })),
  });
}

// --- storage.session (gone with the browser session, like the tabs) -------------------------

/** One walkthrough run per tab (by tab id). The background is the only writer, through one queue. */
export function walkthroughRuns(session: StorageArea): Family<WalkthroughRun | null> {
  return defineFamily(session, 'walkthrough-run:', {
    version: 1,
    fallback: null,
    // Written only by the background from the engine's own values; the shape is checked loosely.
    check: (raw) => {
      const run = raw as WalkthroughRun | null;
      return run && typeof run.walkthroughId === 'string' && typeof run.stepIndex === 'number' ? run : undefined;
    },
  });
}

/**
 * Keys of the first release that no item reads any more: per-document dismissals (now per captured
 * text, in `dismissals`), the old page-index meta key, all runs under one key, per-tab badge state.
 */
export async function removeLegacyKeys(areas: { local: StorageArea; session: StorageArea }): Promise<void> {
  const local = await areas.local.get(null);
  const stale = Object.keys(local).filter((k) => k.startsWith('dismissed:') || k === 'page-index:meta');
  if (stale.length > 0) await areas.local.remove(stale);
  const session = await areas.session.get(null);
  const staleSession = Object.keys(session).filter((k) => k === 'walkthrough-runs' || k.startsWith('tab:'));
  if (staleSession.length > 0) await areas.session.remove(staleSession);
}
