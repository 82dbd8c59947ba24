/** A segmented control (`lf-segmented`): a row of buttons of which one is chosen, as a radio group. */

interface SegmentedOption<Id extends string> {
  id: Id;
  label: string;
  /** Tooltip. */
  title?: string;
}

interface SegmentedProps<Id extends string> {
  options: ReadonlyArray<SegmentedOption<Id>>;
  /** The chosen option; none is chosen while undefined. */
  value: Id | undefined;
  onChange(id: Id): void;
  /** What is being chosen, for screen readers (`aria-label`). */
  label: string;
  testId?: string;
  /** Test id of each option: `<optionTestId><id>`. */
  optionTestId?: string;
}

export function Segmented<Id extends string>({ options, value, onChange, label, testId, optionTestId }: SegmentedProps<Id>) {
  return (
    <div className="lf-segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option.id}
          type="button"
          role="radio"
          aria-checked={value === option.id}
          className={`lf-segmented__item${value === option.id ? ' lf-segmented__item--active' : ''}`}
          title={option.title}
          onClick={() => onChange(option.id)}
          data-testid={optionTestId ? `${optionTestId}${option.id}` : undefined}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
