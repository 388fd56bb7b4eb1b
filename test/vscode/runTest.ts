// Runs the VS Code suite in a downloaded VS Code (`npm run test:vscode`); needs a machine that can download VS Code.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: [path.join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(`VS Code tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
