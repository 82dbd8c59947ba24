/** The keyboard shortcuts overlay (`?`): every shortcut of designer/shortcuts.ts, grouped. */
import { DialogHead, OverlayDialog } from '../ui/Dialog.js';
import { useModal } from './layoutStore.js';
import { keyLabel, SHORTCUTS } from './shortcuts.js';

/** `?` opens the overlay and closes it again; Escape closes it too. */
const CLOSE_KEYS = ['Escape', '?'];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  useModal();
  return (
    <OverlayDialog labelledBy="help-title" size="help" onClose={onClose} closeKeys={CLOSE_KEYS} testId="shortcuts-help">
      <DialogHead title="Keyboard shortcuts" titleId="help-title" onClose={onClose} closeTitle="Close (Esc)" />
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
    </OverlayDialog>
  );
}
