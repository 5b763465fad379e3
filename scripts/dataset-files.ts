/** Node-only: read the dataset sources from disk and compile them exactly as the build does. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileFeed } from '../utils/dataset';
import type { Feed } from '../utils/schema';

export const DATA_DIR = resolve(import.meta.dirname, '../public/data');
export const PLATFORM_DIR = join(DATA_DIR, 'platforms');

export function platformFiles(platformDir = PLATFORM_DIR): string[] {
  return readdirSync(platformDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export function readPlatformSource(file: string): unknown {
  return readJson(join(PLATFORM_DIR, file));
}

/** The sources in `dataDir` (default public/data): platforms/*.json and agencies.json. */
export function loadFeedSources(dataDir = DATA_DIR): { platforms: unknown[]; agencies: unknown } {
  const platformDir = join(dataDir, 'platforms');
  return {
    platforms: platformFiles(platformDir).map((file) => readJson(join(platformDir, file))),
    agencies: readJson(join(dataDir, 'agencies.json')),
  };
}

/** The bundled feed; throws a DatasetError listing every problem when the sources are invalid. */
export function loadBundledFeed(): Feed {
  return compileFeed(loadFeedSources());
}
