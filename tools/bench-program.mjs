// The program the browser benchmarks measure: CREATORS creators and POSTS posts as a backup,
// written by `sparkroster generate` into build/bench/ and kept there until the command line is
// rebuilt. Returns {text, mb}.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function benchProgram(creators, posts) {
  const dir = path.join(root, 'build/bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `program-${creators}-${posts}.json`);
  const cli = path.join(root, 'build/native/sparkroster');
  if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < fs.statSync(cli).mtimeMs) {
    fs.writeFileSync(file, execFileSync(cli, ['generate', '--creators', String(creators), '--posts', String(posts), '--today', '2026-11-23'],
                                        { maxBuffer: 1 << 30 }));
  }
  const text = fs.readFileSync(file, 'utf8');
  return { text, mb: +(Buffer.byteLength(text) / 1e6).toFixed(1) };
}
