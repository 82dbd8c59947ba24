/**
 * Shapes of a reconciliation: what `reconcile.compare` finds when it pairs two record sets by key, and what
 * `reconcile.report` keeps (ARCHITECTURE.md, "reconciliation"). Plain JSON, so they travel in messages,
 * step records, the report store and the REST API unchanged.
 */
import type { Json } from './message.js';

/** One compared field of a pair of records that differs beyond its tolerance. */
export interface FieldDifference {
  field: string;
  left: Json;
  right: Json;
  /** For number fields: `right - left`, computed in decimal (no float noise), as a number. */
  difference?: number;
  /** The absolute tolerance the difference exceeded (number fields). */
  tolerance?: number;
}

/** A record found on one side only, or a pair that differs. `values`: the compared fields of the side(s) present. */
export interface ReconciliationItem {
  /** The pairing key (both sides' key expressions gave this string). */
  key: string;
  left?: Record<string, Json>;
  right?: Record<string, Json>;
  /** Mismatched pairs only: the fields that differ. */
  differences?: FieldDifference[];
}

export interface ReconciliationCounts {
  /** Records read on each side. */
  left: number;
  right: number;
  matched: number;
  /** On the right, not on the left (e.g. an ERP invoice billing does not know: an extra). */
  missingLeft: number;
  /** On the left, not on the right (e.g. a billing invoice never posted to the ERP). */
  missingRight: number;
  mismatched: number;
  /** Records whose key appears more than once on its side (each extra copy counts once). */
  duplicates: number;
  /** Records whose key expression gave nothing (they cannot be paired). */
  unkeyed: number;
}

/** What `reconcile.compare` outputs. Keys are sorted, so two runs over the same data give the same result. */
export interface ReconciliationResult {
  /** Names of the two sides for people, e.g. `billing` and `ERP`. */
  leftName: string;
  rightName: string;
  counts: ReconciliationCounts;
  /** Keys of the pairs that agree on every compared field. */
  matched: string[];
  missingLeft: ReconciliationItem[];
  missingRight: ReconciliationItem[];
  mismatched: ReconciliationItem[];
  /** Keys found more than once, per side. */
  duplicates: { left: string[]; right: string[] };
}
