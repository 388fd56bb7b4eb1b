// `npm start`: after the build, runs the CLI on examples/ and says how to see the same findings in an editor.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const result = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'examples'], { cwd: root, stdio: 'inherit' });
console.log(`
The same engine runs in the editor:
  VS Code:       code --extensionDevelopmentPath="${root}" "${path.join(root, 'examples')}"
  other editors: node "${path.join(root, 'dist', 'server.js')}" --stdio   (a standalone language server)
`);
// Findings in the examples are what they are for: exit 0 unless the CLI itself failed.
process.exit(result.status === 0 || result.status === 1 ? 0 : (result.status ?? 1));
