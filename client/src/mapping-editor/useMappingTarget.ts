/**
 * The target of one mapping node for the editor: the chosen one, or the next `validate.schema` downstream;
 * resolved into the preview's check and the schema of the mapper's target tree. Re-resolved only when the
 * choice or the chosen validation node's config changes, not on every keystroke in the expression.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { getSample } from '../api/catalog.js';
import { errorMessage } from '../api/http.js';
import { useDocument } from '../document/documentStore.js';
import { downstreamValidators, encodeTarget, graphOf, resolveTarget, type ResolvedTarget, type TargetChoice, type ValidatorNode } from './targets.js';

export interface MappingTarget {
  choice: TargetChoice;
  validators: ValidatorNode[];
  resolved?: ResolvedTarget;
  error?: string;
}

export function useMappingTarget(nodeId: string, chosen: TargetChoice | undefined): MappingTarget {
  const nodes = useDocument((s) => s.nodes);
  const edges = useDocument((s) => s.edges);
  const graph = useMemo(() => graphOf(nodes, edges), [nodes, edges]);
  const validators = useMemo(() => downstreamValidators(graph, nodeId), [graph, nodeId]);
  const choice: TargetChoice = chosen ?? (validators[0] ? { kind: 'node', nodeId: validators[0].id } : { kind: 'none' });
  const chosenNode = choice.kind === 'node' ? graph.nodes.find((n) => n.id === choice.nodeId) : undefined;
  const key = `${encodeTarget(choice)}|${chosenNode ? JSON.stringify(chosenNode.config) : ''}`;
  const [state, setState] = useState<{ key?: string; resolved?: ResolvedTarget; error?: string }>({});
  const latest = useRef({ choice, graph });
  latest.current = { choice, graph };

  useEffect(() => {
    let live = true;
    resolveTarget(latest.current.choice, latest.current.graph, getSample)
      .then((resolved) => live && setState({ key, resolved }))
      .catch((error: unknown) => live && setState({ key, error: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [key]);

  return { choice, validators, ...(state.resolved ? { resolved: state.resolved } : {}), ...(state.error ? { error: state.error } : {}) };
}
