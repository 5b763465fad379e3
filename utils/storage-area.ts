/** The part of an extension storage area (storage.local / storage.session) the modules use; tests pass fakes. */
export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Read and write only. */
export type ReadWriteArea = Pick<StorageArea, 'get' | 'set'>;
