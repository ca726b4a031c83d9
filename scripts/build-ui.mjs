// Builds the dashboard (ui/) into dist/ui: one minified ES module made by esbuild from ui/src
// (Preact, TypeScript, JSX), the stylesheet and the page, and prints the script's size. Run by
// `npm run build` and before the tests; the controller serves dist/ui at /ui.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'ui');
await mkdir(join(out, 'assets'), { recursive: true });
const result = await build({
  entryPoints: [join(root, 'ui', 'src', 'main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outfile: join(out, 'assets', 'app.js'),
  metafile: true,
  logLevel: 'warning',
});
await copyFile(join(root, 'ui', 'index.html'), join(out, 'index.html'));
await copyFile(join(root, 'ui', 'style.css'), join(out, 'assets', 'style.css'));
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`dashboard: dist/ui/assets/app.js ${bytes} bytes`);
