/**
 * The severity rubric (docs/severity.md) as code, the practice table that fixes some of its
 * inputs per practice, and display helpers. Colours are never the only signal: badges always
 * carry text and a shape.
 */
import { t } from './i18n';
import type { Severity, SeverityInputs } from './schema';

export const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low'];

/**
 * Rubric v2. High means hard to avoid: the practice is broad or sensitive and there is no easy,
 * effective opt-out, or it processes sensitive data by default. `reversible` is recorded (and may
 * be named in a rationale) but does not change the level.
 */
export function severityFromInputs(i: SeverityInputs): Severity {
  const broadOrSensitive = i.scope === 'broad' || i.sensitive;
  const significant = broadOrSensitive || (i.sharedBeyondPlatform && i.scope !== 'narrow');
  const hardToAvoid = i.optOut !== 'easy';
  if ((broadOrSensitive && hardToAvoid) || (i.sensitive && i.onByDefault)) return 'high';
  if (significant || (i.scope === 'bounded' && (i.onByDefault || hardToAvoid))) return 'medium';
  return 'low';
}

/** The inputs a practice fixes: every provision of that practice records exactly these. */
export interface PracticeInputs {
  scope: SeverityInputs['scope'];
  sensitive: boolean;
  /** Fixed only where the practice is defined by data leaving the platform (or by it not leaving). */
  sharedBeyondPlatform?: boolean;
  /** One line: what counts as this practice. */
  definition: string;
}

/**
 * The practice table. `sensitive` is true when the practice is about a sensitive category itself,
 * exactly the design's list: health, biometrics, precise location, sexual orientation, minors' data,
 * government IDs, private messages between people. It is false for a practice over "your data" in
 * general, which may contain anything (a broad scope already counts that), and for conversations
 * with an AI assistant and voice recordings, which can contain sensitive details but are not a
 * sensitive category in themselves.
 */
