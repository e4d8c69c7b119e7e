// The lesson player's bundle, made at build time by the lesson-player plugin (vite.renderer.config.mts).
declare module 'virtual:lesson-player' {
  const bundle: { script: string; style: string };
  export default bundle;
}
