// `npm run bench`: builds what it measures, then runs each benchmark and prints its table.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (args) => {
  const r = spawnSync('npx', args, { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
};

if (existsSync('scripts/bench-engine.ts')) {
  console.log('\n=== engine ===');
  run(['tsx', 'scripts/bench-engine.ts']);
}
if (existsSync('scripts/bench-slides.ts')) {
  console.log('\n=== slides ===');
  run(['tsx', 'scripts/bench-slides.ts']);
}
console.log('\n=== editor ===');
run(['vite', 'build', '--config', 'vite.renderer.config.mts', '--logLevel', 'warn']);
run(['vite', 'build', '--config', 'vite.bench.config.mts', '--logLevel', 'warn']);
run(['tsx', 'bench/editor-bench.ts']);
console.log('\n=== replay stepping ===');
run(['tsx', 'bench/replay-bench.ts']);
