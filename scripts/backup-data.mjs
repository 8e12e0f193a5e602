// `node scripts/backup-data.mjs <data folder> <new backup folder>`: a consistent copy of a host's
// data folder, safe while the host runs. Workshop and history files are SQLite in WAL mode: a
// plain cp of a live folder can take a file and its -wal from different moments, or a page in
// the middle of a commit. VACUUM INTO copies each one inside a read transaction, so every copy
// is whole and has no -wal of its own. In the image: docker compose exec host node
// scripts/backup-data.mjs /data /data/backups/<date>, then docker compose cp it out.
import { DatabaseSync } from 'node:sqlite';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [from, to] = process.argv.slice(2).map((p) => resolve(p));
if (!from || !to) {
  console.error('Usage: node scripts/backup-data.mjs <data folder> <new backup folder>');
  process.exit(2);
}
if (!existsSync(from)) {
  console.error(`There is no data folder at ${from}.`);
  process.exit(1);
}
if (existsSync(to)) {
  console.error(`${to} exists already: name a new folder, so no earlier backup is mixed in.`);
  process.exit(1);
}

function snapshot(source, target) {
  // An ordinary connection (read-only ones cannot always open a WAL file another process holds);
  // it only reads, with the host's own busy timeout.
  const db = new DatabaseSync(source, { timeout: 1000 });
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
}

const files = (dir, ext) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(ext)) : []);
// Backups made into the data folder itself (as in the container) are not backed up again.
const inside = to.startsWith(`${from}/`);
try {
  mkdirSync(join(to, 'history'), { recursive: true });
  const workshops = files(from, '.slcanvas');
  for (const name of workshops) snapshot(join(from, name), join(to, name));
  const histories = files(join(from, 'history'), '.history');
  for (const name of histories) snapshot(join(from, 'history', name), join(to, 'history', name));
  // The voter key (without it, voters' tickets are void after a restore) and the live short codes.
  const small = ['.voter-key', '.join-codes.json'].filter((n) => existsSync(join(from, n)));
  for (const name of small) copyFileSync(join(from, name), join(to, name));
  console.log(
    `Backed up ${workshops.length} workshops and ${histories.length} histories into ${to}${inside ? ' (inside the data folder: copy it off this machine)' : ''}.`,
  );
} catch (err) {
  console.error(`The backup into ${to} failed: ${err.message}`);
  process.exit(1);
}
