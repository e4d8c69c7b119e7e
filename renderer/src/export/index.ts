// Slide and diagram export: the dialog, the commands' actions, and (web mode) the Web Worker pipeline.
export { ExportDialog } from './ExportDialog';
export {
  canExportSlides,
  copyDiagramImage,
  copyStepSlide,
  exportLessonPlayer,
  exportDiagramImage,
  openExportDialog,
} from './actions';
