/**
 * Search nodes by name or type: matching cards are highlighted as you type; Enter (or the arrows) selects
 * the next match and zooms to it; Esc closes.
 */
import { useEffect, useRef } from 'react';
import { useDocument } from '../document/documentStore.js';
import { Icon } from './icons.js';
import { useSearch } from './searchStore.js';
import { useCanvasCommands } from './useCanvasCommands.js';

export function SearchBox() {
  const open = useSearch((s) => s.open);
  return open ? <OpenSearchBox /> : null;
}

function OpenSearchBox() {
  const query = useSearch((s) => s.query);
  const matches = useSearch((s) => s.matches);
  const current = useSearch((s) => s.current);
  const { reveal } = useCanvasCommands();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  // Keep the highlight right while the flow changes under an open search.
  const nodes = useDocument((s) => s.nodes);
  useEffect(() => {
    const { query: q, search } = useSearch.getState();
    if (q) search(q, nodes);
  }, [nodes]);

  const go = (direction: 1 | -1) => {
    const id = useSearch.getState().step(direction);
    if (id) reveal(id);
  };
  return (
    <div className="lf-search" role="search" data-testid="node-search">
      <Icon name="search" size={15} className="lf-muted" />
      <input
        ref={input}
        className="lf-search__input"
        value={query}
        placeholder="Search nodes by name or type"
        aria-label="Search nodes"
        onChange={(event) => useSearch.getState().search(event.target.value, useDocument.getState().nodes)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === 'ArrowDown') {
            event.preventDefault();
            go(event.shiftKey ? -1 : 1);
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            go(-1);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            useSearch.getState().hide();
          }
        }}
        data-testid="node-search-input"
      />
      <span className="lf-search__count lf-muted" data-testid="node-search-count">
        {query ? (matches.length ? `${current >= 0 ? `${current + 1} of ` : ''}${matches.length}` : 'none') : ''}
      </span>
      <button type="button" className="lf-icon-button" onClick={() => go(-1)} disabled={!matches.length} title="Previous match (Shift+Enter)" aria-label="Previous match">
        <Icon name="chevron" size={14} className="lf-rotate-180" />
      </button>
      <button type="button" className="lf-icon-button" onClick={() => go(1)} disabled={!matches.length} title="Next match (Enter)" aria-label="Next match">
        <Icon name="chevron" size={14} />
      </button>
      <button type="button" className="lf-icon-button" onClick={() => useSearch.getState().hide()} title="Close (Esc)" aria-label="Close search">
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
