/** Node-only: read the dataset sources from disk and compile them exactly as the build does. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feed } from '../utils/schema';
import { compileDataset, compileFeed, type Dataset } from './dataset';

export const DATA_DIR = resolve(import.meta.dirname, '../public/data');
export const PLATFORM_DIR = join(DATA_DIR, 'platforms');

export function platformFiles(dataDir = DATA_DIR): string[] {
  return readdirSync(join(dataDir, 'platforms'))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export function readPlatformSource(file: string, dataDir = DATA_DIR): unknown {
  return readJson(join(dataDir, 'platforms', file));
}

/** The dataset sources of `dataDir` (default: public/data), as the build reads them. */
export function loadFeedSources(dataDir = DATA_DIR): { platforms: unknown[]; agencies: unknown } {
  return {
    platforms: platformFiles(dataDir).map((f) => readPlatformSource(f, dataDir)),
    agencies: readJson(join(dataDir, 'agencies.json')),
  };
}

/** The bundled feed; throws a DatasetError listing every problem when the sources are invalid. */
export function loadBundledFeed(dataDir = DATA_DIR): Feed {
  return compileFeed(loadFeedSources(dataDir));
}

/** The dataset with references expanded and what only the sources hold (the rubric's inputs, URL sources). */
export function loadDataset(dataDir = DATA_DIR): Dataset {
  return compileDataset(loadFeedSources(dataDir));
}
