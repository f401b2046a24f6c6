/** Just enough multipart/form-data (RFC 7578) to read the upload a client sends to an attachRecord uploadUrl. */
export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export function boundaryOf(contentTypeHeader: string): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentTypeHeader);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) return null;
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return parts;
    if (body.subarray(pos, pos + 2).toString('latin1') !== '\r\n') return null;
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return null;
    const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return null;
    let name: string | null = null;
    let filename: string | null = null;
    let contentType: string | null = null;
    for (const h of headers) {
      const [key, ...rest] = h.split(':');
      const value = rest.join(':').trim();
      if (key?.trim().toLowerCase() === 'content-disposition') {
        name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? null;
        filename = /\bfilename="([^"]*)"/i.exec(value)?.[1] ?? null;
      } else if (key?.trim().toLowerCase() === 'content-type') {
        contentType = value;
      }
    }
    if (name === null) return null;
    parts.push({ name, filename, contentType, data: Buffer.from(body.subarray(headerEnd + 4, next)) });
    pos = next + 2;
  }
}
