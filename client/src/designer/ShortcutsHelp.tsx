/** The keyboard shortcuts overlay (`?`): every shortcut of designer/shortcuts.ts, grouped. */
import { useEffect } from 'react';
import { Icon } from '../canvas/icons.js';
import { useModal } from './layoutStore.js';
import { keyLabel, SHORTCUTS } from './shortcuts.js';

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  useModal();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' || event.key === '?') {
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  return (
    <div className="lf-overlay" role="presentation" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <section className="lf-dialog lf-dialog--help" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="shortcuts-help">
        <header className="lf-dialog__head">
          <h2 id="help-title" className="lf-dialog__title">Keyboard shortcuts</h2>
          <button type="button" className="lf-button lf-button--ghost" onClick={onClose} aria-label="Close" title="Close (Esc)">
            <Icon name="close" size={16} />
          </button>
        </header>
        <div className="lf-help-grid">
          {SHORTCUTS.map((group) => (
            <div key={group.title}>
              <h3 className="lf-section-title">{group.title}</h3>
              <dl className="lf-shortcuts">
                {group.shortcuts.map((shortcut) => (
                  <div className="lf-shortcuts__row" key={shortcut.what}>
                    <dt>
                      {shortcut.keys.map((combo, i) => (
                        <span key={combo.join('+')}>
                          {i > 0 ? <span className="lf-muted"> or </span> : null}
                          {combo.map((key, j) => (
                            <span key={key}>
                              {j > 0 ? '+' : null}
                              <kbd>{keyLabel(key)}</kbd>
                            </span>
                          ))}
                        </span>
                      ))}
                    </dt>
                    <dd>{shortcut.what}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
