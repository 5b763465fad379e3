/**
 * What changed between the data the user had and a new feed, per platform: documents whose
 * captured text changed, provisions added, removed or changed (severity, quote, actions,
 * wording). Pure: the data store computes it when it replaces the data.
 */
import type { ChangeSet, PlatformChanges, ProvisionChange } from '../db';
import type { Platform, PolicyDocument, Provision } from '../schema';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function captureKey(document: PolicyDocument): string {
  return JSON.stringify(document.versions.map((v) => [v.id, v.capture?.sha256 ?? null]));
}

function provisionChange(before: Provision | undefined, after: Provision | undefined): ProvisionChange | null {
  const subject = after ?? before;
  if (!subject) return null;
  const change: ProvisionChange = { provisionId: subject.id, title: subject.title, kinds: [] };
  if (!before) change.kinds.push('added');
  else if (!after) change.kinds.push('removed');
  else {
    if (before.severity !== after.severity) {
      change.kinds.push('severity');
      change.severityBefore = before.severity;
      change.severityAfter = after.severity;
    }
    if (!same(before.quotes, after.quotes) || !same(before.absentFrom, after.absentFrom)) change.kinds.push('quote');
    if (!same(before.actions, after.actions)) change.kinds.push('actions');
    if (
      before.title !== after.title ||
      before.whyItMatters !== after.whyItMatters ||
      before.consumerImpact !== after.consumerImpact ||
      before.caveat !== after.caveat
    )
      change.kinds.push('wording');
  }
  return change.kinds.length > 0 ? change : null;
}

function platformChanges(before: Platform | undefined, after: Platform | undefined): PlatformChanges | null {
  const subject = after ?? before;
  if (!subject) return null;
  const oldDocs = new Map((before?.documents ?? []).map((d) => [d.id, captureKey(d)]));
  const documents = before
    ? (after?.documents ?? []).filter((d) => oldDocs.get(d.id) !== captureKey(d)).map((d) => d.title)
    : [];
  const oldProvisions = new Map((before?.provisions ?? []).map((p) => [p.id, p]));
  const newProvisions = new Map((after?.provisions ?? []).map((p) => [p.id, p]));
  const ids = [...new Set([...newProvisions.keys(), ...oldProvisions.keys()])];
  const provisions = ids.flatMap((id) => provisionChange(oldProvisions.get(id), newProvisions.get(id)) ?? []);
  const added = before === undefined;
  if (!added && documents.length === 0 && provisions.length === 0) return null;
  return { platformId: subject.id, platformName: subject.name, added, documents, provisions };
}

export function diffPlatforms(
  before: readonly Platform[],
  after: readonly Platform[],
  meta: { fromVersion: number; toVersion: number; at: string },
): ChangeSet {
  const old = new Map(before.map((p) => [p.id, p]));
  const next = new Map(after.map((p) => [p.id, p]));
  const ids = [...new Set([...next.keys(), ...old.keys()])];
  const platforms = ids
    .flatMap((id) => platformChanges(old.get(id), next.get(id)) ?? [])
    .sort((a, b) => a.platformName.localeCompare(b.platformName));
  return { ...meta, platforms };
}
