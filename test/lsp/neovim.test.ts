// The language server with a real client: Neovim's built-in one, set up as
// docs/editors.md says for Neovim 0.7 (the version the issue was tried with).
// Headless nvim opens a file of a deploy with a local library, then reports
// the diagnostics it shows and what completion offers after `lib.` and `$`.
// Needs nvim (apt's `neovim` is 0.7.2 on bookworm; .ci/run installs it).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launcher, requireDist } from '../helpers/cli.js';
import { commandMissing, describeNeeding } from '../helpers/components.js';

const dir = mkdtempSync(join(tmpdir(), 'mgmt-nvim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The 0.7 recipe of docs/editors.md, with the full path of bin/mgmt and the debug log on.
const INIT = `vim.cmd('autocmd BufRead,BufNewFile *.mcl setfiletype mcl')
local mgmt_client
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'mcl',
  callback = function(args)
    mgmt_client = mgmt_client or vim.lsp.start_client({
      name = 'mgmt',
      cmd = { '${launcher}', 'lsp' },
      cmd_env = { MGMT_LOG = 'debug' },
      root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h'),
    })
    vim.lsp.buf_attach_client(args.buf, mgmt_client)
  end,
})
`;

const CHECK = `vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(out, string.format('diag %d:%d %s', d.lnum + 1, d.col + 1, d.message)) end
local function complete(line, character)
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = line, character = character } }
  for _, r in pairs(vim.lsp.buf_request_sync(0, 'textDocument/completion', params, 10000) or {}) do
    for _, it in ipairs(r.result or {}) do table.insert(out, string.format('complete %d:%d %s', line + 1, character + 1, it.label)) end
  end
end
complete(1, 9)
complete(3, 9)
vim.fn.writefile(out, '${join(dir, 'out.txt')}')
vim.cmd('qa!')
`;

describeNeeding('Neovim 0.7\'s built-in client, set up as docs/editors.md says', commandMissing('nvim', 'neovim'), () => {
  it('shows the diagnostic without its position and completes after `lib.` and `$`', () => {
    requireDist();
    writeFileSync(join(dir, 'lib.mcl'), '$answer = 42\n\nfunc twice($x) {\n\t$x * 2\n}\n');
    writeFileSync(join(dir, 'main.mcl'), 'import "lib.mcl"\n$x = lib.twice(2)\nprint "p" {\n\tmsg => $x,\n}\n');
    writeFileSync(join(dir, 'init.lua'), INIT);
    writeFileSync(join(dir, 'check.lua'), CHECK);
    const r = spawnSync('nvim', ['--headless', '-u', join(dir, 'init.lua'), 'main.mcl', '-c', `luafile ${join(dir, 'check.lua')}`], {
      cwd: dir,
      env: { ...process.env, XDG_CACHE_HOME: dir, XDG_STATE_HOME: dir },
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8').trim().split('\n')).toEqual([
      'diag 4:2 type error: str != int',
      'complete 2:10 twice',
      'complete 4:10 x',
      'complete 4:10 lib.answer',
    ]);
    // One parse and one compile for the open (nvim writes the server's stderr to its LSP log).
    const log = readFileSync(join(dir, 'nvim', 'lsp.log'), 'utf8');
    expect(log.match(/debug: lex\/parse: /g)).toHaveLength(1);
    expect(log.match(/lsp: compiled file:\/\/\S+\/main\.mcl v0 in /g)).toHaveLength(1);
  }, 90_000);
});
