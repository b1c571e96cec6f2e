import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zip } from './zip';

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

	it('deflates text, stores photos as they are, and dates every entry', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
		try {
			const path = join(dir, 'a.zip');
			const photo = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
			writeFileSync(
				path,
				zip(
					[
						{ name: 'notices.html', data: '公告'.repeat(2000) },
						{ name: 'photos/1.jpg', data: photo }
					],
					new Date(Date.UTC(2026, 10, 27, 8, 30))
				)
			);
			const out = execFileSync('python3', [
				'-c',
				`import zipfile,json,sys
z=zipfile.ZipFile(sys.argv[1])
print(json.dumps({i.filename:[i.compress_type,i.date_time[0],i.file_size,i.compress_size] for i in z.infolist()}))`,
				path
			]).toString();
			const info = JSON.parse(out) as Record<string, [number, number, number, number]>;
			expect(info['notices.html'][0]).toBe(8);
			expect(info['notices.html'][3]).toBeLessThan(info['notices.html'][2] / 10);
			expect(info['photos/1.jpg'][0]).toBe(0);
			expect(info['photos/1.jpg'][3]).toBe(4096);
			expect(info['notices.html'][1]).toBe(2026);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
