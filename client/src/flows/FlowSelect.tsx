/** A filter by flow: "All flows" (the empty value) or one flow, by name. */
import type { FlowSummary } from '../../../server/storage/types.js';

interface FlowSelectProps {
  flows: readonly FlowSummary[];
  /** The chosen flow id; empty for all flows. */
  value: string;
  onChange(flowId: string): void;
  className?: string;
  /** `aria-label`, when no `<label>` wraps the select. */
  label?: string;
  testId?: string;
}

export function FlowSelect({ flows, value, onChange, className, label, testId }: FlowSelectProps) {
  return (
    <select className={className} value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} data-testid={testId}>
      <option value="">All flows</option>
      {flows.map((f) => (
        <option key={f.id} value={f.id}>
          {f.name}
        </option>
      ))}
    </select>
  );
}
