/**
 * The visual mapper (after MuleSoft's Transform Message): source fields on the left, target fields on the
 * right, a line per mapped field between them. Dragging a source field onto a target field (or clicking one,
 * then the other) writes the JSONata for it; a target field's menu applies a function, edits its code or
 * removes it. The expression is the only state: every edit prints a new expression (one undoable edit), and
 * the lines are read back from it, so hand-typed code and the picture never disagree.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SchemaProblem } from '../../../nodes/validate.schema.js';
import { FieldTreePane, ROW_HEIGHT, type RowFlags } from './FieldTreePane.js';
import { visibleRows, type FieldNode, type FieldTree } from './fieldTree.js';
import { LineMenu } from './LineMenu.js';
import { tableVariables, type LineFunction } from './lineFunctions.js';
import { useFolds, useLineDrag, useLinesGeometry, useScrollOffsets } from './mapperHooks.js';
import { mapperView, problemsByTarget } from './mapperView.js';
import { applyFunction, findField, mapField, MappingEditError, removeField, setFieldCode, wrapList } from './mappingEdits.js';
import { emptyMapping, type FieldPath, type MappingModel } from './mappingModel.js';
import { MappingLines } from './MappingLines.js';
import { parseMapping } from './parseMapping.js';
import { printMapping } from './printMapping.js';
import './mapper.css';

interface VisualMapperProps {
  expression: string;
  /** A new expression; `target` is the target field the edit was about. */
  onChange(expression: string, target?: FieldPath): void;
  /** Fields of the sample input; undefined before a sample is chosen. */
  sources?: FieldTree;
  /** Fields of the target schema; undefined without a target. */
  targets?: FieldTree;
  targetLabel?: string;
  problems: readonly SchemaProblem[];
  /** Shown above the source tree (the sample picker). */
  sourceHeader: ReactNode;
}

const indexOf = (rows: ReturnType<typeof visibleRows>) => new Map(rows.map((row, i) => [row.node.path, i]));

