// RIFF/WAVE reading and the one conversion the audio needs: espeak-ng writes 22 kHz 16-bit mono,
// about 5 MB for two minutes; halving the rate and the sample size gives a quarter of that, which
// a village phone on a slow network can fetch, and every browser still plays plain PCM WAV.

export interface Wav {
	channels: number;
	sampleRate: number;
	bitsPerSample: number;
	/** The bytes of the data chunk. */
	data: Buffer;
}

/** Parses a PCM WAV; null when the bytes are not one (espeak-ng's stream leaves sizes unset). */
export function parseWav(buf: Buffer): Wav | null {
	if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF') return null;
	if (buf.toString('ascii', 8, 12) !== 'WAVE') return null;
	let fmt: Omit<Wav, 'data'> | null = null;
	let at = 12;
	while (at + 8 <= buf.length) {
		const id = buf.toString('ascii', at, at + 4);
		const declared = buf.readUInt32LE(at + 4);
		const start = at + 8;
		// A streamed WAV declares 0 or 0xffffffff for its data size: the data runs to the end.
		const size = Math.min(declared, buf.length - start);
		if (id === 'fmt ' && size >= 16) {
			if (buf.readUInt16LE(start) !== 1) return null;
			fmt = {
				channels: buf.readUInt16LE(start + 2),
				sampleRate: buf.readUInt32LE(start + 4),
				bitsPerSample: buf.readUInt16LE(start + 14)
			};
		} else if (id === 'data' && fmt) {
			const end = declared === 0 || declared === 0xffffffff ? buf.length : start + size;
			return { ...fmt, data: buf.subarray(start, end) };
		}
		at = start + size + (size % 2);
	}
	return null;
}

/** Seconds of sound in a parsed WAV. */
export const durationOf = (w: Wav) =>
	w.data.length / (w.sampleRate * w.channels * (w.bitsPerSample / 8));

/** A PCM WAV file around the given samples, with every size filled in. */
export function encodeWav(w: Wav): Buffer {
	const head = Buffer.alloc(44);
	const blockAlign = w.channels * (w.bitsPerSample / 8);
	head.write('RIFF', 0, 'ascii');
	head.writeUInt32LE(36 + w.data.length, 4);
	head.write('WAVE', 8, 'ascii');
	head.write('fmt ', 12, 'ascii');
	head.writeUInt32LE(16, 16);
	head.writeUInt16LE(1, 20);
	head.writeUInt16LE(w.channels, 22);
	head.writeUInt32LE(w.sampleRate, 24);
	head.writeUInt32LE(w.sampleRate * blockAlign, 28);
	head.writeUInt16LE(blockAlign, 32);
	head.writeUInt16LE(w.bitsPerSample, 34);
	head.write('data', 36, 'ascii');
	head.writeUInt32LE(w.data.length, 40);
	return Buffer.concat([head, w.data]);
}

/**
 * 16-bit mono at rate r → 8-bit unsigned mono at r/2. Each output sample averages two inputs, a
 * crude low-pass that keeps the halved rate from folding the voice's hiss back into the band.
 */
export function compactWav(w: Wav): Wav {
	if (w.bitsPerSample !== 16 || w.channels !== 1) return w;
	const n = Math.floor(w.data.length / 4);
	const out = Buffer.alloc(n);
	for (let i = 0; i < n; i++) {
		const avg = (w.data.readInt16LE(i * 4) + w.data.readInt16LE(i * 4 + 2)) / 2;
		out[i] = Math.max(0, Math.min(255, Math.round(avg / 256) + 128));
	}
	return { channels: 1, sampleRate: Math.floor(w.sampleRate / 2), bitsPerSample: 8, data: out };
}
