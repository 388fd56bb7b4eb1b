// Peak memory of a fresh server with every benchmark file open at once.
import { pathToFileURL } from 'node:url';
import { startServer, type ServerId } from './servers';

export interface MemoryResult {
  /** VmHWM: the most resident memory the process ever had, in bytes. */
  peak: number;
  /** VmRSS after every file has been answered, in bytes. */
  current: number;
  files: number;
}

/** Starts the server, opens every file one after the other (each answered before the next), then reads /proc. */
export async function measureMemory(id: ServerId, files: ReadonlyArray<{ path: string; text: string }>, timeoutMs: number): Promise<MemoryResult> {
  const client = await startServer(id, { timeoutMs, warmUp: 'small' });
  try {
    for (const file of files) {
      const uri = pathToFileURL(file.path).href;
      const before = client.lastSeq;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: file.text } });
      await client.waitForDiagnostics(uri, before, 1, timeoutMs);
    }
    const memory = client.memory();
    if (!memory) throw new Error(`cannot read /proc/${client.pid}/status`);
    return { ...memory, files: files.length };
  } finally {
    await client.stop();
  }
}
