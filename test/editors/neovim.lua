-- Run by test/editors/neovim.test.ts inside `nvim --headless -u NONE`. Written against the API of Neovim 0.7 (Debian 12's);
-- later versions deprecate some of these calls (start_client, get_line_diagnostics). It attaches the standalone
-- server to a manifest through Neovim's own LSP client and does what a user does: wait for diagnostics, hover a flag,
-- pick a quick fix and apply it. It records what Neovim saw, as JSON, in the file the test names; the test asserts on it.
-- Every wait is bounded, and the script always writes its result and quits, even when a step fails.

local P = vim.json.decode(table.concat(vim.fn.readfile(vim.env.KCG_NVIM_PARAMS), '\n'))
local WAIT_MS = P.wait_ms or 5000

local out = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch, timings = {}, rpc_errors = {}, messages = {}, published = {} }

local function now_ms()
  return vim.loop.hrtime() / 1e6
end

local function timed(name, fn)
  local start = now_ms()
  local result = { fn() }
  out.timings[name] = math.floor(now_ms() - start)
  return unpack(result)
end

--- Our diagnostics as vim.diagnostic holds them: byte columns, 0-based lines.
local function ours(bufnr, code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == 'kube-channel-guard' and (code == nil or d.code == code) then
      table.insert(found, d)
    end
  end
  return found
end

--- A handler that keeps the server's messages of a given kind, with their type (1 error, 2 warning, 3 info, 4 log).
local function record_message(kind)
  return function(_, result)
    table.insert(out.messages, { kind = kind, type = result.type, message = result.message })
  end
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n') .. '\n'
end

local function main()
  vim.cmd('edit ' .. vim.fn.fnameescape(P.manifest))
  local bufnr = vim.api.nvim_get_current_buf()
  -- With -u NONE there is no filetype detection; set what a user's config would, so that languageId is yaml.
  vim.bo[bufnr].filetype = 'yaml'

  -- The last publishDiagnostics version seen for this buffer, to wait for the diagnostics of a given change.
  local last_version = nil
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  local client_id = vim.lsp.start_client({
    name = 'kube-channel-guard',
    cmd = P.cmd,
    root_dir = P.root,
    -- Answered to workspace/configuration by Neovim 0.8+, pushed in on_init for 0.7 (as nvim-lspconfig does).
    settings = P.settings,
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        if result and result.uri == vim.uri_from_bufnr(bufnr) then
          last_version = result.version
          local codes = {}
          for _, d in ipairs(result.diagnostics) do table.insert(codes, d.code or vim.NIL) end
          table.insert(out.published, { version = result.version or vim.NIL, codes = codes })
          if out.first_kcg201_wire == nil then
            for _, d in ipairs(result.diagnostics) do
              if d.code == 'KCG201' then out.first_kcg201_wire = { range = d.range, source = d.source, severity = d.severity } end
            end
          end
        end
        return default_publish(err, result, ctx, config)
      end,
      ['window/showMessage'] = record_message('showMessage'),
      ['window/logMessage'] = record_message('logMessage'),
    },
    -- Framing or JSON errors on the wire, and handler failures, end up here.
    on_error = function(code, err)
      table.insert(out.rpc_errors, tostring(vim.lsp.rpc.client_errors[code] or code) .. ': ' .. vim.inspect(err))
    end,
    on_exit = function(code, signal)
      out.exit = { code = code, signal = signal }
    end,
  })
  if not client_id then error('vim.lsp.start_client returned nil') end
  out.client_id = client_id
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- (a) Diagnostics on open, without a save.
  local got = timed('open_to_diagnostics_ms', function()
    return vim.wait(WAIT_MS, function() return #ours(bufnr, 'KCG201') > 0 end, 20)
  end)
  local client = vim.lsp.get_client_by_id(client_id)
  out.offset_encoding = client.offset_encoding
  if not got then
    out.failed_step = 'diagnostics'
    return
  end
  out.diagnostics = {}
  for _, d in ipairs(ours(bufnr)) do
    table.insert(out.diagnostics, { code = d.code, source = d.source, severity = d.severity, message = d.message, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col })
  end

  -- (b) Hover on a flag, as `K` would request it: a position from the cursor, then Neovim's hover handler renders it.
  vim.api.nvim_win_set_cursor(0, { P.hover.line + 1, P.hover.character })
  local hover_results, hover_err = timed('hover_ms', function()
    return vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(), WAIT_MS)
  end)
  local hover = hover_results and hover_results[client_id]
  out.hover = { error = hover_err or (hover and hover.error) or vim.NIL, kind = vim.NIL, value = vim.NIL, rendered = {} }
  if hover and hover.result then
    local contents = hover.result.contents
    out.hover.kind = type(contents) == 'table' and contents.kind or vim.NIL
    out.hover.value = type(contents) == 'table' and contents.value or contents
    local float_buf, float_win = vim.lsp.handlers['textDocument/hover'](nil, hover.result, { method = 'textDocument/hover', client_id = client_id, bufnr = bufnr }, {})
    if float_buf then
      out.hover.rendered = vim.api.nvim_buf_get_lines(float_buf, 0, -1, false)
      pcall(vim.api.nvim_win_close, float_win, true)
    end
  end

  -- (c) The quick fix, with the request built as vim.lsp.buf.code_action() builds it: the cursor's range and the
  -- line's diagnostics converted back to LSP (with their `data`, which carries the fixes).
  local kcg201 = ours(bufnr, 'KCG201')[1]
  vim.api.nvim_win_set_cursor(0, { kcg201.lnum + 1, kcg201.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, kcg201.lnum) }
  out.code_action_request_diagnostics = #params.context.diagnostics
  local action_results, action_err = timed('code_action_ms', function()
    return vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, WAIT_MS)
  end)
  local actions = action_results and action_results[client_id]
  local show_document = vim.lsp.protocol.make_client_capabilities().window.showDocument
  out.code_actions = { error = action_err or (actions and actions.error) or vim.NIL, titles = {}, client_shows_documents = show_document ~= nil and show_document.support == true }
  local chosen = nil
  for _, action in ipairs((actions and actions.result) or {}) do
    table.insert(out.code_actions.titles, action.title)
    if chosen == nil and action.title:find(P.action_prefix, 1, true) == 1 then chosen = action end
  end
  if not chosen then
    out.failed_step = 'code action'
    return
  end
  out.code_actions.chosen = chosen.title
  out.code_actions.chosen_has_edit = chosen.edit ~= nil
  local tick_before = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  out.changed = tick ~= tick_before
  out.text_after_fix = buffer_text(bufnr)

  -- The change reaches the server through didChange (debounced by Neovim); wait for the diagnostics of this version.
  local settled = timed('change_to_diagnostics_ms', function()
    return vim.wait(WAIT_MS, function() return last_version ~= nil and last_version >= tick end, 20)
  end)
  out.version_after_fix = tick
  out.last_published_version = last_version or vim.NIL
  out.settled = settled
  out.kcg201_after_fix = #ours(bufnr, 'KCG201')
  out.diagnostics_after_fix = #ours(bufnr)

  -- A clean shutdown: shutdown, then exit, and the server ends with status 0.
  timed('shutdown_ms', function()
    vim.lsp.stop_client(client_id)
    return vim.wait(WAIT_MS, function() return out.exit ~= nil end, 20)
  end)

  -- (d) A client that can pull settings but declares no workspace folders: the server must not fail on `initialized`.
  -- Its messages arrive before the diagnostics of the open, so waiting for those is enough.
  local second = vim.fn.bufadd(P.second_manifest)
  vim.fn.bufload(second)
  vim.bo[second].filetype = 'yaml'
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.workspace.configuration = true
  capabilities.workspace.workspaceFolders = false
  local second_id = vim.lsp.start_client({
    name = 'kube-channel-guard-no-folders',
    cmd = P.cmd,
    root_dir = P.root,
    capabilities = capabilities,
    handlers = { ['window/showMessage'] = record_message('showMessage'), ['window/logMessage'] = record_message('logMessage') },
    on_error = function(code, err)
      table.insert(out.rpc_errors, tostring(vim.lsp.rpc.client_errors[code] or code) .. ': ' .. vim.inspect(err))
    end,
  })
  vim.lsp.buf_attach_client(second, second_id)
  out.no_folders_diagnostics = timed('no_folders_open_to_diagnostics_ms', function()
    return vim.wait(WAIT_MS, function() return #ours(second, 'KCG201') > 0 end, 20)
  end)
  vim.lsp.stop_client(second_id)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then out.error = err end
out.lsp_log = vim.lsp.get_log_path()
vim.fn.writefile({ vim.json.encode(out) }, P.result)
vim.cmd('qa!')
