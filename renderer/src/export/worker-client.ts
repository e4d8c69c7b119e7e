// Runs one job in the slides Web Worker. A deck gets a worker of its own, so Cancel can stop it at once by
// terminating it (resvg-wasm renders synchronously; a message would wait for the slide in hand). Previews and
// diagram images share one long-lived worker, which keeps the WebAssembly module and the fonts loaded.
import type { DeckFile } from '../../../shared/slides/export/deck-export';
import type { WorkerReply, WorkerRequest } from './protocol';

type Job = WorkerRequest extends infer R
  ? R extends { kind: infer K }
    ? Omit<Extract<WorkerRequest, { kind: K }>, 'id'>
    : never
  : never;

let nextId = 1;
let shared: Worker | undefined;

function createWorker(): Worker {
  return new Worker(new URL('./slides.worker.ts', import.meta.url), { type: 'module' });
}

export class WorkerJobCanceled extends Error {
  constructor() {
    super('canceled');
    this.name = 'AbortError';
  }
}

export function runWorkerJob(
  job: Job,
  options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal; dedicated?: boolean } = {},
): Promise<{ files: DeckFile[]; slides: number }> {
  const worker = options.dedicated ? createWorker() : (shared ??= createWorker());
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const finish = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
      if (options.dedicated) worker.terminate();
    };
    const onMessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.id !== id) return;
      if (reply.kind === 'progress') options.onProgress?.(reply.done, reply.total);
      else {
        finish();
        if (reply.kind === 'done') resolve({ files: reply.files, slides: reply.slides });
        else reject(new Error(reply.message));
      }
    };
    const onError = (event: ErrorEvent) => {
      finish();
      if (!options.dedicated && worker === shared) shared = undefined;
      reject(new Error(event.message || 'The slide worker failed to start.'));
    };
    const onAbort = () => {
      finish();
      if (!options.dedicated) {
        worker.terminate();
        if (shared === worker) shared = undefined;
      }
      reject(new WorkerJobCanceled());
    };
    if (options.signal?.aborted) return onAbort();
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ ...job, id } as WorkerRequest);
  });
}
