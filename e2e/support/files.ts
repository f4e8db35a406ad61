/**
 * Files for the upload spec, made in code so the repo carries no binaries:
 * a real PNG, a valid one-page PDF, and an over-limit file in a temp dir.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoPng } from '../../server/seed/png.js';

export interface MadeFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A small real PNG (decodable by the browser, so its thumbnail renders). */
export function makePng(name: string, width = 64, height = 48): MadeFile {
  return { name, mimeType: 'image/png', buffer: makeDemoPng(width, height) };
}

/**
 * A minimal valid PDF 1.4 with one page of text, its xref offsets computed.
 * `padBytes` of comment lines make it bigger (comments are legal between
 * objects), so an upload takes long enough to watch its progress.
 */
export function makePdf(name: string, text: string, padBytes = 0): MadeFile {
  const safe = text.replace(/[()\\]/g, (c) => `\\${c}`);
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const padLine = `%${'poolse '.repeat(11)}\n`;
  for (let padded = 0; padded < padBytes; padded += padLine.length) body += padLine;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(body, 'latin1') };
}

/** A sparse file of `bytes` bytes in a fresh temp dir; `cleanup` removes the dir. */
export async function makeLargeFile(
  name: string,
  bytes: number,
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'poolse-e2e-'));
  const path = join(dir, name);
  const handle = await open(path, 'w');
  try {
    await handle.truncate(bytes);
  } finally {
    await handle.close();
  }
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
