export {
  renderSlideSvg,
  slideContext,
  slideSpan,
  slideNotes,
  slideTexts,
  type SlideOptions,
  type SlideContext,
  type SlideSpan,
} from './slide';
export { renderDiagramSvg, drawDiagram, type DiagramOptions, type DiagramOverlay } from './diagram';
export { planDeck, DeckRangeError, type DeckPlan, type DeckSlide } from './deck';
export { layoutDiagram, type DiagramLayout, type Box } from './layout';
export { SLIDE_THEMES, type SlideTheme } from './theme';
export { SLIDE_LANGS, type SlideLang } from './text';
export { textWidth, wrapText, fitText } from './metrics';
