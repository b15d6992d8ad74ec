/**
 * Neovim (Debian's 0.7, headless) attaches our server to real buffers: proof that the server is
 * editor-neutral. Neovim 0.7 has no vim.lsp.start, so the script uses start_client + buf_attach_client.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { built } from '../helpers/build';

function nvimAvailable(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

interface NvimDiagnostic {
  lnum: number;
  col: number;
  message: string;
  code?: string;
  source?: string;
}

/** Opens `file` in headless Neovim with our server attached and returns what vim.diagnostic.get() holds. */
function diagnosticsInNeovim(file: string, expectAny: boolean): { status: string; diagnostics: NvimDiagnostic[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pxe-nvim-'));
  const out = join(dir, 'out.json');
  const lua =
    `
local id = vim.lsp.start_client({ name = 'pxe-workbench', cmd = { ${JSON.stringify(process.execPath)}, ` +
    `${JSON.stringify(built('server.js'))}, '--stdio' }, root_dir = ${JSON.stringify(resolve('examples'))} })
vim.cmd('edit ' .. vim.fn.fnameescape(${JSON.stringify(file)}))
vim.lsp.buf_attach_client(0, id)
local want_any = ${expectAny ? 'true' : 'false'}
local published = false
local ok = vim.wait(10000, function()
  local client = vim.lsp.get_client_by_id(id)
  if want_any then return #vim.diagnostic.get(0) > 0 end
  -- For a clean file, wait until the server has initialised and answered, then a little longer.
  return client ~= nil and client.initialized and vim.wait(1500, function() return false end, 100) == false
end, 50)
local items = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(items, { lnum = d.lnum, col = d.col, message = d.message, code = d.code or lsp.code, source = d.source })
end
local f = io.open(${JSON.stringify(out)}, 'w')
f:write(vim.fn.json_encode({ status = ok and 'ok' or 'timeout', diagnostics = items }))
f:close()
vim.cmd('qa!')
`;
  writeFileSync(join(dir, 'check.lua'), lua);
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(dir, 'check.lua')}`], {
    encoding: 'utf8',
    timeout: 45_000,
  });
  if (r.error) throw r.error;
  const text = spawnSync('cat', [out], { encoding: 'utf8' }).stdout;
  if (!text) throw new Error(`Neovim wrote no result (exit ${r.status}): ${r.stderr}${r.stdout}`);
  const parsed = JSON.parse(text) as { status: string; diagnostics: NvimDiagnostic[] | Record<string, never> };
  return { status: parsed.status, diagnostics: Array.isArray(parsed.diagnostics) ? parsed.diagnostics : [] };
}

describe('Neovim as a second LSP client', () => {
  it('has Neovim installed (npm test installs Debian neovim when run as root)', () => {
    expect(nvimAvailable(), 'nvim not found: install it with `apt-get install neovim`').toBe(true);
  });

  it('shows our diagnostics in a Neovim buffer', () => {
    const result = diagnosticsInNeovim(resolve('examples/broken/missing-initrd.ipxe'), true);
    expect(result.status).toBe('ok');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      lnum: 4,
      col: 0,
      code: 'ipxe.missingInitrd',
      source: 'pxe-workbench',
    });
    expect(result.diagnostics[0]!.message).toContain('initrd=main');
  });

  it('classifies a file Neovim has no filetype for by its path (pxelinux.cfg/default)', () => {
    const result = diagnosticsInNeovim(resolve('examples/broken/pxelinux.cfg/default'), true);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['pxelinux.missingLabel']);
  });

  it('checks a GRUB config (grub/grub.cfg) in a Neovim buffer', () => {
    const result = diagnosticsInNeovim(resolve('examples/broken/grub/grub.cfg'), true);
    expect(result.diagnostics.map((d) => [d.code, d.lnum])).toEqual([['grub.unknownDefault', 4]]);
  });

  it('shows nothing on the clean example', () => {
    const result = diagnosticsInNeovim(resolve('examples/home-lab/tftp/fedora-coreos.ipxe'), false);
    expect(result.diagnostics).toEqual([]);
  });
});
