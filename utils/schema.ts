/**
 * The one source of truth for Policy Lens data. Every type the extension uses for
 * platforms, provisions, actions, agencies, evidence, walkthroughs and the feed is
 * inferred from these schemas. Runtime code uses `zod/mini` (small bundle) in jitless
 * mode so validation never calls `Function()` (MV3 CSP, and untrusted feed data).
 */

import * as z from 'zod/mini';
import { INVISIBLE } from './text';

/**
 * Readable English messages for zod/mini's generic checks (it ships none by default) and no
 * Function()-compiled parsers, set before the first parse. Our own checks carry their own words;
 * these cover the rest in a few lines instead of zod's English locale, which cost the background
 * 0.9 KB gzipped of its 30 KB budget (measured with esbuild --minify: 2.7 KB before compression).
 * A call, not a top-level statement: a module-level z.config would keep zod in every bundle that
 * imports anything from this module (the content script imports only types and helpers, and must
 * stay under 15 KB gzipped).
 */
type Issue = {
  code?: string;
  expected?: unknown;
  values?: unknown[];
  keys?: string[];
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
};
function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${String(issue.expected)}`;
    case 'invalid_value':
      return `Invalid option: expected ${(issue.values ?? []).map((v) => JSON.stringify(v)).join('|')}`;
    case 'too_big':
      return `Too big: at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : ''}`;
    case 'too_small':
      return `Too small: at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}`;
    case 'unrecognized_keys':
      return `Unrecognized key(s): ${(issue.keys ?? []).join(', ')}`;
    case 'invalid_key':
      return `Invalid key in ${issue.origin ?? 'record'}`;
    case 'invalid_element':
      return `Invalid value in ${issue.origin ?? 'collection'}`;
    case 'invalid_format':
      return `Invalid ${issue.format === 'regex' ? 'string' : (issue.format ?? 'string')}`;
    default:
      return 'Invalid input';
  }
}

let configured = false;
export function configureZod(): void {
  if (configured) return;
  z.config({ localeError: issueMessage as never, jitless: true });
  configured = true;
}

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const SHA256_RE = /^[0-9a-f]{64}$/;
const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const JURISDICTION_RE = /^(?:\*|[A-Z]{2,3}(?:-[A-Z0-9]{1,3})?)$/;

function isHttpsUrl(value: string): boolean {
  if (INVISIBLE.test(value)) return false;
  // Cheap refusal first, then one parse (URL.canParse + new URL parsed twice: a feed of 10,000
  // provisions holds tens of thousands of URLs, and validating it has a 1 s budget).
  if (!value.startsWith('https://')) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
}

function isRealDate(value: string): boolean {
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(value.slice(0, 10));
}

/**
 * No control, bidi or other format characters (utils/text.ts INVISIBLE) anywhere in the data: a
 * bidi override could make a label or a host read as something else; no text of ours needs one.
 */
const noInvisible = (s: string) => !INVISIBLE.test(s);

/** Non-empty, trimmed prose, with no control or bidi/format characters. */
export const Text = /* @__PURE__ */ z.string().check(
  z.minLength(1, 'must not be empty'),
  z.refine((s) => s.trim() === s, 'must not start or end with whitespace'),
  z.refine(noInvisible, 'must not contain control, bidi or other invisible format characters'),
);
export const Slug = /* @__PURE__ */ z.string().check(z.regex(SLUG_RE, 'must be a lowercase slug like "ai-training"'));

export const IsoDateTime = /* @__PURE__ */ z
  .string()
  .check(z.regex(DATETIME_RE, 'must be an ISO 8601 UTC date-time'), z.refine(isRealDate, 'must be a real date-time'));

/**
 * 2: documents have versions; quotes are per version; capture evidence lives on the version.
 * 3: agencies given per platform (a provision lists its own only where they differ); the rubric's
 * inputs and practice, action and agency sources and walkthrough provenance stay in the sources.
 */
export const SCHEMA_VERSION = 3;

/**
 * The dataset's schemas, built when first asked for and let go once nothing holds them. Building
 * them costs the service worker about 320 KiB of heap (measured with Runtime.getHeapUsage after GC:
 * an empty MV3 worker 369 KiB, one that builds Feed 689 KiB, zod with one small schema 443 KiB), and
 * a worker start with stored data never parses a feed: only the feed check and the bundled-data
 * ingest call datasetSchemas(), and the worker keeps nothing of it afterwards.
 */
function buildDatasetSchemas() {
  const HttpsUrl = z.string().check(z.refine(isHttpsUrl, 'must be an absolute https:// URL'));
  const IsoDate = z
    .string()
    .check(
      z.regex(DATE_RE, 'must be an ISO 8601 date (YYYY-MM-DD)'),
      z.refine(isRealDate, 'must be a real calendar date'),
    );
  const Sha256 = z.string().check(z.regex(SHA256_RE, 'must be 64 lowercase hex characters (SHA-256)'));
  const Domain = z.string().check(z.regex(DOMAIN_RE, 'must be a lowercase domain name like "linkedin.com"'));
  const Jurisdiction = z
    .string()
    .check(z.regex(JURISDICTION_RE, 'must be "*" or a region code like "US", "US-CA", "EU", "EEA", "UK"'));

  const Severity = z.enum(['high', 'medium', 'low']);

  const Category = z.enum([
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

  /**
   * Inputs of the severity rubric (docs/severity.md). Recorded on each provision so that a
   * test can check the severity follows from them.
   */
  const SeverityInputs = z.strictObject({
    /** How much of the user's data or activity the practice covers. */
    scope: z.enum(['broad', 'bounded', 'narrow']),
    /** Whether the practice applies unless the user acts. */
    onByDefault: z.boolean(),
    /**
     * What stopping it takes: no control at all (or only closing the account), a request form, a
     * regional-only right or a control buried across pages, or a plain, effective setting the platform links to.
     */
    optOut: z.enum(['none', 'hard', 'easy']),
    /** Whether stopping it also undoes what was already done (recorded; rubric v2 does not grade on it). */
    reversible: z.boolean(),
    /**
     * Whether the practice is about sensitive data: health, biometrics, precise location, sexual
     * orientation, minors' data, government IDs, private messages between people (docs/severity.md).
     */
    sensitive: z.boolean(),
    /** Whether data leaves the platform (affiliates, partners, advertisers, brokers). */
    sharedBeyondPlatform: z.boolean(),
  });

  const DocumentKind = z.enum([
    'privacy-policy',
    'regional-privacy-notice',
    'terms',
    'cookie-policy',
    'community-guidelines',
    'other',
  ]);

  /** A BCP 47 language tag as sites use them: "en", "en-GB", "es-419", "zh-Hant". */
  const LanguageTag = z
    .string()
    .check(
      z.regex(/^[a-z]{2,3}(?:-(?:[A-Z]{2}|\d{3}|[A-Z][a-z]{3}))?$/, 'must be a language tag like "en" or "en-GB"'),
    );

  /** A query parameter name, lower case (matching compares names in lower case). */
  const ParamName = z.string().check(z.regex(/^[a-z0-9_]{1,40}$/, 'must be a lower-case query parameter name'));

  /**
   * The captured text of one document version that every quote of that version was checked
   * against (an Open Terms Archive version, identified by its SHA-256).
   */
  const Capture = z.strictObject({
    /** The URL the archive fetched the text from. */
    sourceUrl: HttpsUrl,
    /** Permalink to the exact archived version (Open Terms Archive versions repository, at a commit). */
    archiveUrl: HttpsUrl,
    /** Wayback Machine link for the source URL around the capture date. */
    waybackUrl: HttpsUrl,
    /** SHA-256 of the captured text file. */
    sha256: Sha256,
    /** When the archive recorded this text. */
    capturedAt: IsoDate,
    /** The last-updated or effective date the policy itself states. */
    documentLastUpdated: IsoDate,
    /** When we last checked every quote of this version against this capture. */
    verifiedAt: IsoDate,
  });

  /**
   * One version of a document, by region or language (e.g. LinkedIn's global policy vs its European
   * Regional Privacy Notice; Google's policy in US vs British English), with the URLs that serve it.
   */
  const DocumentVersion = z.strictObject({
    id: Slug,
    /** How to name this version to a user, e.g. "European Regional Privacy Notice" or "UK English". */
    label: z.optional(Text),
    /** Whose version it is: ["*"], ["US"], ["EU","EEA","CH"], … */
    regions: z.array(Jurisdiction).check(z.minLength(1, 'needs at least one region')),
    language: z.optional(LanguageTag),
    /** URLs that serve this version; the first is the one we link to. */
    urls: z.array(HttpsUrl).check(z.minLength(1, 'needs at least one URL')),
    /**
     * Query parameters that select this version among versions served at the same URL (values compared
     * case-insensitively), e.g. { "hl": ["en-GB"] }. A version without it is the one served otherwise.
     */
    select: z.optional(z.record(ParamName, z.array(Text).check(z.minLength(1)))),
    /** The captured text of this version, when we hold one. */
    capture: z.optional(Capture),
  });

  const PolicyDocument = z.strictObject({
    id: Slug,
    kind: DocumentKind,
    title: Text,
    /**
     * Set on a copy of another platform's document (that platform's id), made by the build for
     * provisions by reference to that platform's records (e.g. YouTube, which uses Google's Privacy
     * Policy). Its URLs are the owner's; pages at them are the owner's, not this platform's.
     */
    sharedFrom: z.optional(Slug),
    /** Its versions; the first is the default (shown when no other fits the user's region). */
    versions: z.array(DocumentVersion).check(z.minLength(1, 'needs at least one version')),
  });

  const SettingsPage = z.strictObject({
    id: Slug,
    title: Text,
    url: HttpsUrl,
  });

  const ActionKind = z.enum(['opt-out', 'setting', 'form', 'delete', 'download', 'learn']);

  const Action = z.strictObject({
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
    walkthroughId: z.optional(Slug),
  });

  /**
   * An action in a dataset source file: also where its URL comes from (e.g. the policy file and line
   * that links it), which the dataset test checks. The extension never reads it, so the feed leaves it out.
   */
  const SourceAction = z.extend(Action, { source: Text });

  const Agency = z.strictObject({
    id: Slug,
    name: Text,
    jurisdiction: Jurisdiction,
    complaintUrl: HttpsUrl,
    /** Legal basis for a complaint, e.g. "FTC Act §5". */
    basis: Text,
  });

  /** An agency in public/data/agencies.json: also where the complaint URL was taken from (not in the feed). */
  const SourceAgency = z.extend(Agency, { source: Text });

  /** A provision's verbatim quote in one version of its document. */
  const VersionQuote = z.strictObject({
    versionId: Slug,
    /** Verbatim from that version's captured text (markdown link syntax reduced to the link text). */
    text: Text,
  });

  /** A version of the document that does not contain the provision, and why (e.g. "EU text asks for consent instead"). */
  const VersionAbsence = z.strictObject({ versionId: Slug, note: Text });

  const AgencyRef = z.strictObject({
    agencyId: Slug,
    note: z.optional(Text),
  });

  /** Stable provision id: "<platform>.<slug>". */
  const ProvisionId = z.string().check(z.regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'must look like "platform.provision-slug"'));

  /**
   * A provision as the feed carries it. Its assessment's inputs stay in the source files
   * (SourceProvision): the dataset test checks the severity against them, and the extension never
   * reads them, so the feed leaves them out (they were 20 KB of the 552 KB bundled feed).
   */
  const Provision = z.strictObject({
    id: ProvisionId,
    title: Text,
    severity: Severity,
    /** One line on why this severity, by the rubric. */
    severityRationale: Text,
    categories: z.array(Category).check(z.minLength(1, 'needs at least one category')),
    documentId: Slug,
    /** Its quote in each version of the document that has it (every captured version has a quote or an absence). */
    quotes: z.array(VersionQuote).check(z.minLength(1, 'needs at least one quote')),
    absentFrom: z.optional(z.array(VersionAbsence)),
    whyItMatters: Text,
    consumerImpact: Text,
    actions: z.array(Action),
    /**
     * Where to complain about it, when that differs from its platform's list (Platform.agencies), which
     * it then replaces (e.g. an arbitration clause for U.S. residents lists only U.S. agencies).
     */
    agencies: z.optional(z.array(AgencyRef)),
    /** When this record entered our data. */
    firstTracked: IsoDate,
    caveat: z.optional(Text),
    /** The same practice in a policy another platform shares (e.g. Meta's), whose record this one was made from. */
    sameAs: z.optional(ProvisionId),
    /** What differs from that record for this platform, in plain words. */
    differences: z.optional(Text),
  });

  /**
   * A full provision in a dataset source file: a Provision with the rubric's inputs and its practice,
   * and its actions with their sources. The build leaves these out of the feed (scripts/dataset.ts).
   */
  const SourceProvision = z.extend(Provision, {
    severityInputs: SeverityInputs,
    /**
     * The practice, a slug of the practice table (utils/severity.ts, docs/severity.md): the same practice
     * records the same scope and sensitivity on every platform (the dataset test holds it).
     */
    practice: Slug,
    actions: z.array(SourceAction),
  });

  /**
   * In a dataset source file only: a provision made from another platform's record of the same
   * practice (a shared policy), with its own quotes in this platform's document and whatever differs.
   * The build expands it into a full Provision (scripts/dataset.ts), so the feed holds only Provisions.
   */
  const ProvisionRef = z.strictObject({
    id: ProvisionId,
    sameAs: ProvisionId,
    /**
     * This platform's document and its quotes in it. Both left out when the platform has no copy of
     * the text and uses the other platform's document itself: the build then takes that document and
     * the referenced record's quotes (e.g. YouTube's provisions from Google's Privacy Policy).
     */
    documentId: z.optional(Slug),
    quotes: z.optional(z.array(VersionQuote).check(z.minLength(1, 'needs at least one quote'))),
    absentFrom: z.optional(z.array(VersionAbsence)),
    /** Replaces the referenced record's actions (this platform's own settings); default: none. */
    actions: z.optional(z.array(SourceAction)),
    /** Where it differs from this platform's list of agencies (as for any provision); default: that list. */
    agencies: z.optional(z.array(AgencyRef)),
    differences: z.optional(Text),
    caveat: z.optional(Text),
    firstTracked: IsoDate,
  });

  /** A target control is found by the first matcher that finds it. */
  const Matcher = z.discriminatedUnion('by', [
    z.strictObject({ by: z.literal('attribute'), name: Text, value: Text }),
    z.strictObject({ by: z.literal('role'), role: Text, name: Text }),
    z.strictObject({ by: z.literal('text'), text: z.array(Text).check(z.minLength(1)) }),
    z.strictObject({ by: z.literal('css'), selector: Text }),
  ]);

  const DesiredState = z.discriminatedUnion('kind', [
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

  /**
   * Where a click or setting step happens (URL prefixes, https, the hasArrived rule). Left out, the
   * step is where the previous one left the user; a step after a click that follows a link must say.
   * Reports from any other page are not evidence about the step (utils/walkthrough/engine.ts).
   */
  const stepAt = z.optional(z.array(HttpsUrl).check(z.minLength(1)));

  const WalkthroughStep = z.discriminatedUnion('kind', [
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
      at: stepAt,
      target: z.array(Matcher).check(z.minLength(1)),
      desired: DesiredState,
      whenAbsent: z.enum(['not-applicable', 'failed']),
      verifyAfterReload: z.optional(z.boolean()),
    }),
    z.strictObject({
      ...stepCommon,
      kind: z.literal('click'),
      at: stepAt,
      target: z.array(Matcher).check(z.minLength(1)),
      whenAbsent: z.enum(['skip', 'failed']),
    }),
    z.strictObject({ ...stepCommon, kind: z.literal('info') }),
  ]);

  const Walkthrough = z.strictObject({
    id: Slug,
    title: Text,
    steps: z.array(WalkthroughStep).check(z.minLength(1)),
  });

  /** A walkthrough in a source file: also which parts come from public guides and which are assumptions (not in the feed). */
  const SourceWalkthrough = z.extend(Walkthrough, { provenance: Text });

  /**
   * A platform's fields, shared by Platform and SourcePlatform. Top-level schema expressions here are
   * marked pure: the bundler keeps any top-level call it cannot prove free of side effects, and zod's
   * `.check()` chains are method calls, so without the marks every bundle importing anything from
   * this module (the content script: 15 KB budget) would carry zod and all the schemas (~10 KB gz).
   */
  const platformFields = {
    id: Slug,
    name: Text,
    /** Registrable domains and aliases (eTLD+1), lowercase. */
    domains: z.array(Domain).check(z.minLength(1, 'needs at least one domain')),
    /** Other registrable domains the platform's own settings live on (e.g. YouTube → google.com). Links only. */
    linkDomains: z.optional(z.array(Domain)),
    documents: z.array(PolicyDocument).check(z.minLength(1, 'needs at least one document')),
    settingsPages: z.array(SettingsPage),
    /**
     * Where to complain about the platform's provisions: the agencies that apply to it, each with the
     * controller or the policy passage that makes it apply. Given once here, not on every provision
     * (repeated on 145 provisions it was 86 KB of the 552 KB bundled feed); a provision lists its own
     * only where they differ.
     */
    agencies: z.optional(z.array(AgencyRef)),
    provisions: z.array(Provision),
    walkthroughs: z.array(Walkthrough),
  };
  const Platform = z.strictObject(platformFields);

  /**
   * A dataset source file (public/data/platforms/<id>.json): a Platform whose provisions may be
   * references; each entry is parsed by scripts/dataset.ts as a SourceProvision, or as a ProvisionRef
   * when it has no title.
   */
  const SourcePlatform = z.strictObject({
    ...platformFields,
    provisions: z.array(z.unknown()),
    walkthroughs: z.array(SourceWalkthrough),
  });

  const Feed = z.strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    /** Monotonic: a feed is only accepted over one with a lower version. */
    version: z.number().check(z.int(), z.positive()),
    generatedAt: IsoDateTime,
    agencies: z.array(Agency),
    platforms: z.array(Platform),
  });
  return {
    HttpsUrl,
    IsoDate,
    Sha256,
    Domain,
    Jurisdiction,
    Severity,
    Category,
    SeverityInputs,
    DocumentKind,
    LanguageTag,
    Capture,
    DocumentVersion,
    PolicyDocument,
    SettingsPage,
    ActionKind,
    Action,
    SourceAction,
    Agency,
    SourceAgency,
    VersionQuote,
    VersionAbsence,
    AgencyRef,
    ProvisionId,
    Provision,
    SourceProvision,
    ProvisionRef,
    Matcher,
    DesiredState,
    WalkthroughStep,
    Walkthrough,
    SourceWalkthrough,
    Platform,
    SourcePlatform,
    Feed,
  };
}

export type DatasetSchemas = ReturnType<typeof buildDatasetSchemas>;
let built: WeakRef<DatasetSchemas> | undefined;

/** The dataset's schemas (Platform, Provision, Feed, …), built on first use; see buildDatasetSchemas. */
export function datasetSchemas(): DatasetSchemas {
  const held = built?.deref();
  if (held) return held;
  const fresh = buildDatasetSchemas();
  built = new WeakRef(fresh);
  return fresh;
}

export type Severity = z.infer<DatasetSchemas['Severity']>;
export type Category = z.infer<DatasetSchemas['Category']>;
export type SeverityInputs = z.infer<DatasetSchemas['SeverityInputs']>;
export type Capture = z.infer<DatasetSchemas['Capture']>;
export type DocumentVersion = z.infer<DatasetSchemas['DocumentVersion']>;
export type PolicyDocument = z.infer<DatasetSchemas['PolicyDocument']>;
export type SettingsPage = z.infer<DatasetSchemas['SettingsPage']>;
export type Action = z.infer<DatasetSchemas['Action']>;
export type SourceAction = z.infer<DatasetSchemas['SourceAction']>;
export type Agency = z.infer<DatasetSchemas['Agency']>;
export type SourceAgency = z.infer<DatasetSchemas['SourceAgency']>;
export type VersionQuote = z.infer<DatasetSchemas['VersionQuote']>;
export type AgencyRef = z.infer<DatasetSchemas['AgencyRef']>;
export type Provision = z.infer<DatasetSchemas['Provision']>;
export type SourceProvision = z.infer<DatasetSchemas['SourceProvision']>;
export type ProvisionRef = z.infer<DatasetSchemas['ProvisionRef']>;
export type Matcher = z.infer<DatasetSchemas['Matcher']>;
export type WalkthroughStep = z.infer<DatasetSchemas['WalkthroughStep']>;
export type Walkthrough = z.infer<DatasetSchemas['Walkthrough']>;
export type SourceWalkthrough = z.infer<DatasetSchemas['SourceWalkthrough']>;
export type Platform = z.infer<DatasetSchemas['Platform']>;
export type SourcePlatform = z.infer<DatasetSchemas['SourcePlatform']>;
export type Feed = z.infer<DatasetSchemas['Feed']>;

/** Why a feed update failed (utils/feed/errors.ts gives each its plain-words message). */
export const FeedErrorCode = /* @__PURE__ */ z.enum([
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
export const UpdateStatus = /* @__PURE__ */ z.strictObject({
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

/**
 * The file "Export progress" writes and "Import progress" reads (utils/progress-file.ts), built
 * when an import asks for it: the background holds no dataset-sized schema at start-up (see
 * datasetSchemas above), and these need the dataset's id and date rules.
 */
export function progressFileSchema() {
  const { ProvisionId, IsoDate } = datasetSchemas();
  /** One action the user marked done (utils/db.ts ProgressRecord), as a progress export carries it. */
  const ProgressEntry = z.strictObject({
    provisionId: ProvisionId,
    actionId: Slug,
    doneAt: IsoDateTime,
    feedVersion: z.number().check(z.int(), z.nonnegative()),
    documentLastUpdated: z.union([IsoDate, z.literal('')]),
  });
  return z.strictObject({
    format: z.literal('policy-lens-progress'),
    formatVersion: z.literal(1),
    exportedAt: IsoDateTime,
    // 10,000: far above the actions in the data (a few hundred), small enough to check quickly.
    records: z.array(ProgressEntry).check(z.maxLength(10_000)),
  });
}
export type ProgressFile = z.infer<ReturnType<typeof progressFileSchema>>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parse untrusted data; on failure return a readable, path-qualified message. */
export function parseWith<S extends z.ZodMiniType>(schema: S, data: unknown): ParseResult<z.infer<S>> {
  configureZod();
  const result = z.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: z.prettifyError(result.error) };
}
