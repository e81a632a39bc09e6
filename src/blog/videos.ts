import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What the first bytes say a file is: an MP4 ('ftyp' box) or a WebM (EBML header), else undefined. */
export function videoKind(data: Buffer): 'mp4' | 'webm' | undefined {
  if (data.length > 12 && data.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  if (data.length > 4 && data.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  return undefined;
}

/** Stores an uploaded video as is, named by its content; returns the address for a post's Video field. */
export function storeVideo(mediaRoot: string, data: Buffer, kind: 'mp4' | 'webm'): string {
  const dir = path.join(mediaRoot, 'videos');
  fs.mkdirSync(dir, { recursive: true });
  const name = `${crypto.createHash('sha256').update(data).digest('hex').slice(0, 16)}.${kind}`;
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, data);
  return `/media/videos/${name}`;
}

/** Videos uploaded so far (addresses), newest first. */
export function storedVideos(mediaRoot: string): string[] {
  const dir = path.join(mediaRoot, 'videos');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^[0-9a-f]{16}\.(mp4|webm)$/.test(f))
    .map((f) => ({ f, at: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
    .map(({ f }) => `/media/videos/${f}`);
}
