// A second pair of hands for the slides worker: rasterises SVGs whose text is already outlined (so it needs resvg
// but no fonts), letting a deck use both cores — the slides worker renders one slide while this one renders the next.
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import wasmUrl from '@resvg/resvg-wasm/index_bg.wasm?url';

export interface RasterRequest {
  id: number;
  svg: string;
  width?: number;
}

export type RasterReply =
  { id: number; width: number; height: number; data: Uint8Array } | { id: number; error: string };

const ready = initWasm(fetch(wasmUrl));

self.addEventListener('message', async (event: MessageEvent<RasterRequest>) => {
  const { id, svg, width } = event.data;
  const post = (reply: RasterReply, transfer: Transferable[] = []) =>
    (self as unknown as Worker).postMessage(reply, transfer);
  try {
    await ready;
    const resvg = new Resvg(svg, {
      font: { fontBuffers: [] },
      fitTo: width ? { mode: 'width', value: width } : { mode: 'original' },
    });
    try {
      const image = resvg.render();
      const data = image.pixels;
      const reply = { id, width: image.width, height: image.height, data };
      image.free();
      post(reply, [data.buffer as ArrayBuffer]);
    } finally {
      resvg.free();
    }
  } catch (error) {
    post({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
