/**
 * A key-value list (`<dl>`): a run's or a dead letter's facts, one label and value a line. `Fact` is one pair;
 * leave one out with a condition around it (`{replayOf ? <Fact …/> : null}`).
 */
import type { ReactNode } from 'react';

/** The list; `className` picks the layout (`lf-facts` on a page, `lf-dl-facts` in a card). */
export function Facts({ className, children }: { className: string; children: ReactNode }) {
  return <dl className={className}>{children}</dl>;
}

interface FactProps {
  label: ReactNode;
  children: ReactNode;
  /** Class of the value (`lf-mono` for ids). */
  className?: string;
  testId?: string;
}

/** One label and its value. */
export function Fact({ label, children, className, testId }: FactProps) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={className} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}
