/**
 * The menu of one target field in the visual mapper: apply a function to its line (money, dates, default,
 * always-a-list, lookup…), edit its code, wrap a list mapping in [ ], or remove the mapping.
 */
import { useEffect, useRef, useState } from 'react';
import { lineFunctions, type LineFunction, type LineFunctionContext } from './lineFunctions.js';
import type { FieldPath, TargetField } from './mappingModel.js';

interface LineMenuProps {
  target: FieldPath;
  x: number;
  y: number;
  field?: TargetField;
  /** For function parameters (currency, fallback…); undefined when the field is not a line. */
  context?: LineFunctionContext;
  onApply(fn: LineFunction, parameter: string): void;
  onSetCode(code: string): void;
  onWrap(): void;
  onRemove(): void;
  onClose(): void;
}

const WIDTH = 340;

export function LineMenu({ target, x, y, field, context, onApply, onSetCode, onWrap, onRemove, onClose }: LineMenuProps) {
  const box = useRef<HTMLDivElement>(null);
  const current = field?.kind === 'line' ? lineFunctions.find((fn) => fn.matches(field.via)) : undefined;
  const [chosen, setChosen] = useState<LineFunction | undefined>(undefined);
  const [parameter, setParameter] = useState('');
  const [code, setCode] = useState(field && 'code' in field ? field.code : '');

  useEffect(() => {
    const away = (event: PointerEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) onClose();
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    document.addEventListener('pointerdown', away, true);
    document.addEventListener('keydown', escape, true);
    return () => {
      document.removeEventListener('pointerdown', away, true);
      document.removeEventListener('keydown', escape, true);
    };
  }, [onClose]);

  const pick = (fn: LineFunction) => {
    if (!fn.parameter || !context) return onApply(fn, '');
    setChosen(fn);
    setParameter(fn.parameter.initial(context));
  };
  const left = Math.max(8, Math.min(x, window.innerWidth - WIDTH - 8));
  const top = Math.max(8, Math.min(y, window.innerHeight - 480));

  return (
    <div className="lf-line-menu" ref={box} style={{ left, top, width: WIDTH }} role="dialog" aria-label={`Mapping of ${target}`} data-testid="line-menu">
      <div className="lf-line-menu__head">
        <code className="lf-line-menu__target">{target}</code>
        <button type="button" className="lf-button lf-button--ghost" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      {field?.kind === 'line' || field?.kind === 'each' ? (
        <div className="lf-line-menu__from lf-muted">
          ← <code>{field.source}</code>
          {field.kind === 'each' ? ' (each item)' : ''}
        </div>
      ) : null}
      {!field ? <p className="lf-muted lf-line-menu__note">Not mapped. Drag a source field here, or write its code below.</p> : null}
      {field?.kind === 'line' && context ? (
        <div className="lf-line-menu__functions" role="group" aria-label="Apply a function">
          {lineFunctions.map((fn) => (
            <button
              key={fn.id}
              type="button"
              className={`lf-line-menu__fn${fn === current ? ' lf-line-menu__fn--current' : ''}${fn === chosen ? ' lf-line-menu__fn--chosen' : ''}`}
              onClick={() => pick(fn)}
              data-testid={`line-fn-${fn.id}`}
            >
              <span className="lf-line-menu__fn-label">{fn.label}</span>
              <span className="lf-line-menu__fn-hint">{fn.hint}</span>
            </button>
          ))}
          {chosen?.parameter ? (
            <div className="lf-line-menu__param">
              <label className="lf-label">
                {chosen.parameter.label}
                <input className="lf-input lf-input--mono" value={parameter} onChange={(event) => setParameter(event.target.value)} autoFocus />
              </label>
              <button type="button" className="lf-button lf-button--primary" onClick={() => onApply(chosen, parameter)}>
                Apply
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
      {field?.kind === 'each' && !field.wrapped ? (
        <button type="button" className="lf-button" onClick={onWrap} data-testid="line-wrap">
          Wrap in [ ] so one item stays a list
        </button>
      ) : null}
      {field?.kind !== 'each' && field?.kind !== 'object' ? (
        <div className="lf-line-menu__code">
          <label className="lf-label" htmlFor="lf-line-code">
            Code
          </label>
          <textarea
            id="lf-line-code"
            className="lf-input lf-input--mono"
            rows={3}
            value={code}
            spellCheck={false}
            onChange={(event) => setCode(event.target.value)}
            data-testid="line-code"
          />
          <button type="button" className="lf-button" disabled={!code.trim()} onClick={() => onSetCode(code)} data-testid="line-code-apply">
            Apply code
          </button>
        </div>
      ) : null}
      {field ? (
        <button type="button" className="lf-button lf-button--ghost lf-button--danger" onClick={onRemove} data-testid="line-remove">
          {field.kind === 'each' ? 'Remove the list mapping' : field.kind === 'object' ? 'Remove the object and its fields' : 'Remove the mapping'}
        </button>
      ) : null}
    </div>
  );
}
