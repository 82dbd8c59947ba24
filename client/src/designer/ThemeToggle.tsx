/** Light, dark or follow the system: one button that cycles through them (theme/theme.ts). */
import { Icon } from '../canvas/icons.js';
import { useTheme, type ThemeChoice } from '../theme/theme.js';

const LOOK: Record<ThemeChoice, { icon: string; label: string }> = {
  light: { icon: 'sun', label: 'Light theme' },
  dark: { icon: 'moon', label: 'Dark theme' },
  system: { icon: 'monitor', label: 'Theme follows the system' },
};

export function ThemeToggle() {
  const choice = useTheme((s) => s.choice);
  const theme = useTheme((s) => s.theme);
  const look = LOOK[choice];
  return (
    <button
      type="button"
      className="lf-button lf-button--ghost"
      onClick={() => useTheme.getState().cycle()}
      title={`${look.label} (click to change)`}
      aria-label={look.label}
      data-testid="theme-toggle"
      data-theme={theme}
    >
      <Icon name={look.icon} size={16} />
    </button>
  );
}
