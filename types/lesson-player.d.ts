// The lesson player's bundle, made at build time by the lesson-player plugin (vite.renderer.config.mts): in the
// renderer's slides worker (web mode) and in the desktop app's main process.
declare module 'virtual:lesson-player' {
  const bundle: { script: string; style: string };
  export default bundle;
}
