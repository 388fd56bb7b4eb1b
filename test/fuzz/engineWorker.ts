// The child process the fuzzer runs the engine in, so that an input that kills the process (a V8 abort) is caught and saved, not lost with the fuzzer.
import { exerciseEngine } from './engineExercise';

export interface EngineRequest {
  id: number;
  text: string;
  seed: string;
  queries: number;
}

process.on('message', (request: EngineRequest) => {
  const report = exerciseEngine(request.text, request.seed, request.queries);
  process.send?.({ id: request.id, report });
});
