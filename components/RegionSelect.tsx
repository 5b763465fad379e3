import { REGIONS, type Region, regionLabel } from '@/utils/region';

/** The user's region, which decides which agencies and region-specific actions come first. */
export function RegionSelect({
  value,
  onChange,
  labelledBy,
}: {
  value: Region;
  onChange: (region: Region) => void;
  labelledBy?: string;
}) {
  return (
    <select aria-labelledby={labelledBy} value={value} onChange={(e) => onChange(e.currentTarget.value as Region)}>
      {REGIONS.map((r) => (
        <option key={r} value={r}>
          {regionLabel(r)}
        </option>
      ))}
    </select>
  );
}
