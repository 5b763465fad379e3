/**
 * The store in memory, for when IndexedDB cannot be used at all (it would not open, not even after
 * being deleted and made again, or another copy of the background holds it: utils/background/
 * store-open.ts). The same calls as the idb database for what utils/db.ts does with it; nothing
 * survives the background. About fifty lines instead of a second storage layer.
 */
import { type PolicyLensDB, STORE_NAMES, type Store } from './db';

type Name = (typeof STORE_NAMES)[number];
/** Where a store's records keep their key (the rest take it out of line, as in UPGRADE_STEPS). */
const KEY_PATHS: Partial<Record<Name, readonly string[]>> = {
  platforms: ['id'],
  progress: ['provisionId', 'actionId'],
};

export function memoryStore(): Store {
  const stores = new Map<Name, Map<string, { key: unknown; value: unknown }>>(
    STORE_NAMES.map((name) => [name, new Map()]),
  );
  const table = (name: Name) => stores.get(name) as Map<string, { key: unknown; value: unknown }>;
  const keyOf = (name: Name, value: unknown, key?: unknown) => {
    const path = KEY_PATHS[name];
    const k = path
      ? path.length === 1
        ? (value as Record<string, unknown>)[path[0] as string]
        : path.map((p) => (value as Record<string, unknown>)[p])
      : key;
    return { key: k, id: JSON.stringify(k) };
  };
  const put = async (name: Name, value: unknown, key?: unknown) => {
    // Stored as a structured clone, as IndexedDB does: later changes to the caller's object do not leak in.
    const { key: k, id } = keyOf(name, value, key);
    table(name).set(id, { key: k, value: structuredClone(value) });
    return k;
  };
  const db = {
    objectStoreNames: { contains: (n: string) => stores.has(n as Name) },
    get: async (name: Name, key: unknown) => structuredClone(table(name).get(JSON.stringify(key))?.value),
    getAll: async (name: Name) => [...table(name).values()].map((r) => structuredClone(r.value)),
    getAllKeys: async (name: Name) => [...table(name).values()].map((r) => r.key),
    put,
    delete: async (name: Name, key: unknown) => void table(name).delete(JSON.stringify(key)),
    close: () => undefined,
    transaction: () => {
      const undo: Array<() => void> = [];
      return {
        objectStore: (name: Name) => ({
          clear: async () => {
            const before = new Map(table(name));
            undo.push(() => stores.set(name, before));
            table(name).clear();
          },
          put: (value: unknown, key?: unknown) => put(name, value, key),
        }),
        done: Promise.resolve(),
        abort: () => {
          for (const step of undo.reverse()) step();
        },
      };
    },
  };
  return db as unknown as Store & { [K in keyof PolicyLensDB]?: never };
}
