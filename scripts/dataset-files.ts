/** Node-only: read the dataset sources from disk and compile them exactly as the build does. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileFeed } from '../utils/dataset';
import type { Feed } from '../utils/schema';

export const DATA_DIR = resolve(import.meta.dirname, '../public/data');
export const PLATFORM_DIR = join(DATA_DIR, 'platforms');

export function platformFiles(): string[] {
  return readdirSync(PLATFORM_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export function readPlatformSource(file: string): unknown {
  return readJson(join(PLATFORM_DIR, file));
}

export function loadFeedSources(): { platforms: unknown[]; agencies: unknown } {
  return {
    platforms: platformFiles().map(readPlatformSource),
    agencies: readJson(join(DATA_DIR, 'agencies.json')),
  };
}

/** The bundled feed; throws a DatasetError listing every problem when the sources are invalid. */
export function loadBundledFeed(): Feed {
  return compileFeed(loadFeedSources());
}
