/**
 * The one source of truth for Policy Lens data. Every type the extension uses for
 * platforms, provisions, actions, agencies, evidence, walkthroughs and the feed is
 * inferred from these schemas. Runtime code uses `zod/mini` (small bundle) in jitless
 * mode so validation never calls `Function()` (MV3 CSP, and untrusted feed data).
 */

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// Readable English messages (zod/mini ships none by default) and no Function()-compiled parsers.
z.config({ ...en(), jitless: true });

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const SHA256_RE = /^[0-9a-f]{64}$/;
const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const JURISDICTION_RE = /^(?:\*|[A-Z]{2,3}(?:-[A-Z0-9]{1,3})?)$/;

function isHttpsUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
}

function isRealDate(value: string): boolean {
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(value.slice(0, 10));
}

/** Non-empty, trimmed prose. */
export const Text = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.refine((s) => s.trim() === s, 'must not start or end with whitespace'),
);
export const Slug = z.string().check(z.regex(SLUG_RE, 'must be a lowercase slug like "ai-training"'));
export const HttpsUrl = z.string().check(z.refine(isHttpsUrl, 'must be an absolute https:// URL'));
export const IsoDate = z
  .string()
  .check(
    z.regex(DATE_RE, 'must be an ISO 8601 date (YYYY-MM-DD)'),
    z.refine(isRealDate, 'must be a real calendar date'),
  );
export const IsoDateTime = z
  .string()
  .check(z.regex(DATETIME_RE, 'must be an ISO 8601 UTC date-time'), z.refine(isRealDate, 'must be a real date-time'));
export const Sha256 = z.string().check(z.regex(SHA256_RE, 'must be 64 lowercase hex characters (SHA-256)'));
export const Domain = z.string().check(z.regex(DOMAIN_RE, 'must be a lowercase domain name like "linkedin.com"'));
export const Jurisdiction = z
  .string()
  .check(z.regex(JURISDICTION_RE, 'must be "*" or a region code like "US", "US-CA", "EU", "EEA", "UK"'));

export const Severity = z.enum(['high', 'medium', 'low']);
export type Severity = z.infer<typeof Severity>;

export const Category = z.enum([
  'ai-training',
  'advertising',
  'profiling',
  'sharing',
  'data-brokers',
  'location',
  'sensitive-data',
  'biometrics',
  'retention',
  'children',
  'dispute-resolution',
  'content-license',
  'tracking',
  'account-control',
]);
export type Category = z.infer<typeof Category>;

/**
 * Inputs of the severity rubric (docs/severity.md). Recorded on each provision so that a
 * test can check the severity follows from them.
 */
export const SeverityInputs = z.strictObject({
  /** How much of the user's data or activity the practice covers. */
  scope: z.enum(['broad', 'bounded', 'narrow']),
  /** Whether the practice applies unless the user acts. */
  onByDefault: z.boolean(),
  /** What stopping it takes: no control at all, a form/request or buried control, or a plain setting. */
  optOut: z.enum(['none', 'hard', 'easy']),
  /** Whether stopping it also undoes what was already done (e.g. data already used to train a model). */
  reversible: z.boolean(),
  /** Whether it involves sensitive data (health, biometrics, precise location, children's data, …). */
  sensitive: z.boolean(),
  /** Whether data leaves the platform (affiliates, partners, advertisers, brokers). */
  sharedBeyondPlatform: z.boolean(),
});
export type SeverityInputs = z.infer<typeof SeverityInputs>;

export const DocumentKind = z.enum([
  'privacy-policy',
  'regional-privacy-notice',
  'terms',
  'cookie-policy',
  'community-guidelines',
  'other',
]);

