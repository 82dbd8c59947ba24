/**
 * The problems panel: every issue that stops publishing, with its code, JSON path and message (an expression's
 * in words, its JSONata code in small print). Clicking one selects its node or edge and brings it into view.
 */
import { useReactFlow } from '@xyflow/react';
import { formatJsonPath } from '../../../nodes/sdk/errors.js';
import { useDocument } from '../document/documentStore.js';
import { ErrorWords } from '../ui/ErrorWords.js';
import { useProblems, type Problem } from './useProblems.js';

export function ProblemsPanel() {
  const problems = useProblems();
  const select = useDocument((s) => s.select);
  const { fitView } = useReactFlow();

  const reveal = (problem: Problem) => {
    const { nodes, edges } = useDocument.getState();
    if (problem.nodeId && nodes.some((n) => n.id === problem.nodeId)) {
      select({ nodeId: problem.nodeId });
      void fitView({ nodes: [{ id: problem.nodeId }], duration: 300, maxZoom: 1.2, padding: 0.6 });
    } else if (problem.edgeId) {
      const edge = edges.find((e) => e.id === problem.edgeId);
      select({ edgeId: problem.edgeId });
      if (edge) void fitView({ nodes: [{ id: edge.source }, { id: edge.target }], duration: 300, maxZoom: 1.2, padding: 0.4 });
    }
  };

  if (!problems.length) {
    return (
      <div className="lf-problems lf-problems--empty" data-testid="problems" data-count={0}>
        <p className="lf-muted">No problems: the draft can be published.</p>
      </div>
    );
  }
  return (
    <ul className="lf-problems" data-testid="problems" data-count={problems.length}>
      {problems.map((problem, i) => (
        <li key={`${problem.source}-${i}`}>
          <button type="button" className="lf-problem" onClick={() => reveal(problem)} data-testid={`problem-${problem.code}`}>
            <span className={`lf-problem__code lf-problem__code--${problem.code}`}>{problem.code}</span>
            <span className="lf-problem__path lf-mono">{formatJsonPath(problem.path)}</span>
            <span className="lf-problem__message">{problem.code === 'expression-syntax' ? <ErrorWords error={{ message: problem.message }} /> : problem.message}</span>
            {problem.source === 'server' ? <span className="lf-chip">server</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
