/**
 * The audio format the bytes are, from their magic numbers: WAV is a RIFF container of type WAVE; MP3 starts with
 * an ID3v2 tag or an MPEG audio frame sync (11 set bits). Null when it is neither (Bitrix24 takes only these two).
 */
export function sniffAudioFormat(bytes: Buffer): 'wav' | 'mp3' | null {
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WAVE') return 'wav';
  if (bytes.length >= 3 && bytes.toString('latin1', 0, 3) === 'ID3') return 'mp3';
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) return 'mp3';
  return null;
}
