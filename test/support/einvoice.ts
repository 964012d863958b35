/**
 * The EN 16931 CII validation rules (shared/einvoice/validate-cii, beside the repository; test artefact only)
 * and reading the factur-x.xml a PDF carries.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString, decodePDFRawStream } from 'pdf-lib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** shared/ beside the clone (CI), or beside the folder holding it (a worktree among others). */
function validator(): string {
  for (const up of [['..'], ['..', '..']]) {
    const candidate = path.resolve(repoRoot, ...up, 'shared', 'einvoice', 'validate-cii');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('validate-cii not found: shared/einvoice/ must sit beside the repository');
}

function runOne(script: string, file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(script, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Runs validate-cii on each XML (two at a time); returns the failures, [] when every one has 0 fatal. */
export async function validateCii(xmls: readonly { name: string; xml: string }[]): Promise<string[]> {
  const script = validator();
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-cii-'));
  try {
    const failures: string[] = [];
    const queue = xmls.map((x, i) => {
      const file = path.join(dir, `${i}.xml`);
      writeFileSync(file, x.xml);
      return { name: x.name, file };
    });
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const r = await runOne(script, next.file);
        if (r.code !== 0 || !/: 0 fatal error/.test(r.output)) failures.push(`${next.name}: exit ${r.code}\n${r.output}`);
      }
    };
    await Promise.all([worker(), worker()]);
    return failures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The associated files of a PDF (catalog /AF): name, relationship and decoded content. */
export async function associatedFiles(pdf: Uint8Array): Promise<{ name: string; relationship: string; subtype: string; content: string }[]> {
  const doc = await PDFDocument.load(pdf);
  const af = doc.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  if (!af) return [];
  const out: { name: string; relationship: string; subtype: string; content: string }[] = [];
  for (let i = 0; i < af.size(); i++) {
    const spec = af.lookup(i, PDFDict);
    const name = spec.lookup(PDFName.of('F'));
    const ef = spec.lookup(PDFName.of('EF'), PDFDict);
    const stream = ef.lookup(PDFName.of('F'));
    if (!(stream instanceof PDFRawStream)) throw new Error('embedded file is not a stream');
    const content = new TextDecoder().decode(decodePDFRawStream(stream).decode());
    out.push({
      name: name instanceof PDFString || name instanceof PDFHexString ? name.decodeText() : String(name),
      relationship: String(spec.lookup(PDFName.of('AFRelationship'))),
      subtype: String(stream.dict.lookup(PDFName.of('Subtype'))),
      content,
    });
  }
  return out;
}

/** The XMP metadata packet of a PDF, as text. */
export async function xmpOf(pdf: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(pdf);
  const stream = doc.catalog.lookup(PDFName.of('Metadata'));
  if (!(stream instanceof PDFRawStream)) throw new Error('no XMP metadata stream');
  return new TextDecoder().decode(stream.contents);
}
