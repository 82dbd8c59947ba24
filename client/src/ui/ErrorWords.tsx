/**
 * A recorded error as an analyst reads it (runs/errorText.ts): the message in words, its code in small print
 * after it (`JSONata S0201`, `http-status`), the message as recorded in the tooltip. `FailureWords` puts the
 * failing node's name first.
 */
import { describeError, type RecordedError } from '../runs/errorText.js';

export function ErrorWords({ error }: { error: RecordedError }) {
  const plain = describeError(error);
  return (
    <span title={plain.raw}>
      {plain.message}
      {plain.code ? <span className="lf-error-code">{plain.code}</span> : null}
    </span>
  );
}

interface FailureWordsProps {
  error: RecordedError & { nodeId?: string };
  /** The failing node's name; its id when not given. */
  nodeName?: string;
}

/** Where a run failed and why: `POST ERP invoice: POST /erp/invoices answered 503 — …`, the node id in its tooltip. */
export function FailureWords({ error, nodeName }: FailureWordsProps) {
  return (
    <>
      {error.nodeId ? <span title={`Node id: ${error.nodeId}`}>{nodeName ?? error.nodeId}: </span> : null}
      <ErrorWords error={error} />
    </>
  );
}
