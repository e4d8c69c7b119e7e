// Handing a finished file to the user in web mode: the File System Access API's save picker where the browser has
// it (unless `?fs=download`, as web mode's file bridge also honours), otherwise a download; and images to the
// clipboard.
type SaveHandle = { createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }> };
type PickerWindow = Window & { showSaveFilePicker?: (options: object) => Promise<SaveHandle> };

function savePicker(): PickerWindow['showSaveFilePicker'] | undefined {
  if (new URLSearchParams(location.search).get('fs') === 'download') return undefined;
  const w = window as PickerWindow;
  return typeof w.showSaveFilePicker === 'function' ? w.showSaveFilePicker.bind(w) : undefined;
}

/** The picker must open while the click's user activation lasts: ask for the place before the work starts. */
export async function chooseSaveTarget(
  name: string,
  mime: string,
  description: string,
): Promise<((blob: Blob) => Promise<void>) | null> {
  const picker = savePicker();
  if (!picker) return (blob) => Promise.resolve(download(blob, name));
  const ext = name.slice(name.lastIndexOf('.'));
  try {
    const handle = await picker({ suggestedName: name, types: [{ description, accept: { [mime]: [ext] } }] });
    return async (blob) => {
      const writable = await handle.createWritable();
      await writable.write(blob);
      await writable.close();
    };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    // A picker that is there but refuses (e.g. not allowed in this context): fall back to a download.
    return (blob) => Promise.resolve(download(blob, name));
  }
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** The PNG is made while the clipboard write is already under way, so the click's user activation still counts. */
export async function copyPngToClipboard(png: Promise<Uint8Array>): Promise<void> {
  const blob = png.then((bytes) => new Blob([bytes as BlobPart], { type: 'image/png' }));
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
}

/** A file name from the document's name: no path separators or characters file systems refuse. */
export function safeBaseName(name: string): string {
  return (
    name
      .replace(/\.packetjourney$/, '')
      .replace(/[\\/:*?"<>|\s]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'journey'
  );
}
