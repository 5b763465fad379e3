/** Which agencies apply to a provision (schema v3 gives them per platform, a provision only where it differs). */
import type { AgencyRef } from './schema';

/** A provision's agencies: its own list where it has one, otherwise its platform's. */
export function agenciesOf(
  platform: { agencies?: readonly AgencyRef[] },
  provision: { agencies?: readonly AgencyRef[] },
): readonly AgencyRef[] {
  return provision.agencies ?? platform.agencies ?? [];
}
