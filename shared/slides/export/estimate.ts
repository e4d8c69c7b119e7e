// Roughly how large a deck will be, said before it is made (a teacher should not find out from the download that
// 237 pages are 26 MB). Measured per slide on home-to-web at 1920 × 1080 (light theme); pictures grow with their
// area, vector formats do not. Within a factor of two is all the dialog promises ("about 3 MB").

type EstimateFormat = 'png' | 'svg' | 'pdf' | 'pptx' | 'gif';

const BYTES_PER_SLIDE: Record<EstimateFormat, { deck?: number; fixed: number; perMegapixel: number }> = {
  png: { fixed: 0, perMegapixel: 50_000 },
  svg: { fixed: 15_000, perMegapixel: 0 },
  // Vectors and text: the font subsets once (more glyphs in Korean), then a few KB a page.
  pdf: { deck: 80_000, fixed: 5_000, perMegapixel: 0 },
  pptx: { fixed: 6_000, perMegapixel: 50_000 },
  // GIF frames are 960 pixels wide whatever the slide size.
  gif: { fixed: 28_000, perMegapixel: 0 },
};

export function estimateDeckBytes(format: EstimateFormat, slides: number, width: number, height: number): number {
  const per = BYTES_PER_SLIDE[format];
  return Math.round(
    (slides > 0 ? (per.deck ?? 0) : 0) + slides * (per.fixed + (per.perMegapixel * width * height) / 1e6),
  );
}

/**
 * A lesson player is its script, style and Pretendard subsets (about 565 KB, both languages' characters: the player
 * can switch) plus the journey's data as JSON (frame bytes as hex), measured on home-to-web, -page and small-lan.
 */
export const LESSON_BASE_BYTES = 565_000;

export function estimateLessonBytes(dataJsonLength: number): number {
  return LESSON_BASE_BYTES + dataJsonLength;
}

/** "120 KB", "3.4 MB": one significant decimal below 10 MB, the way file managers say it. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
