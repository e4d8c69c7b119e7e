export { renderSlideSvg, slideContext, slideSpan, slideNotes, type SlideContext } from './slide';
export { renderDiagramSvg } from './diagram';
export { planDeck, DeckRangeError } from './deck';
export { layoutDiagram, type Box } from './layout';
export { SLIDE_THEMES, type SlideTheme } from './theme';
export { SLIDE_LANGS, type SlideLang } from './text';