export function VisualMapper({ expression, onChange, sources, targets, targetLabel, problems, sourceHeader }: VisualMapperProps) {
  const container = useRef<HTMLDivElement>(null);
  const sourceViewport = useRef<HTMLDivElement>(null);
  const targetViewport = useRef<HTMLDivElement>(null);
  const lastGood = useRef<MappingModel>(emptyMapping());
  const parsed = useMemo(() => parseMapping(expression), [expression]);
  if (parsed.ok) lastGood.current = parsed.model;
  const model = parsed.ok ? parsed.model : parsed.reason === 'syntax' ? lastGood.current : emptyMapping();
  const view = useMemo(() => mapperView(model, sources, targets), [model, sources, targets]);
  const problemsAt = useMemo(() => problemsByTarget(problems), [problems]);

  const [sourceQuery, setSourceQuery] = useState('');
  const [targetQuery, setTargetQuery] = useState('');
  const scroll = useScrollOffsets();
  const onSourceScroll = useCallback((top: number) => scroll.set('source', top), [scroll]);
  const onTargetScroll = useCallback((top: number) => scroll.set('target', top), [scroll]);
  const [selectedSource, setSelectedSource] = useState<FieldPath>();
  const [menu, setMenu] = useState<{ target: FieldPath; x: number; y: number }>();
  const [notice, setNotice] = useState<string>();
  const sourceFolds = useFolds(sources, 3, () => view.lines.map((l) => l.source));
  const revealSource = sourceFolds.reveal;
  const revealed = useRef<string>(undefined);
  const targetFolds = useFolds(targets, 4, () => []);

  const sourceRows = useMemo(() => visibleRows(view.sources, sourceFolds.collapsed, sourceQuery), [view.sources, sourceFolds.collapsed, sourceQuery]);
  const targetRows = useMemo(() => visibleRows(view.targets, targetFolds.collapsed, targetQuery), [view.targets, targetFolds.collapsed, targetQuery]);
  const sourceIndex = useMemo(() => indexOf(sourceRows), [sourceRows]);
  const targetIndex = useMemo(() => indexOf(targetRows), [targetRows]);
  const geometry = useLinesGeometry(container, sourceViewport, targetViewport);

  const commit = useCallback(
    (edit: (current: MappingModel) => MappingModel, target?: FieldPath) => {
      try {
        onChange(printMapping(edit(model)), target);
        setNotice(undefined);
      } catch (error) {
        if (error instanceof MappingEditError) setNotice(error.message);
        else throw error;
      }
    },
    [model, onChange],
  );
  const connect = useCallback(
    (source: FieldPath, target: FieldPath) => commit((m) => mapField(m, source, target, { source: view.sources, target: view.targets }), target),
    [commit, view],
  );
  const { drag, start } = useLineDrag(container, connect);

  const activateSource = useCallback((path: FieldPath) => setSelectedSource((current) => (current === path ? undefined : path)), []);
  const activateTarget = useCallback(
    (path: FieldPath) => {
      if (selectedSource) {
        connect(selectedSource, path);
        setSelectedSource(undefined);
        return;
      }
      const row = targetViewport.current?.querySelector(`[data-target-path="${CSS.escape(path)}"]`)?.getBoundingClientRect();
      setMenu({ target: path, x: row ? row.left : 200, y: row ? row.bottom + 2 : 200 });
    },
    [connect, selectedSource],
  );
  const openMenu = useCallback((target: FieldPath, x: number, y: number) => setMenu({ target, x, y }), []);
  const closeMenu = useCallback(() => {
    revealed.current = undefined;
    setMenu(undefined);
  }, []);

  const menuField = menu ? findField(model, menu.target) : undefined;
  const menuSource = menuField?.kind === 'line' || menuField?.kind === 'each' ? menuField.source : undefined;
  // With a field's menu open, its source is shown: parents unfolded, row scrolled into view.
  useEffect(() => {
    if (!menu || !menuSource || revealed.current === menu.target) return;
    const index = sourceIndex.get(menuSource);
    if (index === undefined) return revealSource(menuSource);
    revealed.current = menu.target;
    const viewport = sourceViewport.current;
    if (!viewport) return;
    const top = index * ROW_HEIGHT;
    if (top < viewport.scrollTop || top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top - viewport.clientHeight / 2;
  }, [menu, menuSource, sourceIndex, revealSource]);
  const sourceFlags = (node: FieldNode): RowFlags => ({
    mapped: view.mappedSources.has(node.path),
    selected: node.path === selectedSource || node.path === menuSource || node.path === drag?.source,
    dropTarget: false,
    missing: false,
  });
  const targetFlags = (node: FieldNode): RowFlags => {
    const field = view.fields.get(node.path);
    const problem = problemsAt.get(node.path)?.join('\n');
    return {
      mapped: field?.kind === 'line' || field?.kind === 'each',
      selected: node.path === menu?.target,
      dropTarget: node.path === drag?.over,
      missing: view.missingRequired.has(node.path),
      ...(problem ? { problem } : {}),
      ...(field ? { fill: field.kind } : {}),
      ...(field?.kind === 'line' && field.via ? { via: field.via } : {}),
      ...(field?.kind === 'constant' || field?.kind === 'custom' ? { code: field.code } : {}),
      ...(field?.kind === 'each' && !field.wrapped ? { unwrapped: true } : {}),
    };
  };

  const menuTarget = menu ? view.targets.nodes.get(menu.target) : undefined;
  const applyLineFunction = (fn: LineFunction, parameter: string) => {
    if (!menu || menuField?.kind !== 'line') return;
    const context = { source: menuField.source, sources: view.sources, ...(menuTarget ? { targetType: menuTarget.type } : {}), tables: tableVariables(model.head) };
    commit((m) => applyFunction(m, menu.target, (refer) => fn.build(context, refer, parameter)), menu.target);
    closeMenu();
  };
  const missingCount = view.missingRequired.size;

  return (
    <div
      className="lf-mapper"
      ref={container}
      data-testid="visual-mapper"
      data-busy={drag ? 'drag' : undefined}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && selectedSource) {
          event.stopPropagation();
          setSelectedSource(undefined);
        }
      }}
    >
      <div className="lf-mapper__col">
        <div className="lf-pane-head lf-pane-head--stack">{sourceHeader}</div>
        <input className="lf-input lf-mapper__filter" placeholder="Filter source fields" value={sourceQuery} onChange={(e) => setSourceQuery(e.target.value)} aria-label="Filter source fields" />
        <FieldTreePane
          side="source"
          rows={sourceRows}
          flagsOf={sourceFlags}
          onScroll={onSourceScroll}
          onToggle={sourceFolds.toggle}
          onRowPointerDown={start}
          onRowActivate={activateSource}
          viewportRef={sourceViewport}
          empty={sources ? 'No field matches the filter' : 'Choose a sample input to see its fields'}
        />
      </div>
      <div className="lf-mapper__gap" aria-hidden="true" />
      <div className="lf-mapper__col">
        <div className="lf-pane-head">
          <h3 className="lf-pane-title">Target{targetLabel ? ` · ${targetLabel}` : ''}</h3>
          {missingCount ? (
            <span className="lf-chip lf-chip--danger" data-testid="missing-required">
              {missingCount} required unmapped
            </span>
          ) : null}
        </div>
        <input className="lf-input lf-mapper__filter" placeholder="Filter target fields" value={targetQuery} onChange={(e) => setTargetQuery(e.target.value)} aria-label="Filter target fields" />
        <FieldTreePane
          side="target"
          rows={targetRows}
          flagsOf={targetFlags}
          onScroll={onTargetScroll}
          onToggle={targetFolds.toggle}
          onRowActivate={activateTarget}
          onRowMenu={openMenu}
          viewportRef={targetViewport}
          empty={targets || view.targets.roots.length ? 'No field matches the filter' : 'Choose a target (a check in this flow, a canonical model or an example payload) to see its fields'}
        />
      </div>
      <MappingLines
        lines={view.lines}
        sourceRows={sourceIndex}
        targetRows={targetIndex}
        scroll={scroll}
        geometry={geometry}
        selectedTarget={menu?.target}
        drag={drag}
        onSelect={openMenu}
      />
      {!parsed.ok ? (
        <div className={`lf-mapper__banner${parsed.reason === 'syntax' ? ' lf-mapper__banner--danger' : ''}`} data-testid="mapper-banner">
          {parsed.reason === 'syntax'
            ? `The expression does not parse (${parsed.message}); the lines show the last version that did.`
            : `${parsed.message}. Dragging a field starts a new object mapping in its place.`}
        </div>
      ) : null}
      {selectedSource ? (
        <div className="lf-mapper__banner" data-testid="mapper-selected">
          <code>{selectedSource}</code> selected: click a target field to map it (Esc or click it again to cancel).
        </div>
      ) : null}
      {notice ? (
        <div className="lf-mapper__banner lf-mapper__banner--danger" role="alert" data-testid="mapper-notice">
          {notice}
        </div>
      ) : null}
      {menu ? (
        <LineMenu
          key={menu.target}
          target={menu.target}
          x={menu.x}
          y={menu.y}
          field={menuField}
          context={menuField?.kind === 'line' ? { source: menuField.source, sources: view.sources, ...(menuTarget ? { targetType: menuTarget.type } : {}), tables: tableVariables(model.head) } : undefined}
          onApply={applyLineFunction}
          onSetCode={(code) => {
            commit((m) => setFieldCode(m, menu.target, code, view.targets), menu.target);
            closeMenu();
          }}
          onWrap={() => {
            commit((m) => wrapList(m, menu.target), menu.target);
            closeMenu();
          }}
          onRemove={() => {
            commit((m) => removeField(m, menu.target));
            closeMenu();
          }}
          onClose={closeMenu}
        />
      ) : null}
    </div>
  );
}
