// Owns the engine's worker thread so simulations never block the main process. Requests carry ids; cancelling
// terminates the worker (the engine is synchronous, so that is the only way to stop it mid-run) and a fresh worker
// picks up whatever else was waiting.
import type { Worker } from 'node:worker_threads';
import type { Scenario } from '../../shared/engine/trace';
import type { EngineRunResult } from '../../shared/platform';
import type { EngineRequest, EngineResponse } from '../common/engine-protocol';

export const CANCELED_MESSAGE = 'The simulation was canceled.';

interface Pending {
  request: EngineRequest;
  resolve: (result: EngineRunResult) => void;
}

export class EngineHost {
  private worker: Worker | undefined;
  private readonly pending = new Map<string, Pending>();
  private disposed = false;

  constructor(private readonly createWorker: () => Worker) {}

  run(id: string, topologyText: string, scenario: Scenario): Promise<EngineRunResult> {
    if (this.disposed) return Promise.resolve({ ok: false, error: 'The simulation engine has been shut down.' });
    if (this.pending.has(id))
      return Promise.resolve({ ok: false, error: `A simulation with id ${id} is already running.` });
    return new Promise((resolve) => {
      const request: EngineRequest = { id, topologyText, scenario };
      this.pending.set(id, { request, resolve });
      this.post(request);
    });
  }

  /** Stops the request `id`; returns false when it is not running (already finished or unknown). */
  cancel(id: string): boolean {
    const entry = this.pending.get(id);
    if (!entry) return false;
    this.pending.delete(id);
    entry.resolve({ ok: false, error: CANCELED_MESSAGE });
    this.retireWorker();
    for (const other of this.pending.values()) this.post(other.request);
    return true;
  }

  get running(): number {
    return this.pending.size;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const entry of this.pending.values())
      entry.resolve({ ok: false, error: 'The simulation engine has been shut down.' });
    this.pending.clear();
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private post(request: EngineRequest): void {
    const worker = this.ensureWorker();
    // Referenced only while it has work, so an idle engine never keeps a process alive.
    worker.ref();
    worker.postMessage(request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    let failure: string | undefined;
    worker.on('message', (response: EngineResponse) => {
      const entry = this.pending.get(response?.id);
      if (!entry) return; // answer to a request cancelled meanwhile
      this.pending.delete(response.id);
      if (this.pending.size === 0) worker.unref();
      entry.resolve(response.ok ? { ok: true, trace: response.trace } : { ok: false, error: response.error });
    });
    worker.on('error', (error) => {
      failure = error instanceof Error ? error.message : String(error);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // retired on purpose
      this.worker = undefined;
      const reason = failure ? `: ${failure}` : ` (exit code ${code})`;
      const message = `The simulation engine stopped unexpectedly${reason}. Run the simulation again; the engine restarts by itself.`;
      for (const entry of this.pending.values()) entry.resolve({ ok: false, error: message });
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }

  private retireWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
  }
}
