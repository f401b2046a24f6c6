/**
 * Recording media the emulator serves: a short tone as 16-bit PCM WAV, or silent MPEG-1 Layer III frames. Small on
 * purpose (the length is capped); only the container has to be right for a client that downloads and forwards it.
 */

const SAMPLE_RATE = 8000;

export function wavTone(seconds: number, channels: 1 | 2): Buffer {
  const frames = Math.max(1, Math.round(seconds * SAMPLE_RATE));
  const blockAlign = channels * 2;
  const dataSize = frames * blockAlign;
  const buf = Buffer.alloc(44 + dataSize);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataSize, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(SAMPLE_RATE, 24);
  buf.writeUInt32LE(SAMPLE_RATE * blockAlign, 28);
  buf.writeUInt16LE(blockAlign, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataSize, 40);
  for (let i = 0; i < frames; i += 1) {
    const sample = Math.round(Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE) * 6000);
    for (let c = 0; c < channels; c += 1) buf.writeInt16LE(sample, 44 + i * blockAlign + c * 2);
  }
  return buf;
}

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417-byte frames, about 38 per second. */
export function mp3Silence(seconds: number, channels: 1 | 2): Buffer {
  const frameLength = 417;
  const count = Math.max(1, Math.round(seconds * 38.28));
  const header = Buffer.from([0xff, 0xfb, 0x90, channels === 1 ? 0xc4 : 0x64]);
  const frame = Buffer.alloc(frameLength);
  header.copy(frame, 0);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}
