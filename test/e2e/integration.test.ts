import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runExtensionTests, startSession, timed, type Session } from '../helpers/workbench';

describe('mocha suite inside the real VS Code extension host', () => {
  let session: Session;
  let browser: Browser;
  beforeAll(async () => {
    session = await timed('start code-server (development extension)', () => startSession({ installVsix: false }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await session?.stop();
  });

  it('passes', async () => {
    const { code, log } = await timed('extension-host tests', () =>
      runExtensionTests(browser, session, session.workspace, resolve('out/test/integration/index.js')),
    );
    // The mocha spec report starts at the suite title; the lines before it are the workbench's own log.
    const start = log.findIndex((l) => l.includes('PXE Workbench in the extension host'));
    const report = log
      .slice(Math.max(0, start))
      .filter((l) => !/^\s+at |open-vsx/.test(l))
      .join('\n');
    console.log(report);
    expect(code, `extension-host tests exited ${code}:\n${log.slice(-60).join('\n')}`).toBe(0);
    expect(report).toMatch(/\d+ passing/);
    expect(report).not.toMatch(/failing/);
  });
});
