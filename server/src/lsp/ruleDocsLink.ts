// Where a rule's documentation page is: the copy in docs/rules/ shipped next to the bundled server, so links work offline.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export function ruleDocsUri(ruleId: string): string {
  return pathToFileURL(path.resolve(__dirname, '..', 'docs', 'rules', `${ruleId}.md`)).toString();
}
