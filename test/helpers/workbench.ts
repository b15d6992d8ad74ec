/// <reference lib="dom" />
/** Drives the real VS Code workbench (code-server) in Debian's Chromium through playwright-core. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, installVsix, startCodeServer, writeUserSettings, type RunningEditor } from '../../scripts/editor';

export const VSIX = resolve('out/pxe-workbench.vsix');

const QUIET_SETTINGS = {
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 100,
};

export interface Session {
  editor: RunningEditor;
  /** A fresh copy of examples/ (home-lab/, broken/) that the tests may change. */
  workspace: string;
  profile: string;
  stop(): Promise<void>;
}

/** A clean profile (new user-data and extensions folders), a copy of the examples, and code-server on it. */
export async function startSession(options: { installVsix: boolean }): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'pxe-e2e-'));
  const workspace = join(profile, 'examples');
  cpSync(resolve('examples'), workspace, { recursive: true });
  const extensionsDir = join(profile, 'extensions');
  const userDataDir = join(profile, 'user-data');
  writeUserSettings(userDataDir, QUIET_SETTINGS);
  if (options.installVsix) installVsix(VSIX, extensionsDir, userDataDir);
  const editor = await startCodeServer({ extensionsDir, userDataDir });
  return { editor, workspace, profile, stop: () => editor.stop() };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function openFolder(browser: Browser, session: Session, folder: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(`${session.editor.url}?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  return page;
}

/** Quick Open: types the path, clicks the row that shows both the file name and its folder, waits for its tab. */
export async function openFile(page: Page, relative: string): Promise<void> {
  const parts = relative.split('/');
  const name = parts.pop() as string;
  const folder = parts.join('/');
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(relative);
  try {
    const row = page
      .locator('.quick-input-list .monaco-list-row', { hasText: name })
      .filter({ hasText: folder || name })
      .first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 10_000 });
    await page
      .locator('.title-label', { hasText: name })
      .or(page.locator('.breadcrumbs-control', { hasText: name }))
      .first()
      .waitFor({ timeout: 10_000 });
    await page.waitForSelector('.monaco-editor.focused', { timeout: 10_000 });
  } catch (error) {
    await page.screenshot({ path: join(tmpdir(), `pxe-e2e-failed-${name}.png`) });
    throw error;
  }
}

/** Runs a palette command by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row:has-text("${title}")`);
  await page.keyboard.press('Enter');
}

/** Every row of the Problems panel as its visible text. */
/** The Problems panel's filter box (the panel must be open). */
export function problemsFilter(page: Page): Locator {
  return page.locator('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input').first();
}

export async function problems(page: Page): Promise<string[]> {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
  );
}

export async function timed<T>(phase: string, task: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await task();
  } finally {
    console.log(`[e2e] ${phase}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** URI components the workbench expects for a path served by this code-server. */
function remote(session: Session, path: string): { scheme: string; authority: string; path: string } {
  return { scheme: 'vscode-remote', authority: `127.0.0.1:${session.editor.port}`, path };
}

/**
 * Runs a mocha suite inside the real extension host: the workbench's startup configuration gets
 * `developmentOptions.extensions` (this repository) and `extensionTestsPath` before it loads, and reports
 * the exit code through `codeAutomationExit`.
 */
export async function runExtensionTests(
  browser: Browser,
  session: Session,
  folder: string,
  testsPath: string,
  timeoutMs = 120_000,
): Promise<{ code: number; log: string[] }> {
  const page = await browser.newPage();
  const log: string[] = [];
  let finish: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolveExit) => (finish = resolveExit));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => log.push(format(...args)));
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  const developmentOptions = {
    extensions: [remote(session, resolve('.'))],
    extensionTestsPath: remote(session, testsPath),
  };
  await page.addInitScript((options) => {
    const observer = new MutationObserver(() => {
      const element = document.getElementById('vscode-workbench-web-configuration');
      if (!element?.getAttribute('data-settings')) return;
      observer.disconnect();
      const settings = JSON.parse(element.getAttribute('data-settings') as string);
      settings.developmentOptions = { ...settings.developmentOptions, ...options };
      element.setAttribute('data-settings', JSON.stringify(settings));
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
  }, developmentOptions);
  await page.goto(`${session.editor.url}?folder=${encodeURIComponent(folder)}`);
  const timeout = new Promise<number>((resolveTimeout) => setTimeout(() => resolveTimeout(-1), timeoutMs));
  const code = await Promise.race([exited, timeout]);
  await page.close();
  return { code, log };
}
