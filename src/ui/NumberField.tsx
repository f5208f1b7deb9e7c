// A number input that only reports values within its range.
export function NumberField(props: { label: string; value: number; min: number; max: number; step: number; onChange: (value: number) => void }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="number"
        value={Number(props.value.toFixed(2))}
        min={props.min}
        max={props.max}
        step={props.step}
        onChange={(event) => {
          const value = event.currentTarget.valueAsNumber;
          // Half-typed or out-of-range numbers are ignored, not run.
          if (Number.isFinite(value) && value >= props.min && value <= props.max) props.onChange(value);
        }}
      />
    </label>
  );
}
