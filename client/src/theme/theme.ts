/**
 * Light and dark themes. The choice (`light`, `dark`, or `system`: follow the operating system) is kept in
 * localStorage; the resolved theme is set as `data-theme` on <html>, which the design tokens in
 * styles/theme.css key on. `applyStoredTheme()` runs before the first render, so there is no flash.
 */
import { create } from 'zustand';

export type ThemeChoice = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

const KEY = 'ledgerflow.theme';
const darkQuery = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : undefined);

function storedChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function resolveTheme(choice: ThemeChoice): Theme {
  if (choice !== 'system') return choice;
  return darkQuery()?.matches ? 'dark' : 'light';
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

interface ThemeState {
  choice: ThemeChoice;
  theme: Theme;
  choose(choice: ThemeChoice): void;
  /** light → dark → system → light. */
  cycle(): void;
}

export const useTheme = create<ThemeState>((set, get) => ({
  choice: 'system',
  theme: 'light',
  choose(choice) {
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // private mode: the choice lasts for this page only
    }
    const theme = resolveTheme(choice);
    apply(theme);
    set({ choice, theme });
  },
  cycle() {
    const next: Record<ThemeChoice, ThemeChoice> = { light: 'dark', dark: 'system', system: 'light' };
    get().choose(next[get().choice]);
  },
}));

/** Applies the stored choice and follows the system theme while the choice is `system`. */
export function applyStoredTheme(): void {
  const choice = storedChoice();
  const theme = resolveTheme(choice);
  apply(theme);
  useTheme.setState({ choice, theme });
  darkQuery()?.addEventListener('change', () => {
    if (useTheme.getState().choice === 'system') useTheme.getState().choose('system');
  });
}
