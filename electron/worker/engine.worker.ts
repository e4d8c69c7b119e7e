// Entry of the engine's worker thread (main process: electron-vite's ?nodeWorker; tests: bundled with esbuild).
import { parentPort } from 'node:worker_threads';
import { handleEngineRequest } from './handle-request';
import { runSimulation } from './run-simulation';

if (!parentPort) throw new Error('engine.worker must run in a worker thread');
const port = parentPort;
port.on('message', (message: unknown) => {
  port.postMessage(handleEngineRequest(message, (text, scenario) => runSimulation(text, scenario)));
});