export const PolicyDocument = z.strictObject({
  id: Slug,
  kind: DocumentKind,
  title: Text,
  /** The canonical public URL of the document. */
  url: HttpsUrl,
  /** Further URLs that serve the same document (regional copies, old paths). */
  alternateUrls: z.optional(z.array(HttpsUrl)),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;

export const SettingsPage = z.strictObject({
  id: Slug,
  title: Text,
  url: HttpsUrl,
});
export type SettingsPage = z.infer<typeof SettingsPage>;

export const ActionKind = z.enum(['opt-out', 'setting', 'form', 'delete', 'download', 'learn']);

export const Action = z.strictObject({
  id: Slug,
  label: Text,
  kind: ActionKind,
  url: HttpsUrl,
  /** Regions where this action exists, e.g. ["US"], ["EU","EEA","UK","CH"], or ["*"]. */
  jurisdictions: z.array(Jurisdiction).check(z.minLength(1, 'needs at least one jurisdiction')),
  /** How well it works and its limits, in plain words. */
  caveat: z.optional(Text),
  /** false when the URL is not listed in a confirmed source; the UI says so. */
  verified: z.boolean(),
  /** Where the URL comes from (e.g. the policy file and line that links it). */
  source: Text,
  walkthroughId: z.optional(Slug),
});
export type Action = z.infer<typeof Action>;

export const Agency = z.strictObject({
  id: Slug,
  name: Text,
  jurisdiction: Jurisdiction,
  complaintUrl: HttpsUrl,
  /** Legal basis for a complaint, e.g. "FTC Act §5". */
  basis: Text,
  /** Where the complaint URL was taken from. */
  source: Text,
});
export type Agency = z.infer<typeof Agency>;

export const Evidence = z.strictObject({
  /** Stable id of this evidence record, e.g. "linkedin.ai-training@2026-02-20". */
  recordId: z
    .string()
    .check(z.regex(/^[a-z0-9-]+\.[a-z0-9-]+@\d{4}-\d{2}-\d{2}$/, 'must look like "platform.provision@YYYY-MM-DD"')),
  /** The document's public URL. */
  sourceUrl: HttpsUrl,
  /** Permalink to the exact archived version (Open Terms Archive versions repository, at a commit). */
  archiveUrl: HttpsUrl,
  /** Wayback Machine link for the source URL around the capture date. */
  waybackUrl: HttpsUrl,
  /** SHA-256 of the captured text file the quote was checked against. */
  sha256: Sha256,
  capturedAt: IsoDate,
  documentLastUpdated: IsoDate,
  firstTracked: IsoDate,
  lastVerified: IsoDate,
});
export type Evidence = z.infer<typeof Evidence>;

export const AgencyRef = z.strictObject({
  agencyId: Slug,
  note: z.optional(Text),
});

export const Provision = z.strictObject({
  /** Stable id: "<platform>.<slug>". */
  id: z.string().check(z.regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'must look like "platform.provision-slug"')),
  title: Text,
  severity: Severity,
  severityInputs: SeverityInputs,
  /** One line on why this severity, by the rubric. */
  severityRationale: Text,
  categories: z.array(Category).check(z.minLength(1, 'needs at least one category')),
  documentId: Slug,
  /** Verbatim from the policy text (markdown link syntax reduced to the link text). */
  quote: Text,
  whyItMatters: Text,
  consumerImpact: Text,
  actions: z.array(Action),
  agencies: z.array(AgencyRef),
  evidence: Evidence,
  caveat: z.optional(Text),
});
export type Provision = z.infer<typeof Provision>;

/** A target control is found by the first matcher that finds it. */
export const Matcher = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('attribute'), name: Text, value: Text }),
  z.strictObject({ by: z.literal('role'), role: Text, name: Text }),
  z.strictObject({ by: z.literal('text'), text: z.array(Text).check(z.minLength(1)) }),
  z.strictObject({ by: z.literal('css'), selector: Text }),
]);
export type Matcher = z.infer<typeof Matcher>;

export const DesiredState = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['checked', 'aria-checked', 'aria-pressed', 'aria-selected']),
    value: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('select'), value: Text }),
]);

