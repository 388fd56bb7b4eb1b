// Preloaded (`node --require`) into the processes the throughput benchmark times: at exit it reports the wall and CPU time
// spent after node's own start-up, which a shared machine's load distorts far less than wall time seen from outside.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TIMING_MARKER } from './paths';

const startWall = performance.now();
const startCpu = process.cpuUsage();

process.on('exit', () => {
  const cpu = process.cpuUsage(startCpu);
  const report = { wallMs: performance.now() - startWall, cpuMs: (cpu.user + cpu.system) / 1000 };
  // Synchronous, because nothing asynchronous runs once the process is exiting.
  fs.writeSync(2, `${TIMING_MARKER} ${JSON.stringify(report)}\n`);
});
