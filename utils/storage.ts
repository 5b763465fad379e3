/**
 * Every browser.storage item the extension keeps, typed and versioned, in one place (the
 * mechanism is utils/storage-item.ts), except the page index entries, which the content script
 * reads: they are defined with it in utils/page-index.ts, so that zod and the schemas stay out of
 * that bundle (they cost 9.5 KB gzipped there, against a 15 KB budget). idb (utils/db.ts) holds the
 * data and the user's progress; this module holds the rest.
 */
import * as z from 'zod/mini';
import type { PendingAction } from './messages';
import { REGIONS, type Region } from './region';
import { configureZod, UpdateStatus } from './schema';
import { defineFamily, defineItem, type Family, type Item, type StorageArea } from './storage-item';
import type { WalkthroughRun } from './walkthrough/engine';

export type { Family, Item, StorageArea };

/** zod as an item check. */
function checkWith<S extends z.ZodMiniType>(schema: S): (raw: unknown) => z.infer<S> | undefined {
  return (raw) => {
    configureZod();
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
  /** Global Privacy Control to the tracked platforms (Sec-GPC and navigator.globalPrivacyControl); off until turned on. */
  gpc: boolean;
  /** Platforms the user put in their check-up besides those with progress (ids). */
  checkupPlatforms: string[];
}

export const DEFAULT_SETTINGS: UserSettings = {
  region: null,
  banners: true,
  marks: true,
  quietPlatforms: [],
  alerts: false,
  gpc: false,
  checkupPlatforms: [],
};

export const UserSettingsSchema = /* @__PURE__ */ z.strictObject({
  region: z.nullable(z.enum(REGIONS)),
  banners: z.boolean(),
  marks: z.boolean(),
  quietPlatforms: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(1000)),
  alerts: z.boolean(),
  gpc: z.boolean(),
  checkupPlatforms: z.array(z.string().check(z.maxLength(100))).check(z.maxLength(1000)),
});

/**
 * v3: Global Privacy Control and the check-up's chosen platforms. v2: region plus the display and
 * alert choices. v1: `{ region }`. v0 (the first release, unversioned): `{ region }` stored bare,
 * with region possibly missing.
 */
export function settingsItem(local: StorageArea): Item<UserSettings> {
  return defineItem(local, 'settings', {
    version: 3,
    fallback: DEFAULT_SETTINGS,
    check: checkWith(UserSettingsSchema),
    migrations: {
      1: (old) => ({ region: (old as { region?: unknown } | null)?.region ?? null }),
      2: (old) => ({ ...DEFAULT_SETTINGS, region: (old as { region?: unknown } | null)?.region ?? null }),
      // Off and empty: GPC is never turned on for the user.
      3: (old) => ({ ...(old as object), gpc: false, checkupPlatforms: [] }),
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

export interface PageIndexMeta {
  /** SHA-256 of the feed the index was built from. */
  feedSha256: string;
  /** The entries' format (utils/page-index.ts PAGE_INDEX_FORMAT). */
  format: number;
  domains: string[];
}

export const PAGE_INDEX_META_KEY = 'page-index-meta';

export function pageIndexMetaItem(local: StorageArea): Item<PageIndexMeta | null> {
  return defineItem(local, PAGE_INDEX_META_KEY, {
    version: 1,
    fallback: null,
    check: checkWith(z.strictObject({ feedSha256: z.string(), format: z.number(), domains: z.array(z.string()) })),
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
      if (!run || typeof run.walkthroughId !== 'string' || typeof run.stepIndex !== 'number') return undefined;
      // A run stored by a version that kept English sentences: its message is dropped, the run kept.
      const message = run.message as unknown;
      return message === null ||
        (typeof message === 'object' && typeof (message as { code?: unknown }).code === 'string')
        ? run
        : { ...run, message: null };
    },
  });
}

/** A click in page UI waiting for the user's confirmation in the popup, per tab (utils/background/pending.ts). */
export function pendingItems(session: StorageArea): Family<{ action: PendingAction; url: string } | null> {
  return defineFamily(session, 'pending:', {
    version: 1,
    fallback: null,
    // Written only by the background from a validated request.
    check: (raw) => {
      const p = raw as { action?: { kind?: unknown }; url?: unknown } | null;
      return p && typeof p.url === 'string' && typeof p.action?.kind === 'string'
        ? (p as { action: PendingAction; url: string })
        : undefined;
    },
  });
}

/** The items the background alone reads and writes: kept in its database (utils/db.ts `kv`), not storage.local. */
export const BACKGROUND_ITEM_KEYS = ['settings', 'dismissals', 'update-status', 'notified-version'] as const;

/**
 * Move items written by an earlier release from storage.local to the database, once: keys the
 * database does not hold yet are copied, then removed from storage.local.
 */
export async function moveItems(from: StorageArea, to: StorageArea, keys: readonly string[]): Promise<void> {
  const old = await from.get([...keys]);
  const present = Object.keys(old).filter((key) => old[key] !== undefined);
  if (present.length === 0) return;
  const already = await to.get(present);
  const copy = Object.fromEntries(present.filter((key) => already[key] === undefined).map((key) => [key, old[key]]));
  if (Object.keys(copy).length > 0) await to.set(copy);
  await from.remove(present);
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