const stepCommon = {
  id: Slug,
  explanation: Text,
  timeoutMs: z.optional(z.number().check(z.int(), z.minimum(100), z.maximum(120_000))),
};

export const WalkthroughStep = z.discriminatedUnion('kind', [
  z.strictObject({
    ...stepCommon,
    kind: z.literal('navigate'),
    url: HttpsUrl,
    /** URL prefixes (https) that count as arrived. */
    arrivedAt: z.array(HttpsUrl).check(z.minLength(1)),
  }),
  z.strictObject({
    ...stepCommon,
    kind: z.literal('setControl'),
    target: z.array(Matcher).check(z.minLength(1)),
    desired: DesiredState,
    whenAbsent: z.enum(['not-applicable', 'failed']),
    verifyAfterReload: z.optional(z.boolean()),
  }),
  z.strictObject({
    ...stepCommon,
    kind: z.literal('click'),
    target: z.array(Matcher).check(z.minLength(1)),
    whenAbsent: z.enum(['skip', 'failed']),
  }),
  z.strictObject({ ...stepCommon, kind: z.literal('info') }),
]);
export type WalkthroughStep = z.infer<typeof WalkthroughStep>;

export const Walkthrough = z.strictObject({
  id: Slug,
  title: Text,
  /** Which parts come from public guides and which are assumptions. */
  provenance: Text,
  steps: z.array(WalkthroughStep).check(z.minLength(1)),
});
export type Walkthrough = z.infer<typeof Walkthrough>;

export const Platform = z.strictObject({
  id: Slug,
  name: Text,
  /** Registrable domains and aliases (eTLD+1), lowercase. */
  domains: z.array(Domain).check(z.minLength(1, 'needs at least one domain')),
  /** Other registrable domains the platform's own settings live on (e.g. YouTube → google.com). Links only. */
  linkDomains: z.optional(z.array(Domain)),
  documents: z.array(PolicyDocument).check(z.minLength(1, 'needs at least one document')),
  settingsPages: z.array(SettingsPage),
  provisions: z.array(Provision),
  walkthroughs: z.array(Walkthrough),
});
export type Platform = z.infer<typeof Platform>;

export const SCHEMA_VERSION = 1;

export const Feed = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Monotonic: a feed is only accepted over one with a lower version. */
  version: z.number().check(z.int(), z.positive()),
  generatedAt: IsoDateTime,
  agencies: z.array(Agency),
  platforms: z.array(Platform),
});
export type Feed = z.infer<typeof Feed>;

/** Why a feed update failed (utils/feed/errors.ts gives each its plain-words message). */
export const FeedErrorCode = z.enum([
  'not-configured',
  'network',
  'timeout',
  'http',
  'redirected',
  'too-large',
  'signature-missing',
  'signature-invalid',
  'signature-unsupported',
  'bad-json',
  'bad-schema',
  'inconsistent',
  'not-newer',
  'store-failed',
  'unexpected',
]);
export type FeedErrorCode = z.infer<typeof FeedErrorCode>;

/** The outcome of the latest remote feed check, persisted for the options page. */
export const UpdateStatus = z.strictObject({
  lastCheckAt: IsoDateTime,
  /** The latest check that ended with current data (a new feed stored, or the server's 304). */
  lastSuccessAt: z.nullable(IsoDateTime),
  lastError: z.nullable(
    z.strictObject({
      at: IsoDateTime,
      code: FeedErrorCode,
      /** Plain words for the user. */
      message: Text,
      /** The technical reason (capped), for bug reports. */
      detail: z.optional(z.string()),
    }),
  ),
  /** The version and origin of the data in use after the check (null before any data is stored). */
  version: z.nullable(z.number().check(z.int(), z.positive())),
  source: z.nullable(z.enum(['bundled', 'remote'])),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parse untrusted data; on failure return a readable, path-qualified message. */
export function parseWith<S extends z.ZodMiniType>(schema: S, data: unknown): ParseResult<z.infer<S>> {
  const result = z.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: z.prettifyError(result.error) };
}
