/**
 * What lineage knows about ids: the quote-to-cash chain (opportunity → subscription → invoice → ERP
 * document), the entities of each system that sit at each stage, the parties beside the chain (account,
 * customer) and the business key names flows use for each (ARCHITECTURE.md, "business keys / lineage").
 *
 * A flow names its business keys after this table (`opportunityId`, `subscriptionId`, `invoiceId`,
 * `erpInvoiceId`…) so lineage can place a run's ids; other key names (`stripeEventId`) stay searchable in
 * history but are not part of the chain. xref links use the same system and entity names.
 */
import type { XrefRef } from '../../nodes/sdk/context.js';

export const STAGES = ['opportunity', 'subscription', 'invoice', 'erpDocument'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  opportunity: 'opportunity',
  subscription: 'subscription',
  invoice: 'invoice',
  erpDocument: 'ERP document',
};

export interface EntityKind {
  system: string;
  entity: string;
  /** For people: "CRM opportunity". */
  label: string;
  /** Its place in the chain; undefined for parties (accounts, customers) and unknown entities. */
  stage?: Stage;
}

export const ENTITY_KINDS: readonly EntityKind[] = [
  { system: 'crm', entity: 'opportunity', label: 'CRM opportunity', stage: 'opportunity' },
  { system: 'billing', entity: 'subscription', label: 'Billing subscription', stage: 'subscription' },
  { system: 'billing', entity: 'invoice', label: 'Billing invoice', stage: 'invoice' },
  { system: 'billing', entity: 'creditNote', label: 'Billing credit note', stage: 'invoice' },
  { system: 'erp', entity: 'invoice', label: 'ERP invoice', stage: 'erpDocument' },
  { system: 'erp', entity: 'creditMemo', label: 'ERP credit memo', stage: 'erpDocument' },
  { system: 'erp', entity: 'journalEntry', label: 'ERP journal entry', stage: 'erpDocument' },
  { system: 'crm', entity: 'account', label: 'CRM account' },
  { system: 'billing', entity: 'customer', label: 'Billing customer' },
  { system: 'erp', entity: 'customer', label: 'ERP customer' },
];

/** Business key name → the system and entity its value is an id of. */
export const BUSINESS_KEY_ENTITIES: Readonly<Record<string, { system: string; entity: string }>> = {
  opportunityId: { system: 'crm', entity: 'opportunity' },
  accountId: { system: 'crm', entity: 'account' },
  subscriptionId: { system: 'billing', entity: 'subscription' },
  invoiceId: { system: 'billing', entity: 'invoice' },
  creditNoteId: { system: 'billing', entity: 'creditNote' },
  customerId: { system: 'billing', entity: 'customer' },
  erpInvoiceId: { system: 'erp', entity: 'invoice' },
  erpCreditMemoId: { system: 'erp', entity: 'creditMemo' },
  erpJournalEntryId: { system: 'erp', entity: 'journalEntry' },
  erpCustomerId: { system: 'erp', entity: 'customer' },
};

export function kindOf(ref: Pick<XrefRef, 'system' | 'entity'>): EntityKind {
  return ENTITY_KINDS.find((k) => k.system === ref.system && k.entity === ref.entity) ?? { system: ref.system, entity: ref.entity, label: `${ref.system} ${ref.entity}` };
}

/** 0 for opportunity … 3 for ERP document; undefined off the chain. */
export function stageIndex(ref: Pick<XrefRef, 'system' | 'entity'>): number | undefined {
  const stage = kindOf(ref).stage;
  return stage === undefined ? undefined : STAGES.indexOf(stage);
}

/** The refs a run's business keys name (keys not in the table are left out). */
export function refsOfKeys(keys: Record<string, string>): Array<XrefRef & { key: string }> {
  const out: Array<XrefRef & { key: string }> = [];
  for (const [key, id] of Object.entries(keys)) {
    const entity = BUSINESS_KEY_ENTITIES[key];
    if (entity && id) out.push({ ...entity, id, key });
  }
  return out;
}