export const PRACTICES = {
  'product-development': {
    scope: 'broad',
    sensitive: false,
    definition:
      'Your personal information used to develop and improve the platform’s products and services in general.',
  },
  'ai-training-personal-data': {
    scope: 'broad',
    sensitive: false,
    definition: 'Your account data, content and activity used to develop or train the platform’s AI models.',
  },
  'ai-training-public-content': {
    scope: 'broad',
    sensitive: false,
    definition: 'What you post or make public on the platform used to develop or train AI models.',
  },
  'ai-training-chats': {
    scope: 'bounded',
    sensitive: false,
    definition: 'What you say to, or share with, the platform’s AI assistant used to train or improve AI.',
  },
  'ai-training-web-crawl': {
    scope: 'bounded',
    sensitive: false,
    definition: 'Publicly available web pages, which can include material about you, crawled to train AI models.',
  },
  'third-party-ai-training': {
    scope: 'broad',
    sensitive: false,
    sharedBeyondPlatform: true,
    definition: 'Your data given to other companies that may use it to train their own AI models.',
  },
  'ad-targeting': {
    scope: 'broad',
    sensitive: false,
    definition: 'Your profile and activity used to choose or measure the ads you see.',
  },
  'off-platform-tracking': {
    scope: 'broad',
    sensitive: false,
    sharedBeyondPlatform: false,
    definition:
      'Your activity on other websites, in apps or in shops reaching the platform (its tags, partners’ data) and matched to you.',
  },
  'partner-sharing': {
    scope: 'bounded',
    sensitive: false,
    sharedBeyondPlatform: true,
    definition: 'Identifiers or data about you given to advertisers, ad or measurement companies and other partners.',
  },
  'affiliate-sharing': {
    scope: 'broad',
    sensitive: false,
    sharedBeyondPlatform: true,
    definition:
      'Your data shared with the platform’s parent, sister or other group companies for their own products, services or ads, or for purposes the platform’s policy does not limit.',
  },
  // Group companies held to the platform's own services or policy do not widen what is done with
  // the data: bounded, and the data counts as staying with the platform.
  'group-processing': {
    scope: 'bounded',
    sensitive: false,
    sharedBeyondPlatform: false,
    definition:
      'Your data disclosed within the platform’s corporate group, where the text limits its use to providing, supporting or operating the platform’s services or to the purposes of the platform’s policy.',
  },
  'inferred-traits': {
    scope: 'broad',
    sensitive: false,
    definition:
      'Traits such as age range, gender or interests the platform infers from the information it has about you.',
  },
  'precise-location': {
    scope: 'bounded',
    sensitive: true,
    definition:
      'Your precise location: GPS, nearby Wi-Fi, Bluetooth or cell towers, or location attached to your content.',
  },
  'approximate-location': {
    scope: 'bounded',
    sensitive: false,
    definition: 'Your approximate location, worked out from your IP address or places you tell the platform.',
  },
  biometrics: {
    scope: 'bounded',
    sensitive: true,
    definition: 'Face or voice prints and other biometric identifiers taken from your content or devices.',
  },
  minors: {
    scope: 'bounded',
    sensitive: true,
    definition: 'What the platform collects from children and teenagers and what it does with it.',
  },
  'age-assurance': {
    scope: 'broad',
    sensitive: true,
    definition:
      'Estimating whether users are minors from their data or activity in general, with ID or photo checks where the estimate is not enough.',
  },
  'identity-verification': {
    scope: 'bounded',
    sensitive: true,
    definition:
      'Checking your age or identity from an image of your government ID, a selfie or video of you, or your facial geometry.',
  },
  'background-checks': {
    scope: 'bounded',
    sensitive: false,
    definition: 'Reports about you, such as criminal records or sex offender registrations, obtained to vet you.',
  },
  'sensitive-categories': {
    scope: 'bounded',
    sensitive: true,
    definition: 'Details such as religion, health, sexual orientation or ethnicity that you share, and their use.',
  },
  'voice-assistant-recordings': {
    scope: 'bounded',
    sensitive: false,
    definition:
      'What you say to a voice assistant, and images or video from camera features, used beyond answering you.',
  },
  'content-analysis': {
    scope: 'bounded',
    sensitive: false,
    definition: 'Automatic labelling of the content you save or post, used to personalise what you see and ads.',
  },
  'human-review': {
    scope: 'bounded',
    sensitive: false,
    definition:
      'People reading your conversations with the platform’s AI, or your recordings, to check or improve automated systems.',
  },
  'chat-retention': {
    scope: 'bounded',
    sensitive: false,
    definition: 'How long your conversations with the platform’s AI are kept, including after you delete them.',
  },
  retention: {
    scope: 'broad',
    sensitive: false,
    definition: 'How long your account data, content and activity are kept while you use the service.',
  },
  'retention-after-deletion': {
    scope: 'bounded',
    sensitive: false,
    definition: 'Data kept after you delete it or your account, or deletion requests the platform may refuse.',
  },
  'cross-border-access': {
    scope: 'broad',
    sensitive: false,
    definition: 'Your data stored in, or accessed from, countries outside your region by the platform’s group.',
  },
  'government-access': {
    scope: 'narrow',
    sensitive: false,
    sharedBeyondPlatform: true,
    definition: 'Your account data disclosed to authorities or others in response to legal process or for safety.',
  },
  'content-licence': {
    scope: 'broad',
    sensitive: false,
    sharedBeyondPlatform: true,
    definition: 'The rights over what you post that you give the platform and those it sublicenses.',
  },
  'content-monetisation': {
    scope: 'bounded',
    sensitive: false,
    definition: 'The platform’s right to earn from your content (ads on it, paid access) without paying you.',
  },
  arbitration: {
    scope: 'broad',
    sensitive: false,
    sharedBeyondPlatform: false,
    definition: 'Disputes with the platform sent to private arbitration instead of a court.',
  },
  'class-action-waiver': {
    scope: 'broad',
    sensitive: false,
    sharedBeyondPlatform: false,
    definition: 'Giving up class, collective or representative actions against the platform.',
  },
  'claims-time-limit': {
    scope: 'broad',
    sensitive: false,
    sharedBeyondPlatform: false,
    definition: 'A deadline in the terms for bringing any claim, after which the claim is barred.',
  },
  'age-requirements': {
    scope: 'narrow',
    sensitive: false,
    sharedBeyondPlatform: false,
    definition: 'Who may use the service, and the parental permission the terms ask of teenagers.',
  },
  'email-tracking': {
    scope: 'narrow',
    sensitive: false,
    definition: 'Tracking whether you open the platform’s emails or click their links.',
  },
  'device-diagnostics': {
    scope: 'bounded',
    sensitive: false,
    definition: 'Technical data about your device, its software and how they perform, sent to the platform.',
  },
  'usage-metadata': {
    scope: 'bounded',
    sensitive: false,
    definition:
      'Records of when, how often and with whom you use the service and its features, without the content of what you say.',
  },
  'message-scanning': {
    scope: 'bounded',
    sensitive: true,
    definition:
      'Your messages to other people on the platform scanned, analysed, monitored or recorded by the platform or its providers.',
  },
  'business-messages': {
    scope: 'bounded',
    sensitive: true,
    sharedBeyondPlatform: true,
    definition:
      'Your messages to a business on the platform read or processed by the business’s staff and the service providers it chooses.',
  },
  'cloud-backup': {
    scope: 'bounded',
    sensitive: true,
    sharedBeyondPlatform: true,
    definition: 'Your message history copied to another company’s cloud when you turn on backups.',
  },
  'admin-access': {
    scope: 'bounded',
    sensitive: true,
    sharedBeyondPlatform: true,
    definition: 'The organisation that runs your account able to see your messages, recordings or other content on it.',
  },
} as const satisfies Record<string, PracticeInputs>;

