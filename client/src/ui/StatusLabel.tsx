/** A run's or step's status as a coloured dot and its word (`succeeded`, `failed`, `running`…). */
export function StatusLabel({ status }: { status: string }) {
  return (
    <>
      <span className={`lf-dot lf-dot--${status}`} /> {status}
    </>
  );
}
