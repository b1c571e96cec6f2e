import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, zip } from './zip';

/** Reads the archive back with Python's zipfile, which checks every CRC (testzip). */
function unzipWithPython(bytes: Uint8Array): { bad: string | null; files: Record<string, string> } {
	const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
	try {
		const path = join(dir, 'a.zip');
		writeFileSync(path, bytes);
		const out = execFileSync('python3', [
			'-c',
			`import zipfile,json,sys,base64
z=zipfile.ZipFile(sys.argv[1])
print(json.dumps({"bad":z.testzip(),"files":{n:base64.b64encode(z.read(n)).decode() for n in z.namelist()}}))`,
			path
		]).toString();
		const r = JSON.parse(out) as { bad: string | null; files: Record<string, string> };
		return {
			bad: r.bad,
			files: Object.fromEntries(
				Object.entries(r.files).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])
			)
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('zip', () => {
	it.each([
		['empty string', ''],
		['ascii', 'The quick brown fox jumps over the lazy dog'],
		['chinese', '新阳村决〔2026〕3号']
	])('crc32 of %s matches zlib', (_, text) => {
		const py = execFileSync('python3', [
			'-c',
			'import zlib,sys;print(zlib.crc32(sys.argv[1].encode()))',
			text
		])
			.toString()
			.trim();
		expect(crc32(new TextEncoder().encode(text))).toBe(Number(py));
	});

	it('writes an archive that Python reads back whole, UTF-8 names included', () => {
		const files = {
			'matter.json': JSON.stringify({ a: 1 }),
			'说明.txt': '果蔬储藏库',
			'empty.txt': ''
		};
		const r = unzipWithPython(zip(Object.entries(files).map(([name, data]) => ({ name, data }))));
		expect(r.bad).toBeNull();
		expect(r.files).toEqual(files);
	});

	it('an empty archive is still a valid one', () => {
		expect(unzipWithPython(zip([]))).toEqual({ bad: null, files: {} });
	});
});
