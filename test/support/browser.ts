/**
 * What the browser tests share: Debian's Chromium driven by playwright-core (never a downloaded browser),
 * the designer built when stale, and real-mouse helpers for React Flow and CodeMirror.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Headless Chromium with the flags this machine needs (no sandbox as root, no background network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Builds dist/client when it is missing or older than its sources (scripts/build-client.mjs decides). */
export function buildClient(): void {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-client.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the designer (vite build) failed');
  if (!existsSync(join(root, 'dist', 'client', 'index.html'))) throw new Error('dist/client/index.html is missing after the build');
}

/** Drags with real mouse events from the middle of one element to the middle of another (React Flow needs them). */
export async function dragBetween(page: Page, from: Locator, to: Locator, steps = 5): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag: element not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps });
  await page.mouse.up();
}

/** Replaces the text of a CodeMirror editor as if typed (one edit). */
export async function replaceCode(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}
