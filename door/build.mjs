// Copies the app and the QR decoder into the directory the gateway serves as /door (the first argument), and names
// the service worker's cache after the files' contents, so a changed app replaces the cached one.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  throw new Error('usage: node build.mjs <output directory>');
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'vendor'), { recursive: true });
cpSync('src', out, { recursive: true });
for (const file of ['qr-scanner.min.js', 'qr-scanner-worker.min.js']) {
  cpSync(join('node_modules/qr-scanner', file), join(out, 'vendor', file));
}

const files = ['', ...readdirSync(out, { recursive: true }).filter((f) => f.includes('.') && f !== 'sw.js')]
  .map((f) => f.replaceAll('\\', '/'));
const hash = createHash('sha256');
for (const file of files.filter((f) => f)) {
  hash.update(file).update(readFileSync(join(out, file)));
}
const sw = readFileSync(join(out, 'sw.js'), 'utf8')
  .replace('__VERSION__', hash.digest('hex').slice(0, 12))
  .replace('__FILES__', JSON.stringify(files.map((f) => './' + f)));
writeFileSync(join(out, 'sw.js'), sw);
console.log(`door: ${files.length} files in ${out}`);