export type Practice = keyof typeof PRACTICES;

/** The practice record of a slug, if the table has it. */
export function practiceOf(slug: string): PracticeInputs | undefined {
  return Object.hasOwn(PRACTICES, slug) ? PRACTICES[slug as Practice] : undefined;
}

/**
 * Where a provision's recorded inputs disagree with its practice's fixed inputs (empty when they
 * agree). An unknown practice is a disagreement too.
 */
export function practiceDisagreements(practice: string, inputs: SeverityInputs): string[] {
  const fixed = practiceOf(practice);
  if (!fixed) return [`practice "${practice}" is not in the practice table`];
  const out: string[] = [];
  if (inputs.scope !== fixed.scope) out.push(`scope is "${inputs.scope}", the practice fixes "${fixed.scope}"`);
  if (inputs.sensitive !== fixed.sensitive)
    out.push(`sensitive is ${inputs.sensitive}, the practice fixes ${fixed.sensitive}`);
  if (fixed.sharedBeyondPlatform !== undefined && inputs.sharedBeyondPlatform !== fixed.sharedBeyondPlatform)
    out.push(
      `sharedBeyondPlatform is ${inputs.sharedBeyondPlatform}, the practice fixes ${fixed.sharedBeyondPlatform}`,
    );
  return out;
}

/** Negative when `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}

export function worstSeverity(list: Iterable<Severity>): Severity | undefined {
  let worst: Severity | undefined;
  for (const s of list) if (worst === undefined || compareSeverity(s, worst) < 0) worst = s;
  return worst;
}

/** English labels, for citations and other text that stays English (the dataset's language). */
export const SEVERITY_LABEL: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

const SEVERITY_KEY = { high: 'severityHigh', medium: 'severityMedium', low: 'severityLow' } as const;

/** The severity's name in the user's language. */
export function severityLabel(severity: Severity): string {
  return t(SEVERITY_KEY[severity]);
}

/** Badge colours with at least 4.5:1 contrast between text and background. */
export const SEVERITY_COLORS: Record<Severity, { background: string; text: string; symbol: string }> = {
  high: { background: '#b00020', text: '#ffffff', symbol: '▲' },
  medium: { background: '#8a5a00', text: '#ffffff', symbol: '◆' },
  low: { background: '#2e5e3e', text: '#ffffff', symbol: '●' },
};
